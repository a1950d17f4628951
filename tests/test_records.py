"""The record model: good records are read and normalised; each kind of bad
record is reported with its file, line, field and a hint that fixes it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from policy_library.model.dates import PartialDate
from policy_library.model.library import load_library
from policy_library.model.problems import Problem
from policy_library.model.records import Record, parse_bytes
from policy_library.model.taxonomy import Taxonomy

GOOD = """---
title: "King County Ordinance 17886"
summary: Ends the honoring of civil immigration hold requests.
document_type: Ordinance
policy_areas: Immigration
level: County
states: Washington
jurisdiction: King County
date: 2014-12-01
organization: King County Council
source_url: https://kingcounty.gov/council
tags: detainers
---
The body, *searchable*.
"""


def parse(text: str, taxonomy: Taxonomy, rid: str = "a-record") -> tuple[Record | None, list[Problem]]:
    return parse_bytes(text.encode("utf-8"), rid, taxonomy, path=f"docs/records/{rid}.md")


def only_error(problems: list[Problem]) -> Problem:
    found = [p for p in problems if p.is_error]
    assert len(found) == 1, found
    return found[0]


def test_good_record_is_normalised(taxonomy: Taxonomy) -> None:
    record, problems = parse(GOOD, taxonomy)
    assert problems == []
    assert record is not None
    assert record.policy_areas == ("Immigration",)  # a single string becomes a list
    assert record.states == ("WA",)  # a full name becomes a code
    assert record.state_names == ("Washington",)
    assert record.tags == ("detainers",)
    assert record.date == PartialDate(2014, 12, 1)
    assert record.date.human() == "December 1, 2014"
    assert record.language == "en"  # the default
    assert record.url == "records/a-record/"
    assert record.source_domain == "kingcounty.gov"
    assert record.body == "The body, *searchable*."


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2017", PartialDate(2017)), ("2017-01", PartialDate(2017, 1)), ("'2017-01-25'", PartialDate(2017, 1, 25)), ("2017-01-25", PartialDate(2017, 1, 25))],
)
def test_date_forms_quoted_or_not(taxonomy: Taxonomy, written: str, expected: PartialDate) -> None:
    record, problems = parse(GOOD.replace("date: 2014-12-01", f"date: {written}"), taxonomy)
    assert record is not None and record.date == expected, problems


def test_partial_dates_read_for_people() -> None:
    assert PartialDate.parse(2017).human() == "2017"
    assert PartialDate.parse("2017-01").human() == "January 2017"
    assert PartialDate.parse(dt.date(2017, 1, 5)).human() == "January 5, 2017"


def test_missing_required_field(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("summary: Ends the honoring of civil immigration hold requests.\n", ""), taxonomy)
    problem = only_error(problems)
    assert (problem.path, problem.line, problem.field) == ("docs/records/a-record.md", 1, "summary")
    assert "is missing" in problem.message and "summary:" in problem.hint


def test_near_miss_vocabulary_value_names_the_closest(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("document_type: Ordinance", "document_type: Ordnance"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (4, "document_type")
    assert '"Ordinance"' in problem.hint
    assert str(problem) == "docs/records/a-record.md:4: document_type: 'Ordnance' is not an allowed value (did you mean \"Ordinance\"?)"


def test_vocabulary_case_is_forgiven(taxonomy: Taxonomy) -> None:
    record, problems = parse(GOOD.replace("policy_areas: Immigration", "policy_areas: [immigration, criminal justice]"), taxonomy)
    assert record is not None and record.policy_areas == ("Immigration", "Criminal Justice"), problems


def test_bad_policy_area_in_a_list(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("policy_areas: Immigration", "policy_areas: [Immigration, Polcing]"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (5, "policy_areas") and '"Policing"' in problem.hint


def test_unknown_level(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("level: County", "level: City"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (6, "level") and "Municipal" in problem.hint


def test_unknown_state(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("states: Washington", "states: [Wahsington]"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (7, "states") and "Washington (WA)" in problem.hint


@pytest.mark.parametrize("date", ["2017-02-30", "'2017-02-30'", "2017-13", "'25/01/2017'", "January 2017"])
def test_impossible_or_unreadable_date(taxonomy: Taxonomy, date: str) -> None:
    _, problems = parse(GOOD.replace("date: 2014-12-01", f"date: {date}"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (9, "date")
    assert "YYYY-MM-DD" in problem.hint


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "www.example.org/page"])
def test_source_url_must_be_http(taxonomy: Taxonomy, url: str) -> None:
    _, problems = parse(GOOD.replace("source_url: https://kingcounty.gov/council", f"source_url: '{url}'"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (11, "source_url") and "https://" in problem.hint


def test_language(taxonomy: Taxonomy) -> None:
    record, _ = parse(GOOD.replace("tags: detainers", "tags: detainers\nlanguage: es"), taxonomy)
    assert record is not None and record.language == "es"
    _, problems = parse(GOOD.replace("tags: detainers", "tags: detainers\nlanguage: fr"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (13, "language") and "en" in problem.hint


def test_wrong_type(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace('title: "King County Ordinance 17886"', "title: [a, b]"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (2, "title") and "not a list" in problem.message


def test_yaml_syntax_error_names_the_line(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("jurisdiction: King County", 'jurisdiction: "King County'), taxonomy)
    problem = only_error(problems)
    assert problem.field == "frontmatter" and "YAML" in problem.message and problem.line >= 8
    assert "quotes" in problem.hint


def test_unterminated_frontmatter(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("---\nThe body", "The body"), taxonomy)
    problem = only_error(problems)
    assert problem.field == "frontmatter" and '"---"' in problem.hint


def test_no_frontmatter_and_empty_file(taxonomy: Taxonomy) -> None:
    assert only_error(parse("Just text.\n", taxonomy)[1]).field == "frontmatter"
    assert only_error(parse("", taxonomy)[1]).message == "the file is empty"


def test_not_utf8_names_the_line(taxonomy: Taxonomy) -> None:
    data = GOOD.replace("King County Council", "Conseil caf\xe9").encode("latin-1")
    _, problems = parse_bytes(data, "a-record", taxonomy, path="docs/records/a-record.md")
    problem = only_error(problems)
    assert (problem.line, problem.field) == (10, "file") and "UTF-8" in problem.hint


def test_byte_order_mark_and_windows_line_endings_are_fine(taxonomy: Taxonomy) -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    record, problems = parse_bytes(data, "a-record", taxonomy, path="x.md")
    assert record is not None and problems == [] and record.title == "King County Ordinance 17886"


def test_invalid_file_name(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD, taxonomy, rid="King County_Ordinance")
    problem = only_error(problems)
    assert problem.field == "id" and "king-county-ordinance.md" in problem.hint


def test_unknown_key_is_kept_and_warned(taxonomy: Taxonomy) -> None:
    record, problems = parse(GOOD.replace("tags: detainers", "tags: detainers\nsumary: typo"), taxonomy)
    assert record is not None and record.extra == {"sumary": "typo"}
    (warning,) = problems
    assert not warning.is_error and (warning.line, warning.field) == (13, "sumary") and "summary" in warning.hint


def test_duplicate_field(taxonomy: Taxonomy) -> None:
    _, problems = parse(GOOD.replace("level: County", "level: County\nlevel: State"), taxonomy)
    problem = only_error(problems)
    assert (problem.line, problem.field) == (7, "level") and "twice" in problem.message


def test_html_in_title_is_kept_as_text(taxonomy: Taxonomy) -> None:
    record, _ = parse(GOOD.replace('"King County Ordinance 17886"', '"<img src=x onerror=alert(1)>"'), taxonomy)
    assert record is not None and record.title == "<img src=x onerror=alert(1)>"


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_references_must_exist_and_become_two_way(tmp_path: Path, taxonomy: Taxonomy) -> None:
    write(tmp_path, "first.md", GOOD.replace("tags: detainers", "tags: detainers\nrelated: [second]\namends: [second, missing-one]"))
    write(tmp_path, "second.md", GOOD)
    library = load_library(tmp_path, taxonomy)
    problem = only_error(library.problems)
    assert (problem.path.endswith("first.md"), problem.line, problem.field) == (True, 14, "amends")
    assert "'missing-one'" in problem.message
    assert [r.id for r in library.related("second")] == ["first"]
    assert [r.id for r in library.amended("second")] == ["first"]


def test_archived_file_must_exist(tmp_path: Path, taxonomy: Taxonomy) -> None:
    docs = tmp_path / "docs"
    (docs / "records").mkdir(parents=True)
    (docs / "files").mkdir()
    (docs / "files" / "copy.pdf").write_bytes(b"%PDF-1.4")
    write(docs / "records", "ok.md", GOOD.replace("tags: detainers", "tags: detainers\nfile: files/copy.pdf"))
    write(docs / "records", "bad.md", GOOD.replace("tags: detainers", "tags: detainers\nfile: files/nope.pdf"))
    library = load_library(docs / "records", taxonomy, docs_dir=docs)
    assert library["ok"].file == "files/copy.pdf"
    problem = only_error(library.problems)
    assert problem.path.endswith("bad.md") and problem.field == "file" and "docs/files/" in problem.hint
