"""The shipped index in lunr.js (Chromium) against lunr.py: same refs, same order, same scores.

The browser's text rules (text.js, query.js) mirror policy_library/search/text.py and
query.py; these tests run both sides over the sample library and compare.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from policy_library.model.library import Library, load_library
from policy_library.model.taxonomy import Taxonomy
from policy_library.search import in_own_folder, numbered
from policy_library.search.glossary import FILE_NAME, load_glossary
from policy_library.search.lunr_index import field_texts
from policy_library.search.text import query_stop_words, stem, words

from tests.reference.lunr_build import build_index
from tests.reference.positions import expected_index_files
from tests.reference.query import prepare_glossary, search
from tests.support import ROOT

QUERIES = [
    "ice",
    "detainer",
    "ice detainer",
    "ice detainers holds",
    "sanctuary city ordinance",
    "courthouse arrests",
    "u visa certification",
    "secure communities",
    "priority enforcement program",
    "public defender immigration specialist",
    "criminal alien program",
    "detai",
    "sanctu",
    "polic",
    "detainr",
    "sanctuery",
    "imigration",
    "courthose",
    "derechos",
    "asesoria",
    "asesoría",
    "inmigración",
    "conozca sus derechos",
    "ASESORÍA Legal",
    "Trust Act",
    "1373",
    "287(g)",
    "8 U.S.C. § 1373",
    "ice:detainer",
    "+ice -holds",
    "polic*",
    "~1",
    "title:ice^10",
    '"due process"',
    "back\\slash",
    "the",
    "of the city",
    "warrant judge ",
    "minimum wage",
    "surveillance technology",
    "tenant protection landlord",
    "driver licenses",
    "los angeles police",
    "king county",
    "zzzzqqq",
    "attorney general",
    "why stay",
    "surveys says",
    "detainer -california",
    '"due process" rights',
    "ice detainer",
    "secure communities program",
    "daca renewal",
    "s-comm",
]

# Glossary members add clauses of their own (scored by lunr like any other).
GLOSSARY = [["ICE", "Immigration and Customs Enforcement"], ["S-Comm", "Secure Communities"], ["DACA", "Deferred Action for Childhood Arrivals"]]


@pytest.fixture(scope="module")
def sample_library() -> Library:
    return load_library(ROOT / "docs" / "records", Taxonomy.from_config(), root=ROOT, docs_dir=ROOT / "docs")


def _in_browser(page: Page, body: str, arg: Any, index: dict[str, Any] | None = None) -> Any:
    """Run `body` in the page with lunr, `index` (a serialized Lunr index) and the page's own query.js and text.js in scope.

    The site ships its index split by term (test_shards.py checks it against lunr.py);
    here lunr.js loads lunr.py's monolithic index, handed over from Python.
    The body is part of the function's source (no eval in the page: the site's CSP forbids it).
    """
    return page.evaluate(
        """async ([arg, serialized]) => {
            const root = document.querySelector('[data-library-search]');
            const abs = (p) => new URL(p, document.baseURI).href;
            const lunr = (await import(abs(root.dataset.lunr))).default;
            const query = await import(abs('assets/library/worker/query.js'));
            const text = await import(abs('assets/library/worker/text.js'));
            const index = serialized ? lunr.Index.load(serialized) : null;
            BODY
        }""".replace("BODY", body),
        [arg, index],
    )


def test_lunr_js_gives_lunr_py_results_for_every_query(page: Page, sample_url: str, sample_library: Library) -> None:
    assert len(QUERIES) >= 30
    page.goto(sample_url)
    reference = build_index(sample_library.newest_first())
    in_js = _in_browser(
        page,
        "const stops = new Set(arg[1]); return arg[0].map((q) => query.scoredOn(lunr, index, q, stops, arg[2]).map((h) => [h.ref, h.score]));",
        [QUERIES, sorted(query_stop_words()), GLOSSARY],
        reference.serialize(),
    )
    nonempty = 0
    glossary = prepare_glossary(GLOSSARY)
    for q, js_hits in zip(QUERIES, in_js, strict=True):
        py_hits = search(reference, q, glossary)
        assert [h[0] for h in js_hits] == [h.ref for h in py_hits], q
        for (ref, score), hit in zip(js_hits, py_hits, strict=True):
            assert score == pytest.approx(hit.score, abs=1e-6), (q, ref)
        nonempty += bool(py_hits)
    assert nonempty >= 30, "most queries should find something in the sample library"


def _all_words(library: Library, language: str | None = None) -> list[str]:
    found: set[str] = set()
    for record in library:
        if language is None or record.language == language:
            for text in field_texts(record).values():
                found.update(words(text))
    return sorted(found)


def test_spanish_and_english_stems_agree_with_lunr_languages(page: Page, sample_url: str, sample_library: Library) -> None:
    spanish = _all_words(sample_library, "es")
    english = _all_words(sample_library, "en")
    assert len(spanish) > 100, "the sample library has Spanish records"
    page.goto(sample_url)
    stems = _in_browser(
        page,
        "return [arg[0].map((w) => text.stem(lunr, w, 'es')), arg[1].map((w) => text.stem(lunr, w, 'en'))];",
        [spanish, english],
    )
    assert {w: s for w, s in zip(spanish, stems[0], strict=True) if s != stem(w, "es")} == {}
    assert {w: s for w, s in zip(english, stems[1], strict=True) if s != stem(w, "en")} == {}


def test_words_are_cut_and_folded_alike(page: Page, sample_url: str, sample_library: Library) -> None:
    texts = [text for record in sample_library for text in field_texts(record).values()]
    texts += ["Asesoría jurídica: ¿Qué hacer? — Niños/niñas", "İstanbul ǅemal ﬁx Ⅻ ²", "e\u0301xito", "C++ & C# (2019-2020)", 'a"b\\c:d~e^f*g+h-i']
    page.goto(sample_url)
    in_js = _in_browser(page, "return arg.map((t) => text.words(t));", texts)
    for text, js_words in zip(texts, in_js, strict=True):
        assert js_words == words(text), text


# Invisible characters pasted inside words (zero-width space, non-joiner and joiner, word joiner, soft hyphen,
# byte-order mark): the index and the query must both read the word as if they were not there.
HIDDEN = {
    "sanc\u200btuary": ["sanctuary"],
    "im\u200cmi\u200dgration": ["immigration"],
    "de\u00adtainer": ["detainer"],
    "\ufeffICE court\u2060house": ["ice", "courthouse"],
}


def test_zero_width_characters_hide_no_word(page: Page, sample_url: str, sample_library: Library) -> None:
    page.goto(sample_url)
    assert {t: words(t) for t in HIDDEN} == HIDDEN
    in_js = _in_browser(page, "return arg.map((t) => text.words(t));", list(HIDDEN))
    assert dict(zip(HIDDEN, in_js, strict=True)) == HIDDEN
    reference = build_index(sample_library.newest_first())
    found = _in_browser(
        page,
        "const stops = new Set(arg[1]); return arg[0].map((q) => query.scoredOn(lunr, index, q, stops, arg[2]).map((h) => h.ref));",
        [list(HIDDEN), sorted(query_stop_words()), GLOSSARY],
        reference.serialize(),
    )
    glossary = prepare_glossary(GLOSSARY)
    for hidden, refs in zip(HIDDEN, found, strict=True):
        assert refs and refs == [h.ref for h in search(reference, " ".join(HIDDEN[hidden]), glossary)], hidden


def test_the_served_index_is_the_lunr_py_index_cut_by_term(sample_site: Path, sample_library: Library) -> None:
    import re

    home = (sample_site / "index.html").read_text(encoding="utf-8")
    manifest_path = re.search(r'data-manifest="([^"]+)"', home)
    assert manifest_path is not None
    # lunr.py's index cut by term, with the word positions, the dictionary and the glossary the build adds (tests/reference/positions.py).
    glossary = load_glossary(ROOT / "docs" / FILE_NAME, FILE_NAME)[0].shipped()
    reference_manifest, reference = in_own_folder(*expected_index_files(sample_library.newest_first(), numbered(), glossary))
    assert manifest_path.group(1) == reference_manifest
    for path, content in reference.items():
        assert (sample_site / path).read_bytes() == content, path
