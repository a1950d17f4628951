"""Control characters in a record, a file name or a spreadsheet reach the editor's terminal and pull request escaped.

An ESC starts a terminal escape sequence (colours, clearing the screen, rewriting the
window title, hyperlinks); a right-to-left override reorders the rest of the line.
Either would let a hostile file hide or disguise the problems `check`, `import` and the
build report, so every message shows them as visible escapes instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from policy_library.model.problems import Problem, printable

from tests.support import make_project, run_mkdocs_build
from tests.test_cli import GOOD, OTHER, library

# ESC, CSI as one C1 byte, BEL, DEL, a newline, a right-to-left override and a bidi isolate.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAME = "evil\x1b[2J\x1b]0;pwned\x07\u202etxt.md"


def assert_escaped(output: str) -> None:
    found = RAW.findall(output)
    assert not found, f"raw control characters reach the editor: {found!r}"


def test_printable_escapes_every_control_and_keeps_the_rest() -> None:
    assert printable("a\x1b[31mb\u009bc\u202ed\u2067e\nf\tg\x7f") == "a\\x1b[31mb\\x9bc\\u202ed\\u2067e\\nf\\tg\\x7f"
    assert printable("Política pública — 第1条 ✓") == "Política pública — 第1条 ✓"


def test_a_problem_renders_escaped_as_text_and_as_an_annotation() -> None:
    problem = Problem("docs/records/a\x1b[2J.md", 3, "ti\u202etle", "bad\x9b value\n::error::forged", "fix \x07 it")
    text = str(problem)
    assert text == "docs/records/a\\x1b[2J.md:3: ti\\u202etle: bad\\x9b value\\n::error::forged (fix \\x07 it)"
    annotation = problem.github()
    assert_escaped(annotation)
    assert "\n" not in annotation  # a newline would start a second, forged workflow command
    assert "a\\x1b[2J.md" in annotation and "ti\\u202etle" in annotation


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path, {"king-county-ordinance-17886.md": GOOD, "other-record.md": OTHER})
    (project / "docs/records" / HOSTILE_NAME).write_text(OTHER.replace("Policing", "Policing\u202e\x1b[8m"), encoding="utf-8")
    return project


@pytest.mark.parametrize("style", ["text", "github"])
def test_check_shows_control_characters_escaped(hostile_project: Path, style: str) -> None:
    result = library(hostile_project, "check", "--format", style)
    assert result.returncode == 1
    assert "evil\\x1b[2J\\x1b]0;pwned\\x07\\u202etxt.md" in result.stdout
    assert_escaped(result.stdout + result.stderr)


def test_build_log_shows_control_characters_escaped(hostile_project: Path) -> None:
    result = run_mkdocs_build(hostile_project, hostile_project / "site")
    assert result.returncode != 0
    assert "evil\\x1b[2J" in result.stderr
    assert_escaped(result.stdout + result.stderr)


def test_import_shows_control_characters_escaped(hostile_project: Path) -> None:
    (hostile_project / "docs/records" / HOSTILE_NAME).unlink()
    rows = [
        {"title": "A\x1b[31m title", "summary": "S.", "document_type": "Report", "policy_areas": "Immigration", "note\x1b]8;;http://x\x07": "y"},
        {"title": "Another", "summary": "S.", "document_type": "Repo\x9b2Jrt", "policy_areas": "Immigration"},
    ]
    sheet = hostile_project / "sheet\x1b[1m.json"
    sheet.write_text(json.dumps(rows), encoding="utf-8")
    result = library(hostile_project, "import", sheet.name)
    assert result.returncode == 1
    assert "sheet\\x1b[1m.json: row 1: note\\x1b]8;;http://x\\x07: is not a field the library knows" in result.stdout
    # Bidi controls are removed when a record is read; a C1 control is refused by its code point, never printed raw.
    assert "row 2: document_type: the frontmatter contains an invisible control character (#x009b)" in result.stdout
    assert_escaped(result.stdout + result.stderr)
