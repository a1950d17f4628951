"""Property: for any small set of records, the shipped index files are lunr.py's index cut by term, byte for byte."""

from __future__ import annotations

import hashlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policy_library.model.records import Record
from policy_library.search.analysis import analyze, words
from policy_library.search.assembly import assemble
from policy_library.search.sharded import encoded_shards, index_files
from policy_library.search.shards import compact
from policy_library.search.text import words as reference_words

from tests.reference.lunr_build import build_index
from tests.reference.positions import expected_index_files
from tests.reference.shards import split
from tests.reference.writer import serialized_index

# Words the records share (so terms meet in several records and fields), stop words, and odd text.
VOCABULARY = ["detainer", "holds", "policy", "policies", "courthouse", "the", "of", "los", "asesoría", "niños", "ICE", "2019", "a", "x1"]
TEXT = st.one_of(
    st.lists(st.sampled_from(VOCABULARY), max_size=12).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)
RECORD = st.tuples(TEXT, TEXT, st.lists(TEXT, max_size=3), TEXT, TEXT, st.sampled_from(["en", "es"]))


def _record(n: int, fields: tuple[str, str, list[str], str, str, str]) -> Record:
    title, summary, tags, organization, body, language = fields
    return Record(
        id=f"r{n}",
        path=f"docs/records/r{n}.md",
        title=title,
        summary=summary,
        document_type="Policy",
        policy_areas=("Immigration",),
        tags=tuple(tags),
        organization=organization or None,
        body=body,
        language=language,
    )


def _name(stem: str, suffix: str, content: bytes) -> str:
    return f"search/{stem}.{hashlib.sha256(content).hexdigest()[:12]}{suffix}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RECORD, min_size=1, max_size=8))
def test_the_shipped_files_are_lunr_py_index_cut_by_term(fields: list[tuple[str, str, list[str], str, str, str]]) -> None:
    records = [_record(n, f) for n, f in enumerate(fields)]
    reference = build_index(records).serialize()
    assert serialized_index(records) == reference
    assert index_files(records, _name) == expected_index_files(records, _name)
    # Small shards too, so that even a few records are cut into several.
    shards, firsts, positions = encoded_shards(assemble([analyze(r) for r in records]), target_postings=3)
    small = split(reference, target_postings=3)
    assert shards == [compact(shard) for shard in small.shards] and firsts == small.manifest["firsts"]
    expected = expected_index_files(records, _name, target_postings=3)[1]
    assert positions == [expected[f"search/{name}"] for name in json.loads(next(c for p, c in expected.items() if "/terms." in p))["positions"]]


# Mostly ASCII (the fast path), with accents, marks, odd letters and punctuation mixed in.
MIXED = st.text(alphabet=st.one_of(st.characters(max_codepoint=127), st.sampled_from("áéíñÑü¿¡—“”İǅﬁⅫ²\u0301")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(st.one_of(MIXED, st.text(max_size=60)))
def test_the_fast_word_cutter_is_text_words(text: str) -> None:
    assert words(text) == reference_words(text)
