"""The whole library's postings from each record's counted terms: term numbers and BM25 scores as lunr.py computes them.

The steps are lunr's Builder's, in its order: terms numbered by first
appearance (records in index order, fields in FIELDS order), field lengths and
their averages, BM25 (k1 1.2, b 0.75) with lunr's idf, scores rounded to three
decimals. Only this global part is redone when one record changes; the
per-record part is analysis.py's.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from .analysis import FIELD_NAMES, RecordTerms
from .lunr_index import FIELDS, ref_of

K1 = 1.2
B = 0.75
K1_PLUS_1 = K1 + 1  # computed as lunr.py does, not written as 2.2

Posting = tuple[list[str], list[float]]  # refs in index order, and their scores


@dataclass(frozen=True)
class Postings:
    numbers: dict[str, int]  # term -> lunr's term index, in order of first appearance
    by_field: tuple[dict[str, Posting], ...]  # per field (FIELDS order): term -> its posting

    def entries(self) -> Iterator[tuple[str, int, list[tuple[int, Posting]]]]:
        """Every term in sorted order, with its number and its postings by field number."""
        grouped: dict[str, list[tuple[int, Posting]]] = {}
        for no, field in enumerate(self.by_field):
            for term, posting in field.items():
                grouped.setdefault(term, []).append((no, posting))
        numbers = self.numbers
        for term in sorted(grouped):
            yield term, numbers[term], grouped[term]


def _all_terms(analyses: Sequence[RecordTerms]) -> Iterator[str]:
    return chain.from_iterable(field.terms for record in analyses for field in record)


def _idf(documents: int, with_term: int) -> float:
    x = (documents - with_term + 0.5) / (with_term + 0.5)
    return math.log(1 + abs(x))


def assemble(analyses: Sequence[RecordTerms]) -> Postings:
    """The postings of records whose analyses are `analyses` (ref = position, in base 36)."""
    documents = len(analyses)
    numbers = {term: number for number, term in enumerate(dict.fromkeys(_all_terms(analyses)))}
    # lunr's idf counts the (field, record) pairs that hold a term; it depends on that count alone.
    with_term = Counter(_all_terms(analyses))
    idf_of = {count: _idf(documents, count) for count in set(with_term.values())}
    idf = {term: idf_of[count] for term, count in with_term.items()}
    refs = [ref_of(position) for position in range(documents)]
    by_field: list[dict[str, Posting]] = []
    for no, (_, boost) in enumerate(FIELDS):
        average = sum(record[no].length for record in analyses) / documents if documents else 0.0
        postings: dict[str, Posting] = {}
        get = postings.get
        for ref, record in zip(refs, analyses, strict=True):
            field = record[no]
            terms = field.terms
            if not terms:
                continue
            norm = K1 * (1 - B + B * (field.length / average))
            scores = [round(idf[term] * (K1_PLUS_1 * tf) / (norm + tf) * boost, 3) for term, tf in zip(terms, field.counts, strict=True)]
            for term, score in zip(terms, scores, strict=True):
                posting = get(term)
                if posting is None:
                    postings[term] = ([ref], [score])
                else:
                    posting[0].append(ref)
                    posting[1].append(score)
        by_field.append(postings)
    assert len(by_field) == len(FIELD_NAMES)
    return Postings(numbers, tuple(by_field))
