"""Browsing the built sample library in Chromium with JavaScript switched off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect


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
    tile = page.locator('svg.library-map a[data-state="WA"]')
    expect(tile).to_be_visible()
    count = int(tile.get_attribute("data-count") or "0")
    assert count > 0
    tile.click()
    assert page.url == sample_url + "browse/states/wa/"
    expect(page.locator("h1")).to_have_text("Washington")
    items = page.locator(".library-browse-list [data-record-id]")
    expect(items).to_have_count(count)
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
