"""Browse pages, the state map and computed related records, checked against the records in a real build."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from policy_library.model.library import Library, load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import STATES, Taxonomy
from policy_library.site.browse import FACETS, slugify
from policy_library.site.statemap import LAYOUT

from tests.support import ROOT, build_site, make_project


@pytest.fixture(scope="module")
def sample(taxonomy: Taxonomy) -> Library:
    library = load_library(ROOT / "docs" / "records", taxonomy)
    assert [p for p in library.problems if p.is_error] == []
    return library


def values_of(record: Record, field: str) -> tuple[str, ...]:
    value = getattr(record, field)
    return value if isinstance(value, tuple) else (() if value is None else (value,))


def ids_in(html: str) -> list[str]:
    return re.findall(r'data-record-id="([^"]+)"', html)


def all_ids(page: Path) -> list[str]:
    """The records of a browse page and of the pages that continue it (rel="next")."""
    found: list[str] = []
    while True:
        html = page.read_text(encoding="utf-8")
        found += ids_in(html)
        following = re.search(r'<a href="([^"]+)" rel="next">', html)
        if not following:
            return found
        page = (page.parent / following.group(1) / "index.html").resolve()


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_facet_value_has_a_page_listing_exactly_its_records_newest_first(sample_site: Path, sample: Library) -> None:
    newest = [r.id for r in sample.newest_first()]
    for facet in FACETS:
        expected: dict[str, list[str]] = {}
        for rid in newest:
            for value in values_of(sample[rid], facet.field):
                expected.setdefault(value, []).append(rid)
        index = read(sample_site, f"browse/{facet.path}")
        entries = re.findall(r'<li data-value="([^"]*)" data-count="(\d+)"><a href="([^"]+)">', index)
        if facet.field == "states":  # the states index lists them in the table beside the map
            entries = re.findall(r'<tr data-state="([A-Z]{2})" data-count="(\d+)"><th scope="row"><a href="([^"]+)">', index)
        listed = {unescape(value): (int(count), href) for value, count, href in entries}
        assert {v: c for v, (c, _) in listed.items()} == {v: len(ids) for v, ids in expected.items()}, facet.field
        for value, ids in expected.items():
            href = listed[value][1]
            assert href.endswith("/") and not href.startswith(("/", "http"))
            page = (sample_site / "browse" / facet.path / href / "index.html").resolve()
            html = page.read_text(encoding="utf-8")
            assert all_ids(page) == ids, (facet.field, value)
            count = re.search(r'class="library-browse-count" data-count="(\d+)">(\d+) records?, newest first', html)
            assert count and int(count.group(1)) == len(ids) == int(count.group(2))


def test_browse_pages_link_to_the_search_with_that_filter(sample_site: Path) -> None:
    html = read(sample_site, "browse/policy-areas/immigration")
    assert '<a class="md-button" href="../../.././?policy_areas=Immigration">Search within these</a>' in html
    html = read(sample_site, "browse/states/wa")
    assert 'href="../../.././?states=WA">Search within these' in html
    assert re.search(r"<h1[^>]*>Washington</h1>", html)


def test_record_pages_link_their_facets_to_browse_pages_that_exist(sample_site: Path, sample: Library) -> None:
    for record in sample:
        html = read(sample_site, f"records/{record.id}")
        facts = html[html.index('<dl class="library-facts">') : html.index("</dl>")]
        for href in re.findall(r'href="\.\./\.\./(browse/[^"]+)"', facts):
            assert (sample_site / href / "index.html").is_file(), (record.id, href)
        for state in record.states:
            assert f'href="../../browse/states/{state.lower()}/"' in facts
        for area in record.policy_areas:
            assert f'href="../../browse/policy-areas/{slugify(area)}/"' in facts


def test_state_map_and_table_show_the_count_of_every_state(sample_site: Path, sample: Library) -> None:
    counts = {code: sum(code in r.states for r in sample) for code in STATES}
    html = read(sample_site, "browse/states")
    svg = html[html.index('<svg class="library-map"') :]
    svg = svg[: svg.index("</svg>")]
    tiles = dict(re.findall(r'data-state="([A-Z]{2})" data-count="(\d+)"', svg))
    assert set(tiles) == set(LAYOUT) == set(STATES)
    assert {code: int(n) for code, n in tiles.items()} == counts
    for code, count in counts.items():
        label = f"{STATES[code]}: {count} record{'' if count == 1 else 's'}"
        assert f'aria-label="{label}"' in svg or f'data-label="{label}"' in svg
        link = re.search(rf'<a href="([^"]+)" aria-label="[^"]*" data-state="{code}"', svg)
        assert (link is not None) == (count > 0), code
        if link:
            target = (sample_site / "browse" / "states" / link.group(1) / "index.html").resolve()
            assert all_ids(target) == [r.id for r in sample.newest_first() if code in r.states]
    table = html[html.index('<table class="library-map-table">') : html.index("</table>")]
    rows = {code: int(n) for code, n in re.findall(r'<tr data-state="([A-Z]{2})" data-count="(\d+)">', table)}
    assert rows == {code: n for code, n in counts.items() if n}
    # The home page shows the same map, its links relative to the home page.
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert '<a href="./browse/states/wa/" aria-label="Washington: ' in home


def test_computed_related_records_never_include_the_record_and_add_to_the_editors(sample_site: Path, sample: Library) -> None:
    with_suggestions = 0
    for record in sample:
        html = read(sample_site, f"records/{record.id}")
        if 'id="suggested-heading"' not in html:
            continue
        with_suggestions += 1
        section = html[html.index('id="suggested-heading"') :]
        section = section[: section.index("</section>")]
        shown = re.findall(r'<a [^>]*href="\.\./([a-z0-9-]+)/"', section)
        assert 1 <= len(shown) <= 5
        assert record.id not in shown
        assert len(set(shown)) == len(shown)
        editors = {*sample.related_of.get(record.id, ()), *record.amends, *sample.amended_by.get(record.id, ())}
        assert not editors & set(shown)
        for other in shown:
            mine = set(record.policy_areas) | set(record.tags) | set(record.states) | {record.jurisdiction}
            theirs = set(sample[other].policy_areas) | set(sample[other].tags) | set(sample[other].states) | {sample[other].jurisdiction}
            assert (mine & theirs) - {None}, (record.id, other)
    assert with_suggestions >= len(sample) // 2


def test_browse_pages_are_out_of_the_menu_but_browse_and_open_data_are_in(sample_site: Path) -> None:
    html = read(sample_site, "privacy")
    nav = html[html.index('<nav class="md-nav md-nav--primary') :]
    nav = nav[: nav.index("</nav>")]
    assert re.search(r'href="\.\./browse/"[^>]*>\s*<span class="md-ellipsis">\s*Browse', nav)
    assert re.search(r'href="\.\./open-data/"', nav)
    assert "browse/states/" not in nav and "browse/policy-areas/" not in nav


RECORD = """---
title: "{title}"
summary: "{summary}"
document_type: Ordinance
policy_areas: [Immigration]
{extra}
---
"""


def test_similar_sources_get_distinct_pages_and_the_sitemap_lists_browse_pages(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "a.md": RECORD.format(title="A", summary="One.", extra="organization: ACLU of Washington\nstates: [WA]\ndate: 2020"),
            "b.md": RECORD.format(title="B", summary="Two.", extra="organization: ACLU of Washington.\nstates: [WA]\ndate: 2021"),
            "c.md": RECORD.format(title="C", summary="Three.", extra="organization: Index"),
        },
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_url: https://example.org/library/\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(project, site)
    assert ids_in(read(site, "browse/sources/aclu-of-washington")) == ["a"]
    assert ids_in(read(site, "browse/sources/aclu-of-washington-2")) == ["b"]
    assert ids_in(read(site, "browse/sources/index-2")) == ["c"]
    assert "<h1>Browse by source</h1>" in read(site, "browse/sources")
    assert ids_in(read(site, "browse/states/wa")) == ["b", "a"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("browse/", "browse/states/", "browse/states/wa/", "browse/sources/aclu-of-washington-2/", "browse/policy-areas/immigration/", "records/a/"):
        assert f"<loc>https://example.org/library/{url}</loc>" in sitemap
    page = read(site, "records/a")
    assert '<meta property="og:url" content="https://example.org/library/records/a/">' in page


def test_related_records_rank_by_what_is_shared_and_break_ties_newest_first(taxonomy: Taxonomy) -> None:
    from policy_library.model.dates import PartialDate
    from policy_library.model.similar import similar_records

    def rec(rid: str, year: int, **fields: object) -> Record:
        base: dict[str, object] = {"id": rid, "path": rid, "title": rid, "summary": "s", "document_type": "Ordinance", "policy_areas": ("Immigration",)}
        return Record(**{**base, "date": PartialDate(year), **fields})  # type: ignore[arg-type]

    records = [
        rec("detainers-king", 2014, jurisdiction="King County", tags=("detainers",), states=("WA",)),
        rec("detainers-king-old", 2013, jurisdiction="King County", tags=("detainers",), states=("WA",)),
        rec("detainers-sf", 2016, tags=("detainers",), states=("CA",)),
        rec("seattle", 2015, states=("WA",)),
        rec("housing", 2019, policy_areas=("Housing",)),
        *(rec(f"other-{n}", 2000 + n) for n in range(8)),
    ]
    library = Library({r.id: r for r in records}, taxonomy)
    found = similar_records(library)
    assert found["detainers-king"][:3] == ["detainers-king-old", "detainers-sf", "seattle"]
    # Records sharing only "Immigration" come after, newest first, up to five in all.
    assert found["detainers-king"][3:] == ["other-7", "other-6"]
    assert all(rid not in ids and len(ids) <= 5 for rid, ids in found.items())
    assert found["housing"] == [], "nothing shared, nothing suggested"
    assert similar_records(library, exclude={"detainers-king": ["detainers-king-old"]})["detainers-king"][0] == "detainers-sf"
    assert similar_records(library) == found


def test_a_long_list_continues_on_numbered_pages(tmp_path: Path) -> None:
    records = {f"r{n}.md": RECORD.format(title=f"R{n}", summary="S.", extra=f"states: [WA]\ndate: {2010 + n}") for n in range(5)}
    project = make_project(tmp_path, records)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - library\n" in text
    config.write_text(text.replace("\n  - library\n", "\n  - library:\n      browse_page_size: 2\n"), encoding="utf-8")
    site = tmp_path / "site"
    build_site(project, site)
    pages = [read(site, "browse/states/wa"), read(site, "browse/states/wa/2"), read(site, "browse/states/wa/3")]
    assert [ids_in(html) for html in pages] == [["r4", "r3"], ["r2", "r1"], ["r0"]]
    assert not (site / "browse" / "states" / "wa" / "4").exists()
    assert "5 records, newest first. Page 2 of 3: records 3 to 4." in pages[1]
    assert '<ol class="library-results library-browse-list" start="3">' in pages[1]
    assert '<a href="../" rel="prev">Previous</a>' in pages[1] and '<a href="../3/" rel="next">Next</a>' in pages[1]
    assert '<a href="./" aria-current="page">2</a>' in pages[1]
    assert 'rel="prev"' not in pages[0] and 'rel="next"' not in pages[2]
    assert 'data-state="WA" data-count="5"' in read(site, "browse/states")
