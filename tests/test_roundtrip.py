"""Export then import --update is quiet and loses nothing: unchanged records keep their files byte for byte."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.support import ROOT, make_project
from tests.test_cli import library, no_traceback

HAND_WRITTEN = """---
# Kept: a comment an editor wrote.
title: 'Single-quoted Title'
summary: >-
  A folded summary
  over two lines.
document_type: ordinance
policy_areas:
  - Immigration
  - policing
states: Washington
date: 2019
rank: 5
notes: [first, second]
reviewed: 2020-01-02
contact: {name: Ana, phone: "555"}
---

The body, with a [link](https://example.org).
"""


def files_of(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "docs/records").iterdir())}


@pytest.mark.parametrize("style", ["csv", "json"])
def test_export_then_import_update_leaves_every_sample_record_byte_identical(tmp_path: Path, style: str) -> None:
    project = make_project(tmp_path, {})
    shutil.rmtree(project / "docs/records")
    shutil.copytree(ROOT / "docs/records", project / "docs/records")
    if (ROOT / "docs/files").is_dir():
        shutil.rmtree(project / "docs/files")
        shutil.copytree(ROOT / "docs/files", project / "docs/files")
    before = files_of(project)
    assert len(before) >= 90
    exported = library(project, "export", "-o", f"library.{style}")
    assert exported.returncode == 0, exported.stderr
    imported = library(project, "import", f"library.{style}", "--update")
    assert imported.returncode == 0, imported.stdout
    assert f"0 new records, {len(before)} unchanged (left as they were)" in imported.stdout
    assert "updated" not in imported.stdout
    changed = [name for name, data in files_of(project).items() if data != before[name]]
    assert changed == []


def test_unknown_fields_and_the_editors_layout_survive_a_round_trip_with_an_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"hand-written.md": HAND_WRITTEN})
    check = library(project, "check")
    assert check.returncode == 0, check.stdout
    exported = library(project, "export", "-o", "library.csv")
    assert exported.returncode == 0, exported.stderr
    same = library(project, "import", "library.csv", "--update")
    assert same.returncode == 0, same.stdout
    assert (project / "docs/records/hand-written.md").read_text(encoding="utf-8") == HAND_WRITTEN

    rows = list(csv.DictReader(io.StringIO((project / "library.csv").read_text(encoding="utf-8-sig"))))
    assert (rows[0]["rank"], rows[0]["notes"], rows[0]["reviewed"]) == ("5", '["first", "second"]', "2020-01-02")
    rows[0]["jurisdiction"] = "King County"
    rows[0]["tags"] = "detainers; jail"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    (project / "edited.csv").write_text(out.getvalue(), encoding="utf-8")
    edited = library(project, "import", "edited.csv", "--update")
    assert edited.returncode == 0, edited.stdout
    no_traceback(edited)
    after = (project / "docs/records/hand-written.md").read_text(encoding="utf-8")
    # The two new fields are added; every line the editor wrote stays, unknown fields with their own values.
    contact = 'contact: {name: Ana, phone: "555"}\n'
    expected = HAND_WRITTEN.replace(contact, contact + "jurisdiction: King County\ntags: [detainers, jail]\n")
    assert after == expected
    exported_again = library(project, "export", "--format", "json")
    record = json.loads(exported_again.stdout)[0]
    assert (record["rank"], record["notes"], record["contact"]) == ("5", '["first", "second"]', '{"name": "Ana", "phone": "555"}')
