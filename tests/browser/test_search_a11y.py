"""The search page for people using a screen reader or only a keyboard."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.browser.search_support import ids, results, sample_expected


def test_no_serious_accessibility_problems_with_results_and_filters(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    # axe-core ships inside the package (axe.min.js) and is injected into the page: nothing is fetched.
    for query in ("?q=ice+detainer&states=CA&states=WA&document_type=Ordinance&year_from=2010", "?q=zzzzqqq&states=TX"):
        page.goto(sample_url + query)
        results(page)
        found = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], "\n".join(serious)
    assert watch.foreign_requests() == []


def test_the_result_count_is_announced(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "?q=sanctuary")
    results(page)
    status = page.get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text(re.compile(r"\d+ records found"))


def test_the_whole_search_works_from_the_keyboard(page: Page, sample_url: str) -> None:
    page.goto(sample_url)
    results(page)
    box = page.locator('input[name="q"]')
    for _ in range(60):
        page.keyboard.press("Tab")
        if box.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("the search box is not reachable with Tab")
    page.keyboard.type("detainer")
    expect(page).to_have_url(re.compile(r"\?q=detainer$"))
    assert results(page) == ids(sample_expected().text("detainer"))[:20]

    def tab_to(selector: str) -> None:
        target = page.locator(selector)
        for _ in range(200):
            page.keyboard.press("Tab")
            if target.evaluate("e => e === document.activeElement"):
                return
        raise AssertionError(f"{selector} is not reachable with Tab")

    tab_to('input[name="states"][value="WA"]')
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile("states=WA"))
    expected = ids(sample_expected().select("detainer", {"states": ["WA"]}))
    assert results(page) == expected[:20]
    # The checkbox keeps the focus while the results and counts are redrawn.
    assert page.locator('input[name="states"][value="WA"]').evaluate("e => e === document.activeElement")
    tab_to('select[name="sort"]')
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(re.compile("sort=newest"))
    results(page)
    tab_to(f'.library-results [data-record-id="{results(page)[0]}"] a')
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/records/[a-z0-9-]+/$"))
