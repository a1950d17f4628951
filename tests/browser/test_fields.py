"""A field declared only in a library's mkdocs.yml is a filter on the search page, with counts, in the URL and history."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.browser.search_support import result_count, results, shown_counts
from tests.fields_library import BY_STATUS, RECORDS, SPONSOR_WORD, SPONSORED, status_project
from tests.support import build_site, serve

NEWEST_FIRST = [rid for rid, _ in sorted(RECORDS.items(), key=lambda item: item[1][2], reverse=True)]


@pytest.fixture(scope="module")
def status_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("status")
    site = tmp / "site"
    build_site(status_project(tmp), site)
    with serve(site, tmp) as url:
        yield url


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_the_configured_field_is_a_filter_with_counts_in_the_url_and_history(page: Page, status_url: str) -> None:
    page.goto(status_url)
    assert results(page) == NEWEST_FIRST
    legend = page.locator('fieldset[data-field="status"] legend')
    expect(legend).to_have_text("Status")
    assert shown_counts(page)["status"] == {status: len(ids) for status, ids in BY_STATUS.items()}

    page.locator('input[name="status"][value="Enacted"]').check()
    expect(page).to_have_url(f"{status_url}?status=Enacted")
    assert results(page) == BY_STATUS["Enacted"]
    # Disjunctive counts: the status filter's own counts ignore it, the others' apply it.
    counts = shown_counts(page)
    assert counts["status"] == {status: len(ids) for status, ids in BY_STATUS.items()}
    assert counts["document_type"] == {"Ordinance": 2, "Resolution": 1, "Bill": 0, "Policy": 0, "Report": 0}

    page.locator('input[name="document_type"][value="Ordinance"]').check()
    assert results(page) == ["alpha-ordinance", "delta-ordinance"]
    filtered = page.url
    assert params(filtered) == {"document_type": ["Ordinance"], "status": ["Enacted"]}

    page.reload()
    assert results(page) == ["alpha-ordinance", "delta-ordinance"]
    expect(page.locator('input[name="status"][value="Enacted"]')).to_be_checked()

    page.go_back()
    expect(page).to_have_url(f"{status_url}?status=Enacted")
    assert results(page) == BY_STATUS["Enacted"]
    page.go_back()
    expect(page).to_have_url(status_url)
    assert result_count(page) == len(RECORDS)
    expect(page.locator('input[name="status"][value="Enacted"]')).not_to_be_checked()

    # Two values of the field: either one.
    page.goto(f"{status_url}?status=Proposed&status=Repealed")
    assert sorted(results(page)) == sorted(BY_STATUS["Proposed"] + BY_STATUS["Repealed"])


def test_the_record_page_links_to_the_fields_browse_page_and_its_feed(watched: tuple[Page, Watch], status_url: str) -> None:
    page, watch = watched
    page.goto(status_url + "records/alpha-ordinance/")
    page.locator(".library-facts a", has_text="Enacted").click()
    expect(page).to_have_url(status_url + "browse/status/enacted/")
    # The theme fetches sitemap.xml beside every alternate link: the feed's place must not make that a 404.
    page.wait_for_load_state("networkidle")
    assert watch.console_errors == []
    ids = page.locator("[data-record-id]").evaluate_all("els => els.map(e => e.dataset.recordId)")
    assert ids == BY_STATUS["Enacted"]
    feed = page.locator('link[rel="alternate"][type="application/atom+xml"]').last.get_attribute("href")
    response = page.request.get(urljoin(page.url, feed or ""))
    assert response.ok and response.body().count(b"<entry>") == len(BY_STATUS["Enacted"])


def test_the_built_page_names_its_filter_fields(status_url: str, page: Page) -> None:
    page.goto(status_url)
    names = page.locator("[data-filter-fields]").get_attribute("data-filter-fields")
    assert (names or "").split() == ["document_type", "policy_areas", "level", "states", "organization", "language", "status"]


def test_a_word_only_in_the_configured_text_field_finds_its_record(watched: tuple[Page, Watch], status_url: str) -> None:
    """The sponsor field exists only in the test library's mkdocs.yml; its words are searched like the built-in fields'."""
    page, watch = watched
    page.goto(status_url)
    assert result_count(page) == len(RECORDS)
    box = page.locator('main input[name="q"]')
    box.focus()
    page.keyboard.type(SPONSOR_WORD.lower()[:6])  # a prefix, as the visitor types it
    expect(page).to_have_url(f"{status_url}?q={SPONSOR_WORD.lower()[:6]}")
    assert results(page) == [SPONSORED]
    box.fill(SPONSOR_WORD)
    expect(page).to_have_url(f"{status_url}?q={SPONSOR_WORD}")
    assert results(page) == [SPONSORED]
    # A word no field of any record holds finds nothing: the field is what found it.
    box.fill("Quillfeathers Zyzzogeton")
    expect(page).to_have_url(re.compile(r"Zyzzogeton$"))
    assert results(page) == [SPONSORED] and page.locator("[data-partial-match]").is_visible()
    assert watch.page_errors == [] and watch.console_errors == []
