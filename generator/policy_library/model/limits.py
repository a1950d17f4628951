"""Limits on a record's shape, checked when it is read so that `library check` and the build agree.

Everything downstream of a record (its page, the exports, page metadata) copies
its values and renders its body; these limits keep both within what those steps
can handle, and say so with a line number instead of failing later:

- YAML aliases (`*name`) are refused in every field: an alias repeats a value
  without repeating its text, so a few hundred bytes can stand for gigabytes
  once the value is copied out (an "alias bomb").
- A field the library does not know may hold text, a list or a group, nested at
  most `MAX_NESTING` deep and at most `MAX_CHARS` characters in all.
- A body may nest lists, quotes, emphasis and brackets at most `MAX_BODY_DEPTH`
  deep: Python-Markdown renders nesting by recursion and fails a few hundred
  levels down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

MAX_NESTING = 2
MAX_CHARS = 10_000
MAX_BODY_DEPTH = 32

ALIAS_HINT = "write the value out in full instead of the *name alias"


def value_problem(node: yaml.Node, seen: set[int], *, known: bool) -> tuple[str, str] | None:
    """Why one field's YAML value is refused, as (message, fix), or None.

    `seen` holds the nodes of the fields read before: the composer hands out an
    aliased node itself, so a node met a second time is an alias.
    """
    stack = [(node, 0)]
    chars = 0
    while stack:
        current, depth = stack.pop()
        if id(current) in seen:
            return "repeats another value through a YAML alias (*name), which records do not allow", ALIAS_HINT
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            chars += max(len(current.value), 1)
            continue
        depth += 1
        if not known and depth > MAX_NESTING:
            return (
                f"is nested {depth} levels deep; a field the library does not know may hold text, a list or a group, at most {MAX_NESTING} levels deep",
                "write plain values such as notes: [first, second]",
            )
        if isinstance(current, yaml.MappingNode):
            stack.extend((child, depth) for pair in current.value for child in pair)
        else:
            stack.extend((child, depth) for child in current.value)
    if not known and chars > MAX_CHARS:
        return (
            f"holds {chars:,} characters; a field the library does not know may hold at most {MAX_CHARS:,}",
            "shorten it, or move long text into the body below the frontmatter",
        )
    return None


# Line prefixes that open a container: a quote marker, or indentation (a tab or four spaces per level).
_PREFIX = re.compile(r"[ \t]*>?")
# In running text: emphasis delimiter runs and link brackets, the inline elements that nest.
_INLINE = re.compile(r"\*+|_+|\[|\]")


def body_problem(body: str) -> tuple[int, str, str] | None:
    """Where a body nests deeper than pages can render, as (0-based line in the body, message, fix), or None."""
    depth_message = "is nested {depth} levels deep here (lists, quotes, emphasis or brackets inside each other); pages can show at most {limit}"
    for offset, depth, what in _nesting(body):
        if depth > MAX_BODY_DEPTH:
            hint = "indent list items less, or end some quotes (>)" if what == "block" else "close emphasis (*, _) and brackets ([ ]) before opening new ones"
            return offset, depth_message.format(depth=depth, limit=MAX_BODY_DEPTH), hint
    return None


def _nesting(body: str) -> Iterator[tuple[int, int, str]]:
    """(line, depth, "block" or "inline") at every line, an upper bound on how deep Python-Markdown nests there."""
    inline = 0
    for offset, line in enumerate(body.split("\n")):
        if not line.strip():
            inline = 0  # emphasis and links end with their paragraph
            continue
        yield offset, _block_depth(line), "block"
        if "*" in line or "_" in line or "[" in line:
            for match in _INLINE.finditer(line):
                inline = _step(line, match, inline)
                if inline > MAX_BODY_DEPTH:
                    yield offset, inline, "inline"
                    break


def _block_depth(line: str) -> int:
    depth = 0
    at = 0
    while True:
        match = _PREFIX.match(line, at)
        assert match is not None  # the pattern matches the empty string
        indent = match.group().rstrip(">")
        depth += len(indent.expandtabs(4)) // 4
        if not match.group().endswith(">"):
            return depth
        depth += 1
        at = match.end()


def _step(line: str, match: re.Match[str], depth: int) -> int:
    token = match.group()
    if token == "[":
        return depth + 1
    if token == "]":
        return max(depth - 1, 0)
    before = line[match.start() - 1] if match.start() else " "
    after = line[match.end()] if match.end() < len(line) else " "
    opens = not after.isspace() and (not before.isalnum() or depth == 0)
    if opens:
        return depth + len(token)
    return max(depth - len(token), 0) if not before.isspace() else depth
