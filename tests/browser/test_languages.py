"""The Spanish interface in Chromium: the same search on / and es/, Spanish words, records in their own language, axe-core on every Spanish page."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from policy_library.site.i18n import Messages
from policy_library.site.labels import Labels

from tests.browser.search_support import ids, results, sample_expected, shown_counts

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
RECORD = "california-ab-450-immigrant-worker-protection"

# One URL, both languages: the same parameters and values give the same results.
SEARCHES = [
    "",
    "?q=detainer",
    "?q=ice+detainer&states=CA&states=WA&document_type=Ordinance&year_from=2010",
    "?policy_areas=Immigration&level=County",
    "?q=asesoria+legal",
    "?language=es",
    "?q=sanctuary&sort=title&page=2",
    "?q=zzzzqqq&states=TX",
]


@pytest.mark.parametrize("search", SEARCHES)
def test_the_spanish_search_page_answers_a_url_as_the_english_one(page: Page, sample_url: str, search: str) -> None:
    page.goto(sample_url + search)
    english = (results(page), page.locator(".library-results").get_attribute("data-result-count"), shown_counts(page))
    page.goto(sample_url + "es/" + search)
    spanish = (results(page), page.locator(".library-results").get_attribute("data-result-count"), shown_counts(page))
    assert spanish == english


def test_the_spanish_search_page_speaks_spanish_and_keeps_values_canonical(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "es/?q=detainer")
    results(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#library-status")).to_contain_text("registros encontrados")
    expect(page.locator("label[for=library-q]")).to_have_text("Buscar en la biblioteca")
    expect(page.locator('select[name="sort"] option[value="relevance"]')).to_have_text("Relevancia")
    # A filter is named in Spanish; its control's value, and so the URL, stays as the data has it.
    legend = page.locator('fieldset[data-field="document_type"] legend')
    expect(legend).to_have_text(Labels(sample_expected().library.taxonomy, Messages.load("es")).field("document_type"))
    page.locator('.library-filters input[name="states"][value="CA"]').check()
    results(page)
    assert "states=CA" in page.url and page.url.split("?")[0].endswith("/es/")
    chip = page.locator('[data-remove-filter="states=CA"]')
    expect(chip).to_contain_text("Estado: California")
    # A record's line speaks the page's language; its link leads to the record's Spanish page.
    first = page.locator(".library-results [data-record-id]").first
    assert "/es/records/" in (first.locator("a.library-result-title").evaluate("a => a.href"))


def test_the_line_under_each_result_is_the_one_the_build_writes_in_each_language(page: Page, sample_url: str) -> None:
    """Dates and labels drawn by the page (Intl, the page's labels) equal those the build writes (Babel, the registry), for every record."""
    expected = sample_expected()
    for prefix, language in (("", "en"), ("es/", "es")):
        labels = Labels(expected.library.taxonomy, Messages.load(language))
        want = {r.id: " · ".join(labels.facts(r)) for r in expected.order}
        seen: dict[str, str] = {}
        for number in range(1, -(-len(expected.order) // 20) + 1):
            page.goto(sample_url + prefix + (f"?page={number}" if number > 1 else ""))
            results(page)
            rows = page.locator(".library-results [data-record-id]").evaluate_all(
                "els => els.map(e => [e.dataset.recordId, e.querySelector('.library-meta').textContent])"
            )
            seen.update(dict(rows))
        assert seen == want, language


def test_records_are_marked_with_their_own_language_in_results(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    spanish = [r.id for r in expected.order if r.language == "es"]
    english = [r.id for r in expected.order if r.language == "en"]
    assert spanish and english
    page.goto(sample_url + "?language=es")
    results(page)
    assert page.locator(".library-results [data-record-id] .library-result-title").evaluate_all("els => els.map(e => e.lang)") == ["es"] * len(spanish)
    page.goto(sample_url + "es/?language=en")
    results(page)
    langs = page.locator(".library-results [data-record-id] .library-result-title").evaluate_all("els => els.map(e => e.lang)")
    assert set(langs) == {"en"}


def test_the_language_switch_keeps_the_search(page: Page, sample_url: str) -> None:
    search = "?q=detainer&states=CA&document_type=Ordinance"
    page.goto(sample_url + search)
    english = results(page)
    page.locator("[data-language-switch] a[lang=es]").click()
    page.wait_for_url("**/es/" + search)
    assert results(page) == english
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="English").click()
    page.wait_for_url("**/policy-library/" + search)
    assert results(page) == english


def test_a_spanish_record_page_frames_the_record_in_spanish(page: Page, sample_url: str) -> None:
    page.goto(sample_url + f"es/records/{RECORD}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    expect(page.locator(".library-actions")).to_contain_text("Leer el documento original")
    expect(page.locator(".library-facts")).to_contain_text("5 de octubre de 2017")
    expect(page.get_by_role("heading", name="Registros relacionados")).to_be_visible()
    # The related records' pages are Spanish too, and the search links from the facts stay on es/.
    related = page.locator(".library-relations a.library-result-title").first.evaluate("a => a.href")
    assert "/es/records/" in related


def test_spanish_browse_pages_list_in_spanish(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "es/browse/states/wa/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".library-browse-count")).to_contain_text("registros")
    expect(page.locator(".library-crumbs a").first).to_have_text("Explorar")
    page.locator(".library-browse a.md-button").click()
    page.wait_for_url("**/es/**states=WA")
    assert results(page) == ids(sample_expected().select(filters={"states": ["WA"]}))[:20]
    # The menu is Spanish.
    page.goto(sample_url + "es/browse/")
    expect(page.locator(".md-tabs")).to_contain_text("Explorar")


# name -> address under es/; the search page's kinds wait for their results.
SPANISH_PAGES = {
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
    "privacy": "privacy/",
    "html policy": "html-policy/",
    "404": "records/no-such-record/",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x900", "390x844"])
def test_axe_finds_no_violation_on_any_spanish_page(browser: Browser, sample_url: str, sample_site: Path, viewport: dict[str, int]) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    axe = Axe()
    found: list[str] = []
    # A missing address is answered with the Spanish 404 page, as a host serving es/404.html would.
    missing = (sample_site / "es" / "404.html").read_text(encoding="utf-8")
    page.route(f"**/es/{SPANISH_PAGES['404']}", lambda route: route.fulfill(status=404, body=missing, content_type="text/html"))
    for name, address in SPANISH_PAGES.items():
        page.goto(sample_url + "es/" + address)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        if address == "" or address.startswith("?"):
            results(page)
        for v in axe.run(page).response["violations"]:
            found.append(f"{name}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:4]}")
    context.close()
    assert found == [], "\n".join(found)
