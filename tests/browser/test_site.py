"""The built sample library in a real Chromium, served under a sub-path."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch


def test_home_to_record_and_back_stays_on_the_site(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    page.goto(sample_url)
    expect(page).to_have_title("Policy Library")
    first = page.locator("[data-record-id] a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("article h1")).to_have_text(title)
    assert "/policy-library/records/" in page.url
    expect(page.get_by_role("term").filter(has_text="Document type")).to_be_visible()
    page.go_back()
    expect(page.locator('input[name="q"]').first).to_be_visible()
    assert page.url.rstrip("/").endswith("/policy-library")
    assert watch.foreign_requests() == []
    assert watch.page_errors == []
