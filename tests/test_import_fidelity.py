"""What `library export` writes, `library import` reads back exactly; what it cannot read, it says so without a traceback."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from policy_library.site import opendata

from tests.support import make_project
from tests.test_cli import library, no_traceback, records_of

RECORD = """---
title: {title}
summary: A summary.
document_type: Report
policy_areas: [Immigration]
tags: [{tags}]
---
{body}
"""

# Cells a spreadsheet would run as formulas, in ASCII and in the full-width forms that
# Excel and LibreOffice fold to ASCII; and cells that start with an apostrophe of their own.
TRICKY_TITLES = {
    "formula": "=1+1",
    "full-width-equals": '\uff1dHYPERLINK("http://evil.example","x")',
    "full-width-plus": "\uff0b1",
    "full-width-minus": "\uff0d1",
    "full-width-at": "\uff20SUM(A1)",
    "small-equals": "\ufe66cmd",
    "apostrophe-formula": "'=1+1",
    "apostrophe-text": "'Quoted' report",
    "two-apostrophes": "''=x",
}


def rows_of(csv_text: str) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"), newline=""))}


def test_neutralise_covers_full_width_formula_starts() -> None:
    for text in ("=1", "+1", "-1", "@A1", "\uff1d1", "\uff0b1", "\uff0d1", "\uff20A1", "\ufe621", "\ufe63x", "'=1", "'text"):
        assert opendata.neutralise(text) == "'" + text, text
    for text in ("Report", "1=1", "a+b", "\u00e9t\u00e9", "", "\uff21bc"):  # a full-width letter is no formula
        assert opendata.neutralise(text) == text, text
    # records.csv is written through the same cell function.
    data = opendata.to_csv([{c.name: ("\uff1d1+1" if c.name == "title" else "") for c in opendata.COLUMNS}]).decode("utf-8-sig")
    assert "'\uff1d1+1" in data


@pytest.mark.parametrize("style", ["csv", "json"])
def test_formula_cells_and_apostrophes_survive_export_then_import(tmp_path: Path, style: str) -> None:
    project = make_project(
        tmp_path, {f"{rid}.md": RECORD.format(title=json.dumps(title), tags=json.dumps(title), body=title) for rid, title in TRICKY_TITLES.items()}
    )
    original = records_of(project)
    assert {rid: r.title for rid, r in original.items()} == TRICKY_TITLES
    exported = library(project, "export", "--format", style, "-o", f"all.{style}")
    assert exported.returncode == 0, exported.stderr
    if style == "csv":
        cells = rows_of((project / "all.csv").read_text(encoding="utf-8"))
        for rid, title in TRICKY_TITLES.items():
            assert cells[rid]["title"] == "'" + title, rid  # every one of them starts with a formula sign or an apostrophe
    shutil.rmtree(project / "docs/records")
    imported = library(project, "import", f"all.{style}")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert records_of(project) == original


def test_a_body_over_128_kb_exports_and_imports(tmp_path: Path) -> None:
    body = "\n\n".join(f"Paragraph {n}: " + 'text, with commas and "quotes". ' * 12 for n in range(600))
    assert len(body.encode("utf-8")) > 200_000
    project = make_project(tmp_path, {"long-report.md": RECORD.format(title="Long report", tags="long", body=body)})
    original = records_of(project)
    exported = library(project, "export", "-o", "all.csv")
    assert exported.returncode == 0, exported.stderr
    shutil.rmtree(project / "docs/records")
    imported = library(project, "import", "all.csv")
    no_traceback(imported)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert records_of(project) == original


def test_deeply_nested_json_is_a_clear_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    (project / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = library(project, "import", "deep.json")
    no_traceback(result)
    assert result.returncode == 1
    assert "deep.json: the JSON is nested too deeply" in result.stderr
    (project / "cell.json").write_text(
        '[{"title": "T", "summary": "S.", "document_type": "Report", "policy_areas": "Immigration", "tags": ' + "[" * 900 + "]" * 900 + "}]", encoding="utf-8"
    )
    result = library(project, "import", "cell.json")
    no_traceback(result)
    assert result.returncode == 1
    assert "cell.json: row 1: tags: holds a list inside a list" in result.stderr
    assert not list((project / "docs/records").glob("*.md"))
