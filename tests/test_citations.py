"""Citations of records (site/citations.py): BibTeX escaping, RIS lines, CSL-JSON names and dates, from the registry's mapping."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from policy_library.model.fields import CITATION_FIELDS, CITATION_TYPES, DEFAULT_FIELDS, DOCUMENT_TYPE_VALUES, value_name
from policy_library.model.library import load_library
from policy_library.model.taxonomy import Taxonomy
from policy_library.site import citations, opendata
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from tests.support import ROOT

DESC = citations.description(Taxonomy.from_config())

# CSL-JSON 1.0.2 (the CSL schema's csl-data.json, as checked by hand): its item types, and variables of each kind.
CSL_TYPES = {
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
}
CSL_NAME_VARIABLES = {"author", "editor", "translator", "composer", "director", "illustrator", "interviewer", "recipient", "collection-editor"}
CSL_DATE_VARIABLES = {"issued", "accessed", "submitted", "event-date", "original-date", "available-date"}
CSL_TEXT_VARIABLES = {"id", "type", "title", "genre", "jurisdiction", "URL", "abstract", "keyword", "language", "publisher", "publisher-place", "note"}
RIS_TAGS = {"TY", "ID", "AU", "TI", "M3", "CY", "PY", "DA", "UR", "AB", "KW", "LA", "ER"}
RIS_TYPES = {"BILL", "LEGAL", "STAT", "GOVDOC", "RPRT", "PAMP", "GEN", "ELEC"}


def row(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "sample-record",
        "url": "records/sample-record/",
        "title": "A Title",
        "summary": "What it does.",
        "document_type": "Ordinance",
        "policy_areas": ["Immigration"],
        "level": None,
        "states": [],
        "jurisdiction": None,
        "date": None,
        "organization": None,
        "source_url": None,
        "tags": [],
        "language": "en",
        "related": [],
        "amends": [],
        "file": None,
    }
    return {**base, **values}


def field_line(entry: str, name: str) -> str:
    found = re.search(rf"^  {name} = (.*?),?$", entry, re.M)
    assert found, f"{name} not in {entry}"
    return found.group(1)


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


# --- BibTeX ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Budget & Taxes", "Budget \\& Taxes"),
        ("100% of {cases}", "100\\% of \\textbraceleft{}cases\\textbraceright{}"),
        ("$5 #1 a_b", "\\$5 \\#1 a\\_b"),
        ("x^2 ~ y \\ z", "x\\textasciicircum{}2 \\textasciitilde{} y \\textbackslash{} z"),
        ("Asesoría jurídica", "Asesor{\\'\\i}a jur{\\'\\i}dica"),
        ("Niño Über Ça", 'Ni{\\~n}o {\\"U}ber {\\c C}a'),
        ("Straße Søren Łódź", "Stra{\\ss}e S{\\o}ren {\\L}{\\'o}d{\\'z}"),
        ("e\u0301 decomposed", "{\\'e} decomposed"),  # NFC first: the same as é
        ("日本 and “quotes”", "日本 and “quotes”"),  # kept as UTF-8
    ],
)
def test_bibtex_text_escapes_latex_specials_and_accents(text: str, written: str) -> None:
    assert citations.bibtex_text(text, DESC) == written


def test_bibtex_entry_keeps_braces_balanced_whatever_the_record_says() -> None:
    nasty = row(
        title="}{ Closing first {unbalanced \\ and % & $ # _ ^ ~",
        summary="{{{",
        organization="Org } {",
        jurisdiction="}",
        tags=["{", "}"],
        source_url="https://example.org/a{b}c\\d?x=1%202#f",
    )
    entry = citations.bibtex([nasty], DESC)
    assert balanced(entry), entry
    assert entry.startswith("@misc{sample-record,\n") and entry.endswith("\n}\n")
    assert field_line(entry, "url") == "{https://example.org/a%7Bb%7Dc%5Cd?x=1%202#f}"
    assert field_line(entry, "author") == "{{Org \\textbraceright{} \\textbraceleft{}}}"
    # The title keeps its capitals in double braces.
    assert field_line(entry, "title").startswith("{{\\textbraceright{}\\textbraceleft{} Closing")


def test_bibtex_fields_types_and_keywords() -> None:
    entry = citations.bibtex(
        [
            row(
                document_type="Report",
                organization="King County Council",
                date="2014-12-01",
                policy_areas=["Immigration", "Policing"],
                tags=["detainers", "Immigration"],
                jurisdiction="King County",
                source_url="https://kingcounty.gov/",
                summary="Two\n  lines.",
            )
        ],
        DESC,
    )
    assert entry.startswith("@techreport{sample-record,")
    assert field_line(entry, "author") == "{{King County Council}}"
    assert field_line(entry, "year") == "{2014}" and field_line(entry, "month") == "dec" and field_line(entry, "date") == "{2014-12-01}"
    # Policy areas, then tags, each once.
    assert field_line(entry, "keywords") == "{Immigration, Policing, detainers}"
    assert field_line(entry, "abstract") == "{Two lines.}"
    assert field_line(entry, "type") == "{Report}" and field_line(entry, "address") == "{King County}"
    assert "language" not in entry and "level" not in entry


@pytest.mark.parametrize(("date", "lines"), [("2014", ["year = {2014}", "date = {2014}"]), ("2014-03", ["year = {2014}", "month = mar", "date = {2014-03}"])])
def test_bibtex_dates_of_each_precision(date: str, lines: list[str]) -> None:
    entry = citations.bibtex([row(date=date)], DESC)
    assert [line.strip().rstrip(",") for line in entry.splitlines() if line.strip().startswith(("year", "month", "date"))] == lines


def latex_reader() -> LatexDecodingMiddleware:
    """bibtexparser's LaTeX decoding (pylatexenc), told the two text-mode brace commands LaTeX has and it lacks."""
    context = get_default_latex_context_db()
    context.add_context_category("braces", prepend=True, macros=[MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}")])
    return LatexDecodingMiddleware(decoder=LatexNodes2Text(latex_context=context, keep_braced_groups=False))


HOSTILE = [
    row(
        id="hostile",
        title="}{ 100% of {cases} & $5 #1 a_b x^2 ~ \\ Asesoría Ñandú Straße Łódź çé ğ ő ą ż 日本",
        summary="Ends {holds}; 50% & more.\nSecond line.",
        organization="Org & Co {x}",
        tags=["Budget & Taxes", "a_b"],
        date="2019-07-04",
        source_url="https://example.org/a%20b{c}#x",
    ),
    row(id="plain"),
]


def test_a_bibtex_parser_reads_every_entry_back_as_the_records_text(taxonomy: Taxonomy) -> None:
    rows = [*HOSTILE, *opendata.library_data(load_library(ROOT / "docs" / "records", taxonomy))]
    text = citations.bibtex(rows, DESC)
    parsed = bibtexparser.parse_string(text, append_middleware=[latex_reader()])
    assert parsed.failed_blocks == []
    assert [(e.key, e.entry_type) for e in parsed.entries] == [(r["id"], citations.item_type(r, DESC)["bibtex"]) for r in rows]
    for entry, one in zip(parsed.entries, rows, strict=True):
        fields = {f.key: f.value for f in entry.fields}
        # pylatexenc reads \textasciicircum as the modifier letter.
        assert fields["title"].replace("\u02c6", "^") == " ".join(one["title"].split()), one["id"]
        assert fields["abstract"] == " ".join(one["summary"].split()), one["id"]
        if one["organization"]:
            assert fields["author"] == one["organization"]
    raw = {e.key: {f.key: f.value for f in e.fields} for e in bibtexparser.parse_string(text).entries}
    for one in rows:
        if one["source_url"]:
            assert raw[one["id"]]["url"] == one["source_url"].replace("{", "%7B").replace("}", "%7D")


# --- RIS ------------------------------------------------------------------------------

RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - (.*)$")


def test_ris_lines_tags_and_order() -> None:
    text = citations.ris(
        [
            row(organization="A Council", date="2019-07-04", tags=["one", "two"], summary="Line one.\r\nLine two.", source_url="https://a.example/x"),
            row(id="second"),
        ],
        DESC,
    )
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    records = text.split("\r\n\r\n")
    assert len(records) == 2
    for record in records:
        lines = record.removesuffix("\r\n").split("\r\n")
        assert all(RIS_LINE.match(line) for line in lines), lines
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        assert {RIS_LINE.match(line).group(1) for line in lines} <= RIS_TAGS  # type: ignore[union-attr]
    first = records[0].split("\r\n")
    assert "AU  - A Council" in first and "KW  - one" in first and "KW  - two" in first
    assert "PY  - 2019" in first and "DA  - 2019/07/04/" in first
    assert "AB  - Line one. Line two." in first
    assert first[:2] == ["TY  - LEGAL", "ID  - sample-record"]


def test_a_ris_reader_reads_every_record_back(taxonomy: Taxonomy) -> None:
    rows = [*HOSTILE, *opendata.library_data(load_library(ROOT / "docs" / "records", taxonomy))]
    read = rispy.loads(citations.ris(rows, DESC))
    assert [r["id"] for r in read] == [r["id"] for r in rows]
    for entry, one in zip(read, rows, strict=True):
        assert entry["type_of_reference"] == citations.item_type(one, DESC)["ris"]
        assert entry["title"] == " ".join(one["title"].split()) and entry.get("abstract", "") == " ".join(one["summary"].split())
        assert entry.get("authors", []) == ([one["organization"]] if one["organization"] else [])
        assert entry.get("urls", []) == ([one["source_url"]] if one["source_url"] else [])
        assert entry.get("keywords", []) == list(dict.fromkeys([*one["policy_areas"], *one["tags"]]))
        assert entry.get("year") == (one["date"][:4] if one["date"] else None)


@pytest.mark.parametrize(("date", "da"), [("2019", "2019///"), ("2019-07", "2019/07//"), ("2019-07-04", "2019/07/04/")])
def test_ris_dates_of_each_precision(date: str, da: str) -> None:
    assert f"DA  - {da}\r\n" in citations.ris([row(date=date)], DESC)


# --- CSL-JSON -------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "parts"), [("2016", [[2016]]), ("2016-09", [[2016, 9]]), ("2016-09-30", [[2016, 9, 30]])])
def test_csl_issued_date_parts_from_each_precision(date: str, parts: list[list[int]]) -> None:
    [item] = json.loads(citations.csl_json([row(date=date)], DESC))
    assert item["issued"] == {"date-parts": parts}


def test_csl_items_use_the_schemas_names() -> None:
    full = row(organization="ACLU", date="2016-09", jurisdiction="Culver City", source_url="https://a.example/", tags=["t"], language="es")
    items = json.loads(citations.csl_json([full, row(id="bare", document_type="Made Up Type")], DESC))
    for item in items:
        assert item["type"] in CSL_TYPES
        for key, value in item.items():
            if key in CSL_NAME_VARIABLES:
                assert isinstance(value, list) and all(set(name) == {"literal"} for name in value)
            elif key in CSL_DATE_VARIABLES:
                assert set(value) == {"date-parts"}
            else:
                assert key in CSL_TEXT_VARIABLES and isinstance(value, str), key
    assert items[0]["author"] == [{"literal": "ACLU"}] and items[0]["language"] == "es" and items[0]["keyword"] == "Immigration, t"
    bare = {"id": "bare", "type": "document", "title": "A Title", "genre": "Made Up Type", "abstract": "What it does."}
    bare |= {"keyword": "Immigration", "language": "en"}
    assert items[1] == bare


# --- the mapping ----------------------------------------------------------------------


def test_every_mapped_field_is_a_registry_field_and_every_default_type_is_mapped() -> None:
    names = {f.name for f in DEFAULT_FIELDS}
    assert {c.field for c in CITATION_FIELDS} <= names
    assert set(CITATION_TYPES) == {value_name(v) for v in DOCUMENT_TYPE_VALUES}
    for kind in CITATION_TYPES.values():
        assert kind.csl in CSL_TYPES and kind.ris in RIS_TYPES and kind.bibtex in {"misc", "techreport", "manual"}


def test_a_librarys_vocabulary_labels_are_cited() -> None:
    taxonomy = Taxonomy.from_config({"document_type": [{"ord": "Ordinance"}, {"rep": "Report"}]})
    desc = citations.description(taxonomy)
    [item] = json.loads(citations.csl_json([row(document_type="ord")], desc))
    assert item["genre"] == "Ordinance"


def test_formatted_citation() -> None:
    full = row(
        organization="King County Council",
        title="Ordinance 17886",
        document_type="Ordinance",
        jurisdiction="King County",
        date="2014-12-01",
        source_url="https://kingcounty.gov/",
    )
    assert citations.formatted(full, DESC) == "King County Council. “Ordinance 17886.” Ordinance, King County, December 1, 2014. https://kingcounty.gov/"
    assert citations.formatted(row(), DESC) == "“A Title.” Ordinance."


def test_the_sample_sites_record_pages_carry_the_row_their_files_are_written_from(sample_site: Path) -> None:
    """A record page's files are written in the browser from the row the page carries: the same text as from records.json's row."""
    rows = json.loads((sample_site / "records.json").read_text(encoding="utf-8"))
    shipped = next((sample_site / "assets/library/search").glob("citation.*.json"))
    assert json.loads(shipped.read_text(encoding="utf-8")) == DESC
    carried = re.compile(r'<script type="application/json" data-cite-row>(.*?)</script>', re.S)
    for one in rows:
        for page in (sample_site / one["url"], sample_site / "es" / one["url"]):
            html = (page / "index.html").read_text(encoding="utf-8")
            [text] = carried.findall(html)
            row = json.loads(text)
            assert row["id"] == one["id"] and len(text) < len(json.dumps(one, ensure_ascii=False))
            for fmt in citations.FORMATS:
                assert citations.write(fmt, [row], DESC) == citations.write(fmt, [one], DESC), (page, fmt)
                assert f'data-cite-format="{fmt}"' in html and f'download="{one["id"]}{citations.SUFFIXES[fmt]}"' in html
    # No file per record and format: the pages write them.
    assert not [p for p in (sample_site / "records").rglob("*") if p.name.endswith(tuple(citations.SUFFIXES.values()))]


def test_a_carried_row_cannot_end_its_script_element() -> None:
    text = citations.page_citation(row(title="</script><script>alert(1)</script> <!--", summary="& é"), DESC)["row"]
    assert "<" not in text and json.loads(text)["title"] == "</script><script>alert(1)</script> <!--"
    assert json.loads(text)["summary"] == "& é"
