"""What a text search selects, in the page's engine on a real build, against the Python reference (tests/reference/catalogue.py).

A generated library of 400 records with a glossary is built with `mkdocs
build`; the page's own modules (shards.js, query.js) search its shipped index
in Chromium for more than 200 generated queries (several words, phrases taken
from the records and reversed, exclusions, glossary members, typos, prefixes,
stop words, Lunr syntax), and every answer (ids, order, scores to 1e-6,
whether every word matched) equals the reference's.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from policy_library.model.library import load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy
from policy_library.search.lunr_index import field_texts
from policy_library.search.text import query_stop_words, words

from bench.generate import library as generated_library
from bench.generate import make_project
from tests.reference.catalogue import Catalogue
from tests.support import build_site, serve

N_RECORDS = 400
GLOSSARY = [
    ["ICE", "Immigration and Customs Enforcement"],
    ["detainer", "hold request"],
    ["sanctuary", "santuario"],
    ["county jail", "cárcel del condado"],
]
GLOSSARY_YAML = "".join("- [" + ", ".join(f'"{m}"' for m in group) + "]\n" for group in GLOSSARY)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], Path]:
    project = make_project(tmp_path_factory.mktemp("semantics") / "project", generated_library(N_RECORDS, seed=23))
    (project / "docs" / "glossary.yml").write_text(GLOSSARY_YAML, encoding="utf-8")
    site = project / "site"
    build_site(project, site)
    lib = load_library(project / "docs" / "records", Taxonomy.from_config(), root=project, docs_dir=project / "docs")
    return lib.newest_first(), site


@pytest.fixture(scope="module")
def generated_url(generated: tuple[list[Record], Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(generated[1], tmp_path_factory.mktemp("semantics-web")) as url:
        yield url


def _queries(records: list[Record]) -> list[str]:
    rng = random.Random(17)
    stops = query_stop_words()
    texts = [field_texts(r) for r in records]
    vocabulary = sorted({w for t in texts for text in t.values() for w in words(text)} - stops)
    long_words = [w for w in vocabulary if len(w) >= 6]

    def run(length: int) -> list[str]:
        while True:
            t = rng.choice(texts)
            ws = words(rng.choice([t["title"], t["summary"], t["body"]]))
            if len(ws) > length:
                i = rng.randrange(len(ws) - length)
                return ws[i : i + length]

    out: list[str] = []
    out += [" ".join(run(rng.randint(2, 3))) for _ in range(30)]  # neighbouring words: records hold them all
    out += [" ".join(rng.sample(vocabulary, rng.randint(2, 3))) for _ in range(25)]  # words that rarely meet: the fallback
    out += [f'"{" ".join(run(rng.randint(2, 4)))}"' for _ in range(35)]  # phrases from the records (stop words inside)
    out += [f'"{" ".join(reversed(run(2)))}"' for _ in range(15)]  # the same words out of order
    out += [f'{" ".join(run(1))} "{" ".join(run(2))}"' for _ in range(10)]  # a word and a phrase
    out += [f"{rng.choice(vocabulary)} -{rng.choice(vocabulary)}" for _ in range(15)]  # exclusions
    out += [f"{' '.join(run(2))} -{w}" for w in rng.sample(long_words, 10)]
    out += [f"-{rng.choice(vocabulary)}" for _ in range(5)]  # an exclusion alone: every other record
    members = [m for group in GLOSSARY for m in group]
    out += [m for m in members] + [m.lower() + " " + rng.choice(vocabulary) for m in members] + [f'"{m}"' for m in members]
    for w in rng.sample(long_words, 20):  # typos
        i = rng.randrange(1, len(w) - 1)
        out.append(rng.choice((w[:i] + w[i + 1 :], w[:i] + "q" + w[i + 1 :])) + " " + rng.choice(vocabulary))
    out += [" ".join(run(2))[:-2] for _ in range(10)]  # typing: the last word is a prefix
    out += ["the", "of the", "the county", '"the"', '"', "-", "--", "ice:detainer", "+ice -holds", "title:ice^10", "~1", "polic*", 'a"b', "zzzzqq detainer"]
    return out


def test_the_page_selects_what_the_reference_selects(page: Page, generated_url: str, generated: tuple[list[Record], Path]) -> None:
    records, site = generated
    catalogue = Catalogue(records, GLOSSARY)
    queries = _queries(records)
    assert len(queries) >= 200
    home = (site / "index.html").read_text(encoding="utf-8")
    modules = re.search(r'src="([^"]*js\.[0-9a-f]+/)bundle/search\.js"', home)
    lunr = re.search(r'data-lunr="([^"]+)"', home)
    manifest = re.search(r'data-manifest="([^"]+)"', home)
    assert modules and lunr and manifest
    page.goto(generated_url)
    in_js = page.evaluate(
        """async ([queries, modules, lunrUrl, manifestUrl]) => {
            const abs = (p) => new URL(p, document.baseURI).href;
            const lunr = (await import(abs(lunrUrl))).default;
            const { ShardedIndex } = await import(abs(modules + 'worker/shards.js'));
            const manifest = await (await fetch(abs(manifestUrl))).json();
            const sharded = new ShardedIndex(lunr, manifest, async (name) => (await fetch(new URL(name, abs(manifestUrl)))).json());
            const out = [];
            for (const q of queries) {
                const found = await sharded.search(q);
                const hits = found.hits ? found.hits.map((h) => [h.ref, h.score]) : [...found.excluded].flatMap((x, n) => (x ? [n] : []));
                out.push({ hits, all: !found.hits, required: found.required, matched: found.matched, complete: found.complete, unknown: found.unknown });
            }
            return out;
        }""",
        [queries, modules.group(1), lunr.group(1), manifest.group(1)],
    )
    kinds = {"complete": 0, "fallback": 0, "phrase": 0, "excluded": 0, "glossary": 0}
    for q, js in zip(queries, in_js, strict=True):
        expected = catalogue.search(q)
        if js["all"]:  # no word required: every record but the excluded ones (their positions)
            assert expected.required == 0, q
            kept = {int(ref, 36) for ref, _ in expected.hits}
            assert js["hits"] == sorted(set(range(len(records))) - kept), q
            continue
        assert [h[0] for h in js["hits"]] == [ref for ref, _ in expected.hits], q
        for (ref, score), (_, want) in zip(js["hits"], expected.hits, strict=True):
            assert score == pytest.approx(want, abs=1e-6), (q, ref)
        assert (js["required"], js["matched"], js["complete"], js["unknown"]) == (expected.required, expected.matched, expected.complete, expected.unknown), q
        if expected.hits:
            kinds["complete" if expected.complete else "fallback"] += 1
            kinds["phrase"] += '"' in q
            kinds["excluded"] += " -" in q
            kinds["glossary"] += any(len(g.alternatives) > 1 for g in catalogue.plan(q).groups)
    # The comparison covers every rule with answers that are not empty.
    assert min(kinds.values()) >= 8, kinds
