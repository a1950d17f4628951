"""Each record's indexed terms, counted per field: the part of the index that depends on one record alone.

Everything else in the index (term numbers, BM25 weights) depends on every
record at once and is assembled from these (assembly.py). `Analyses` keeps the
analysis of each record under a hash of the text it was made from, so that a
rebuild under `mkdocs serve` re-reads only the records whose text changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from ..records import Record
from .lunr_index import FIELDS, field_texts
from .text import stem, stop_words
from .text import words as folded_words

FIELD_NAMES: tuple[str, ...] = tuple(name for name, _ in FIELDS)


@dataclass(frozen=True, slots=True)
class FieldTerms:
    terms: tuple[str, ...]  # distinct terms in order of first appearance (lunr's order)
    counts: tuple[int, ...]  # how often each occurs
    length: int  # terms in the field, repeats included: lunr's field length


RecordTerms = tuple[FieldTerms, ...]  # one per field, in FIELDS order


class _TermOf(dict[str, str | None]):
    """Folded word -> its index term (None: a stop word), computed once per distinct word."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stops = stop_words(language)

    def __missing__(self, word: str) -> str | None:
        term = None if word in self.stops else stem(word, self.language)
        self[word] = term
        return term


_TERM_OF: dict[str, _TermOf] = {}


# ASCII letters and digits are the only ASCII word characters once folded (text.words
# splits at [\W_]+): every other byte becomes a space, and str.split does the rest in C.
_ASCII_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")
_ASCII_SEPARATE = bytes(b if b in _ASCII_WORD else 32 for b in range(256))


def words(text: str) -> list[str]:
    """text.words(text), three times faster on ASCII text (where folding is lower())."""
    if text.isascii():
        return text.lower().encode("ascii").translate(_ASCII_SEPARATE).decode("ascii").split()
    return folded_words(text)


def field_terms(text: str, language: str) -> FieldTerms:
    """text.terms(text, language), counted."""
    term_of = _TERM_OF.get(language)
    if term_of is None:
        term_of = _TERM_OF[language] = _TermOf(language)
    # Stems and counts in C: a stop word's term is None, taken out afterwards.
    counts: Counter[str | None] = Counter(map(term_of.__getitem__, words(text)))
    counts.pop(None, None)
    return FieldTerms(tuple(cast("Iterable[str]", counts)), tuple(counts.values()), counts.total())


def analyze(record: Record) -> RecordTerms:
    texts = field_texts(record)
    return tuple(field_terms(texts[name], record.language) for name in FIELD_NAMES)


def record_key(record: Record) -> bytes:
    """A digest of everything `analyze` reads from the record."""
    texts = field_texts(record)
    h = hashlib.blake2b(record.language.encode(), digest_size=16)
    for name in FIELD_NAMES:
        h.update(b"\0" + texts[name].encode("utf-8", "surrogatepass"))
    return h.digest()


class Analyses:
    """Record analyses kept between builds, keyed by `record_key`; only the last build's are kept."""

    def __init__(self) -> None:
        self._kept: dict[bytes, RecordTerms] = {}
        self.reused = 0
        self.analyzed = 0

    def of(self, records: Sequence[Record]) -> list[RecordTerms]:
        kept, fresh = self._kept, {}
        out: list[RecordTerms] = []
        self.reused = self.analyzed = 0
        for record in records:
            key = record_key(record)
            found = kept.get(key) or fresh.get(key)
            if found is None:
                found = analyze(record)
                self.analyzed += 1
            else:
                self.reused += 1
            fresh[key] = found
            out.append(found)
        self._kept = fresh
        return out
