"""The field registry: a field declared only in a library's mkdocs.yml works end to end, and its mistakes are one line.

The browser half (the filter, its counts, the URL and the back button) is in
tests/browser/test_fields.py; this file checks the build's files and the
`library` commands against a real build of the test library.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from policy_library.cli.project import load_project
from policy_library.model.fields import FieldConfigError, parse_fields
from policy_library.model.library import load_library
from policy_library.model.records import Record, parse_bytes
from policy_library.model.taxonomy import Taxonomy
from policy_library.search import in_own_folder, numbered
from policy_library.search.data import search_data
from policy_library.search.glossary import FILE_NAME, load_glossary
from policy_library.search.lunr_index import Indexed, indexed_fields
from policy_library.site.browse import build_browse

from tests.fields_library import BY_STATUS, RECORDS, SPONSOR_WORD, SPONSORED, STATUS_CONFIG, record_text, status_project, with_fields
from tests.reference.catalogue import Catalogue
from tests.reference.positions import expected_index_files
from tests.support import build_site, make_project, run_mkdocs_build
from tests.test_cli import library, no_traceback

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The status library and its site, built once with `mkdocs build --strict`."""
    tmp = tmp_path_factory.mktemp("fields")
    project = status_project(tmp)
    site = tmp / "site"
    build_site(project, site)
    return project, site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def status_registry() -> Taxonomy:
    return Taxonomy.from_config(None, parse_fields({"status": {"label": "Status", "values": ["Proposed", "Enacted", "Repealed"], "facet": True}}))


# --- configuration ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ({"status": {"values": 5}}, "fields: status: values: must be a list of allowed values, such as [Proposed, Enacted, Repealed], not the number 5"),
        ({"status": {"facets": True}}, "fields: status: facets: is not an option; did you mean facet?"),
        ({"status": {"label": 5}}, "fields: status: label: must be a name, or one per language"),
        ({"status": {"label": {"en": "Status", "fr": "Statut"}}}, "fields: status: label: 'fr' is not a language of the site; use en and es"),
        ({"status": {"multiple": "yes"}}, "fields: status: multiple: must be true or false, not the text 'yes'"),
        ({"Status!": {}}, "fields: Status!: a field name is lowercase letters, digits and underscores, starting with a letter; for example status"),
        ({"id": {}}, "fields: id: 'id' is the record's own id; give the field another name"),
        ({"sort": {"values": ["A"]}}, "fields: sort: 'sort' is a parameter of the search page's address; give the field another name"),
        ({"document_type": {"multiple": True}}, "fields: document_type: multiple: is not an option;"),
        ({"status": {"type": "choice"}}, "fields: status: type: choice needs values:"),
        ({"adopted": {"type": "date", "facet": True}}, "fields: adopted: facet: a filter needs values or text, not a date; set facet: false"),
        ({"sponsor": {"weight": "high"}}, "fields: sponsor: weight: must be a whole number from 0 to 100"),
        ({"sponsor": {"weight": 2.5}}, "fields: sponsor: weight: must be a whole number from 0 to 100"),
        ({"adopted": {"type": "date", "weight": 3}}, "fields: adopted: weight: a date is not searched as words; remove weight:"),
        ({"states": {"weight": 3}}, "fields: states: weight: a state is not searched as words; remove weight:"),
        ([1, 2], "fields: must be a mapping of field names to their options"),
    ],
)
def test_a_mistake_in_the_fields_option_is_one_line_naming_the_option_and_the_fix(config: object, said: str) -> None:
    with pytest.raises(FieldConfigError) as raised:
        parse_fields(config)
    message = str(raised.value)
    assert message.startswith(said), message
    assert "\n" not in message


def test_a_bad_fields_option_stops_the_build_and_every_command_with_that_one_line(tmp_path: Path) -> None:
    bad = STATUS_CONFIG.replace("[Proposed, Enacted, Repealed]", "5")
    project = with_fields(make_project(tmp_path, {"alpha-ordinance.md": record_text("alpha-ordinance")}), bad)
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "option 'fields': status: values: must be a list of allowed values" in result.stderr
    assert not site.exists()
    for command in (["check"], ["export"], ["new", "A title", "--no-input"]):
        ran = library(project, *command)
        assert ran.returncode == 1, ran.stdout
        no_traceback(ran)
        assert ran.stderr.strip().splitlines() == [
            f"library {command[0]}: mkdocs.yml: plugins: library: fields: status: values: "
            "must be a list of allowed values, such as [Proposed, Enacted, Repealed], not the number 5"
        ]


def test_the_vocabularies_option_still_replaces_a_fields_values() -> None:
    registry = Taxonomy.from_config({"status": ["Draft", "Final"]}, parse_fields({"status": {"values": ["Proposed"], "facet": True}}))
    assert registry["status"].values == ["Draft", "Final"]
    registry = Taxonomy.from_config({"level": ["City", "Nation"]})
    assert registry.levels.values == ["City", "Nation"]


# --- validation -------------------------------------------------------------------


def test_the_check_reads_a_configured_field_like_a_built_in_one() -> None:
    registry = status_registry()
    good, problems = parse_bytes(record_text("zeta-resolution").encode(), "zeta-resolution", registry, path="a.md")
    assert good is not None and problems == []
    assert good.value("status") == "Enacted"
    # Case and accents may differ, as for the built-in vocabularies.
    fixed, _ = parse_bytes(record_text("zeta-resolution").replace("Enacted", "enacted").encode(), "a", registry, path="a.md")
    assert fixed is not None and fixed.value("status") == "Enacted"
    bad, problems = parse_bytes(record_text("zeta-resolution").replace("Enacted", "Enactd").encode(), "a", registry, path="a.md")
    assert bad is None
    assert [str(p) for p in problems] == [
        'a.md:7: status: \'Enactd\' is not an allowed value (did you mean "Enacted"?; allowed values: "Proposed", "Enacted", "Repealed")'
    ]
    # Without the declaration the same key is an unknown field: kept, and warned about.
    plain, problems = parse_bytes(record_text("zeta-resolution").encode(), "a", Taxonomy.from_config(), path="a.md")
    assert plain is not None and plain.extra == {"status": "Enacted"}
    assert [p.field for p in problems] == ["status"] and not problems[0].is_error


# --- the built site ---------------------------------------------------------------


def test_the_record_page_shows_the_field_linking_to_its_browse_page(built: tuple[Path, Path]) -> None:
    _, site = built
    html = read(site, "records/alpha-ordinance")
    facts = html[html.index('<dl class="library-facts">') : html.index("</dl>")]
    assert re.search(r'<dt>Status</dt>\s*<dd><a href="\.\./\.\./browse/status/enacted/"><bdi>Enacted</bdi></a></dd>', facts), facts
    assert "Status" not in read(site, "records/epsilon-report").split('<dl class="library-facts">')[1].split("</dl>")[0]
    # Values are isolated from the page's direction (<bdi>). A date field reads as a date, a web address field is a link that sends no referrer.
    assert re.search(r"<dt>Adopted</dt>\s*<dd><bdi>May 3, 2021</bdi></dd>", facts), facts
    link = '<a href="https://example.org/minutes/alpha" rel="noopener noreferrer external"><bdi>https://example.org/minutes/alpha</bdi></a>'
    assert re.search(r"<dt>Minutes</dt>\s*<dd>" + re.escape(link) + "</dd>", facts), facts


def test_each_value_has_a_browse_page_listing_its_records_newest_first_with_its_feed(built: tuple[Path, Path]) -> None:
    _, site = built
    index = read(site, "browse/status")
    assert re.findall(r'<li data-value="([^"]*)" data-count="(\d+)">', index) == [(s, str(len(ids))) for s, ids in BY_STATUS.items()]
    assert 'id="browse-status"' in read(site, "browse")
    for status, ids in BY_STATUS.items():
        page = read(site, f"browse/status/{status.lower()}")
        assert re.findall(r'data-record-id="([^"]+)"', page) == ids
        feed_path = f"feed.status.{status.lower()}.xml"
        assert f'<link rel="alternate" type="application/atom+xml" title="Policy Library: {status}" href="../../../{feed_path}">' in page
        feed = ET.parse(site / feed_path).getroot()
        entries = feed.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}link").get("href") for e in entries] == [f"records/{rid}/" for rid in ids]  # type: ignore[union-attr]
        assert all(status in [c.get("term") for c in e.findall(f"{ATOM}category")] for e in entries)


def test_open_data_has_the_field_as_a_column(built: tuple[Path, Path]) -> None:
    _, site = built
    rows = json.loads((site / "records.json").read_text(encoding="utf-8"))
    assert {row["id"]: row["status"] for row in rows} == {rid: r[3] for rid, r in RECORDS.items()}
    alpha = next(row for row in rows if row["id"] == "alpha-ordinance")
    assert (alpha["adopted"], alpha["minutes"]) == ("2021-05-03", "https://example.org/minutes/alpha")
    table = list(csv.DictReader(io.StringIO((site / "records.csv").read_text(encoding="utf-8-sig"))))
    assert {row["id"]: row["status"] for row in table} == {rid: r[3] or "" for rid, r in RECORDS.items()}
    assert list(rows[0]) == list(table[0])
    assert '<tr data-column="status">' in read(site, "open-data")


def test_the_editing_guide_lists_the_field_and_its_values(built: tuple[Path, Path]) -> None:
    _, site = built
    guide = read(site, "editing")
    row = re.search(r"<tr>\s*<td><code>status</code></td>(.*?)</tr>", guide, re.S)
    assert row, "the field reference has a row for status"
    assert "<code>status: Proposed</code>" in row.group(1)
    minutes = re.search(r"<tr>\s*<td><code>minutes</code></td>(.*?)</tr>", guide, re.S)
    assert minutes and "web address" in minutes.group(1) and "Where the meeting's minutes are published." in minutes.group(1)
    values = guide[guide.index('id="status"') :]
    assert [v for v in re.findall(r"<td>(\w+)</td>", values)[:3]] == ["Proposed", "Enacted", "Repealed"]


# --- the search -------------------------------------------------------------------


def _configured_library(project: Path) -> tuple[list[Record], Indexed]:
    """The records newest first and the index's fields, read from mkdocs.yml as the build reads them."""
    found = load_project(project)
    library = load_library(found.records_dir, found.taxonomy, root=found.root, docs_dir=found.docs_dir)
    return library.newest_first(), indexed_fields(found.taxonomy.fields.values())


def test_the_shipped_index_searches_the_configured_field_with_its_weight(built: tuple[Path, Path]) -> None:
    project, site = built
    records, fields = _configured_library(project)
    assert dict(fields)["sponsor"] == 3 and "status" in dict(fields) and "minutes" not in dict(fields)
    # The files the build shipped are lunr.py's index of these fields with these boosts, cut by term.
    glossary = load_glossary(project / "docs" / FILE_NAME, FILE_NAME)[0].shipped()
    manifest, expected = in_own_folder(*expected_index_files(records, numbered(), glossary, fields=fields))
    assert {path: (site / path).read_bytes() for path in expected} == expected
    assert json.loads(expected[manifest])["fields"] == [name for name, _ in fields]
    hits = Catalogue(records, fields=fields).search(SPONSOR_WORD).hits
    assert [records[int(ref, 36)].id for ref, _ in hits] == [SPONSORED]


SPONSOR_RECORDS = {
    # The word is the sponsor's name in one record and appears in the other's text.
    "sponsored.md": "---\ntitle: Omega Transit Ordinance\nsummary: Bus lanes downtown.\ndocument_type: Ordinance\npolicy_areas: [Transportation]\n"
    "date: 2020-01-01\nsponsor: Councilmember Marlowe\n---\nThe ordinance sets out bus lanes downtown and their hours.\n",
    "mentioned.md": "---\ntitle: Sigma Transit Resolution\nsummary: Bus shelters.\ndocument_type: Resolution\npolicy_areas: [Transportation]\n"
    "date: 2021-01-01\n---\nMarlowe spoke for the shelters.\n",
    "other.md": "---\ntitle: Tau Parking Policy\nsummary: Parking meters.\ndocument_type: Policy\npolicy_areas: [Transportation]\n"
    "date: 2019-01-01\n---\nMeters and their hours.\n",
}


@pytest.mark.parametrize(("weight", "first"), [(1, "mentioned"), (10, "sponsored")])
def test_the_weight_in_the_configuration_decides_how_a_fields_match_ranks(tmp_path: Path, weight: int, first: str) -> None:
    config = f"  - library:\n      fields:\n        sponsor: {{label: Sponsor, weight: {weight}}}\n"
    records, fields = _configured_library(with_fields(make_project(tmp_path, SPONSOR_RECORDS), config))
    hits = Catalogue(records, fields=fields).search("marlowe").hits
    ranked = [records[int(ref, 36)].id for ref, _ in hits]
    assert ranked[0] == first and sorted(ranked) == ["mentioned", "sponsored"]


def test_a_field_with_weight_zero_is_not_searched(tmp_path: Path) -> None:
    config = "  - library:\n      fields:\n        sponsor: {label: Sponsor, weight: 0}\n"
    records, fields = _configured_library(with_fields(make_project(tmp_path, SPONSOR_RECORDS), config))
    assert "sponsor" not in dict(fields)
    assert [records[int(ref, 36)].id for ref, _ in Catalogue(records, fields=fields).search("marlowe").hits] == ["mentioned"]


# --- the library commands ---------------------------------------------------------


def test_export_then_import_keeps_the_field_and_an_edit_changes_one_line(tmp_path: Path) -> None:
    project = status_project(tmp_path)
    before = {p.name: p.read_bytes() for p in (project / "docs/records").iterdir()}
    exported = library(project, "export", "-o", "library.csv")
    assert exported.returncode == 0, exported.stderr
    table = list(csv.DictReader(io.StringIO((project / "library.csv").read_text(encoding="utf-8-sig"))))
    assert {row["id"]: row["status"] for row in table} == {rid: r[3] or "" for rid, r in RECORDS.items()}
    same = library(project, "import", "library.csv", "--update")
    assert same.returncode == 0, same.stdout
    assert f"{len(RECORDS)} unchanged" in same.stdout
    assert {p.name: p.read_bytes() for p in (project / "docs/records").iterdir()} == before

    for row in table:
        if row["id"] == "beta-bill":
            row["status"] = "enacted"  # as an editor types it
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)
    (project / "edited.csv").write_text(out.getvalue(), encoding="utf-8")
    edited = library(project, "import", "edited.csv", "--update")
    assert edited.returncode == 0, edited.stdout
    assert "1 updated" in edited.stdout
    after = (project / "docs/records/beta-bill.md").read_text(encoding="utf-8")
    assert after == before["beta-bill.md"].decode().replace("status: Proposed", "status: Enacted")
    check = library(project, "check")
    assert check.returncode == 0, check.stdout


def test_library_new_offers_the_field(tmp_path: Path) -> None:
    project = status_project(tmp_path)
    written = library(project, "new", "Omega Ordinance", "--no-input")
    assert written.returncode == 0, written.stderr
    text = (project / "docs/records/omega-ordinance.md").read_text(encoding="utf-8")
    assert "# One of: Proposed, Enacted, Repealed.\n# status: Proposed\n" in text
    given = library(project, "new", "Psi Ordinance", "--type", "Ordinance", "--area", "Immigration", "--summary", "Does.", "--field", "status=repealed")
    assert given.returncode == 0, given.stderr
    assert "\nstatus: Repealed\n" in (project / "docs/records/psi-ordinance.md").read_text(encoding="utf-8")
    wrong = library(project, "new", "Rho Ordinance", "--field", "status=Enactd")
    assert wrong.returncode == 1
    assert "library new: status: 'Enactd' is not an allowed value" in wrong.stderr
    assert not (project / "docs/records/rho-ordinance.md").exists()
    help_text = library(project, "import", "--help").stdout
    assert "related, amends, file, status, adopted, minutes, sponsor, body" in help_text


def test_without_the_declaration_the_commands_do_not_name_the_field(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"alpha-ordinance.md": record_text("alpha-ordinance").replace("status: Enacted\n", "")})
    assert "status" not in library(project, "import", "--help").stdout
    assert "status" not in library(project, "new", "--help").stdout


def test_a_text_field_can_be_a_filter_whose_values_come_from_the_records(tmp_path: Path) -> None:
    registry = Taxonomy.from_config(None, parse_fields({"agency": {"label": "Agency", "facet": True}}))
    records = tmp_path / "records"
    records.mkdir()
    for rid, agency in (("one", "Sheriff"), ("two", "Police"), ("three", "Sheriff"), ("four", None)):
        text = record_text("zeta-resolution").replace("status: Enacted\n", f"agency: {agency}\n" if agency else "")
        (records / f"{rid}.md").write_text(text, encoding="utf-8")
    lib = load_library(records, registry)
    assert not lib.problems
    data = search_data(lib.newest_first(), registry)
    facet = next(f for f in data["facets"] if f["field"] == "agency")
    assert (facet["label"], facet["values"]) == ("Agency", ["Sheriff", "Police"])  # by number of records
    browse = build_browse(lib)
    assert [(g.value, g.slug, g.count) for g in browse.index("agency").groups] == [("Police", "police", 1), ("Sheriff", "sheriff", 2)]


def test_a_fields_column_names_it_in_the_spreadsheet_both_ways(tmp_path: Path) -> None:
    project = with_fields(make_project(tmp_path, {f"{rid}.md": record_text(rid) for rid in ("alpha-ordinance", "beta-bill")}))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("          facet: true\n", "          facet: true\n          column: Legal status\n", 1), encoding="utf-8"
    )
    exported = library(project, "export", "-o", "library.csv")
    assert exported.returncode == 0, exported.stderr
    table = list(csv.DictReader(io.StringIO((project / "library.csv").read_text(encoding="utf-8-sig"))))
    assert "status" not in table[0] and {row["id"]: row["Legal status"] for row in table} == {"alpha-ordinance": "Enacted", "beta-bill": "Proposed"}
    for row in table:
        row["Legal status"] = "Repealed"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)
    (project / "edited.csv").write_text(out.getvalue(), encoding="utf-8")
    imported = library(project, "import", "edited.csv", "--update")
    assert imported.returncode == 0, imported.stdout
    assert "legal_status" not in imported.stdout  # read as the field's column, not an unknown one
    assert "status: Repealed\n" in (project / "docs/records/beta-bill.md").read_text(encoding="utf-8")
