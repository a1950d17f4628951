"""What the search page downloads of its own code: one file made at build time, which the page runs and then
starts again as its search worker."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.browser.search_support import results
from tests.support import asked_of


def own_code(addresses: list[str]) -> list[str]:
    """The page's own scripts among `addresses`, each by its path inside the folder of scripts (js.<hash>/)."""
    return [re.split(r"/assets/library/js\.[0-9a-f]{12}/", a, maxsplit=1)[1] for a in addresses if re.search(r"/assets/library/js\.[0-9a-f]{12}/", a)]


def test_the_search_page_and_its_worker_run_from_one_file_of_its_own_code_fetched_once(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    asked = asked_of(sample_url)
    before = len(asked)
    page.goto(sample_url + "?q=immigration")
    assert results(page), "the page searched"
    page.locator('input[name="q"]').fill("courthouse")
    page.wait_for_url(re.compile(r"q=courthouse"))
    assert results(page)
    # The head's modulepreload of the file is the script the page then runs, and its worker runs it too:
    # the browser asks for it twice (the page, the worker) and the server is asked once, its cache answering the worker.
    # What the page runs once results are shown (downloads, citations, saved searches) is a second file, asked for then.
    own = own_code(watch.requests)
    assert own == ["bundle/search.js", "bundle/search.js", "bundle/later.js"], own
    served = own_code(asked[before:])
    assert served == ["bundle/search.js", "bundle/later.js"], served
    # lunr.js is inside the worker's file and the index's manifest inside the page: neither is fetched on its own,
    # and the theme is never sent looking for a sitemap.xml by the page's feed or language links.
    extra = [u for u in watch.requests if re.search(r"/lunr\.js$|/lunr\.[0-9a-f]{12}\.js$|/search/index\.[0-9a-f]{12}/terms\.json$|sitemap\.xml", u)]
    assert extra == [], extra
    assert page.locator('head link[rel="modulepreload"]').get_attribute("href") == page.locator("script[type=module][src]").get_attribute("src")
    assert watch.page_errors == [] and watch.console_errors == []


# A rule from each file joined: mkdocs-material's main stylesheet, its palette, and the library's.
STYLED = """() => ({
    header: getComputedStyle(document.querySelector('.md-header')).position,
    palette: [...document.styleSheets].some((sheet) => [...sheet.cssRules].some((rule) => /data-md-color-primary="?indigo/.test(rule.selectorText || ''))),
    results: getComputedStyle(document.querySelector('.library-results')).listStyleType,
})"""


def test_a_page_is_styled_from_one_stylesheet(watched: tuple[Page, Watch], sample_url: str) -> None:
    """The theme's stylesheets and the library's arrive as one file, and the rules of each apply."""
    page, watch = watched
    for path in ("", "es/"):
        watch.requests.clear()
        page.goto(sample_url + path)
        sheets = [u for u in watch.requests if re.search(r"\.css(\?|$)", u)]
        assert len(sheets) == 1 and re.search(r"/assets/stylesheets/library\.[0-9a-f]{12}\.css$", sheets[0]), sheets
        assert page.evaluate(STYLED) == {"header": "sticky", "palette": True, "results": "none"}
    assert watch.page_errors == [] and watch.console_errors == []


def test_the_search_page_carries_the_sites_icon_and_other_pages_link_it(watched: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    """The page most visits start from asks for no icon; the icon it shows is the site's file, byte for byte."""
    page, watch = watched
    icon = (sample_site / "assets/images/favicon.png").read_bytes()
    for path in ("", "es/"):
        watch.requests.clear()
        page.goto(sample_url + path)
        page.wait_for_load_state("load")
        href = page.locator('head link[rel="icon"]').get_attribute("href") or ""
        assert href.startswith("data:image/png;base64,") and base64.b64decode(href.split(",", 1)[1]) == icon
        assert [u for u in watch.requests if "favicon" in u] == []
    page.goto(sample_url + "privacy/")
    assert page.locator('head link[rel="icon"]').get_attribute("href") == "../assets/images/favicon.png"
    assert watch.page_errors == [] and watch.console_errors == []


# The order in which the page showed its results and added the theme's script, as the DOM saw them.
ORDER_SEEN = """() => {
  const seen = (window.__seen = []);
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes" && record.target.dataset.resultsShown === "true") seen.push("results");
      for (const node of record.addedNodes) if (node.nodeName === "SCRIPT" && /bundle\\.[0-9a-f]+\\.min\\.js$/.test(node.src)) seen.push("theme");
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-results-shown"] });
}"""


def test_the_search_page_asks_for_the_themes_script_once_its_first_results_are_shown_and_the_theme_then_works(
    watched: tuple[Page, Watch], sample_url: str
) -> None:
    page, watch = watched
    page.add_init_script(f"({ORDER_SEEN})()")
    page.goto(sample_url + "?q=immigration")
    assert results(page)
    theme = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
    page.wait_for_function("() => typeof window.component$ !== 'undefined'")
    seen = page.evaluate("window.__seen")
    assert seen.index("theme") > seen.index("results"), seen
    assert [u for u in watch.requests if theme.search(u)] and not [u for u in watch.requests if "sitemap.xml" in u]
    # Started late, the theme still does its work: scrolled down the page, the header gains its shadow and the
    # back-to-top button its place; the language twins and the feed are links for the browser again.
    page.mouse.wheel(0, 3000)
    expect(page.locator(".md-header")).to_have_class(re.compile(r"md-header--shadow"))
    page.mouse.wheel(0, -300)
    expect(page.locator(".md-top")).to_be_visible()
    expect(page.locator('head link[rel="alternate"][hreflang="es"]')).to_have_count(1)
    assert watch.page_errors == [] and watch.console_errors == []


def test_a_record_page_runs_the_theme_as_it_loads(watched: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    page, watch = watched
    record = next(sorted((sample_site / "records").iterdir()).__iter__()).name
    page.goto(f"{sample_url}records/{record}/")
    page.wait_for_function("() => typeof window.component$ !== 'undefined'")
    expect(page.locator('head link[rel="alternate"][hreflang="es"]')).to_have_count(1)
    assert not page.locator("template[data-library-held]").count()
    assert not [u for u in watch.requests if "sitemap.xml" in u] and watch.page_errors == []
