"""Hostile things in the docs folder besides records: archived copies, folder links, reserved ids.

Each is refused by `library check` and by the build alike, with a problem that
names the file and the fix, never a traceback, and a failed build publishes
nothing.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from policy_library.model.records import parse_bytes
from policy_library.model.taxonomy import Taxonomy

from tests.support import MKDOCS, make_project, run_mkdocs_build
from tests.test_cli_serve import fetch, free_port, wait_for

LIBRARY = Path(sys.executable).parent / "library"

GOOD = """---
title: A good record
summary: Fine.
document_type: Report
policy_areas: [Immigration]
{extra}---
Body.
"""
SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>'


def library(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LIBRARY), *args], cwd=project, capture_output=True, text=True, timeout=120, env=dict(os.environ))


def refused_by_check_and_build(project: Path, tmp_path: Path, expected: list[str]) -> None:
    """`library check` and `mkdocs build` both fail, each naming every expected problem, with no traceback."""
    checked = library(project, "check")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = run_mkdocs_build(project, site)
    assert built.returncode != 0
    for output in (checked.stdout, built.stderr):
        assert "Traceback" not in output, output
        for line in expected:
            assert line in output, f"{line!r} not in:\n{output}"
    assert not site.exists()


# --- archived copies: only safe document types under docs/files/ -------------------


UNSAFE_FILES = {
    "files/chart.svg": SCRIPT_SVG,
    "files/copy.html": b"<script>alert(1)</script>",
    "files/copy.HTM": b"<script>alert(1)</script>",
    "files/feed.xml": b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
    "files/notes.md": b"# Notes\n\n<script>alert(1)</script>\n",
    "files/sub/page.xhtml": b"<html/>",
    "files/no-extension": b"<script>alert(1)</script>",
}
SAFE_FILES = {
    "files/report.pdf": b"%PDF-1.4\n%%EOF\n",
    "files/scan.PNG": b"\x89PNG\r\n\x1a\n",
    "files/photo.jpg": b"\xff\xd8\xff",
    "files/memo.docx": b"PK\x03\x04",
    "files/table.xlsx": b"PK\x03\x04",
    "files/text.txt": b"Plain text.\n",
    "files/sub/minutes.odt": b"PK\x03\x04",
}


def test_only_safe_document_types_are_archived(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {"good.md": GOOD.format(extra="file: files/report.pdf\n"), "drawing.md": GOOD.format(extra="file: files/chart.svg\n")},
        files={**UNSAFE_FILES, **SAFE_FILES},
    )
    expected = [f"docs/{name}:1: file: " for name in UNSAFE_FILES]
    expected.append("docs/records/drawing.md:6: file: ")
    refused_by_check_and_build(project, tmp_path, expected)
    checked = library(project, "check").stdout
    problems = [line for line in checked.splitlines() if ("docs/files/" in line or "drawing.md" in line) and not line.endswith("[warning]")]
    assert problems and all("(" in line and line.endswith(")") for line in problems), problems  # each with its fix
    assert "docs/files/chart.svg:1: file: " in checked and "PDF" in checked
    for name in SAFE_FILES:
        assert f"docs/{name}:1: file:" not in checked


def test_nothing_under_docs_files_becomes_a_page_even_in_the_preview(tmp_path: Path) -> None:
    """`mkdocs serve` goes on previewing after a problem: the refused files are left out of it, not rendered."""
    project = make_project(tmp_path, {"good.md": GOOD.format(extra="")}, files={"files/notes.md": UNSAFE_FILES["files/notes.md"], **SAFE_FILES})
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        command = [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"]
        process = subprocess.Popen(command, cwd=project, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for("the preview serves the record", lambda: fetch(url + "records/good/")[0] == 200, log)
        assert fetch(url + "files/notes/")[0] == 404
        assert fetch(url + "files/notes.md")[0] == 404
        assert fetch(url + "files/report.pdf")[0] == 200
        assert "docs/files/notes.md:1: file: " in log.read_text(errors="replace")
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_safe_archived_copies_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"good.md": GOOD.format(extra="file: files/report.pdf\n")}, files=SAFE_FILES)
    assert library(project, "check").returncode == 0
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for name in SAFE_FILES:
        assert (site / name).read_bytes() == SAFE_FILES[name]


# --- links to folders anywhere in docs/ ----------------------------------------------


def test_folder_links_in_docs_are_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"good.md": GOOD.format(extra="")})
    docs = project / "docs"
    (docs / "files" / "recs").symlink_to("../records", target_is_directory=True)
    (docs / "files" / "loop").symlink_to("..", target_is_directory=True)
    (docs / "mirror").symlink_to("files", target_is_directory=True)
    expected = [f"docs/{name}:1: file: is a link to a folder" for name in ("files/recs", "files/loop", "mirror")]
    refused_by_check_and_build(project, tmp_path, expected)


# --- record ids the site's own pages use ---------------------------------------------


def test_reserved_id_is_refused(taxonomy: Taxonomy) -> None:
    record, problems = parse_bytes(GOOD.format(extra="").encode(), "index", taxonomy, path="docs/records/index.md")
    assert record is None
    assert str(problems[0]).startswith("docs/records/index.md:1: id: "), problems
    assert "records/" in problems[0].message and problems[0].hint


def test_record_named_index_is_refused_by_check_and_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"index.md": GOOD.format(extra=""), "other.md": GOOD.format(extra="related: [index]\n")})
    refused_by_check_and_build(project, tmp_path, ["docs/records/index.md:1: id: "])


def test_import_never_makes_a_reserved_id(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    with (project / "sheet.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["title", "summary", "document_type", "policy_areas"])
        writer.writerow(["Index", "A record titled Index.", "Report", "Immigration"])
    result = library(project, "import", "sheet.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    written = [p.name for p in (project / "docs" / "records").iterdir()]
    assert len(written) == 1 and written != ["index.md"], written


def test_explicit_reserved_id_in_an_import_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    with (project / "sheet.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "summary", "document_type", "policy_areas"])
        writer.writerow(["index", "Index", "A record titled Index.", "Report", "Immigration"])
    result = library(project, "import", "sheet.csv")
    assert result.returncode == 1
    assert "sheet.csv: row 2: id: " in result.stdout, result.stdout
    assert not (project / "docs" / "records" / "index.md").exists()
