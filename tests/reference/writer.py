"""The monolithic Lunr index, written directly from the assembled postings: the tests' bridge to lunr.py.

The site ships the index split by term (shards.py), never this file; the tests
check that `serialized_index` equals lunr.py's `build_index(records).serialize()`
value for value, and that the shards are this index cut by term, so the
shipped files are tied to lunr.py through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lunr import __TARGET_JS_VERSION__
from policy_library.model.records import Record
from policy_library.search.analysis import analyze
from policy_library.search.assembly import Postings, assemble
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed, ref_of


def serialized_postings(postings: Postings, documents: int, fields: Indexed = INDEXED_FIELDS) -> dict[str, Any]:
    """`postings` as lunr.py's Index.serialize() writes them."""
    names = [name for name, _ in fields]
    inverted: dict[str, dict[str, Any]] = {}
    vectors: dict[tuple[int, str], list[tuple[int, float]]] = {}
    for term, number, fields in postings.entries():
        entry: dict[str, Any] = {name: {} for name in names}
        entry["_index"] = number
        for no, (refs, scores) in fields:
            entry[names[no]] = {ref: {} for ref in refs}
            for ref, score in zip(refs, scores, strict=True):
                vectors.setdefault((no, ref), []).append((number, score))
        inverted[term] = entry
    field_vectors = []
    for position in range(documents):
        ref = ref_of(position)
        for no, name in enumerate(names):
            elements = sorted(vectors.get((no, ref), []))
            field_vectors.append([f"{name}/{ref}", [value for pair in elements for value in pair]])
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": names,
        "fieldVectors": field_vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": [],
    }


def serialized_index(records: Sequence[Record], fields: Indexed = INDEXED_FIELDS) -> dict[str, Any]:
    """The serialized Lunr index of `records` (ref = position in base 36), as lunr.py would write it."""
    return serialized_postings(assemble([analyze(record, fields) for record in records], fields), len(records), fields)
