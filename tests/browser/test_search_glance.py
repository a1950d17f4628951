"""The search page's state map and year histogram: live counts, filters set by a click or a key, the URL and Back, axe.

Counts are checked against answers computed in Python from the records (search_support.Expected).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from policy_library.model.taxonomy import STATES
from policy_library.site.statemap import LAYOUT, steps

from tests.browser.search_support import ids, result_count, results, sample_expected, shown_counts

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x900", "390x844"])


@pytest.fixture
def sized(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    phone = viewport["width"] < 600
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    yield context.new_page()
    context.close()


def open_glance(page: Page) -> None:
    """The map and histogram start folded on a phone, open on a wide screen."""
    glance = page.locator("details.library-glance")
    if glance.get_attribute("open") is None:
        glance.locator("summary").click()
    expect(glance).to_have_attribute("open", "")


def tiles(page: Page) -> dict[str, tuple[int, str, str]]:
    """Each tile: code -> (data-count, accessible name, aria-pressed)."""
    rows = page.locator("[data-state-tile]").evaluate_all(
        "els => els.map(e => [e.dataset.stateTile, Number(e.dataset.count), e.getAttribute('aria-label'), e.getAttribute('aria-pressed')])"
    )
    return {code: (count, name, pressed) for code, count, name, pressed in rows}


def bars(page: Page) -> dict[int, int]:
    rows = page.locator("[data-year-bar]").evaluate_all("els => els.map(e => [Number(e.dataset.yearBar), Number(e.dataset.count)])")
    return dict(rows)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


@pytest.mark.parametrize("search", ["?q=detainer", "?q=immigration&document_type=Ordinance", "?level=County&year_from=2015", ""])
def test_every_tile_shows_the_state_count_of_the_search(page: Page, sample_url: str, search: str) -> None:
    page.goto(sample_url + search)
    results(page)
    params = parse_qs(search.lstrip("?"))
    q = params.pop("q", [""])[0]
    years = (int(params.pop("year_from")[0]) if "year_from" in params else None, None)
    expected = sample_expected().counts(q, params, years)["states"]
    shown = tiles(page)
    assert set(shown) == set(LAYOUT), "one tile per state, district and territory"
    assert {code: count for code, (count, _, _) in shown.items() if count} == dict(expected)
    # The same numbers as the state filter's options, and the number printed on the tile.
    assert {code: count for code, count in shown_counts(page).get("states", {}).items() if count} == dict(expected)
    for code, (count, name, pressed) in shown.items():
        noun = "record" if count == 1 else "records"
        assert name == f"{STATES[code]}, {count} {noun}"
        assert pressed == "false"
        tile = page.locator(f'[data-state-tile="{code}"]')
        assert tile.locator(".library-tile-count").inner_text() == str(count)
        # A state without results is still shown, and offers nothing to press.
        assert (tile.get_attribute("aria-disabled") == "true") == (count == 0)


def test_a_tile_filters_by_its_state_and_back_takes_it_away(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    page.goto(sample_url + "?q=detainer")
    before = results(page)
    tile = page.locator('[data-state-tile="WA"]')
    tile.click()
    expect(page).to_have_url(re.compile(r"\?q=detainer&states=WA$"))
    assert results(page) == ids(expected.select("detainer", {"states": ["WA"]}))[:20]
    expect(tile).to_have_attribute("aria-pressed", "true")
    expect(page.locator('input[name="states"][value="WA"]')).to_be_checked()
    expect(page.locator('[data-remove-filter="states=WA"]')).to_be_visible()
    # A second state adds to the first (either one), as the checkboxes do.
    page.locator('[data-state-tile="CA"]').click()
    expect(page).to_have_url(re.compile(r"states=WA&states=CA$"))
    assert result_count(page) == len(expected.select("detainer", {"states": ["WA", "CA"]}))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=detainer&states=WA$"))
    expect(page.locator('[data-state-tile="CA"]')).to_have_attribute("aria-pressed", "false")
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=detainer$"))
    assert results(page) == before
    expect(tile).to_have_attribute("aria-pressed", "false")
    expect(page.locator('input[name="states"][value="WA"]')).not_to_be_checked()
    # Pressing a chosen state again takes its filter away.
    page.goto(sample_url + "?states=WA&states=OR")
    results(page)
    page.locator('[data-state-tile="OR"]').click()
    expect(page).to_have_url(re.compile(r"\?states=WA$"))


def test_a_keyboard_moves_along_the_map_and_toggles_a_tile(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "?q=immigration")
    results(page)
    # The map is one stop for Tab; the arrow keys move between its tiles.
    first = page.locator('[data-state-tile][tabindex="0"]')
    expect(first).to_have_count(1)
    first.focus()
    code = first.get_attribute("data-state-tile")
    page.keyboard.press("ArrowRight")
    moved = page.evaluate("document.activeElement.dataset.stateTile")
    assert moved and moved != code
    page.locator(f'[data-state-tile="{moved}"]').evaluate("e => e.blur()")
    # Down from Washington is Oregon, in the tile layout.
    page.locator('[data-state-tile="WA"]').focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.stateTile") == "OR"
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"states=OR"))
    assert results(page) == ids(sample_expected().select("immigration", {"states": ["OR"]}))[:20]
    # The tile keeps the focus while the counts are redrawn, and Enter toggles it back.
    assert page.evaluate("document.activeElement.dataset.stateTile") == "OR"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=immigration$"))


@pytest.mark.parametrize("search", ["", "?q=sanctuary", "?states=CA&document_type=Ordinance"])
def test_year_bars_count_the_results_by_year_and_undated_apart(page: Page, sample_url: str, search: str) -> None:
    page.goto(sample_url + search)
    results(page)
    params = parse_qs(search.lstrip("?"))
    q = params.pop("q", [""])[0]
    found = sample_expected().select(q, params)
    dated = Counter(r.date.year for r in found if r.date is not None)
    shown = bars(page)
    assert {year: count for year, count in shown.items() if count} == dict(dated)
    # One bar for every year from the first to the last, empty ones included.
    assert sorted(shown) == list(range(min(dated), max(dated) + 1))
    undated = page.locator("[data-year-undated]")
    assert int(undated.get_attribute("data-count") or -1) == sum(1 for r in found if r.date is None)
    assert sum(shown.values()) + int(undated.get_attribute("data-count") or 0) == result_count(page)


@WIDTHS
def test_a_bar_sets_its_year_and_shift_or_a_drag_sets_a_range(sized: Page, sample_url: str) -> None:
    page = sized
    expected = sample_expected()
    page.goto(sample_url + "?q=immigration")
    results(page)
    open_glance(page)
    page.locator('[data-year-bar="2017"]').click()
    expect(page).to_have_url(re.compile(r"year_from=2017&year_to=2017"))
    assert results(page) == ids(expected.select("immigration", years=(2017, 2017)))[:20]
    expect(page.locator('input[name="year_from"]')).to_have_value("2017")
    expect(page.locator('input[name="year_to"]')).to_have_value("2017")
    expect(page.locator('[data-year-bar="2017"]')).to_have_attribute("aria-pressed", "true")
    # The other years keep their bars (the years are the one filter the histogram does not apply), to widen the range.
    assert bars(page)[2019] == sum(1 for r in expected.select("immigration") if r.date and r.date.year == 2019)
    page.locator('[data-year-bar="2019"]').click(modifiers=["Shift"])
    expect(page).to_have_url(re.compile(r"year_from=2017&year_to=2019"))
    assert result_count(page) == len(expected.select("immigration", years=(2017, 2019)))
    for year, pressed in ((2016, "false"), (2017, "true"), (2018, "true"), (2019, "true"), (2020, "false")):
        expect(page.locator(f'[data-year-bar="{year}"]')).to_have_attribute("aria-pressed", pressed)
    # Typing in the year fields moves the bars' selection too.
    page.goto(sample_url + "?q=immigration&year_from=2018")
    results(page)
    open_glance(page)
    expect(page.locator('[data-year-bar="2017"]')).to_have_attribute("aria-pressed", "false")
    expect(page.locator('[data-year-bar="2018"]')).to_have_attribute("aria-pressed", "true")
    # A drag from one bar to another.
    page.locator("[data-year-bars]").scroll_into_view_if_needed()
    start = page.locator('[data-year-bar="2015"]').bounding_box()
    end = page.locator('[data-year-bar="2018"]').bounding_box()
    assert start and end
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] - 4)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] - 4, steps=6)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"year_from=2015&year_to=2018"))
    assert result_count(page) == len(expected.select("immigration", years=(2015, 2018)))
    # The only year chosen, pressed again: no year bound.
    page.goto(sample_url + "?year_from=2017&year_to=2017")
    results(page)
    open_glance(page)
    page.locator('[data-year-bar="2017"]').click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"year_from=2017&year_to=2017$"))


def test_a_keyboard_chooses_a_year_and_a_range_from_the_bars(page: Page, sample_url: str) -> None:
    page.goto(sample_url)
    results(page)
    current = page.locator('[data-year-bar][tabindex="0"]')
    expect(current).to_have_count(1)
    current.focus()
    page.keyboard.press("Home")
    first = min(bars(page))
    assert page.evaluate("Number(document.activeElement.dataset.yearBar)") == first
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"\?year_from={first + 1}&year_to={first + 1}$"))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+Enter")
    expect(page).to_have_url(re.compile(rf"\?year_from={first + 1}&year_to={first + 3}$"))
    assert page.evaluate("Number(document.activeElement.dataset.yearBar)") == first + 3


def test_the_map_shades_counts_as_the_build_time_map_does(page: Page, sample_url: str) -> None:
    """The page's shading steps and statemap.steps() are one rule: the same ranges for every highest count."""
    page.goto(sample_url)
    results(page)
    # The page's modules are shipped as written beside the bundles: js.<hash>/page/glance.js.
    worker = re.search(r"^.*/js\.[0-9a-f]+/", page.locator("[data-library-search]").get_attribute("data-worker") or "")
    assert worker
    module = worker.group(0) + "page/glance.js"
    highest = [*range(130), 999, 10_000, 123_457]
    shown = page.evaluate(
        "async ([url, highest]) => { const m = await import(new URL(url, document.baseURI).href);"
        " return highest.map((n) => m.steps(n).map((s) => [s.low, s.high])); }",
        [module, highest],
    )
    assert shown == [[[s.low, s.high] for s in steps(n)] for n in highest]


@WIDTHS
def test_axe_finds_nothing_with_the_map_and_histogram_open(sized: Page, sample_url: str) -> None:
    page = sized
    found: list[str] = []
    for search in ("?q=immigration&states=CA&year_from=2016&year_to=2018", "?q=zzzzqqq"):
        page.goto(sample_url + search)
        results(page)
        open_glance(page)
        expect(page.locator("[data-state-tile]").first).to_be_visible()
        expect(page.locator("[data-year-bar]").first).to_be_visible() if search != "?q=zzzzqqq" else None
        for v in Axe().run(page).response["violations"]:
            found.append(f"{search}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:4]}")
    assert found == [], "\n".join(found)


@WIDTHS
def test_every_tile_is_on_screen_and_its_count_readable(sized: Page, sample_url: str) -> None:
    page = sized
    width = (page.viewport_size or {"width": 0})["width"]
    page.goto(sample_url + "?q=immigration")
    results(page)
    open_glance(page)
    boxes = page.locator("[data-state-tile]").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); const c = e.querySelector('.library-tile-count');"
        " return [r.left, r.right, r.width, parseFloat(getComputedStyle(c).fontSize), c.scrollWidth <= c.clientWidth + 1]; })"
    )
    for left, right, tile_width, font, fits in boxes:
        assert left >= 0 and right <= width, "the grid fits the screen"
        assert tile_width >= 24, "a tile is big enough to press"
        assert font >= 10 and fits, "its count is readable"


def test_a_finger_dragged_across_the_bars_sets_a_range_on_a_phone(browser: Browser, sample_url: str) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(sample_url + "?q=immigration")
        results(page)
        open_glance(page)
        page.locator("[data-year-bars]").scroll_into_view_if_needed()
        start = page.locator('[data-year-bar="2016"]').bounding_box()
        end = page.locator('[data-year-bar="2019"]').bounding_box()
        assert start and end
        y = start["y"] + start["height"] - 4
        touch = context.new_cdp_session(page)

        def finger(kind: str, x: float) -> None:
            points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
            touch.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        finger("touchStart", start["x"] + start["width"] / 2)
        for k in range(1, 9):
            finger("touchMove", start["x"] + start["width"] / 2 + k * (end["x"] - start["x"]) / 8)
        finger("touchEnd", 0)
        expect(page).to_have_url(re.compile(r"year_from=2016&year_to=2019"))
        assert result_count(page) == len(sample_expected().select("immigration", years=(2016, 2019)))
    finally:
        context.close()
