"""The Lunr index written directly, without lunr.py's per-token objects: the same JSON, several times faster.

lunr.py (lunr_index.build_index) stays the reference: the tests check that
`serialized_index` equals `build_index(records).serialize()` value for value.
The steps are lunr's Builder's, in its order: terms numbered by first
appearance, field lengths and their averages, BM25 (k1 1.2, b 0.75) with
lunr's idf, scores rounded to three decimals.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from lunr import __TARGET_JS_VERSION__

from ..records import Record
from .lunr_index import FIELDS, field_texts, ref_of
from .text import terms

K1 = 1.2
B = 0.75


def serialized_index(records: Sequence[Record]) -> dict[str, Any]:
    """The serialized Lunr index of `records` (ref = position in base 36), as lunr.py would write it."""
    names = [name for name, _ in FIELDS]
    boosts = dict(FIELDS)
    postings: dict[str, dict[str, Any]] = {}
    # Per (field, ref): the term counts in first-appearance order, and the field's length.
    field_counts: list[tuple[str, str, Counter[str], int]] = []
    for position, record in enumerate(records):
        ref = ref_of(position)
        texts = field_texts(record)
        for name in names:
            field_terms = terms(texts[name], record.language)
            counts = Counter(field_terms)
            field_counts.append((name, ref, counts, len(field_terms)))
            for term in counts:
                posting = postings.get(term)
                if posting is None:
                    posting = {field: {} for field in names}
                    posting["_index"] = len(postings)
                    postings[term] = posting
                posting[name][ref] = {}
    n_docs = len(records)
    lengths = dict.fromkeys(names, 0)
    for name, _, _, length in field_counts:
        lengths[name] += length
    average = {name: lengths[name] / n_docs for name in names} if n_docs else dict.fromkeys(names, 0.0)
    idf: dict[str, float] = {}
    for term, posting in postings.items():
        with_term = sum(len(posting[field]) for field in names)
        x = (n_docs - with_term + 0.5) / (with_term + 0.5)
        idf[term] = math.log(1 + abs(x))
    vectors: list[list[Any]] = []
    for name, ref, counts, length in field_counts:
        boost = boosts[name]
        entries = []
        # (lunr divides by the average length only for a field that has terms.)
        norm = K1 * (1 - B + B * (length / average[name])) if counts else 0.0
        for term, tf in counts.items():
            score = idf[term] * ((K1 + 1) * tf) / (norm + tf)
            entries.append((postings[term]["_index"], round(score * boost * 1, 3)))
        entries.sort()
        vectors.append([f"{name}/{ref}", [value for pair in entries for value in pair]])
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": [],
    }
