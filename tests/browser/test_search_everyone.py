"""The search page and the site's pages for everyone: keyboard, phone, screen reader, slow link, no JavaScript, paper.

Each test runs at a desktop (1280x900) and a phone (390x844) width unless it is about one of them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from policy_library.site.i18n import Messages
from policy_library.site.labels import Labels

from tests.browser.search_support import ids, result_count, results, sample_expected

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x900", "390x844"])
CODES = re.compile(r"/records\.[0-9a-f]{12}\.json$")
RECORD = "california-ab-450-immigrant-worker-protection"


@pytest.fixture
def sized(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    """A page at the test's width (a phone one is a touch device, as phones are)."""
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    yield context.new_page()
    context.close()


def focused(page: Page) -> str:
    """The focused element, as a short description: tag#id.class [name=value] "text"."""
    return page.evaluate(
        """() => { const e = document.activeElement; if (!e) return '';
        return `${e.tagName.toLowerCase()}#${e.id}.${[...e.classList].join('.')} [${e.getAttribute('name') || ''}=${e.getAttribute('value') || ''}]`
          + ` "${(e.innerText || '').trim().slice(0, 40)}" ${e.dataset.page ? 'page=' + e.dataset.page : ''}`; }"""
    )


def tab_until(page: Page, selector: str, limit: int = 80) -> int:
    """Press Tab until the element is focused; how many presses it took."""
    target = page.locator(selector)
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("e => e === document.activeElement"):
            return n
    raise AssertionError(f"{selector} is not reached with {limit} Tab presses (last: {focused(page)})")


def outline(page: Page) -> tuple[str, float]:
    return page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")


# 1. Keyboard focus, skip links, the closed drawer.


@WIDTHS
def test_keyboard_focus_is_always_visible(sized: Page, sample_url: str) -> None:
    page = sized
    page.goto(sample_url + "?q=detainer&states=WA")
    results(page)
    tab_until(page, 'input[name="q"]')
    assert outline(page)[0] != "none" and outline(page)[1] >= 2, "the search box shows its focus"
    if page.viewport_size and page.viewport_size["width"] < 600:
        tab_until(page, "[data-open-filters]")
        page.keyboard.press("Enter")
        expect(page.get_by_role("dialog")).to_be_visible()
    tab_until(page, 'input[name="states"][value="WA"]')
    assert outline(page)[0] != "none" and outline(page)[1] >= 2, "a filter checkbox shows its focus"
    tab_until(page, 'input[name="year_from"]')
    assert outline(page)[0] != "none" and outline(page)[1] >= 2, "a year field shows its focus"
    border = page.locator('input[name="year_from"]').evaluate("e => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth")
    assert not border.startswith("none") and not border.endswith(" 0px"), "the year field has a visible edge"


@WIDTHS
def test_a_skip_link_comes_first_on_every_page(sized: Page, sample_url: str) -> None:
    page = sized
    for address, text, target in (
        ("", "Skip to results", "library-status"),
        (f"records/{RECORD}/", "Skip to content", "library-content"),
        ("browse/states/wa/", "Skip to content", "library-content"),
        ("privacy/", "Skip to content", "library-content"),
    ):
        page.goto(sample_url + address)
        if address == "":
            results(page)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        expect(skip).to_have_text(text)
        expect(skip).to_be_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == target, address
    # From the search page's skip link, the first result is two Tabs away (past the download button).
    page.goto(sample_url + "?q=detainer")
    first = results(page)[0]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert tab_until(page, f'.library-results [data-record-id="{first}"] a', limit=2) <= 2


def test_the_closed_navigation_drawer_is_out_of_the_tab_order_on_a_phone(browser: Browser, sample_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(sample_url + f"records/{RECORD}/")
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate("() => !document.activeElement.closest('.md-sidebar--primary')"), f"focus in the closed drawer: {focused(page)}"
    drawer_link = page.locator(".md-sidebar--primary a", has_text="Open data")
    expect(drawer_link).to_be_hidden()
    page.locator(".md-header .library-drawer-button").click()
    expect(drawer_link).to_be_visible()
    drawer_link.focus()
    assert page.evaluate("() => document.activeElement.closest('.md-sidebar--primary') !== null"), "the open drawer's links take the focus"
    context.close()


def test_a_keyboard_opens_and_closes_the_navigation_drawer_on_a_phone(browser: Browser, sample_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(sample_url + f"records/{RECORD}/")
    menu = page.get_by_role("button", name="Navigation")
    expect(menu).to_have_attribute("aria-expanded", "false")
    tab_until(page, ".md-header .library-drawer-button", limit=6)
    page.keyboard.press("Enter")
    drawer_link = page.locator(".md-sidebar--primary a", has_text="Open data")
    expect(drawer_link).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    tab_until(page, '.md-sidebar--primary a:has-text("Open data")', limit=30)
    page.keyboard.press("Escape")
    expect(drawer_link).to_be_hidden()
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Space")
    expect(drawer_link).to_be_visible()
    page.keyboard.press("Escape")
    context.close()
    desktop = browser.new_page(viewport=DESKTOP)
    desktop.goto(sample_url + f"records/{RECORD}/")
    expect(desktop.get_by_role("button", name="Navigation")).to_be_hidden()
    desktop.close()


# 2. Chips, clear all, long lists.


@WIDTHS
def test_active_filters_show_as_chips_that_remove_them_and_clear_all_keeps_the_text(sized: Page, sample_url: str) -> None:
    page = sized
    expected = sample_expected()
    page.goto(sample_url + "?q=detainer&states=WA&level=County")
    results(page)
    chip = page.locator('[data-remove-filter="states=WA"]')
    expect(chip).to_be_visible()
    expect(chip).to_contain_text("State: Washington")
    expect(page.locator('[data-remove-filter="level=County"]')).to_be_visible()
    chip.click()
    expect(page).not_to_have_url(re.compile("states="))
    assert results(page) == ids(expected.select("detainer", {"level": ["County"]}))[:20]
    expect(page.locator("[data-remove-filter]")).to_have_count(1)
    page.goto(sample_url + "?q=detainer&states=WA&states=OR&year_from=2010")
    results(page)
    expect(page.locator('[data-remove-filter="year_from=2010"]')).to_be_visible()
    page.locator("[data-clear-filters]").click()
    expect(page).to_have_url(re.compile(r"\?q=detainer$"))
    assert results(page) == ids(expected.text("detainer"))[:20]
    expect(page.locator("[data-clear-filters]")).to_be_hidden()
    expect(page.locator('input[name="q"]')).to_have_value("detainer")


@WIDTHS
def test_a_long_filter_list_shows_its_top_values_and_narrows_to_what_is_typed(sized: Page, sample_url: str) -> None:
    page = sized
    page.goto(sample_url + "?q=immigration")
    results(page)
    if page.viewport_size and page.viewport_size["width"] < 600:
        page.locator("[data-open-filters]").click()
    states = page.locator('fieldset[data-field="states"]')
    every = states.locator('input[name="states"]').count()
    assert every > 10
    counts = states.locator('input[name="states"]').evaluate_all("els => els.map(e => Number(e.dataset.count))")
    visible = states.locator(".library-option:visible input")
    expect(visible).to_have_count(10)
    # The ten shown are those with the most results.
    shown = sorted(visible.evaluate_all("els => els.map(e => Number(e.dataset.count))"), reverse=True)
    assert shown == sorted(counts, reverse=True)[:10]
    more = states.get_by_role("button", name=f"Show all {every}")
    more.click()
    expect(states.locator(".library-option:visible")).to_have_count(every)
    states.get_by_role("button", name="Show fewer").click()
    expect(states.locator(".library-option:visible")).to_have_count(10)
    box = page.locator('[data-filter-within="states"]')
    box.fill("wásh")  # accents and case ignored
    expect(states.locator(".library-option:visible")).to_have_count(1)
    option = states.locator('input[value="WA"]')
    expect(option).to_be_visible()
    option.check()
    expect(page).to_have_url(re.compile("states=WA"))
    box.fill("zzz")
    expect(states.locator(".library-option:visible")).to_have_count(0)
    expect(states).to_contain_text("No State matches")
    box.fill("")
    # A chosen value stays in view with the top ten.
    expect(option).to_be_visible()


# 3. Phones: the box in view, the filter dialog, the loading state.


@WIDTHS
def test_the_box_is_in_view_and_on_a_phone_filters_open_in_a_dialog_that_shows_the_results(sized: Page, sample_url: str) -> None:
    page = sized
    height = page.viewport_size["height"] if page.viewport_size else 0
    page.goto(sample_url)
    results(page)
    box = page.locator('input[name="q"]').bounding_box()
    assert box is not None and box["y"] + box["height"] <= height, "the search box is in view without scrolling"
    opener = page.locator("[data-open-filters]")
    if page.viewport_size and page.viewport_size["width"] >= 600:
        # A wide screen shows the filters beside the results, with no dialog to open.
        expect(opener).to_be_hidden()
        expect(page.locator('input[name="document_type"][value="Ordinance"]')).to_be_visible()
        return
    expect(page.locator('input[name="states"]').first).to_be_hidden()
    expect(opener).to_be_visible()
    opener.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("e => e.tagName === 'DIALOG' && e.open && e.matches(':modal')")
    dialog.locator('input[name="document_type"][value="Ordinance"]').check()
    expect(page).to_have_url(re.compile("document_type=Ordinance"))
    total = result_count(page)
    assert total == len(sample_expected().select(filters={"document_type": ["Ordinance"]}))
    show = dialog.locator("[data-show-results]")
    expect(show).to_have_text(f"Show {total} results")
    show.click()
    expect(dialog).to_be_hidden()
    expect(opener).to_have_text("Filters (1)")
    expect(page.locator(".library-status")).to_be_in_viewport()


@WIDTHS
def test_while_a_filtered_search_loads_the_page_says_so_and_shows_no_unrelated_records(sized: Page, sample_url: str) -> None:
    page = sized
    held: list[Route] = []
    page.route(CODES, lambda route: held.append(route))
    page.goto(sample_url + "?states=WA&level=County")
    status = page.locator("#library-status")
    expect(status).to_have_text("Searching the library…")
    listed = page.locator(".library-results")
    expect(listed).to_have_attribute("data-search-state", "loading")
    time.sleep(0.3)
    expect(listed).to_be_hidden()  # the served newest records keep their place, unseen
    expect(page.locator('input[name="q"]')).to_be_visible()
    assert held
    for route in held:
        route.continue_()
    assert results(page) == ids(sample_expected().select(filters={"states": ["WA"], "level": ["County"]}))[:20]
    expect(listed).to_be_visible()


# 4. One layout for a listed record.


@WIDTHS
def test_a_record_is_listed_the_same_way_in_results_browse_pages_and_related_records(sized: Page, sample_url: str) -> None:
    page = sized
    record = sample_expected().library.records[RECORD]
    facts = " · ".join(Labels(sample_expected().library.taxonomy, Messages("en")).facts(record))
    for part in ("Statute", "State", "California", "California State Legislature", "October 5, 2017"):
        assert part in facts
    page.goto(sample_url + "?q=AB+450+immigrant+worker")
    results(page)
    layouts = []

    def layout(item_selector: str) -> tuple[str, str, str]:
        item = page.locator(item_selector).first
        expect(item).to_be_visible()
        parts = item.locator(":scope > *").evaluate_all("els => els.map(e => e.className)")
        # A text search adds, below the summary, the passage that matched.
        assert parts[:3] == ["library-result-title", "library-meta", "library-summary-text"], parts
        assert set(parts[3:]) <= {"library-excerpt", "library-match-note"}, parts
        return tuple(item.locator(part).inner_text() for part in (".library-result-title", ".library-meta", ".library-summary-text"))  # type: ignore[return-value]

    layouts.append(layout(f'.library-results [data-record-id="{RECORD}"]'))
    page.goto(sample_url + "browse/states/ca/")
    while page.locator(f'[data-record-id="{RECORD}"]').count() == 0:
        page.locator('a[rel="next"]').click()
    layouts.append(layout(f'[data-record-id="{RECORD}"]'))
    related = record.related[0]
    page.goto(sample_url + f"records/{related}/")
    layouts.append(layout(f'.library-relations [data-record-id="{RECORD}"]'))
    assert layouts[0] == layouts[1] == layouts[2]
    assert layouts[0][1] == facts


@WIDTHS
def test_long_titles_wrap(sized: Page, sample_url: str) -> None:
    page = sized
    page.goto(sample_url + "?q=detainer")
    results(page)
    page.locator(".library-result-title").first.evaluate("e => { e.textContent = 'Ordinance'.repeat(40); }")
    fits = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, "a long title does not widen the page"


# 5. The tab title, the 404 page, no JavaScript.


@WIDTHS
def test_the_tab_title_names_the_query_and_the_filters(sized: Page, sample_url: str) -> None:
    page = sized
    page.goto(sample_url + "?q=detainer&states=WA&level=County")
    results(page)
    expect(page).to_have_title("“detainer”, Level of government: County, State: Washington · Policy Library")
    page.locator('[data-remove-filter="level=County"]').click()
    expect(page).to_have_title("“detainer”, State: Washington · Policy Library")
    page.locator("[data-clear-filters]").click()
    page.locator('input[name="q"]').fill("")
    results(page)
    expect(page).to_have_title("Policy Library")


@WIDTHS
def test_the_404_page_offers_a_search_and_the_main_pages(sized: Page, sample_url: str, sample_site: Path) -> None:
    page = sized
    body = (sample_site / "404.html").read_text(encoding="utf-8")
    page.route("**/records/old-record/", lambda route: route.fulfill(status=404, body=body, content_type="text/html"))
    page.goto(sample_url + "records/old-record/")
    expect(page.locator("h1")).to_have_text("Page not found")
    main = page.locator(".md-content")
    for name in ("Search", "Browse", "Open data", "Editing the library", "Privacy"):
        expect(main.get_by_role("link", name=name, exact=True)).to_be_visible()
    main.get_by_role("link", name="Browse", exact=True).click()
    expect(page).to_have_url(sample_url + "browse/")
    page.goto(sample_url + "records/old-record/")
    box = main.get_by_role("searchbox", name="Search the library")
    box.fill("sanctuary")
    box.press("Enter")
    expect(page).to_have_url(sample_url + "?q=sanctuary")
    assert results(page) == ids(sample_expected().text("sanctuary"))[:20]


@WIDTHS
def test_without_javascript_the_page_says_search_needs_it_and_offers_browsing_at_full_width(
    browser: Browser, sample_url: str, viewport: dict[str, int]
) -> None:
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "?q=detainer")
    note = page.locator(".library-noscript")
    expect(note).to_be_visible()
    expect(note).to_contain_text("need JavaScript")
    for name in ("browse pages", "Policy areas", "States"):
        expect(note.get_by_role("link", name=name, exact=True)).to_be_visible()
    listed = page.locator(".library-results")
    expect(listed.locator("[data-record-id]").first).to_be_visible()
    content = page.locator(".md-content__inner").bounding_box()
    width = listed.bounding_box()
    assert content and width and width["width"] >= 0.9 * content["width"], (width, content)
    context.close()


# 6. Navigation from the home page.


@WIDTHS
def test_the_site_navigation_is_reachable_from_the_home_page(sized: Page, sample_url: str) -> None:
    page = sized
    page.goto(sample_url)
    results(page)
    if page.viewport_size and page.viewport_size["width"] >= 1220:
        link = page.locator(".md-tabs").get_by_role("link", name="Open data")
    else:
        page.locator(".md-header .library-drawer-button").click()
        link = page.locator(".md-sidebar--primary").get_by_role("link", name="Open data")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(sample_url + "open-data/")


# 7. The live region.


@WIDTHS
def test_the_count_is_spoken_once_when_typing_settles(sized: Page, sample_url: str) -> None:
    page = sized
    page.goto(sample_url)
    results(page)
    page.evaluate(
        """() => { window.spoken = []; const region = document.querySelector('[role=status][aria-live]');
        new MutationObserver(() => window.spoken.push(region.textContent)).observe(region, {childList: true, characterData: true, subtree: true}); }"""
    )
    page.locator('input[name="q"]').press_sequentially("detainer", delay=120)
    count = len(sample_expected().text("detainer"))
    said = re.compile(f"^{count} records found\\.")
    # The results follow the typing; the count is shown at once...
    expect(page.locator("#library-status")).to_have_text(said)
    # ...and spoken once, after the typing stops.
    expect(page.locator("[role=status][aria-live=polite]")).to_have_text(said)
    time.sleep(1.2)
    spoken = page.evaluate("window.spoken")
    assert len(spoken) == 1 and said.match(spoken[0]), spoken


# 8. Paper.


@WIDTHS
def test_printed_pages_leave_out_the_controls_and_print_link_addresses(sized: Page, sample_url: str) -> None:
    page = sized
    page.emulate_media(media="print")
    page.goto(sample_url + "?q=detainer&states=WA")
    results(page)
    for hidden in (".library-sidebar", ".library-chips", ".library-form", ".md-header", ".library-toolbar"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".library-results [data-record-id]").first).to_be_visible()
    page.goto(sample_url + f"records/{RECORD}/")
    source = page.locator(".library-actions a[href^='http']")
    href = source.get_attribute("href")
    after = source.evaluate("e => getComputedStyle(e, '::after').content")
    assert href and href in after
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator("article h1")).to_be_visible()


# 9. The whole search from the keyboard alone.


@WIDTHS
def test_a_keyboard_alone_reaches_a_result_toggles_a_filter_clears_all_and_changes_page(sized: Page, sample_url: str) -> None:
    page = sized
    phone = bool(page.viewport_size and page.viewport_size["width"] < 600)
    expected = sample_expected()
    page.goto(sample_url)
    results(page)
    tab_until(page, 'input[name="q"]')
    page.keyboard.type("immigration")
    want = ids(expected.text("immigration"))
    assert results(page) == want[:20]
    # Enter takes the keyboard past the filters to the count: the first result is two presses on (past the download button).
    page.keyboard.press("Enter")
    expect(page.locator("#library-status")).to_be_focused()
    assert tab_until(page, f'.library-results [data-record-id="{want[0]}"] a', limit=2) <= 2
    # A filter.
    page.keyboard.press("Shift+Tab")
    if phone:
        page.locator("[data-open-filters]").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_role("dialog")).to_be_visible()
    page.locator('[data-filter-within="states"]').focus()
    page.keyboard.type("calif")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("value", "CA")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile("states=CA"))
    assert results(page) == ids(expected.select("immigration", {"states": ["CA"]}))[:20]
    if phone:
        tab_until(page, "[data-show-results]")
        page.keyboard.press("Enter")
        expect(page.get_by_role("dialog")).to_be_hidden()
    # Clear all.
    tab_until(page, "[data-clear-filters]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=immigration$"))
    assert results(page) == want[:20]
    # The next page.
    assert len(want) > 20
    tab_until(page, '.library-pages a[aria-label="Page 2"]', limit=60)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("page=2"))
    assert results(page) == want[20:40]
    assert parse_qs(urlsplit(page.url).query)["q"] == ["immigration"]
