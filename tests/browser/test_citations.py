"""Citations in the browser: a record page's files and its copy button, the search page's citations of its results,
and the page's writer (cite.js) against Python's (site/citations.py) on every record of the sample."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from policy_library.site import citations

from tests.browser.conftest import Watch
from tests.browser.search_support import results

RECORD = "king-county-ordinance-17886-ice-detainers"

# Rows no sample record has: every escape, accents, an unknown type, empty values, each date precision.
HOSTILE_ROWS: list[dict[str, Any]] = [
    {
        "id": "hostile-one",
        "title": "}{ 100% of {cases} & $5 #1 a_b x^2 ~ \\ Asesoría Ñandú Straße Łódź e\u0301 日本",
        "summary": "Two\n\tlines\r\n and   spaces ",
        "document_type": "Made Up",
        "policy_areas": ["Budget & Taxes", "Immigration"],
        "tags": ["Immigration", "{", ""],
        "organization": "Org } {",
        "jurisdiction": "Ciudad de México",
        "date": "2019-07-04",
        "source_url": "https://example.org/a{b}c\\d?x=1%202#f",
        "language": "es",
    },
    {"id": "hostile-two", "title": "Bare", "summary": "", "document_type": "Report", "policy_areas": [], "tags": [], "date": "2019", "language": None},
    {"id": "hostile-three", "title": "Month", "summary": "s", "document_type": "Bill", "policy_areas": ["Labor"], "date": "2020-02"},
]


def module_url(site: Path, base: str, name: str) -> str:
    return base + next(site.glob(f"assets/library/js.*/page/{name}")).relative_to(site).as_posix()


def description(site: Path) -> dict[str, Any]:
    return json.loads(next((site / "assets/library/search").glob("citation.*.json")).read_text(encoding="utf-8"))


def test_the_pages_citations_equal_pythons_for_every_sample_record(page: Page, sample_url: str, sample_site: Path) -> None:
    rows = json.loads((sample_site / "records.json").read_text(encoding="utf-8")) + HOSTILE_ROWS
    desc = description(sample_site)
    page.goto(sample_url)
    written = page.evaluate(
        """async ([url, rows, desc]) => {
            const { WRITERS } = await import(url);
            return Object.fromEntries(Object.entries(WRITERS).map(([format, write]) => [format, write(rows, desc)]));
        }""",
        [module_url(sample_site, sample_url, "cite.js"), rows, desc],
    )
    assert set(written) == set(citations.FORMATS)
    for fmt in citations.FORMATS:
        python = citations.write(fmt, rows, desc)
        assert written[fmt] == python, fmt
    assert len(rows) > 40 and "\\textbraceleft{}" in written["bibtex"] and "{\\~N}and{\\'u}" in written["bibtex"]


@pytest.fixture
def downloading(browser: Browser) -> Any:
    context = browser.new_context(accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch()
    page.on("request", lambda r: watch.requests.append(r.url))
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    yield page, watch
    context.close()


def test_a_record_page_downloads_its_citation_in_three_formats(downloading: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    page, watch = downloading
    page.goto(sample_url + f"records/{RECORD}/")
    row = next(r for r in json.loads((sample_site / "records.json").read_text(encoding="utf-8")) if r["id"] == RECORD)
    desc = description(sample_site)
    for fmt, suffix in citations.SUFFIXES.items():
        link = page.locator(f'a[data-cite-format="{fmt}"]')
        expect(link).to_have_text(citations.NAMES[fmt])
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename == RECORD + suffix
        assert Path(download.path()).read_bytes().decode("utf-8") == citations.write(fmt, [row], desc)
    [item] = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert item["id"] == RECORD and item["type"] == "legislation" and item["issued"] == {"date-parts": [[2014, 9, 2]]}
    assert watch.foreign_requests() == [] and watch.page_errors == []


def test_the_copy_button_copies_the_formatted_citation_and_says_so(downloading: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    page, _ = downloading
    page.goto(sample_url + f"records/{RECORD}/")
    row = next(r for r in json.loads((sample_site / "records.json").read_text(encoding="utf-8")) if r["id"] == RECORD)
    text = citations.formatted(row, description(sample_site))
    expect(page.locator("[data-citation-text]")).to_have_text(text)
    button = page.get_by_role("button", name="Copy citation")
    # By keyboard alone.
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-copy-status]")).to_have_text("Citation copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == text
    assert page.locator("[data-copy-status]").get_attribute("role") == "status"


def test_without_clipboard_access_the_citation_is_selected_for_the_keyboard(browser: Browser, sample_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(sample_url + f"records/{RECORD}/")
    # A browser that refuses the clipboard.
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('denied')); }")
    page.get_by_role("button", name="Copy citation").click()
    expect(page.locator("[data-copy-status]")).to_contain_text("could not be copied")
    assert page.evaluate("() => String(window.getSelection())") == page.locator("[data-citation-text]").inner_text()
    context.close()


def test_without_javascript_the_citation_is_there_and_no_dead_button_or_link(browser: Browser, sample_url: str) -> None:
    # The files are written by the page's script: without it, the citation is there to select, and nothing dead is shown.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + f"records/{RECORD}/")
    expect(page.locator("[data-citation-text]")).to_be_visible()
    expect(page.locator("[data-copy-citation]")).to_be_hidden()
    expect(page.locator("a[data-cite-format]")).to_have_count(3)
    for link in page.locator("a[data-cite-format]").all():
        expect(link).to_be_hidden()
    context.close()


def test_a_spanish_record_page_downloads_the_same_citation_by_keyboard(downloading: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    page, watch = downloading
    page.goto(sample_url + f"es/records/{RECORD}/")
    row = next(r for r in json.loads((sample_site / "records.json").read_text(encoding="utf-8")) if r["id"] == RECORD)
    link = page.locator('a[data-cite-format="ris"]')
    link.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == RECORD + ".ris"
    assert Path(info.value.path()).read_bytes().decode("utf-8") == citations.write("ris", [row], description(sample_site))
    assert watch.foreign_requests() == [] and watch.page_errors == []


def test_a_failed_download_says_so_and_a_later_click_works(downloading: tuple[Page, Watch], sample_url: str, sample_site: Path) -> None:
    page, _ = downloading
    page.route("**/citation.*.json", lambda route: route.abort())
    page.goto(sample_url + f"records/{RECORD}/")
    page.locator('a[data-cite-format="bibtex"]').click()
    expect(page.locator("[data-copy-status]")).to_have_text("The citation could not be downloaded. Reload the page to try again.")
    page.unroute("**/citation.*.json")
    with page.expect_download() as info:
        page.locator('a[data-cite-format="bibtex"]').click()
    assert info.value.suggested_filename == RECORD + ".bib"


@pytest.mark.parametrize(
    ("address", "stem"),
    [
        ("?q=detainer&states=WA", "policy-library-detainer-WA"),
        ("?q=immigration", "policy-library-immigration"),
        # Accents folded, quotes and signs one hyphen, years last.
        ("?q=asesor%C3%ADa+%22legal%22&year_from=2010&year_to=2026", "policy-library-asesoria-legal-2010-2026"),
    ],
)
def test_the_search_pages_citations_hold_every_current_result_in_order(
    downloading: tuple[Page, Watch], sample_url: str, sample_site: Path, address: str, stem: str
) -> None:
    page, watch = downloading
    page.goto(sample_url + address)
    shown = results(page)
    total = int(page.locator("[data-search-state]").get_attribute("data-result-count") or "0")
    assert total >= len(shown) > 0
    texts = {}
    for fmt in ("ris", "bibtex"):
        button = page.locator(f'button[data-download-citations="{fmt}"]')
        expect(button).to_be_enabled()
        with page.expect_download() as info:
            button.click()
        assert info.value.suggested_filename == stem + citations.SUFFIXES[fmt]
        texts[fmt] = Path(info.value.path()).read_bytes().decode("utf-8")
    # Every result, in the order of the results (the first page is the one shown)...
    ids = [line.removeprefix("ID  - ") for line in texts["ris"].split("\r\n") if line.startswith("ID  - ")]
    assert len(ids) == total and ids[: len(shown)] == shown

    # ... each as its record page's own file.
    rows = {r["id"]: r for r in json.loads((sample_site / "records.json").read_text(encoding="utf-8"))}

    def files(fmt: str) -> list[str]:
        return [citations.write(fmt, [rows[i]], description(sample_site)) for i in ids]

    assert texts["ris"] == "\r\n".join(files("ris"))
    assert texts["bibtex"] == "\n".join(files("bibtex"))
    assert watch.foreign_requests() == [] and watch.page_errors == []
