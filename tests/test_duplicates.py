"""Home-page-only source addresses and likely duplicate records, as `library check` reports them."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from policy_library.cli.check import CheckResult
from policy_library.model.addresses import home_page_notes, is_home_page, same_document_key
from policy_library.model.dates import PartialDate
from policy_library.model.duplicates import likely_duplicates, title_key, titles_alike
from policy_library.model.problems import Problem, Severity
from policy_library.model.records import Record

from tests.support import ROOT, make_project

LIBRARY = Path(sys.executable).parent / "library"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.kingcounty.gov",
        "https://www.kingcounty.gov/",
        "http://KingCounty.gov/index.html",
        "https://city.gov/default.aspx",
        "https://city.gov/index.php#main",
        "https://city.gov:443/Home/",
    ],
)
def test_home_pages(url: str) -> None:
    assert is_home_page(url)
    assert same_document_key(url) is None  # many records share a publisher's home page legitimately


@pytest.mark.parametrize(
    "url",
    [
        "https://kingcounty.gov/council",
        "https://city.gov/?doc=17",
        "https://city.gov/index.html?id=4",
        "https://city.gov/docs/index.html",
        "https://city.gov/ordinance.pdf",
        "",
        None,
        "not an address",
    ],
)
def test_not_home_pages(url: str | None) -> None:
    assert not is_home_page(url)


def test_same_document_key_ignores_how_the_address_is_written() -> None:
    plain = same_document_key("https://city.gov/docs/ord-17.pdf")
    assert plain is not None
    for variant in [
        "HTTPS://WWW.City.GOV/docs/ord-17.pdf",
        "https://city.gov:443/docs/ord-17.pdf",
        "http://city.gov/docs/ord-17.pdf",
        "https://city.gov/docs/ord-17.pdf/",
        "https://city.gov/docs/ord-17.pdf#page=3",
        "https://city.gov/docs/ord-17.pdf?utm_source=news&utm_medium=email&fbclid=x",
    ]:
        assert same_document_key(variant) == plain, variant
    for different in [
        "https://city.gov/docs/ORD-17.pdf",  # servers may tell the case of a path apart
        "https://city.gov/docs/ord-18.pdf",
        "https://city.gov:8443/docs/ord-17.pdf",
        "https://other.gov/docs/ord-17.pdf",
        "https://city.gov/docs/ord-17.pdf?version=2",
    ]:
        assert same_document_key(different) != plain, different
    assert same_document_key("https://city.gov/view?b=2&a=1&utm_campaign=x") == same_document_key("https://city.gov/view?a=1&b=2")
    assert same_document_key("https://city.gov/?utm_source=x") is None


def test_title_key_and_near_titles() -> None:
    assert title_key("  Ordinance No. 17-886: Civil  Immigration Holds ") == title_key("ordinance no 17 886 civil immigration holds")
    assert title_key("Resolución de Política") == title_key("resolucion de politica")
    assert titles_alike(title_key("Ordinance on civil immigration detainers"), title_key("Ordinance on civil immigration detainer"))
    assert not titles_alike(title_key("Ordinance 2014-17"), title_key("Ordinance 2014-18 amending it"))
    assert not titles_alike(title_key("Budget of the county"), title_key("Policy on immigration"))


def rec(rid: str, title: str = "", **values: object) -> Record:
    base = Record(rid, f"docs/records/{rid}.md", title or f"Record {rid}", "Summary.", "Ordinance", ("Immigration",), lines={"title": 2, "source_url": 9})
    return dataclasses.replace(base, **values)  # type: ignore[arg-type]


def test_same_address_warns_in_both_files() -> None:
    a = rec("a", source_url="https://city.gov/docs/ord.pdf")
    b = rec("b", source_url="http://www.city.gov/docs/ord.pdf#top")
    c = rec("c", source_url="https://city.gov/docs/other.pdf")
    found = sorted(likely_duplicates([c, b, a]))
    assert [(p.path, p.line, p.field, p.message, p.severity) for p in found] == [
        ("docs/records/a.md", 9, "source_url", "same document as docs/records/b.md", Severity.WARNING),
        ("docs/records/b.md", 9, "source_url", "same document as docs/records/a.md", Severity.WARNING),
    ]


def test_home_pages_shared_are_not_duplicates() -> None:
    records = [rec(f"r{i}", source_url="https://www.city.gov/") for i in range(5)]
    assert likely_duplicates(records) == []
    assert [p.path for p in home_page_notes(records)] == [f"docs/records/r{i}.md" for i in range(5)]


def test_near_identical_title_needs_same_jurisdiction_and_date() -> None:
    day = PartialDate(2014, 12, 1)
    a = rec("a", "King County Ordinance 17886", jurisdiction="King County", date=day)
    b = rec("b", "King County ordinance 17886.", jurisdiction="king county", date=day)
    other_date = rec("c", "King County Ordinance 17886", jurisdiction="King County", date=PartialDate(2014, 12))
    other_place = rec("d", "King County Ordinance 17886", jurisdiction="Pierce County", date=day)
    undated = rec("e", "King County Ordinance 17886", jurisdiction="King County")
    found = sorted(likely_duplicates([a, b, other_date, other_place, undated]))
    assert [(p.path, p.line, p.field, p.message) for p in found] == [
        ("docs/records/a.md", 2, "title", "probably the same document as docs/records/b.md"),
        ("docs/records/b.md", 2, "title", "probably the same document as docs/records/a.md"),
    ]


def test_one_warning_per_pair_when_address_and_title_agree() -> None:
    day = PartialDate(2020)
    a = rec("a", "Same", jurisdiction="X", date=day, source_url="https://x.gov/a")
    b = rec("b", "Same", jurisdiction="X", date=day, source_url="https://x.gov/a/")
    assert [p.field for p in likely_duplicates([a, b])] == ["source_url", "source_url"]


def test_large_group_compares_titles_for_equality_only() -> None:
    day = PartialDate(2020)
    records = [rec(f"r{i:04}", f"Distinct title number {i:04}", jurisdiction="X", date=day) for i in range(1000)]
    records.append(rec("twin", "Distinct title number 0007", jurisdiction="X", date=day))
    found = likely_duplicates(records)
    assert sorted(p.path for p in found) == ["docs/records/r0007.md", "docs/records/twin.md"]


def test_info_never_fails_and_is_a_github_notice() -> None:
    note = Problem("docs/records/a.md", 9, "source_url", "is the publisher's home page, not the document", "replace it", Severity.INFO)
    result = CheckResult([note], checked=1)
    assert result.ok
    assert str(note) == "docs/records/a.md:9: source_url: is the publisher's home page, not the document (replace it) [info]"
    assert note.github().startswith("::notice file=docs/records/a.md,line=9,title=source_url::")
    assert result.summary() == "Checked 1 record: 1 note to improve when you can."


def record_text(title: str, url: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\nsummary: A summary.\ndocument_type: Ordinance\npolicy_areas: [Immigration]\nsource_url: {url}\n{extra}---\nBody.\n'


def library(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LIBRARY), *args], cwd=project, capture_output=True, text=True, timeout=120)


@pytest.fixture
def duplicated(tmp_path: Path) -> Path:
    return make_project(
        tmp_path,
        {
            "ordinance-17886.md": record_text("King County Ordinance 17886", "https://kingcounty.gov/docs/ord-17886.pdf"),
            "ordinance-17886-copy.md": record_text("Ordinance 17886 (copy)", "https://www.KingCounty.gov/docs/ord-17886.pdf?utm_source=mail"),
            "council.md": record_text("Council page", "https://kingcounty.gov/"),
            "elsewhere.md": record_text("Elsewhere", "https://kingcounty.gov/"),
        },
    )


def test_check_names_both_duplicates_and_notes_home_pages(duplicated: Path) -> None:
    result = library(duplicated, "check")
    assert result.returncode == 0, result.stdout + result.stderr  # warnings and notes fail nothing
    assert "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines == [
        "docs/records/council.md:6: source_url: is the publisher's home page, not the document "
        "(replace it with the document's own address when you can) [info]",
        "docs/records/elsewhere.md:6: source_url: is the publisher's home page, not the document "
        "(replace it with the document's own address when you can) [info]",
        "docs/records/ordinance-17886-copy.md:6: source_url: same document as docs/records/ordinance-17886.md "
        "(both lead to the same address; keep one record and delete the other, or give each its own document's address) [warning]",
        "docs/records/ordinance-17886.md:6: source_url: same document as docs/records/ordinance-17886-copy.md "
        "(both lead to the same address; keep one record and delete the other, or give each its own document's address) [warning]",
        "Checked 4 records: 2 warnings, 2 notes to improve when you can.",
    ]
    # Checking one file still finds its twin among the others.
    one = library(duplicated, "check", "docs/records/ordinance-17886.md").stdout.splitlines()
    assert one[0].startswith("docs/records/ordinance-17886.md:6: source_url: same document as docs/records/ordinance-17886-copy.md")
    assert one[-1] == "Checked 1 record: 1 warning."


def test_check_github_annotations_for_duplicates_and_notes(duplicated: Path) -> None:
    lines = library(duplicated, "check", "--format", "github").stdout.splitlines()
    assert lines[0] == (
        "::notice file=docs/records/council.md,line=6,title=source_url::source_url: is the publisher's home page, not the document "
        "(replace it with the document's own address when you can)"
    )
    assert lines[2].startswith(
        "::warning file=docs/records/ordinance-17886-copy.md,line=6,title=source_url::source_url: same document as docs/records/ordinance-17886.md ("
    )


def test_sample_library_has_no_likely_duplicates() -> None:
    result = library(ROOT, "check")
    assert result.returncode == 0, result.stdout
    assert not [line for line in result.stdout.splitlines() if "same document as" in line]
    assert "is the publisher's home page" in result.stdout
