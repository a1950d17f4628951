"""The index split by term (policy_library/search/shards.py, shards.js) gives exactly the monolithic index's results.

On a generated library, for more than 200 queries (single words, several words,
prefixes, typos, Spanish, Lunr syntax, with and without filters), lunr.js in
Chromium searching only the shards a query needs returns the same ids, in the
same order, with the same scores (to 1e-6) as one monolithic lunr.py index; and
a one-word query fetches a small part of the index, not all of it.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page
from policy_library.model.library import load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy
from policy_library.search.lunr_index import field_texts
from policy_library.search.shards import compact, front_code
from policy_library.search.text import words
from policy_library.search.vendor import lunr_module
from policy_library.site.theme import TEMPLATES

from bench.generate import library as generated_library
from bench.generate import make_project
from tests.reference.lunr_build import build_index
from tests.reference.query import search
from tests.reference.shards import front_decode, split
from tests.support import serve

WORKER = TEMPLATES / "assets" / "library" / "worker"
N_RECORDS = 400


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], Any]:
    project = make_project(tmp_path_factory.mktemp("shards") / "project", generated_library(N_RECORDS, seed=11))
    lib = load_library(project / "docs" / "records", Taxonomy.from_config(), root=project, docs_dir=project / "docs")
    records = lib.newest_first()
    return records, build_index(records)


@pytest.fixture(scope="module")
def shard_url(corpus: tuple[list[Record], Any], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _, index = corpus
    site = tmp_path_factory.mktemp("shard-site")
    for name in ("query.js", "text.js", "shards.js"):
        shutil.copy(WORKER / name, site / name)
    (site / "lunr.js").write_text(lunr_module(), encoding="utf-8")
    serialized = index.serialize()
    (site / "index.json").write_bytes(compact(serialized))
    # Small shards, so that a library of 400 records is cut into many.
    sharded = split(serialized, target_postings=400)
    (site / "shards").mkdir()
    for number, shard in enumerate(sharded.shards):
        name = f"shards/{number}.json"
        (site / name).write_bytes(compact(shard))
        sharded.manifest["shards"].append(name)
    (site / "lists").mkdir()
    for key, terms in sharded.lists.items():
        name = f"lists/{key}.json"
        (site / name).write_bytes(compact(front_code(terms)))
        sharded.manifest["lists"][key] = name
    (site / "manifest.json").write_bytes(compact(sharded.manifest))
    (site / "index.html").write_text("<!doctype html><title>shards</title>", encoding="utf-8")
    with serve(site, tmp_path_factory.mktemp("shard-web")) as url:
        yield url


def _queries(records: list[Record]) -> list[str]:
    rng = random.Random(5)
    vocabulary = sorted({w for r in records for text in field_texts(r).values() for w in words(text)})
    long_words = [w for w in vocabulary if len(w) >= 5]
    titles = [words(r.title) for r in records]
    spanish = sorted({w for r in records if r.language == "es" for w in r.body.split() if any(c in w for c in "áéíóúñ")})
    out: list[str] = []
    out += rng.sample(vocabulary, 50)  # single words, rare and common alike
    out += [" ".join(rng.sample(t, min(len(t), rng.randint(2, 3)))) for t in rng.sample(titles, 30)]  # several words from one title
    out += [f"{rng.choice(vocabulary)} {rng.choice(vocabulary)}" for _ in range(15)]  # words that rarely meet
    out += [w[: rng.randint(2, max(2, len(w) - 1))] for w in rng.sample(long_words, 35)]  # prefixes while typing
    for w in rng.sample(long_words, 35):  # one typo each: deletion, transposition, substitution
        i = rng.randrange(1, len(w) - 1)
        out.append(rng.choice((w[:i] + w[i + 1 :], w[: i - 1] + w[i] + w[i - 1] + w[i + 1 :], w[:i] + "x" + w[i + 1 :])))
    out += [w.strip(".,") for w in spanish[:10]] + [words(w)[0] for w in spanish[:10] if words(w)]  # with and without accents
    out += [f"{w} " for w in rng.sample(vocabulary, 10)]  # a finished word is no prefix
    out += ["ice:detainer", "+ice -holds", "polic*", "~1", "title:ice^10", '"due process"', "back\\slash", "the", "zzzzqqq", ""]
    for w in rng.sample(long_words, 15):  # typos at the end, whose terms are found in the shards beside the word's own
        out.append(rng.choice((w[:-2] + w[-1] + w[-2], w[:-1] + "x", w[:-1])))
    return out


FILTERS = {
    "no filter": lambda r: True,
    "states=CA": lambda r: "CA" in r.states,
    "document_type=Ordinance or Policy": lambda r: r.document_type in ("Ordinance", "Policy"),
    "language=es": lambda r: r.language == "es",
}


def test_sharded_search_equals_one_monolithic_lunr_py_index(page: Page, shard_url: str, corpus: tuple[list[Record], Any]) -> None:
    records, index = corpus
    queries = _queries(records)
    assert len(queries) >= 200
    page.goto(shard_url)
    in_js = page.evaluate(
        """async (queries) => {
            const lunr = (await import('./lunr.js')).default;
            const { ShardedIndex } = await import('./shards.js');
            const manifest = await (await fetch('manifest.json')).json();
            const load = async (name) => (await fetch(name)).json();
            const sharded = new ShardedIndex(lunr, manifest, load);
            const out = [];
            for (const q of queries) out.push((await sharded.scored(q)).map((h) => [h.ref, h.score]));
            // Once every term list has arrived (the page fetches them after a first result), typos expand from them instead.
            const complete = new ShardedIndex(lunr, manifest, load);
            await complete.prefetchLists();
            const after = [];
            for (const q of queries) after.push((await complete.scored(q)).map((h) => [h.ref, h.score]));
            return [out, after];
        }""",
        queries,
    )
    in_js, after_prefetch = in_js
    assert after_prefetch == in_js
    by_ref = {ref: records[int(ref, 36)] for ref in (h.ref for q in queries for h in search(index, q))}
    found = 0
    for q, js_hits in zip(queries, in_js, strict=True):
        py_hits = search(index, q)
        for name, keep in FILTERS.items():
            js_kept = [h for h in js_hits if keep(by_ref[h[0]])]
            py_kept = [h for h in py_hits if keep(by_ref[h.ref])]
            assert [h[0] for h in js_kept] == [h.ref for h in py_kept], (q, name)
            for (ref, score), hit in zip(js_kept, py_kept, strict=True):
                assert score == pytest.approx(hit.score, abs=1e-6), (q, name, ref)
        found += bool(py_hits)
    assert found >= 180, "most queries find something, or the comparison proves little"


# Opens the shard test page's index the way the search worker does; the tests append their query and `}`.
OPEN_SHARDED = """async () => {
    const lunr = (await import('./lunr.js')).default;
    const { ShardedIndex } = await import('./shards.js');
    const manifest = await (await fetch('manifest.json')).json();
    const sharded = new ShardedIndex(lunr, manifest, async (name) => (await fetch(name)).json());
"""


def test_a_query_fetches_only_the_shards_of_its_terms(page: Page, shard_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/shards/" in r.url else None)
    page.goto(shard_url)
    total = page.evaluate(
        OPEN_SHARDED
        + """
            const hits = await sharded.scored('detainer ');
            if (hits.length === 0) throw new Error('no hits for detainer');
            return manifest.shards.length;
        }"""
    )
    assert total >= 20
    assert 1 <= len(fetched) <= total // 5, f"{len(fetched)} of {total} shards fetched for one word"


def test_a_query_fetches_only_the_term_lists_its_words_can_expand_into(page: Page, shard_url: str) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/lists/" in r.url else None)
    page.goto(shard_url)
    total = page.evaluate(
        OPEN_SHARDED
        + """
            // A typo of the first letter: its candidates come from the lists of its last letter.
            const hits = await sharded.scored('xetainer');
            if (!hits.some((h) => h.terms.includes('detain'))) throw new Error('xetainer did not find detain');
            return Object.keys(manifest.lists).length;
        }"""
    )
    assert total >= 30
    assert 1 <= len(fetched) <= 5, f"{len(fetched)} of {total} term lists fetched for one word"


def test_a_word_its_typos_and_its_prefix_need_no_first_letter_list(page: Page, shard_url: str) -> None:
    """The shards a word's own stem needs list its prefix's terms and the typos that change its end: only the typos
    that keep its last letter need a term list, and a word the index does not hold fetches no shard at all."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 2)[-2] + "/" + r.url.rsplit("/", 1)[-1]))
    page.goto(shard_url)
    page.evaluate(
        OPEN_SHARDED
        + """
            const hits = await sharded.scored('detainers');
            if (!hits.some((h) => h.terms.includes('detain'))) throw new Error('detainers did not find detain');
        }"""
    )
    lists = [u for u in fetched if u.startswith("lists/")]
    assert lists and not [u for u in lists if u.startswith("lists/h")], lists
    fetched.clear()
    page.evaluate(OPEN_SHARDED + "await sharded.scored('zzzzqqq'); }")
    assert not [u for u in fetched if u.startswith("shards/")], fetched


def test_front_coding_round_trips() -> None:
    terms = sorted({"", "a", "ab", "abc", "abd", "b", "ba", "zz", "niño", "x" * 300, "x" * 301 + "y"})
    assert front_decode(front_code(terms)) == terms
    assert len(front_code(["detain", "detaine", "detainer"])) < len("detain detaine detainer")
    assert json.loads(compact(front_code(terms))) == front_code(terms)
