"""What the search page downloads of its own code: its entry and its worker's, each one file made at build time."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.browser.conftest import Watch
from tests.browser.search_support import results


def test_the_search_page_runs_from_two_files_of_its_own_code(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    page.goto(sample_url + "?q=immigration")
    assert results(page), "the page searched"
    page.locator('input[name="q"]').fill("courthouse")
    page.wait_for_url(re.compile(r"q=courthouse"))
    assert results(page)
    # Each asked for once: the head's modulepreload of the page's file is the script the page then runs.
    own = sorted(u.split("/assets/library/", 1)[1].split("/", 1)[1] for u in watch.requests if re.search(r"/assets/library/js\.[0-9a-f]{12}/", u))
    assert own == ["bundle/page/search.js", "bundle/worker/worker.js"], own
    # lunr.js is inside the worker's file and the index's manifest inside the page: neither is fetched on its own,
    # and the theme is never sent looking for a sitemap.xml by the page's feed or language links.
    extra = [u for u in watch.requests if re.search(r"/lunr\.js$|/lunr\.[0-9a-f]{12}\.js$|/search/terms\.[0-9a-f]{12}\.json$|sitemap\.xml", u)]
    assert extra == [], extra
    assert page.locator('head link[rel="modulepreload"]').get_attribute("href") == page.locator("script[type=module][src]").get_attribute("src")
    assert watch.page_errors == [] and watch.console_errors == []
