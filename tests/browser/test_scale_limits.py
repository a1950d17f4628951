"""The search page at sizes past its everyday ones: more filter values than 16 bits hold, and URLs stuffed with values."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from playwright.sync_api import Page, expect
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy
from policy_library.search.columns import pack
from policy_library.search.data import search_data
from policy_library.search.fragments import split_data

from tests.browser.search_support import result_count, results


def _records_json(organizations: int) -> str:
    """records.json as the build writes it, for a library with one record per organization."""
    records = [
        Record(
            id=f"r{n}", path="", title=f"Record {n}", summary="S.", document_type="Report", policy_areas=("Immigration",), organization=f"Organization {n:06d}"
        )
        for n in range(organizations)
    ]
    codes, _, _ = split_data(search_data(records, Taxonomy.from_config()))
    return json.dumps(pack(codes))


def test_filter_values_past_65536_select_their_own_records(page: Page, sample_url: str) -> None:
    """Codes of a 70,000-value filter: value 69,999 must select its record, not the one 65,536 places earlier."""
    data = _records_json(70_000)
    page.goto(sample_url)
    found = page.evaluate(
        """async (json) => {
            const facets = await import(new URL('assets/library/worker/facets.js', document.baseURI).href);
            const db = facets.prepare(JSON.parse(json));
            const pick = (value) => {
                const result = facets.select(db, null, { filters: { organization: [value] }, page: 1 }, Infinity);
                const option = result.facets.find((f) => f.field === 'organization').options.find((o) => o.value === value);
                return [result.shown.map(({ record }) => db.facets[db.field.organization].values[record.codes[db.field.organization][0]]), option.count];
            };
            return [pick('Organization 069999'), pick('Organization 004463')];
        }""",
        data,
    )
    assert found == [[["Organization 069999"], 1], [["Organization 004463"], 1]]


def test_a_url_with_40000_unknown_filter_values_is_answered_at_once(page: Page, sample_url: str) -> None:
    """An old or crafted link with tens of thousands of values: the page answers it, keeps the known value, and lists a bounded number of the rest."""
    known, other = "Immigrant Legal Resource Center", "California State Legislature"
    page.goto(f"{sample_url}?{urlencode({'organization': known})}")
    expected = result_count(page)
    page.goto(f"{sample_url}?{urlencode({'organization': other})}")
    assert 0 < expected != result_count(page)
    # The long address arrives as Back or Forward brings it (a server's request-line limit would refuse it as a link).
    query = urlencode([("organization", known)] + [("organization", f"Unknown {n}") for n in range(40_000)])
    page.evaluate("(query) => { history.pushState(null, '', '?' + query); dispatchEvent(new PopStateEvent('popstate')); }", query)
    expect(page.locator(".library-results")).to_have_attribute("data-result-count", str(expected), timeout=20_000)
    assert len(results(page)) == min(expected, 20)
    expect(page.locator(f'.library-filters input[name=organization][value="{known}"]')).to_be_checked()
    unknown = page.locator(".library-filters input[name=organization]").evaluate_all("els => els.filter((e) => e.value.startsWith('Unknown ')).length")
    assert 0 < unknown <= 200
