"""Saved searches, kept in the visitor's browser alone: saving, the home page's list with what is new since,
after the library changes, and the privacy page that lists and clears them. Also the search page's feed link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import Watch
from tests.browser.search_support import results
from tests.support import build_site, make_project, serve

RECORD = """---
title: "{title}"
summary: "{summary}"
document_type: Ordinance
policy_areas: [Immigration]
states: [{state}]
date: {date}
---
"""

FIRST = {
    "wa-detainers.md": RECORD.format(title="Washington detainer ordinance", summary="Ends detainer holds.", state="WA", date="2019-01-01"),
    "wa-courts.md": RECORD.format(title="Washington courthouse rule", summary="Courthouse arrests.", state="WA", date="2018-01-01"),
    "or-detainers.md": RECORD.format(title="Oregon detainer policy", summary="Ends detainer holds.", state="OR", date="2017-01-01"),
}
ADDED = {
    "wa-new-trust.md": RECORD.format(title="Washington trust act", summary="A new trust law.", state="WA", date="2020-01-01"),
    "wa-new-schools.md": RECORD.format(title="Washington schools policy", summary="Schools and enforcement.", state="WA", date="2016-01-01"),
}


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


def watch(page: Page) -> Watch:
    seen = Watch()
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("pageerror", lambda e: seen.page_errors.append(str(e)))
    return seen


def save(page: Page, address: str, base: str) -> None:
    page.goto(base + address)
    results(page)
    button = page.locator("[data-save-search]")
    expect(button).to_be_enabled()
    expect(button).to_have_text("Save this search")
    button.click()
    expect(page.locator(".library-save [aria-live=polite]")).to_have_text("Saved in this browser.")
    expect(button).to_have_text("Save this search again")


def saved_rows(page: Page) -> dict[str, tuple[str, int]]:
    """Each listed saved search: its link's address -> (its name, its count of new records)."""
    expect(page.locator("[data-saved-search]")).to_be_visible()
    rows = page.locator("[data-saved-search] li")
    expect(rows.locator("[data-new-count]")).to_have_count(rows.count())
    out = {}
    for row in rows.all():
        link = row.locator("a")
        out[link.get_attribute("href") or ""] = (link.inner_text(), int(row.locator("[data-new-count]").get_attribute("data-new-count") or "-1"))
    return out


def test_a_saved_search_counts_the_records_added_since_and_the_privacy_page_clears_it(context: BrowserContext, tmp_path: Path) -> None:
    project = make_project(tmp_path, FIRST)
    site = tmp_path / "site"
    build_site(project, site)
    page = context.new_page()
    seen = watch(page)
    with serve(site, tmp_path) as base:
        page.goto(base)
        results(page)
        expect(page.locator("[data-saved-search]")).to_be_hidden()
        save(page, "?states=WA", base)
        save(page, "?q=detainer", base)
        page.goto(base)
        assert saved_rows(page) == {"?q=detainer": ("“detainer”", 0), "?states=WA": ("State: Washington", 0)}

        # The library gains two Washington records; no new one says "detainer".
        for name, text in ADDED.items():
            (project / "docs" / "records" / name).write_text(text, encoding="utf-8")
        build_site(project, site)
        # The visitor comes back after the server's max-age (ten minutes, as on GitHub Pages): nothing of the old site is kept.
        context.new_cdp_session(page).send("Network.clearBrowserCache")
        page.goto(base)
        results(page)
        assert saved_rows(page) == {"?q=detainer": ("“detainer”", 0), "?states=WA": ("State: Washington", 2)}
        expect(page.locator('[data-saved-entry="?states=WA"]')).to_contain_text("2 new since you saved it")
        expect(page.locator('[data-saved-entry="?q=detainer"]')).to_contain_text("nothing new since you saved it")
        violations = [f"{v['id']}: {v['help']}" for v in Axe().run(page).response["violations"]]
        assert violations == []
        # Following a saved search opens it.
        page.locator("[data-saved-search] a", has_text="State: Washington").click()
        assert results(page)[:2] == ["wa-new-trust", "wa-detainers"]
        # Saving it again starts counting from now.
        page.locator("[data-save-search]").click()
        expect(page.locator(".library-save [aria-live=polite]")).to_have_text("Saved in this browser.")
        page.goto(base)
        assert saved_rows(page)["?states=WA"][1] == 0

        # The privacy page says what is kept, and clears it.
        page.goto(base + "privacy/")
        kept = page.locator("[data-saved-privacy]")
        expect(kept).to_contain_text("This browser keeps 2 saved searches for this site:")
        expect(kept.locator("li")).to_have_text(["State: Washington", "“detainer”"])
        assert Axe().run(page).response["violations"] == []
        page.get_by_role("button", name="Clear saved searches").click()
        expect(kept.locator("[data-saved-privacy-done]")).to_have_text("Your saved searches were removed from this browser.")
        expect(kept).to_contain_text("This browser keeps no saved searches for this site.")
        expect(page.get_by_role("button", name="Clear saved searches")).to_be_hidden()
        assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('policy-library.'))") == []
        page.goto(base)
        results(page)
        expect(page.locator("[data-saved-search]")).to_be_hidden()
    # Nothing was sent anywhere: every request was a GET of the site's own files.
    assert seen.foreign_requests() == [] and seen.page_errors == []


def test_a_saved_search_can_be_removed_from_the_home_page(context: BrowserContext, sample_url: str) -> None:
    page = context.new_page()
    save(page, "?q=courthouse", sample_url)
    page.goto(sample_url)
    assert list(saved_rows(page)) == ["?q=courthouse"]
    page.get_by_role("button", name="Remove the saved search “courthouse”").click()
    expect(page.locator("[data-saved-search]")).to_be_hidden()
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('policy-library.'))") == []


def test_sites_under_one_host_keep_their_saved_searches_apart(context: BrowserContext, sample_site: Path, tmp_path: Path) -> None:
    page = context.new_page()
    with serve(sample_site, tmp_path, "one") as one, serve(sample_site, tmp_path, "two") as two:
        save(page, "?q=warrant", one)
        page.goto(two)
        results(page)
        expect(page.locator("[data-saved-search]")).to_be_hidden()


# --- the feed of a single filter value ------------------------------------------------


def feed_link(page: Page) -> str | None:
    """The feed the search page links for its current search, once it has decided; None for none."""
    results(page)
    search = page.evaluate("() => location.search")
    link = page.locator("a[data-search-feed]")
    expect(link).to_have_attribute("data-search-feed", search)
    alternate = page.locator('head link[rel="alternate"][type="application/atom+xml"][data-search-feed]')
    if link.is_hidden():
        expect(alternate).to_have_count(0)
        return None
    expect(alternate).to_have_count(1)
    href = link.get_attribute("href")
    assert alternate.get_attribute("href") == href
    return href


def test_the_search_page_links_the_feed_of_its_one_filter_value_and_follows_the_filters(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "?states=WA")
    expect(page.locator("a[data-search-feed]")).to_have_text("Feed of the newest records with State: Washington (Atom)")
    href = feed_link(page)
    assert href == sample_url + "feed.states.wa.xml"
    feed = page.request.get(href)
    assert feed.ok and b"<feed" in feed.body()
    # A second value: the feed of neither.
    page.locator('input[name="policy_areas"][value="Immigration"]').check()
    expect(page).to_have_url(re.compile("policy_areas=Immigration"))
    assert feed_link(page) is None
    # Back to one value, another field.
    page.locator('[data-remove-filter="states=WA"]').click()
    expect(page.locator("a[data-search-feed]")).to_have_text("Feed of the newest records with Policy area: Immigration (Atom)")
    assert feed_link(page) == sample_url + "feed.policy-areas.immigration.xml"
    # Text does not change what the feed holds, so the link stays, named by its value.
    page.goto(sample_url + "?q=detainer&states=CA")
    assert feed_link(page) == sample_url + "feed.states.ca.xml"
    for address in ("", "?q=detainer", "?year_from=2015", "?states=WA&states=OR", "?language=es"):
        page.goto(sample_url + address)
        assert feed_link(page) is None, address


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["1280x900", "390x844"])
def test_the_result_actions_and_saved_list_pass_axe_and_work_by_keyboard(browser: Browser, sample_url: str, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(sample_url + "?states=WA")
    results(page)
    expect(page.locator("a[data-search-feed]")).to_be_visible()
    # Save by keyboard alone.
    page.locator("[data-save-search]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".library-save [aria-live=polite]")).to_have_text("Saved in this browser.")
    found = [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in Axe().run(page).response["violations"]]
    page.goto(sample_url + "?q=detainer")
    saved_rows(page)
    found += [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in Axe().run(page).response["violations"]]
    context.close()
    assert found == []
