"""Record text in the search page: invisible characters hide no word, and right-to-left text is isolated."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.search_support import results


def test_a_query_with_invisible_characters_finds_what_the_plain_word_finds(page: Page, sample_url: str) -> None:
    page.goto(f"{sample_url}?q=sanctuary")
    plain = results(page)
    assert plain
    page.goto(f"{sample_url}?q=sanc%E2%80%8Btu%C2%ADary")  # a zero-width space and a soft hyphen inside the word
    assert results(page) == plain


def test_result_titles_summaries_and_filter_labels_keep_their_own_direction(page: Page, sample_url: str) -> None:
    page.goto(f"{sample_url}?q=sanctuary")
    assert results(page)
    isolated = page.evaluate(
        """() => {
            const all = (selector) => [...document.querySelectorAll(selector)];
            return {
                titles: all('.library-results .library-result > a').map((a) => a.dir),
                summaries: all('.library-results .library-summary-text').map((p) => p.dir),
                labels: all('.library-filters .library-option-label').map((s) => s.dir),
            };
        }"""
    )
    for kind, dirs in isolated.items():
        assert dirs and set(dirs) == {"auto"}, kind
