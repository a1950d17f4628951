"""Searching the text of attached documents on the sample library, in a real Chromium: a word found only in an attachment finds its record."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import Watch
from tests.browser.search_support import ids, results, sample_expected


@pytest.mark.parametrize(
    ("q", "record"),
    [
        ("I-247A", "policy-library-ice-detainers-fact-sheet"),  # only in the attached PDF
        ("salaries overtime", "policy-library-guide-287g-agreements"),  # only in the attached text
        ("memorice", "policy-library-resumen-conozca-sus-derechos"),  # Spanish, only in the attached text
    ],
)
def test_a_word_only_in_an_attachment_finds_its_record(watched: tuple[Page, Watch], sample_url: str, q: str, record: str) -> None:
    page, watch = watched
    page.goto(sample_url + "?q=" + q.replace(" ", "+"))
    shown = results(page)
    assert record in shown and shown == ids(sample_expected().text(q))[:20]
    assert watch.page_errors == []
