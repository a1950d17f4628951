"""Browsing the built sample library in Chromium with JavaScript switched off."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Watch
from tests.support import build_site, make_project, serve


@pytest.fixture
def no_js_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    assert all(url.startswith("http://127.0.0.1:") for url in requests), requests
    context.close()


def test_home_map_to_a_state_to_a_record_without_javascript(no_js_page: Page, sample_url: str) -> None:
    page = no_js_page
    page.goto(sample_url)
    expect(page.get_by_role("button", name="Download these results (CSV)")).to_have_count(0)
    tile = page.locator('svg.library-map a[data-state="WA"]')
    expect(tile).to_be_visible()
    count = int(tile.get_attribute("data-count") or "0")
    assert count > 0
    tile.click()
    assert page.url == sample_url + "browse/states/wa/"
    expect(page.locator("h1")).to_have_text("Washington")
    items = page.locator(".library-browse-list [data-record-id]")
    expect(items).to_have_count(min(count, 100))  # a browse page lists up to 100
    expect(page.locator(".library-browse-count")).to_contain_text(f"{count} record")
    first = items.first.locator("a")
    title = first.inner_text()
    first.click()
    expect(page.locator("article h1")).to_have_text(title)
    expect(page.locator(".library-facts")).to_contain_text("Washington")
    # And back out through the record's facet links to another browse page.
    page.locator(".library-facts a", has_text="Washington").first.click()
    expect(page.locator("h1")).to_have_text("Washington")


def test_every_record_is_reachable_from_the_home_page_by_links_alone(no_js_page: Page, sample_url: str) -> None:
    page = no_js_page
    page.goto(sample_url)
    page.get_by_role("link", name="All ways to browse").click()
    expect(page.locator("h1")).to_have_text("Browse the library")
    page.get_by_role("link", name="Document types", exact=True).click()
    type_pages = [a.get_attribute("href") or "" for a in page.locator(".library-facet-index a").all()]
    assert type_pages
    base = page.url
    found: set[str] = set()
    for href in type_pages:
        page.goto(base + href)
        found.update(i.get_attribute("data-record-id") or "" for i in page.locator("[data-record-id]").all())
    page.goto(sample_url + "records.json")
    total = len(page.locator("body").inner_text().split('"id": ')) - 1
    assert len(found) == total > 0


def download_rows(page: Page, name: str) -> list[dict[str, str]]:
    list_ = page.locator("[data-search-state]")
    expect(list_).to_have_attribute("data-search-state", "ready", timeout=15000)
    button = page.get_by_role("button", name="Download these results (CSV)")
    expect(button).to_be_enabled()
    with page.expect_download() as info:
        button.click()
    download = info.value
    # The file's name says what the search was.
    assert download.suggested_filename == name
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_download_of_a_filtered_search_holds_exactly_the_results_shown(watched: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    page, watch = watched
    page.goto(sample_url + "?states=WA&policy_areas=Immigration")
    rows = download_rows(page, "policy-library-Immigration-WA.csv")
    shown = [i.get_attribute("data-record-id") for i in page.locator("[data-search-state] [data-record-id]").all()]
    assert 0 < len(shown) < 20
    assert [row["id"] for row in rows] == shown
    assert page.locator("[data-search-state]").get_attribute("data-result-count") == str(len(shown))
    # Each row is the record's row of records.csv, cell for cell.
    published = {row["id"]: row for row in csv.DictReader(io.StringIO((sample_site / "records.csv").read_text(encoding="utf-8-sig"), newline=""))}
    for row in rows:
        assert row == published[row["id"]]
        assert "WA" in row["states"].split("; ") and "Immigration" in row["policy_areas"].split("; ")
    assert watch.foreign_requests() == [] and watch.page_errors == []


# A text search in the relevance order shows its first results before the filter counts (engine.js):
# the download must still hold every result, not the first few of each page.
@pytest.mark.parametrize(
    ("query", "name"),
    [("?q=immigration+detainer&sort=oldest", "policy-library-immigration-detainer.csv"), ("?q=immigration", "policy-library-immigration.csv")],
)
def test_csv_download_holds_every_page_of_results_in_order(page: Page, sample_url: str, query: str, name: str) -> None:
    page.goto(sample_url + query)
    rows = download_rows(page, name)
    results = page.locator("[data-search-state]")
    total = int(results.get_attribute("data-result-count") or "0")
    shown = [i.get_attribute("data-record-id") for i in results.locator("[data-record-id]").all()]
    assert total > len(shown) > 0, "the search spans several pages"
    assert len(rows) == total
    assert [row["id"] for row in rows][: len(shown)] == shown
    page.locator(".library-pages a", has_text="Next").click()
    expect(results).to_have_attribute("data-search-state", "ready")
    second = [i.get_attribute("data-record-id") for i in results.locator("[data-record-id]").all()]
    assert [row["id"] for row in rows][len(shown) : len(shown) + len(second)] == second


FORMULA_RECORD = """---
title: "{title}"
summary: "{summary}"
document_type: Ordinance
policy_areas: [Immigration]
tags: ["-1+2", "plain, with comma"]
organization: "@handle"
date: {date}
---
"""


def test_downloaded_csv_neutralises_formulas_exactly_as_records_csv(page: Page, tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "sum.md": FORMULA_RECORD.format(title='=SUM(A1:A9) and \\"quotes\\"', summary="+ plus first", date="2021-02-03"),
            "at.md": FORMULA_RECORD.format(title="@ at first", summary="- minus first", date="2019"),
            "plain.md": FORMULA_RECORD.format(title="Plain title", summary="Plain summary.", date="2020-06"),
        },
    )
    site = tmp_path / "site"
    build_site(project, site)
    with serve(site, tmp_path) as url:
        page.goto(url)
        rows = download_rows(page, "policy-library.csv")
        assert [row["id"] for row in rows] == ["sum", "plain", "at"]
        assert rows[0]["title"] == '\'=SUM(A1:A9) and "quotes"' and rows[0]["summary"] == "'+ plus first"
        assert rows[2]["title"] == "'@ at first" and rows[2]["organization"] == "'@handle" and rows[2]["tags"] == "'-1+2; plain, with comma"
    # With no text and no filter the results are the whole library, newest first: the rows of records.csv.
    assert rows == list(csv.DictReader(io.StringIO((site / "records.csv").read_text(encoding="utf-8-sig"), newline="")))
