"""The whole library's postings from each record's counted terms: term numbers and BM25 scores as lunr.py computes them.

The steps are lunr's Builder's, in its order: terms numbered by first
appearance (records in index order, fields in the index's order), field lengths and
their averages, BM25 (k1 1.2, b 0.75) with lunr's idf, scores rounded to three
decimals. This part depends on every record at once, so it is redone whenever
one changes; it runs on arrays, one operation at a time in the same order as
lunr.py's Python, so every score is the same float (the rounding falls back to
Python's own `round` wherever the array shortcut could differ).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from policy_library.search.analysis import TERMS, RecordTerms
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed, ref_of

K1 = 1.2
B = 0.75
K1_PLUS_1 = K1 + 1  # computed as lunr.py does, not written as 2.2
# Within this distance of a half, x * 1000 might round differently from Python's
# round(x, 3), which rounds the exact binary value: those few take the slow road.
TIE = 1e-6

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Postings:
    """Every (term, field, record) posting, ordered by term (sorted), then field, then record."""

    terms: list[str]  # the library's terms, sorted
    numbers: list[int]  # each term's lunr term index (order of first appearance)
    starts: list[int]  # where each term's postings start, and the end of the last one
    field_starts: list[int]  # where each run of one term and one field starts, and the end
    field_numbers: list[int]  # the field number of each run
    positions: Ints  # each posting's record (ref = position in base 36)
    scores: npt.NDArray[np.float64]  # each posting's score, as lunr.py rounds it
    # Each posting's word positions: `word_positions[occurrence_starts[i]:occurrence_starts[i] + occurrences[i]]`.
    occurrence_starts: Ints
    occurrences: Ints
    word_positions: npt.NDArray[np.int32]

    def positions_of(self, i: int) -> list[int]:
        """Posting i's word positions in its field, ascending (stop words count)."""
        start = int(self.occurrence_starts[i])
        return self.word_positions[start : start + int(self.occurrences[i])].tolist()

    def entries(self) -> Iterator[tuple[str, int, list[tuple[int, tuple[list[str], list[float]]]]]]:
        """Each term with its number and its postings by field number (refs, scores): shards.cut's input."""
        refs = [ref_of(p) for p in self.positions.tolist()]
        run = 0
        for term, number, end in zip(self.terms, self.numbers, self.starts[1:], strict=True):
            fields = []
            while run < len(self.field_numbers) and self.field_starts[run] < end:
                a, b = self.field_starts[run], self.field_starts[run + 1]
                fields.append((self.field_numbers[run], (refs[a:b], self.scores[a:b].tolist())))
                run += 1
            yield term, number, fields


def _idf(documents: int, with_term: int) -> float:
    x = (documents - with_term + 0.5) / (with_term + 0.5)
    return math.log(1 + abs(x))


def round_scores(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """round(score, 3) for every score."""
    scaled = scores * 1000.0
    milli = np.rint(scaled)
    # Away from a tie, the nearest integer to the computed product is the exact value's, and
    # n / 1000 is then the float nearest to the decimal n/1000, which is what round() returns.
    close = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < TIE)
    rounded = milli / 1000.0
    for i in close.tolist():
        rounded[i] = round(float(scores[i]), 3)
    return rounded


def stable_order(key: Ints, bound: int) -> Ints:
    """np.argsort(key, kind="stable") for keys in [0, bound): 16 bits at a time, the lowest first, each a
    stable sort of 16-bit integers (which numpy does by radix, in one pass, several times faster)."""
    order = np.arange(len(key), dtype=np.int64)
    shift = 0
    while True:
        digit = ((key[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
        if bound <= 1 << shift:
            return order


def assemble(analyses: Sequence[RecordTerms], indexed: Indexed = INDEXED_FIELDS) -> Postings:
    """The postings of records whose analyses are `analyses` (ref = position, in base 36), made with `indexed`'s fields and boosts."""
    documents = len(analyses)
    fields = len(indexed)
    boosts = np.array([boost for _, boost in indexed], dtype=np.float64)
    ids = np.frombuffer(b"".join(r.ids for r in analyses), dtype=np.int32)
    tf = np.frombuffer(b"".join(r.counts for r in analyses), dtype=np.int32)  # ints: exact as floats
    sizes = np.frombuffer(b"".join(r.sizes for r in analyses), dtype=np.int32).reshape(documents, fields)
    lengths = np.frombuffer(b"".join(r.lengths for r in analyses), dtype=np.int32).astype(np.float64).reshape(documents, fields)
    # Each posting's (record, field) pair, record after record: the order lunr's Builder sees them in.
    pair = np.repeat(np.arange(documents * fields, dtype=np.int32), sizes.ravel())
    # lunr's idf counts the (field, record) pairs that hold a term, and depends on that count alone.
    with_term = np.bincount(ids, minlength=len(TERMS))
    present = np.flatnonzero(with_term)
    counts = np.unique(with_term[present])
    idf_of = np.zeros(int(counts.max()) + 1 if len(counts) else 1, dtype=np.float64)
    idf_of[counts] = [_idf(documents, int(c)) for c in counts.tolist()]
    average = lengths.sum(axis=0) / documents if documents else np.zeros(fields)
    field = pair % fields
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 / 0 only for a field no record has: no postings
        norm = K1 * ((1 - B) + B * (lengths / average))
        score = idf_of[with_term[ids]] * (K1_PLUS_1 * tf) / (norm.ravel()[pair] + tf) * boosts[field]
    occurrence_starts = np.concatenate(([0], np.cumsum(tf, dtype=np.int64)[:-1])) if len(tf) else np.zeros(0, dtype=np.int64)
    occurrences = tf.astype(np.int64)
    del tf, with_term
    # Sorted by term, then field; records stay in order within a run (a stable sort).
    names = [TERMS[i] for i in present.tolist()]
    sorted_ids = present[sorted(range(len(names)), key=names.__getitem__)]
    terms = [TERMS[i] for i in sorted_ids.tolist()]
    order_of_term = np.zeros(len(TERMS), dtype=np.int64)
    order_of_term[sorted_ids] = np.arange(len(terms), dtype=np.int64)
    key = order_of_term[ids] * fields + field
    del field, order_of_term
    order = stable_order(key, len(terms) * fields)
    key = key[order]
    rounded = round_scores(score[order])
    del score
    runs = np.flatnonzero(np.diff(key)) + 1 if len(key) else np.zeros(0, dtype=np.int64)
    field_starts = np.concatenate(([0], runs, [len(key)])).astype(np.int64) if len(key) else np.zeros(1, dtype=np.int64)
    run_terms = key[field_starts[:-1]] // fields
    term_runs = np.flatnonzero(np.diff(run_terms)) + 1 if len(run_terms) else np.zeros(0, dtype=np.int64)
    starts = np.concatenate((field_starts[np.concatenate(([0], term_runs))], [len(key)])) if len(key) else np.zeros(1, dtype=np.int64)
    # Term numbers by first appearance: each term's first posting in the Builder's order, ranked.
    first = np.minimum.reduceat(order, starts[:-1]) if len(key) else np.zeros(0, dtype=np.int64)
    numbers = np.empty(len(terms), dtype=np.int64)
    numbers[np.argsort(first)] = np.arange(len(terms), dtype=np.int64)
    return Postings(
        terms=terms,
        numbers=numbers.tolist(),
        starts=starts.tolist(),
        field_starts=field_starts.tolist(),
        field_numbers=(key[field_starts[:-1]] % fields).tolist(),
        positions=pair[order] // fields,
        scores=rounded,
        occurrence_starts=occurrence_starts[order],
        occurrences=occurrences[order],
        word_positions=np.frombuffer(b"".join(r.positions for r in analyses), dtype=np.int32),
    )
