"""The home page's search in a real Chromium, over real builds served on 127.0.0.1."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Route, expect
from policy_library.search.lunr_index import ref_of
from policy_library.search.text import fold

from tests.browser.conftest import Watch
from tests.browser.search_support import FILTER_FIELDS, ids, result_count, results, sample_expected, shown_counts
from tests.support import make_project, run_mkdocs_build, serve

SYNTAX = [":", "~", "^", "*", "+", "-", '"', "\\"]


def _record(title: str, summary: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\nsummary: {summary}\ndocument_type: Policy\npolicy_areas: [Immigration]\n{extra}---\n"


@pytest.fixture(scope="module")
def custom_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A small library of records the tests need and the sample does not have."""
    tmp = tmp_path_factory.mktemp("search-custom")
    project = make_project(
        tmp,
        {
            "markup-title.md": _record(
                "'<img src=x onerror=window.__x=1> onerror test'", "A record whose title is markup, which must show as text.", "date: 2020\n"
            ),
            "retain-records.md": _record("Retain the records", "How long an agency keeps its files.", "date: 2019\n"),
            "detain-no-one.md": _record("Detain no one on a hold", "A jail policy on immigration holds.", "date: 2018\n"),
        },
    )
    site = tmp / "site"
    built = run_mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    with serve(site, tmp) as url:
        yield url


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_a_text_query_shows_the_best_matches_first_with_words_highlighted(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    page.goto(sample_url + "?q=courthouse+arrests")
    assert results(page) == ids(sample_expected().text("courthouse arrests"))[:20]
    first = page.locator(".library-results [data-record-id]").first
    expect(first.locator("mark").first).to_have_text(re.compile("courthouse|arrest", re.I))
    expect(page.locator("#library-status")).to_contain_text("found")
    assert watch.page_errors == [] and watch.foreign_requests() == []


def test_results_follow_each_keystroke_with_the_last_word_as_a_prefix(page: Page, sample_url: str) -> None:
    page.goto(sample_url)
    results(page)
    box = page.locator('input[name="q"]')
    box.press_sequentially("sanctu", delay=30)
    expect(page).to_have_url(re.compile(r"\?q=sanctu$"))
    shown = results(page)
    assert shown == ids(sample_expected().text("sanctu"))[:20]
    assert shown, "a prefix finds the sanctuary records"
    expect(page.locator(".library-results mark").first).to_have_text(re.compile("^sanctuar", re.I))


def test_a_typo_finds_the_word_but_ranks_below_an_exact_match(page: Page, sample_url: str, custom_url: str) -> None:
    page.goto(sample_url + "?q=sanctuery")
    assert any("sanctuary" in r.title.lower() for r in sample_expected().select("sanctuery")[:5])
    assert len(results(page)) > 0
    expect(page.locator(".library-results mark").first).to_have_text(re.compile("^sanctuar", re.I))
    # "retain" is one edit from "detain": both are found, the exact word first.
    page.goto(custom_url + "?q=retain")
    assert results(page)[:2] == ["retain-records", "detain-no-one"]


def test_an_accent_free_query_finds_the_accented_word(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "?q=asesoria")
    shown = results(page)
    assert shown and shown == ids(sample_expected().text("asesoria"))[:20]
    expect(page.locator(".library-results mark", has_text="asesoría").first).to_be_visible()
    page.goto(sample_url + "?q=ASESORÍA")
    assert results(page) == shown


def test_lunr_syntax_characters_are_read_as_text(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    page.goto(sample_url)
    results(page)
    box = page.locator('input[name="q"]')
    for char in SYNTAX:
        for q in (char, f"{char}detainer", f"detai{char}ner", f"detainer{char}", f"ice {char}holds"):
            box.fill(q)
            shown = results(page)
            assert shown == ids(sample_expected().select(q))[:20], q
            assert parse_qs(urlsplit(page.url).query)["q"] == [q]
        assert watch.page_errors == [] and watch.console_errors == [], char


def test_or_within_a_filter_and_across_filters_with_every_count_checked(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    expected = sample_expected()
    filters = {"states": ["CA", "WA"], "document_type": ["Ordinance", "Statute"]}
    page.goto(sample_url + "?states=CA&states=WA&document_type=Ordinance&document_type=Statute")
    shown = results(page)
    want = expected.select(filters=filters)
    assert shown == ids(want)[:20] and result_count(page) == len(want)
    assert all(set(r.states) & {"CA", "WA"} and r.document_type in {"Ordinance", "Statute"} for r in want)
    # Narrower than either filter alone, wider than one value alone.
    assert len(want) < len(expected.select(filters={"states": ["CA", "WA"]}))
    assert len(want) > len(expected.select(filters={"states": ["CA"], "document_type": ["Ordinance", "Statute"]}))
    counts = expected.counts(filters=filters)
    on_page = shown_counts(page)
    for field in FILTER_FIELDS:
        for value, count in on_page.get(field, {}).items():
            assert count == counts[field][value], (field, value)
        assert {v for v, c in counts[field].items() if c} <= set(on_page.get(field, {})), field
    # Clicking a value adds it to its filter (OR) and changes the counts of the other filters only.
    page.locator('input[name="states"][value="OR"]').check()
    expect(page).to_have_url(re.compile("states=OR"))
    filters["states"].append("OR")
    assert results(page) == ids(expected.select(filters=filters))[:20]
    assert shown_counts(page)["document_type"] == {v: expected.counts(filters=filters)["document_type"][v] for v in on_page["document_type"]}
    assert watch.page_errors == []


def test_counts_follow_the_text_and_selected_values_stay_visible_at_zero(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    page.goto(sample_url + "?q=asesoria&language=en&states=TX")
    assert results(page) == []
    on_page = shown_counts(page)
    assert on_page["language"]["en"] == 0 and on_page["states"]["TX"] == 0
    counts = expected.counts("asesoria", {"language": ["en"], "states": ["TX"]})
    for field in FILTER_FIELDS:
        for value, count in on_page[field].items():
            assert count == counts[field][value], (field, value)
    expect(page.locator('input[name="language"][value="en"]')).to_be_checked()


def test_a_year_range_keeps_dated_records_within_it(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    page.goto(sample_url + "?year_from=2014&year_to=2017")
    want = expected.select(years=(2014, 2017))
    assert results(page) == ids(want)[:20] and result_count(page) == len(want)
    assert len(want) < len(expected.order), "undated and out-of-range records drop out"
    # Set from the page: the URL follows.
    page.locator('input[name="year_to"]').fill("2015")
    page.locator('input[name="year_to"]').press("Enter")
    expect(page).to_have_url(re.compile("year_to=2015"))
    assert result_count(page) == len(expected.select(years=(2014, 2015)))


def test_each_sort(page: Page, sample_url: str) -> None:
    order = sample_expected().order
    page.goto(sample_url)
    assert results(page) == ids(order)[:20], "no text: newest first"
    expect(page.locator('select[name="sort"]')).to_have_value("newest")
    page.locator('select[name="sort"]').select_option("oldest")
    expect(page).to_have_url(re.compile("sort=oldest"))
    dated = sorted((r for r in order if r.date), key=lambda r: (r.date.sort_key(), r.title.casefold()))  # type: ignore[union-attr]
    undated = [r for r in order if not r.date]
    assert results(page) == ids(dated + undated)[:20]
    page.goto(sample_url + "?sort=oldest&page=5")
    assert results(page)[-len(undated) :] == ids(sorted(undated, key=lambda r: r.title.casefold())) or not undated
    page.goto(sample_url + "?sort=title")
    results(page)
    titles = page.locator(".library-results [data-record-id] a").all_inner_texts()
    assert titles == sorted(titles, key=lambda t: re.sub(r"[\W_]+", "", fold(t))) and len(titles) == 20
    page.goto(sample_url + "?q=ice+detainer")
    expect(page.locator('select[name="sort"]')).to_have_value("relevance")
    assert results(page) == ids(sample_expected().text("ice detainer"))[:20]
    page.locator('select[name="sort"]').select_option("newest")
    want = [r for r in order if r.id in set(ids(sample_expected().text("ice detainer")))]
    assert results(page) == ids(want)[:20]


def test_pages_of_twenty(page: Page, sample_url: str) -> None:
    order = ids(sample_expected().order)
    page.goto(sample_url)
    assert results(page) == order[:20]
    nav = page.get_by_role("navigation", name="Result pages")
    nav.get_by_role("link", name="Next page, 2").click()
    expect(page).to_have_url(re.compile(r"\?page=2$"))
    assert results(page) == order[20:40]
    last = (len(order) + 19) // 20
    page.goto(sample_url + f"?page={last}")
    assert results(page) == order[(last - 1) * 20 :]
    expect(nav.locator('[aria-current="page"]')).to_have_text(str(last))
    page.go_back()
    assert results(page) == order[20:40]


def test_url_round_trip_and_back(page: Page, sample_url: str) -> None:
    url = sample_url + "?q=detainer&states=WA&policy_areas=Immigration"
    page.goto(url)
    from_url = results(page)
    assert from_url and from_url == ids(sample_expected().select("detainer", {"states": ["WA"], "policy_areas": ["Immigration"]}))[:20]
    page.goto(sample_url)
    results(page)
    page.locator('input[name="q"]').fill("detainer")
    results(page)
    page.locator('input[name="states"][value="WA"]').check()
    results(page)
    page.locator('input[name="policy_areas"][value="Immigration"]').check()
    assert results(page) == from_url
    assert _params(page.url) == _params(url)
    before = page.url
    page.locator('input[name="policy_areas"][value="Immigration"]').uncheck()
    expect(page).not_to_have_url(before)
    assert "policy_areas" not in _params(page.url)
    wider = results(page)
    page.go_back()
    expect(page).to_have_url(before)
    assert results(page) == from_url
    expect(page.locator('input[name="policy_areas"][value="Immigration"]')).to_be_checked()
    page.go_forward()
    assert results(page) == wider


def test_markup_in_a_title_is_found_highlighted_and_stays_text(watched: tuple[Page, Watch], custom_url: str) -> None:
    page, watch = watched
    page.goto(custom_url + "?q=onerror+img")
    assert results(page)[0] == "markup-title"
    link = page.locator('[data-record-id="markup-title"] a')
    expect(link).to_have_text("<img src=x onerror=window.__x=1> onerror test")
    expect(link.locator("mark", has_text="onerror").first).to_be_visible()
    assert page.locator(".library-results img").count() == 0
    assert page.evaluate("window.__x") is None
    assert watch.dialogs == [] and watch.page_errors == []


def test_an_empty_result_offers_to_remove_each_filter(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "?q=detainer&states=TX&document_type=Toolkit&year_from=2030")
    assert results(page) == []
    expect(page.locator(".library-empty")).to_contain_text("No records match")
    expect(page.locator("#library-status")).to_have_text("No records match.")
    buttons = page.locator(".library-empty button")
    assert buttons.all_inner_texts() == [
        "Remove filter Document type: Toolkit",
        "Remove filter State: Texas",
        "Remove filter from 2030",
        "Clear the search text",
    ]
    page.get_by_role("button", name="Remove filter from 2030").click()
    expect(page).not_to_have_url(re.compile("year_from"))
    page.get_by_role("button", name="Remove filter Document type: Toolkit").click()
    assert results(page) == ids(sample_expected().select("detainer", {"states": ["TX"]}))[:20]


def test_a_search_typed_before_the_index_arrives_is_answered_when_it_does(page: Page, sample_url: str) -> None:
    held: list[Route] = []
    # The page carries the index's manifest; a search then loads the term lists its words need, then shards.
    page.route(re.compile(r"/index\.[0-9a-f]{12}/(words|shard)[0-9]+\.json$"), lambda route: held.append(route))
    page.goto(sample_url)
    results(page)  # the newest records need only the record data
    page.locator('input[name="q"]').press_sequentially("courthouse", delay=20)
    time.sleep(0.3)
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "loading")
    assert held, "the search asked for the index's files at once"
    for route in held:
        route.continue_()
    assert results(page) == ids(sample_expected().text("courthouse"))[:20]


def test_once_the_page_is_ready_a_new_search_draws_its_whole_page_at_once(page: Page, sample_url: str) -> None:
    """Only the first search shows its best few results before the rest: a visitor typing sees each
    search's page drawn once, not five results that grow to twenty."""
    expected = ids(sample_expected().text("courthouse"))
    assert len(expected) > 5
    page.goto(sample_url + "?q=immigration")
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    page.evaluate(
        """() => { window.sizes = []; const list = document.querySelector(".library-results");
             new MutationObserver(() => window.sizes.push(list.querySelectorAll("[data-record-id]").length))
               .observe(list, { childList: true, subtree: true }); }"""
    )
    page.locator('input[name="q"]').fill("courthouse")
    assert results(page) == expected[:20]
    sizes = page.evaluate("window.sizes")
    assert sizes and set(sizes) == {min(20, len(expected))}, sizes


@pytest.mark.parametrize(
    ("q", "held", "asked"),
    [
        # The shard a word's stem belongs in does not wait for the term lists.
        ("courthouse", "words", "shard"),
        # A glossary member of several words ("Immigration and Customs Enforcement" for ICE), or a quoted
        # phrase, needs its words' positions: they do not wait for the shards.
        ("ICE", "words|shard", "positions"),
        ('"secure communities"', "words|shard", "positions"),
    ],
)
def test_on_a_slow_link_what_a_search_needs_is_asked_for_in_one_round_trip(page: Page, sample_url: str, q: str, held: str, asked: str) -> None:
    routes: list[Route] = []
    wanted: list[str] = []
    page.route(re.compile(rf"/index\.[0-9a-f]{{12}}/({held})[0-9]+\.json$"), lambda route: routes.append(route))
    page.on("request", lambda request: wanted.append(request.url) if re.search(rf"/index\.[0-9a-f]{{12}}/{asked}[0-9]+\.json$", request.url) else None)
    page.goto(sample_url + "?" + urlencode({"q": q}))
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "loading")
    page.wait_for_timeout(500)
    assert routes, f"the search asked for its {held} files"
    assert wanted, f"no {asked} file was asked for while the {held} files were on their way"
    for route in routes:
        route.continue_()
    assert results(page) == ids(sample_expected().text(q))[:20]


def test_the_header_field_leads_to_the_library_search(page: Page, sample_url: str) -> None:
    record = sample_expected().order[0]
    page.goto(sample_url + f"records/{record.id}/")
    field = page.get_by_role("search").get_by_label("Search the library")
    field.fill("sanctuary")
    field.press("Enter")
    expect(page).to_have_url(sample_url + "?q=sanctuary")
    assert results(page) == ids(sample_expected().text("sanctuary"))[:20]
    expect(page.locator('input[name="q"]')).to_have_count(1)
    expect(page.locator('input[name="q"]')).to_have_value("sanctuary")


def test_without_javascript_the_newest_records_are_listed(browser: Browser, sample_site: Path, sample_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url)
    listed = page.locator(".library-results")
    expect(listed).to_have_attribute("data-search-state", "loading")
    assert listed.locator("[data-record-id]").evaluate_all("els => els.map(e => e.dataset.recordId)") == ids(sample_expected().order)[:20]
    expect(page.locator(".library-filters")).to_be_hidden()
    context.close()


FRAGMENT = re.compile(r"/text\.[0-9a-f]{12}/[0-9a-z]+\.json$")
CODES = re.compile(r"/records\.[0-9a-f]{12}\.json$")


def test_a_text_search_shows_its_results_before_the_filter_counts_arrive(page: Page, sample_url: str) -> None:
    held: list[Route] = []
    page.route(CODES, lambda route: held.append(route))
    page.goto(sample_url + "?q=immigration")
    expected = ids(sample_expected().text("immigration"))
    listed = page.locator(".library-results [data-record-id]")
    # Shown: the query's results (first the top five, then the whole page: no longer busy).
    expect(page.locator(".library-results")).to_have_attribute("data-results-shown", "true")
    expect(page.locator(".library-results")).not_to_have_attribute("aria-busy", "true")
    expect(listed).to_have_count(min(20, len(expected)))
    # The visible results are the query's own, in rank order, while every record's codes are still held back.
    assert listed.evaluate_all("els => els.map(e => e.dataset.recordId)") == expected[:20]
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "loading")
    assert held, "the codes were asked for once the results were on screen"
    for route in held:
        route.continue_()
    assert results(page) == expected[:20]
    assert result_count(page) == len(expected)
    assert shown_counts(page)["document_type"] == dict(sample_expected().counts("immigration")["document_type"])


def test_the_rest_of_a_page_waits_until_its_first_few_results_are_drawn(page: Page, sample_url: str) -> None:
    """On a slow phone the first results have the connection to themselves until they are on screen."""
    expected = ids(sample_expected().text("immigration"))
    assert len(expected) > 5, "the query fills more than the first few results"
    asked: list[Request] = []
    page.on("request", lambda request: asked.append(request) if FRAGMENT.search(request.url) else None)
    page.add_init_script(
        """new MutationObserver((_, observer) => {
             const list = document.querySelector(".library-results");
             if (list && list.dataset.resultsShown === "true") { window.__drawn = Date.now(); observer.disconnect(); }
           }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-results-shown"] });"""
    )
    page.goto(sample_url + "?q=immigration")
    assert results(page) == expected[:20]
    drawn = page.evaluate("window.__drawn")
    # When the browser sent each request, on the page's clock (the test's own would add its event queue's lag).
    sent = [request.timing["startTime"] for request in asked]
    before = [at for at in sent if at < drawn]
    after = [at for at in sent if at >= drawn]
    assert len(before) == 5 and len(after) == min(20, len(expected)) - 5, (len(before), len(after))


def test_a_filtered_search_waits_for_the_codes_it_filters_on(page: Page, sample_url: str) -> None:
    held: list[Route] = []
    page.route(CODES, lambda route: held.append(route))
    page.goto(sample_url + "?q=immigration&states=CA")
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "loading")
    time.sleep(0.5)
    assert page.locator(".library-results").get_attribute("data-results-shown") is None, "no unfiltered results are shown meanwhile"
    for route in held:
        route.continue_()
    assert results(page) == ids(sample_expected().select("immigration", {"states": ["CA"]}))[:20]


def test_a_page_of_results_fetches_the_text_of_its_own_records_only(page: Page, sample_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if FRAGMENT.search(request.url) else None)
    page.goto(sample_url + "?q=immigration")
    shown = results(page)
    # What the page waited for before showing its results: the next page's text comes only later, once they are shown.
    before = list(fetched)
    refs = {url.rsplit("/", 1)[1].removesuffix(".json") for url in before}
    order = [r.id for r in sample_expected().order]
    assert len(sample_expected().text("immigration")) > 20, "the search has a next page, whose text must not be waited for"
    assert len(before) == len(refs) == len(shown), "one fragment per result shown, each once"
    assert refs == {ref_of(order.index(record_id)) for record_id in shown}


def test_the_next_page_of_a_text_search_shows_without_fetching_its_text(page: Page, sample_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if FRAGMENT.search(request.url) else None)
    page.goto(sample_url + "?q=immigration")
    results(page)
    expected = ids(sample_expected().text("immigration"))
    assert len(expected) > 20
    order = [r.id for r in sample_expected().order]
    second = {ref_of(order.index(record_id)) for record_id in expected[20:40]}
    # A while after the first page is shown, the second page's text arrives without being asked for...
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not second <= {url.rsplit("/", 1)[1].removesuffix(".json") for url in fetched}:
        page.wait_for_timeout(100)
    assert second <= {url.rsplit("/", 1)[1].removesuffix(".json") for url in fetched}
    page.wait_for_timeout(300)
    count = len(fetched)
    # ...and "Next" then shows it with no request for text.
    page.locator('.library-pages a[data-page="2"]').last.click()
    assert results(page) == expected[20:40]
    assert len(fetched) == count, fetched[count:]


def test_a_text_search_that_matches_nothing_says_so_before_the_codes_arrive(page: Page, sample_url: str) -> None:
    held: list[Route] = []
    page.route(CODES, lambda route: held.append(route))
    page.goto(sample_url + "?q=qqqzzzxxx")
    expect(page.locator(".library-empty")).to_contain_text("No records match")
    expect(page.locator(".library-results [data-record-id]")).to_have_count(0)
    expect(page.get_by_role("button", name="Clear the search text")).to_be_visible()
    for route in held:
        route.continue_()
    assert result_count(page) == 0


def test_filters_that_cannot_load_leave_the_results_shown_and_say_so(watched: tuple[Page, Watch], sample_url: str) -> None:
    page, watch = watched
    page.route(CODES, lambda route: route.abort())
    page.goto(sample_url + "?q=immigration")
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "error")
    expect(page.locator("#library-status")).to_have_text("The filters could not load. Reload the page to try again.")
    listed = page.locator(".library-results [data-record-id]").evaluate_all("els => els.map(e => e.dataset.recordId)")
    assert listed == ids(sample_expected().text("immigration"))[:20]
    assert page.locator(".library-results").get_attribute("aria-busy") is None
    assert watch.page_errors == [], "the failure is handled, not thrown"
