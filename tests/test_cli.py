"""The `library` command as editors run it: the real console script, in a project of its own."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from policy_library.model.library import load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy

from tests.support import ROOT, make_project

LIBRARY = Path(sys.executable).parent / "library"

GOOD = """---
title: "King County Ordinance 17886"
summary: Ends the honoring of civil immigration hold requests.
document_type: Ordinance
policy_areas: [Immigration]
level: County
states: [WA]
date: 2014-12-01
related: [other-record]
---
Body.
"""

OTHER = """---
title: Other record
summary: Another one.
document_type: Report
policy_areas: Policing
---
"""

BAD = """---
title: Bad record
summary: Has mistakes.
document_type: Ordnance
policy_areas: [Immigraton]
states: [Washingon]
date: 2017-02-30
colour: red
amends: [other-recrod]
---
"""

DANGLING = OTHER.replace("policy_areas: Policing\n", "policy_areas: Policing\nrelated: [other-recrod]\n")

BROKEN_YAML = """---
title: "unclosed
summary: x
---
"""


def library(project: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    assert LIBRARY.exists(), f"the console script is installed with the package: {LIBRARY}"
    return subprocess.run(
        [str(LIBRARY), *args], cwd=project, input=stdin, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "0"}
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"king-county-ordinance-17886.md": GOOD, "other-record.md": OTHER})


def records_of(project: Path) -> dict[str, Record]:
    docs = project / "docs"
    library = load_library(docs / "records", Taxonomy.from_config(), docs_dir=docs)
    assert not [p for p in library.problems if p.is_error], library.problems
    return {rid: dataclasses.replace(r, path="") for rid, r in library.records.items()}


# --- check ----------------------------------------------------------------------


def test_check_good_library(project: Path) -> None:
    result = library(project, "check")
    assert result.returncode == 0
    assert result.stdout.strip() == "Checked 2 records: no problems."


def test_check_reports_every_problem_with_line_field_and_hint(project: Path) -> None:
    (project / "docs/records/bad-record.md").write_text(BAD, encoding="utf-8")
    (project / "docs/records/broken-yaml.md").write_text(BROKEN_YAML, encoding="utf-8")
    (project / "docs/records/dangling.md").write_text(DANGLING, encoding="utf-8")
    result = library(project, "check")
    assert result.returncode == 1
    no_traceback(result)
    lines = result.stdout.strip().splitlines()
    assert lines[:8] == [
        "docs/records/bad-record.md:4: document_type: 'Ordnance' is not an allowed value (did you mean \"Ordinance\"?)",
        "docs/records/bad-record.md:5: policy_areas: 'Immigraton' is not an allowed value (did you mean \"Immigration\"?)",
        "docs/records/bad-record.md:6: states: 'Washingon' is not a US state, DC or territory (did you mean Washington (WA)?)",
        lines[3],
        lines[4],
        lines[5],
        lines[6],
        lines[7],
    ]
    assert lines[3].startswith("docs/records/bad-record.md:7: date: '2017-02-30'")
    assert lines[4].startswith("docs/records/bad-record.md:8: colour: is not a field the library knows") and lines[4].endswith("[warning]")
    # A reference is checked even in a record left out for its other errors: every problem in one run.
    assert lines[5] == "docs/records/bad-record.md:9: amends: there is no record 'other-recrod' (did you mean other-record?)"
    assert lines[6].startswith("docs/records/broken-yaml.md:") and "YAML syntax error" in lines[6]
    assert lines[7] == "docs/records/dangling.md:6: related: there is no record 'other-recrod' (did you mean other-record?)"
    assert lines[-1] == "Checked 5 records: 7 errors in 3 files, 1 warning. Nothing can be published until the errors are fixed."


def test_check_github_annotations(project: Path) -> None:
    (project / "docs/records/bad-record.md").write_text(BAD, encoding="utf-8")
    result = library(project, "check", "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert (
        lines[0]
        == "::error file=docs/records/bad-record.md,line=4,title=document_type::document_type: 'Ordnance' is not an allowed value (did you mean \"Ordinance\"?)"
    )
    assert sum(line.startswith("::error file=docs/records/bad-record.md,line=") for line in lines) == 5
    assert any(line.startswith("::warning file=docs/records/bad-record.md,line=8,title=colour::") for line in lines)
    assert lines[-1].startswith("Checked 3 records: 5 errors in 1 file, 1 warning.")


def test_warnings_alone_do_not_fail(project: Path) -> None:
    (project / "docs/records/extra-field.md").write_text(OTHER.replace("---\n", "---\ncolour: red\n", 1), encoding="utf-8")
    for style in ("text", "github"):
        result = library(project, "check", "--format", style)
        assert result.returncode == 0, result.stdout
        assert "1 warning" in result.stdout.splitlines()[-1]


def test_check_named_files_knows_the_other_records(project: Path) -> None:
    # king-county-ordinance-17886 refers to other-record, which is not named but exists.
    result = library(project, "check", "docs/records/king-county-ordinance-17886.md")
    assert (result.returncode, result.stdout.strip()) == (0, "Checked 1 record: no problems.")
    result = library(project, "check", "docs/records/nope.md")
    assert result.returncode == 1
    assert result.stdout.startswith("docs/records/nope.md:1: file: there is no such file or folder")


def test_check_uses_the_vocabularies_of_mkdocs_yml(project: Path) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - library\n", "  - library:\n      vocabularies:\n        document_type: [Ordinance, Zine]\n", 1)
    # MkDocs configs may carry Python tags; check reads past them.
    text += "\nextra:\n  emoji: !!python/name:material.extensions.emoji.twemoji\n  home: !ENV [HOME, nowhere]\n"
    config.write_text(text, encoding="utf-8")
    result = library(project, "check")
    assert result.returncode == 1
    assert "docs/records/other-record.md:4: document_type: 'Report' is not an allowed value" in result.stdout
    assert '"Ordinance", "Zine"' in result.stdout


# --- new ------------------------------------------------------------------------


def test_new_never_overwrites_and_check_accepts_it_once_filled_in(project: Path) -> None:
    existing = project / "docs/records/other-record.md"
    before = existing.read_bytes()
    first = library(project, "new", "Other Record", "--no-input")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == "Wrote docs/records/other-record-2.md"
    assert "Still to fill in: summary, document_type, policy_areas" in first.stdout
    second = library(project, "new", "Other Record", "--no-input")
    assert second.stdout.splitlines()[0] == "Wrote docs/records/other-record-3.md"
    assert existing.read_bytes() == before

    taken = library(project, "new", "Anything", "--id", "other-record", "--no-input")
    assert taken.returncode == 1
    assert "already exists" in taken.stderr
    assert existing.read_bytes() == before

    path = project / "docs/records/other-record-2.md"
    text = path.read_text(encoding="utf-8")
    assert "# level: " in text and "# states: [WA]" in text and "# file: files/document.pdf" in text  # optional fields, explained
    flagged = library(project, "check", "docs/records/other-record-2.md")
    assert flagged.returncode == 1
    assert [line.split(": ")[1] for line in flagged.stdout.splitlines()[:-1]] == ["summary", "document_type", "policy_areas"]

    filled = (
        text.replace("summary:\n", "summary: What it does.\n")
        .replace("document_type:\n", "document_type: Report\n")
        .replace("policy_areas: []", "policy_areas: [Immigration]")
        .replace("# states: [WA]", "states: [WA]")
    )
    path.write_text(filled, encoding="utf-8")
    accepted = library(project, "check", "docs/records/other-record-2.md")
    assert (accepted.returncode, accepted.stdout.strip()) == (0, "Checked 1 record: no problems.")
    (project / "docs/records/other-record-3.md").unlink()
    assert records_of(project)["other-record-2"].states == ("WA",)


def test_new_with_options_fills_the_fields(project: Path) -> None:
    result = library(
        project,
        "new",
        "Culver City Resolution 2017-R025",
        "--type",
        "resolution",
        "--area",
        "Immigration, Policing",
        "--state",
        "CA",
        "--date",
        "2017-03-13",
        "--summary",
        "Declares: a sanctuary city.",
    )
    assert result.returncode == 0, result.stderr
    assert "Check it with: library check docs/records/culver-city-resolution-2017-r025.md" in result.stdout
    record = records_of(project)["culver-city-resolution-2017-r025"]
    assert (record.title, record.summary, record.document_type, record.policy_areas, record.states, record.date.iso()) == (  # type: ignore[union-attr]
        "Culver City Resolution 2017-R025",
        "Declares: a sanctuary city.",
        "Resolution",
        ("Immigration", "Policing"),
        ("CA",),
        "2017-03-13",
    )


def test_new_refuses_wrong_options_and_writes_nothing(project: Path) -> None:
    result = library(project, "new", "A title", "--type", "Ordnance", "--date", "2017-13")
    assert result.returncode == 1
    no_traceback(result)
    assert "document_type: 'Ordnance' is not an allowed value (did you mean \"Ordinance\"?)" in result.stderr
    assert "date: month 13 does not exist" in result.stderr
    assert not (project / "docs/records/a-title.md").exists()
    untitled = library(project, "new", "--no-input")
    assert untitled.returncode == 1
    assert "give the document's title" in untitled.stderr


def test_new_asks_in_a_terminal(project: Path) -> None:
    pty = pytest.importorskip("pty", reason="interactive prompts need a pseudo-terminal (POSIX only)")
    master, slave = pty.openpty()
    answers = "Seattle Resolution 31730\nAffirms welcoming city status.\nResolutoin\n5\n1, 3\nWashington\n2017-01\n"
    process = subprocess.Popen([str(LIBRARY), "new"], cwd=project, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    os.write(master, answers.encode())
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        output += chunk
    if process.poll() is None:
        process.kill()  # a question asked again and again: fail below instead of hanging
    assert process.wait(timeout=10) == 0, output.decode(errors="replace")
    os.close(master)
    text = output.decode(errors="replace")
    assert "'Resolutoin' is not in the list; did you mean Resolution, Report?" in text
    record = records_of(project)["seattle-resolution-31730"]
    assert (record.document_type, record.policy_areas, record.states, record.date.iso()) == ("Resolution", ("Immigration", "Policing"), ("WA",), "2017-01")  # type: ignore[union-attr]


# --- import ---------------------------------------------------------------------

HEADER = ["id", "Title", "Summary", "Document type", "Policy areas", "States", "Date", "related", "body"]


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = False, newline: str = "\r\n") -> Path:
    out = io.StringIO()
    csv.writer(out, dialect="excel", lineterminator=newline).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))
    return path


def test_import_with_bad_rows_writes_nothing_and_names_every_bad_row(project: Path) -> None:
    write_csv(
        project / "sheet.csv",
        [
            HEADER,
            ["", "A Good Row", "Fine.", "Report", "Immigration", "", "2019", "", ""],
            ["", "Type Typo", "Sum.", "Ordnance", "Immigration", "", "", "", ""],
            ["", "Excel Date", "Sum.", "Report", "Immigration", "", "1/25/2017", "", ""],
            ["Bad Id!", "Commas", "Sum.", "Report", "Immigration, Policing", "Washingon", "", "", ""],
            ["", "Dangling", "Sum.", "Report", "Immigration", "", "", "no-such-record", ""],
            ["", "", "", "", "", "", "", "", ""],
            ["", "Missing Fields", "", "", "", "", "", "", ""],
            ["", "A Good Row", "Twice.", "Report", "Immigration", "", "", "", ""],
        ],
    )
    before = sorted(p.name for p in (project / "docs/records").iterdir())
    result = library(project, "import", "sheet.csv")
    assert result.returncode == 1
    no_traceback(result)
    assert sorted(p.name for p in (project / "docs/records").iterdir()) == before
    out = result.stdout
    assert "sheet.csv: row 3: document_type: 'Ordnance' is not an allowed value (did you mean \"Ordinance\"?)" in out
    assert (
        "sheet.csv: row 4: date: '1/25/2017' is not a date in a form the library reads (spreadsheets often turn dates into 1/25/2017; write 2017-01-25" in out
    )
    assert "sheet.csv: row 5: id: 'Bad Id!' is not a valid record id" in out
    assert "sheet.csv: row 5: policy_areas: 'Immigration, Policing' is not an allowed value" in out and "separate several values with ;" in out
    assert "sheet.csv: row 5: states: 'Washingon' is not a US state" in out
    assert "sheet.csv: row 6: related: there is no record 'no-such-record'" in out
    assert (
        "sheet.csv: row 8: summary: is empty" in out
        and "sheet.csv: row 8: document_type: is empty" in out
        and "sheet.csv: row 8: policy_areas: is empty" in out
    )
    assert "sheet.csv: row 9: id: the id 'a-good-row' is already used by row 2" in out
    assert "row 2:" not in out and "row 7" not in out  # the good row and the empty row
    assert out.strip().splitlines()[-1] == "Nothing was written: 10 problems in 6 rows of sheet.csv. Fix them in the spreadsheet and import it again."


def test_import_excel_csv_with_bom_crlf_and_line_breaks_in_cells(project: Path) -> None:
    source = write_csv(
        project / "excel.csv",
        [
            [*HEADER, "tags", "Notes"],
            [
                "",
                "Santa Clara County Civil Detainer Policy",
                "Ends civil detainers: “quoted” § text.",
                "Policy",
                "Immigration; Policing",
                "California; WA",
                "2011-10-18",
                "other-record",
                "First paragraph.\r\n\r\nSecond, with *emphasis*.",
                "detainers; jail",
                "x",
            ],
            ["", "Uses the row above", "Sum.", "Report", "Immigration", "", "", "santa-clara-county-civil-detainer-policy", "", "", ""],
        ],
        bom=True,
    )
    assert source.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in source.read_bytes()
    result = library(project, "import", "excel.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "excel.csv: row 1: notes: is not a field the library knows" in result.stdout  # said once, not per row
    assert result.stdout.count("notes") == 1
    assert result.stdout.strip().splitlines()[-1].startswith("Imported 2 rows from excel.csv: 2 new records")
    record = records_of(project)["santa-clara-county-civil-detainer-policy"]
    assert record.summary == "Ends civil detainers: “quoted” § text."
    assert (record.policy_areas, record.states, record.tags, record.related) == (
        ("Immigration", "Policing"),
        ("CA", "WA"),
        ("detainers", "jail"),
        ("other-record",),
    )
    assert record.body == "First paragraph.\n\nSecond, with *emphasis*."
    assert record.extra == {"notes": "x"}
    written = (project / "docs/records/santa-clara-county-civil-detainer-policy.md").read_bytes()
    assert b"\r" not in written and b"states: [CA, WA]" in written
    assert library(project, "check").returncode == 0


def test_import_never_overwrites_without_update(project: Path) -> None:
    path = project / "docs/records/other-record.md"
    before = path.read_bytes()
    write_csv(
        project / "fix.csv",
        [["id", "title", "summary", "document_type", "policy_areas"], ["other-record", "Other record, corrected", "Another one.", "Report", "Policing"]],
    )
    refused = library(project, "import", "fix.csv")
    assert refused.returncode == 1
    assert "fix.csv: row 2: id: a record 'other-record' already exists (docs/records/other-record.md) (give --update" in refused.stdout
    assert path.read_bytes() == before
    updated = library(project, "import", "fix.csv", "--update")
    assert updated.returncode == 0, updated.stdout
    assert "0 new records, 1 updated" in updated.stdout
    assert records_of(project)["other-record"].title == "Other record, corrected"


def test_import_warns_about_mojibake_and_unreadable_files(project: Path) -> None:
    write_csv(project / "pdf.csv", [["title", "summary", "document_type", "policy_areas"], ["Section Â§ 5", "It donâ€™t say.", "Report", "Immigration"]])
    result = library(project, "import", "pdf.csv", "--dry-run")
    assert result.returncode == 0
    assert "pdf.csv: row 2: title: 'Section Â§ 5' looks garbled (it probably should read 'Section § 5'" in result.stdout
    assert "pdf.csv: row 2: summary: 'It donâ€™t say.' looks garbled (it probably should read 'It don\u2019t say.'" in result.stdout
    assert not (project / "docs/records/section-a-5.md").exists()  # --dry-run
    (project / "latin1.csv").write_bytes("title,summary,document_type,policy_areas\nCañon,x,Report,Immigration\n".encode("cp1252"))
    unreadable = library(project, "import", "latin1.csv")
    assert unreadable.returncode == 1
    no_traceback(unreadable)
    assert "is not UTF-8 text" in unreadable.stderr and "CSV UTF-8" in unreadable.stderr
    missing = library(project, "import", "nowhere.csv")
    assert missing.returncode == 1
    no_traceback(missing)
    assert "nowhere.csv: cannot be read" in missing.stderr


# --- export ---------------------------------------------------------------------


@pytest.mark.parametrize("style", ["csv", "json"])
def test_export_then_import_gives_identical_records(tmp_path: Path, style: str) -> None:
    project = make_project(tmp_path, {})
    shutil.rmtree(project / "docs/records")
    shutil.copytree(ROOT / "docs/records", project / "docs/records")
    if (ROOT / "docs/files").is_dir():  # archived copies, when the sample has any (git keeps no empty folder)
        shutil.rmtree(project / "docs/files")
        shutil.copytree(ROOT / "docs/files", project / "docs/files")
    original = records_of(project)
    assert len(original) >= 40
    exported = library(project, "export", "--format", style, "-o", f"library.{style}")
    assert exported.returncode == 0, exported.stderr
    data = (project / f"library.{style}").read_bytes()
    if style == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # Excel then reads it as UTF-8
        header = data.decode("utf-8-sig").split("\r\n", 1)[0]
        assert (
            header
            == "id,title,summary,document_type,policy_areas,level,states,jurisdiction,date,organization,source_url,tags,language,related,amends,file,body"
        )
    else:
        assert {row["id"] for row in json.loads(data)} == set(original)
    shutil.rmtree(project / "docs/records")
    imported = library(project, "import", f"library.{style}")
    assert imported.returncode == 0, imported.stdout
    assert records_of(project) == original
    # And once more over the imported files: an update changes nothing either.
    again = library(project, "import", f"library.{style}", "--update")
    assert again.returncode == 0, again.stdout
    assert records_of(project) == original


def test_export_refuses_a_library_with_errors(project: Path) -> None:
    (project / "docs/records/bad-record.md").write_text(BAD, encoding="utf-8")
    result = library(project, "export")
    assert result.returncode == 1
    assert "Nothing was exported" in result.stderr


# --- help -----------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "new", "import", "export"])
def test_every_command_has_help_with_an_example(project: Path, command: str) -> None:
    result = library(project, command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout and f"library {command}" in result.stdout.split("examples:")[1]


def test_import_names_the_column_of_an_invisible_character(project: Path) -> None:
    (project / "odd.csv").write_bytes(b'title,summary,document_type,policy_areas\n"Odd\x7f title",Sum.,Report,Immigration\n')
    result = library(project, "import", "odd.csv")
    assert result.returncode == 1
    assert result.stdout.startswith("odd.csv: row 2: title: the frontmatter contains an invisible control character")


def test_import_reads_semicolon_separated_columns(project: Path) -> None:
    # Excel in many European locales saves "CSV" with semicolons between the columns.
    (project / "eu.csv").write_bytes('\ufefftitle;summary;document_type;policy_areas\r\nUna guía;Resumen.;Guide;"Immigration; Labor"\r\n'.encode())
    result = library(project, "import", "eu.csv")
    assert result.returncode == 0, result.stdout
    assert records_of(project)["una-guia"].policy_areas == ("Immigration", "Labor")
