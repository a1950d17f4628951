"""Property: any string typed into the search box gives `ready`, with results drawn from the library.

Driven in the real page in Chromium, for a bounded number of examples (well under a minute).
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page, expect
from policy_library.model.library import load_library
from policy_library.model.taxonomy import Taxonomy

from tests.browser.conftest import Watch
from tests.support import ROOT

SYNTAX = st.sampled_from(["~", "^", "*", "+", "-", ":", "title:", "ice~2", "^10", '"', "\\", "%", "&", "?", "#", "<", ">", "'", "(", ")", "[", "]", "{", "}"])
WORDS = st.sampled_from(["ice", "detainer", "asesoría", "ASESORIA", "sanctuary", "courthouse", "king county", "4", "2017", "wa"])
TYPED = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.lists(st.one_of(SYNTAX, WORDS, st.text(max_size=5)), max_size=8).map(" ".join),
    st.lists(st.one_of(SYNTAX, WORDS), max_size=8).map("".join),
)


def test_any_typed_text_gives_ready_results_from_the_library(watched: tuple[Page, Watch], sample_url: str, taxonomy: Taxonomy) -> None:
    page, watch = watched
    ids = set(load_library(ROOT / "docs" / "records", taxonomy).records)
    page.goto(sample_url)
    box = page.locator('input[name="q"]').first
    results = page.locator(".library-results")
    expect(results).to_have_attribute("data-search-state", "ready")
    start = time.monotonic()

    @settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(TYPED)
    def typed(text: str) -> None:
        box.fill(text)
        expect(results).to_have_attribute("data-search-state", "ready", timeout=10_000)
        shown = results.locator("[data-record-id]").evaluate_all("els => els.map(e => e.dataset.recordId)")
        count = int(results.get_attribute("data-result-count") or "-1")
        assert set(shown) <= ids, text
        assert 0 <= len(shown) <= min(count, 20), text
        assert count <= len(ids), text
        assert watch.page_errors == [] and watch.console_errors == [] and watch.dialogs == [], text

    typed()
    assert time.monotonic() - start < 60
    assert watch.foreign_requests() == []
