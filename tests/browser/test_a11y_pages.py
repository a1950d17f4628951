"""Every kind of page, checked by axe-core at a desktop and a phone width."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.search_support import results

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
RECORD = "california-ab-450-immigrant-worker-protection"  # has related records

# name -> address under the site; the search page's kinds wait for their results.
PAGE_TYPES = {
    "home": "",
    "query": "?q=detainer",
    "filtered": "?q=ice+detainer&states=CA&states=WA&document_type=Ordinance&year_from=2010",
    "no results": "?q=zzzzqqq&states=TX",
    "record": f"records/{RECORD}/",
    "browse index": "browse/",
    "browse value page": "browse/states/wa/",
    "state map": "browse/states/",
    "open data": "open-data/",
    "editing guide": "editing/",
    "suggest a record": "suggest/",
    "privacy": "privacy/",
    "404": "records/no-such-record/",
}


def open_page(page: Page, sample_url: str, sample_site: Path, address: str) -> None:
    """Go to a page as a visitor would; a missing address is answered with the site's 404.html, as GitHub Pages does."""
    if address.startswith("records/no-such"):
        body = (sample_site / "404.html").read_text(encoding="utf-8")
        page.route(f"**/{address}", lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    page.goto(sample_url + address)
    if address == "" or address.startswith("?"):
        results(page)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x900", "390x844"])
def test_axe_finds_no_violation_on_any_page_type(browser: Browser, sample_url: str, sample_site: Path, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    axe = Axe()
    found: list[str] = []
    for name, address in PAGE_TYPES.items():
        open_page(page, sample_url, sample_site, address)
        for v in axe.run(page).response["violations"]:
            found.append(f"{name}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:4]}")
    context.close()
    assert found == [], "\n".join(found)
