"""The glossary, `docs/glossary.yml`: groups of words or phrases that mean the same, for search.

    - [DACA, Deferred Action for Childhood Arrivals]
    - [sanctuary, santuario]

Each line is a group; searching any member finds records that use any other.
Members are read exactly as written (YAML's own types are ignored, so `yes`,
`1373` and `287(g)` stay text) and compared as a query compares them: by the
English stems of their folded words (`key_of`), so `S-Comm` and `s comm` are one
member, and so are `immigrant` and `immigration`. Every problem is reported with its line;
the groups that are valid are kept, so a preview still searches with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from policy_library.model.problems import Problem, Severity
from policy_library.search.text import stem, words

FILE_NAME = "glossary.yml"
FIELD = "glossary"
EXAMPLE = "- [DACA, Deferred Action for Childhood Arrivals]"


def key_of(folded: Sequence[str]) -> tuple[str, ...]:
    """What a run of folded words is compared by, in the glossary and in a query: their English stems."""
    return tuple(stem(w, "en") for w in folded)


@dataclass(frozen=True)
class Member:
    text: str  # as the editor wrote it, for the page to show ("ICE = Immigration and Customs Enforcement")
    words: tuple[str, ...]  # folded words, stop words included


@dataclass(frozen=True)
class Group:
    members: tuple[Member, ...]
    line: int


@dataclass(frozen=True)
class Glossary:
    groups: tuple[Group, ...] = ()

    def shipped(self) -> list[list[str]]:
        """The form the browser reads: each group's members as written (the page folds them with the index's text rules)."""
        return [[m.text for m in group.members] for group in self.groups]


def load_glossary(path: Path, shown: str) -> tuple[Glossary, list[Problem]]:
    """The glossary at `path` (none there: an empty one) and its problems, each named `shown:line`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Glossary(), []
    except UnicodeDecodeError as error:
        return Glossary(), [Problem(shown, 1, FIELD, f"the file is not UTF-8 text (byte 0x{error.object[error.start]:02x})", "save it with UTF-8 encoding")]
    except OSError as error:
        return Glossary(), [Problem(shown, 1, FIELD, f"cannot be read: {error.strerror}", "check that the file is readable")]
    return parse_glossary(text, shown)


def parse_glossary(text: str, shown: str) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []

    def problem(line: int, message: str, hint: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(shown, line, FIELD, message, hint, severity))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or "it cannot be read"
        line = mark.line + 1 if mark else 1
        if "found ','" in reason:  # `[a, , b]`: what an editor means by it is an empty member
            problem(line, "a member is empty (two commas in a row)", "remove the extra comma, or write the word or phrase")
        else:
            problem(line, f"is not valid YAML: {reason}", f"write one group a line, like {EXAMPLE}")
        return Glossary(), problems
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return Glossary(), problems
    if not isinstance(root, yaml.SequenceNode):
        problem(root.start_mark.line + 1, "the glossary must be a list of groups", f"write one group a line, like {EXAMPLE}")
        return Glossary(), problems
    first_seen: dict[tuple[str, ...], tuple[str, int]] = {}  # a member's key -> (its text, its group's line)
    groups: list[Group] = []
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.SequenceNode):
            shown_value = node.value if isinstance(node, yaml.ScalarNode) else "…"
            problem(line, f"the group {shown_value!r} is not a list", f"write the words that mean the same in brackets, like {EXAMPLE}")
            continue
        members: list[Member] = []
        in_group: set[tuple[str, ...]] = set()
        for item in node.value:
            item_line = item.start_mark.line + 1
            if not isinstance(item, yaml.ScalarNode):
                problem(item_line, "a member is a list or mapping, not a word or phrase", "write each member as plain text between the commas")
                continue
            member_text = "" if item.tag.endswith(":null") else item.value.strip()
            if not member_text:
                problem(item_line, "a member is empty", "remove the extra comma, or write the word or phrase")
                continue
            member_words = tuple(words(member_text))
            key = key_of(member_words)
            if not member_words:
                problem(item_line, f"{member_text!r} has no letters or digits to search for", "remove it, or write the word it stands for")
                continue
            if key in in_group:
                problem(
                    item_line,
                    f"{member_text!r} is in this group twice (search ignores case, accents, punctuation and word endings)",
                    "remove one",
                    Severity.WARNING,
                )
                continue
            if key in first_seen:
                other, other_line = first_seen[key]
                problem(
                    item_line,
                    f"{member_text!r} is also in the group on line {other_line} (as {other!r}; search ignores case, accents, punctuation and word endings)",
                    "a word or phrase belongs to one group: merge the two groups or remove one of them",
                )
                continue
            in_group.add(key)
            members.append(Member(member_text, member_words))
        if len(node.value) == 1 and members:
            problem(line, f"the group [{members[0].text}] has one member: there is nothing it means the same as", "add its equivalents, or remove the line")
            continue
        if len(members) < 2:
            continue  # what was wrong with it is reported above
        for member in members:
            first_seen[key_of(member.words)] = (member.text, line)
        groups.append(Group(tuple(members), line))
    return Glossary(tuple(groups)), problems
