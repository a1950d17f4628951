"""The reference of what a search selects, written from the records' own text, apart from the index and the page.

The page (query.js, shards.js) reads a search plan against the shipped index:
every requirement met, no excluded word, phrases from the shipped word
positions, the records that match most when none matches all. Here the same
rules are applied to each record's words directly: its terms field by field,
in order, stop words holding their places, and every term of the library for
typos (edit distance with transpositions, as lunr's) and prefixes. Scores are
lunr.py's (tests/reference/query.py), which the page's equal to 1e-6.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policy_library.model.records import Record
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed, field_texts, ref_of
from policy_library.search.text import stem, stop_words, words

from tests.reference.lunr_build import build_index
from tests.reference.query import TYPO_MIN_LENGTH, Alternative, Plan, Word, parse, prepare_glossary, search


@dataclass(frozen=True)
class Result:
    hits: list[tuple[str, float]]  # (ref, score), best first
    required: int
    matched: int  # requirements each hit meets
    complete: bool  # the hits meet every requirement
    unknown: list[str]  # the visitor's own words that no record holds in any form


def within_one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or transposition of two neighbours turns `a` into `b` (or none)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class Catalogue:
    def __init__(self, records: Sequence[Record], glossary: list[list[str]] | None = None, fields: Indexed = INDEXED_FIELDS) -> None:
        self.records = list(records)
        self.glossary = prepare_glossary(glossary or [])
        self.index = build_index(self.records, fields)
        # Each record's fields as their terms in word order (None: a stop word, which holds its place).
        self.sequences: list[list[list[str | None]]] = []
        for record in self.records:
            stops = stop_words(record.language)
            texts = field_texts(record, fields)
            self.sequences.append([[None if w in stops else stem(w, record.language) for w in words(texts[name])] for name, _ in fields])
        self.holding: list[set[str]] = [{t for seq in fields for t in seq if t is not None} for fields in self.sequences]
        self.terms = sorted(set().union(*self.holding)) if self.holding else []

        self.expansions: dict[tuple[str, bool, bool], frozenset[str]] = {}

    def expand(self, text: str, prefix: bool, exact: bool) -> frozenset[str]:
        """The library's terms that a word matches."""
        key = (text, prefix, exact)
        if key not in self.expansions:
            self.expansions[key] = self._expand(text, prefix, exact)
        return self.expansions[key]

    def _expand(self, text: str, prefix: bool, exact: bool) -> frozenset[str]:
        stems = {stem(text, "en"), stem(text, "es")}
        out = {t for t in stems if t in self.terms}
        if exact:
            return frozenset(out)
        if len(text) >= TYPO_MIN_LENGTH:
            out |= {t for t in self.terms for s in stems if within_one_edit(s, t)}
        if prefix:
            out |= {t for t in self.terms if t.startswith(text)}
        return frozenset(out)

    def _holds_phrase(self, n: int, alternative: Alternative) -> bool:
        wanted = [None if w is None else self.expand(w.text, w.prefix, w.exact) for w in alternative.words]
        for seq in self.sequences[n]:
            for start in range(len(seq) - len(wanted) + 1):
                if all(terms is None or seq[start + k] in terms for k, terms in enumerate(wanted)):
                    return True
        return False

    def _meets(self, n: int, alternative: Alternative) -> bool:
        held = self.holding[n]
        if not all(w is None or self.expand(w.text, w.prefix, w.exact) & held for w in alternative.words):
            return False
        return not alternative.phrase or self._holds_phrase(n, alternative)

    def plan(self, q: str) -> Plan:
        return parse(q, self.glossary)

    def search(self, q: str) -> Result:
        plan = self.plan(q)
        unknown = []
        for group in plan.groups:
            if len(group.alternatives) == 1 and not group.alternatives[0].phrase:
                word = group.alternatives[0].words[0]
                assert isinstance(word, Word)
                if not self.expand(word.text, word.prefix, word.exact):
                    unknown.append(word.text)
        excluded = set().union(*(self.expand(text, False, True) for text in plan.excluded)) if plan.excluded else set()
        kept = [n for n in range(len(self.records)) if not self.holding[n] & excluded]
        required = len(plan.groups)
        if not required:
            return Result([(ref_of(n), 0.0) for n in kept], 0, 0, True, unknown)
        counts = {n: sum(any(self._meets(n, a) for a in group.alternatives) for group in plan.groups) for n in kept}
        best = max(counts.values(), default=0)
        scores = {int(hit.ref, 36): hit.score for hit in search(self.index, q, self.glossary)}
        chosen = [n for n, c in counts.items() if best and c == best]
        assert all(n in scores for n in chosen), "a record that meets a requirement holds one of its terms"
        chosen.sort(key=lambda n: (-scores[n], n))
        return Result([(ref_of(n), scores[n]) for n in chosen], required, best, best == required, unknown)
