"""A search that narrows like a library catalogue, in Chromium on the sample library: every word, the fallback, -word,
phrases, excerpts with every matched word marked, and "did you mean"."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, expect
from policy_library.search.text import words

from tests.browser.search_support import ids, result_count, results, sample_expected
from tests.reference.catalogue import Catalogue


def _go(page: Page, url: str, q: str) -> list[str]:
    page.goto(url + "?" + urlencode({"q": q}))
    # A cold page on a busy machine may take longer than the default wait before it is ready.
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready", timeout=30_000)
    return results(page)


def test_another_word_narrows_the_results(page: Page, sample_url: str) -> None:
    _go(page, sample_url, "detainer")
    one = result_count(page)
    shown = _go(page, sample_url, "detainer warrant")
    assert 0 < result_count(page) < one
    assert shown == ids(sample_expected().text("detainer warrant"))[:20]
    expect(page.locator("[data-partial-match]")).to_have_count(0)


def test_when_no_record_has_every_word_those_with_most_are_shown_and_the_page_says_so(page: Page, sample_url: str) -> None:
    shown = _go(page, sample_url, "sanctuary cities texas oregon")
    assert shown and shown == ids(sample_expected().text("sanctuary cities texas oregon"))[:20]
    expect(page.locator("[data-partial-match]")).to_contain_text("No record matches all 4 words")


def test_a_minus_word_excludes_the_records_holding_it(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    shown = _go(page, sample_url, "detainer -california")
    assert shown == ids(expected.text("detainer -california"))[:20]
    assert result_count(page) < len(expected.text("detainer"))
    for record in expected.text("detainer -california"):
        assert "california" not in words(" ".join([record.title, record.summary, record.body, *record.tags, record.jurisdiction or ""]))


def test_quoted_words_must_appear_as_a_phrase(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    shown = _go(page, sample_url, '"local police"')
    assert shown == ids(expected.text('"local police"'))
    assert 0 < len(shown) < len(expected.text("local police"))
    # The same words the other way round are not that phrase.
    assert _go(page, sample_url, '"police local"') == ids(expected.text('"police local"')) == []


def test_a_result_matched_in_its_body_shows_the_passage_with_every_matched_word_marked(page: Page, sample_url: str) -> None:
    _go(page, sample_url, "sanctuary cities texas oregon")
    excerpt = page.locator(".library-results [data-record-id] [data-excerpt]").first
    expect(excerpt).to_be_visible()
    marked = [m.lower() for m in excerpt.locator("mark").all_inner_texts()]
    assert marked and all(re.match(r"sanctuar|cit|texas|oregon", m) for m in marked), marked
    text = excerpt.inner_text().lower()
    for word in re.findall(r"\b(?:texas|oregon|sanctuary|cities)\b", text):
        assert word in marked, f"{word!r} is in the excerpt but not marked"


def test_a_word_in_no_record_offers_the_nearest_word_as_a_link(page: Page, sample_url: str) -> None:
    _go(page, sample_url, "imigrasion policy")
    link = page.locator("[data-suggestion] a")
    expect(link).to_have_text("immigration policy")
    link.click()
    expect(page).to_have_url(re.compile(r"q=immigration\+policy"))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["immigration policy"]
    results(page)
    expect(page.locator("[data-suggestion]")).to_have_count(0)


# Two edits (one is found through the typo search itself), one of them at the word's start.
@pytest.mark.parametrize(("typed", "meant"), [("edtainre", "detainer"), ("xsancturay", "sanctuary")])
def test_a_word_misspelt_at_its_start_is_still_offered_its_word(page: Page, sample_url: str, typed: str, meant: str) -> None:
    _go(page, sample_url, typed)
    expect(page.locator("[data-suggestion] a")).to_have_text(meant)


def test_lunr_syntax_and_stray_quotes_never_fail(page: Page, sample_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for q in ('"', '"due', "-", "--x", "the", "-detainer", "title:ice^10 -", 'a"b"c'):
        _go(page, sample_url, q)
        assert result_count(page) == len(sample_expected().select(q)), q
    assert errors == []


def test_a_result_found_in_its_attached_document_says_so_and_quotes_it(page: Page, sample_url: str) -> None:
    shown = _go(page, sample_url, "clackamas")
    assert shown == ids(sample_expected().text("clackamas"))
    result = page.locator('[data-record-id="policy-library-ice-detainers-fact-sheet"]')
    excerpt = result.locator('[data-excerpt="attachment"]')
    expect(excerpt).to_contain_text("in the attached PDF")
    expect(excerpt.locator("mark")).to_have_text(["Clackamas"] * excerpt.locator("mark").count())
    assert excerpt.locator("mark").count() >= 1


def test_a_result_found_through_the_glossary_names_the_member_it_holds(page: Page, sample_url: str) -> None:
    expected = sample_expected()
    shown = _go(page, sample_url, "S-Comm ")  # finished: "comm" is a word, not a prefix
    assert shown == ids(expected.text("S-Comm "))[:20]
    # Records that never write "S-Comm" are found through "Secure Communities", and say so.
    plain = Catalogue(expected.order)  # no glossary

    def holding(q: str) -> set[str]:
        return {expected.order[int(ref, 36)].id for ref, _ in plain.search(q).hits}

    through = holding('"secure communities"') - holding('"s comm"')
    assert through & set(shown)
    for record_id in through & set(shown):
        expect(page.locator(f'[data-record-id="{record_id}"] [data-glossary]')).to_have_text("S-Comm = Secure Communities")
