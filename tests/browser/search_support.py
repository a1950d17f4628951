"""What the search tests share: waiting for results, reading them, and the expected answers from Python."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from playwright.sync_api import Page, expect
from policy_library.model.library import Library, load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy
from policy_library.search.data import facet_values
from policy_library.search.glossary import FILE_NAME, load_glossary
from policy_library.search.text import words

from tests.reference.catalogue import Catalogue
from tests.support import ROOT

FILTER_FIELDS = [spec.name for spec in Taxonomy.from_config().facets]


def results(page: Page) -> list[str]:
    """The ids shown, in order, once the page says the results are those of its URL."""
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    return page.locator(".library-results [data-record-id]").evaluate_all("els => els.map(e => e.dataset.recordId)")


def result_count(page: Page) -> int:
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    return int(page.locator(".library-results").get_attribute("data-result-count") or "-1")


def shown_counts(page: Page) -> dict[str, dict[str, int]]:
    """Every filter option on the page: field -> value -> the count it shows."""
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    rows = page.locator(".library-filters input[type=checkbox]").evaluate_all("els => els.map(e => [e.name, e.value, Number(e.dataset.count)])")
    out: dict[str, dict[str, int]] = {}
    for field, value, count in rows:
        out.setdefault(field, {})[value] = count
    return out


class Expected:
    """Answers computed in Python from the records, independently of the page's code."""

    def __init__(self, library: Library, glossary: list[list[str]] | None = None) -> None:
        self.library = library
        self.glossary = glossary or []
        self.order: list[Record] = library.newest_first()

    @functools.cached_property
    def catalogue(self) -> Catalogue:
        return Catalogue(self.order, self.glossary)

    def pool(self, q: str) -> list[Record]:
        """Text without any word (only punctuation, say) searches nothing: the whole library, newest first."""
        return self.text(q) if words(q) else self.order

    def text(self, q: str) -> list[Record]:
        """What the text selects (tests/reference/catalogue.py); no word required: every record not excluded, newest first."""
        return [self.order[int(ref, 36)] for ref, _ in self.catalogue.search(q).hits]

    def matches(self, record: Record, filters: dict[str, list[str]], years: tuple[int | None, int | None], skip: str | None = None) -> bool:
        low, high = years
        if low is not None or high is not None:
            if record.date is None:
                return False
            if (low is not None and record.date.year < low) or (high is not None and record.date.year > high):
                return False
        return all(set(facet_values(record, field)) & set(wanted) for field, wanted in filters.items() if field != skip)

    def select(self, q: str = "", filters: dict[str, list[str]] | None = None, years: tuple[int | None, int | None] = (None, None)) -> list[Record]:
        pool = self.pool(q)
        return [r for r in pool if self.matches(r, filters or {}, years)]

    def counts(self, q: str = "", filters: dict[str, list[str]] | None = None, years: tuple[int | None, int | None] = (None, None)) -> dict[str, Counter[str]]:
        """Disjunctive counts: each field's counts apply every filter but its own."""
        pool = self.pool(q)
        out: dict[str, Counter[str]] = {}
        for field in FILTER_FIELDS:
            out[field] = Counter(v for r in pool if self.matches(r, filters or {}, years, skip=field) for v in facet_values(r, field))
        return out


@functools.cache
def sample_expected() -> Expected:
    return Expected(
        load_library(ROOT / "docs" / "records", Taxonomy.from_config(), root=ROOT, docs_dir=ROOT / "docs"),
        load_glossary(ROOT / "docs" / FILE_NAME, FILE_NAME)[0].shipped(),
    )


def ids(records: Iterable[Record]) -> list[str]:
    return [r.id for r in records]
