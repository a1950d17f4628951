"""Each record's indexed terms, counted per field: the part of the index that depends on one record alone.

Everything else in the index (term numbers, BM25 weights) depends on every
record at once and is assembled from these (assembly.py). `Analyses` keeps the
analysis of each record under a hash of the text it was made from, so that a
rebuild under `mkdocs serve` re-reads only the records whose text changed.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from policy_library.model.records import Record
from policy_library.search.lunr_index import INDEXED_FIELDS, TEXT_FIELDS, Indexed, field_texts
from policy_library.search.text import stem, stop_words
from policy_library.search.text import words as folded_words

# Every term ever indexed in this process gets a number for good: a record's analysis
# holds numbers, which stay valid across builds, and the assembly works on arrays of them.
TERMS: list[str] = []
_NUMBER: dict[str, int] = {}
STOP = -1  # a stop word's term number: counted, then left out


def term_number(term: str) -> int:
    number = _NUMBER.get(term)
    if number is None:
        number = _NUMBER[term] = len(TERMS)
        TERMS.append(term)
    return number


# Likewise every folded word (the dictionary's, dictionary.py): a record holds its words' numbers,
# four bytes each, and the library's counts are one count over arrays, not a set of strings a record.
WORDS: list[str] = []


class _WordNumber(dict[str, int]):
    def __missing__(self, word: str) -> int:
        number = self[word] = len(WORDS)
        WORDS.append(word)
        return number


_WORD_NUMBER = _WordNumber()


@dataclass(frozen=True, slots=True)
class RecordTerms:
    """One record's terms, field after field (the index's field order), as int32 arrays for assembly.py."""

    ids: bytes  # term numbers (TERMS); in each field, its distinct terms in order of first appearance (lunr's order)
    counts: bytes  # how often each occurs in its field
    sizes: bytes  # distinct terms in each field (int32, one a field)
    lengths: bytes  # terms in each field, repeats included: lunr's field length (int32, one a field)
    positions: bytes = b""  # each term's word positions in its field (stop words count), `counts` of them per term, in `ids` order
    words: bytes = b""  # the numbers (WORDS) of the record's distinct folded words, every field: int32 (the dictionary's)

    def fields(self) -> list[list[tuple[str, int]]]:
        """Each field's (term, count) pairs: the readable form, for tests."""
        ids, counts = array("i", self.ids), array("i", self.counts)
        out, start = [], 0
        for size in array("i", self.sizes):
            out.append([(TERMS[ids[i]], counts[i]) for i in range(start, start + size)])
            start += size
        return out


class _TermOf(dict[str, int]):
    """Folded word -> its term's number (STOP: a stop word), computed once per distinct word."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stops = stop_words(language)

    def __missing__(self, word: str) -> int:
        number = STOP if word in self.stops else term_number(stem(word, self.language))
        self[word] = number
        return number


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


def analyze(record: Record, fields: Indexed = INDEXED_FIELDS) -> RecordTerms:
    texts = field_texts(record, fields)
    term_of = _TERM_OF.get(record.language)
    if term_of is None:
        term_of = _TERM_OF[record.language] = _TermOf(record.language)
    ids, counts, positions = array("i"), array("i"), array("i")
    sizes, lengths = array("i"), array("i")
    held: set[str] = set()
    for name in texts:
        # Stems in C: text.terms(text, language), stop words taken out afterwards.
        folded = words(texts[name])
        held.update(folded)
        sequence = list(map(term_of.__getitem__, folded))
        # Each term's positions, terms in order of first appearance (lunr's order, as Counter's).
        at: dict[int, list[int]] = {}
        for i, number in enumerate(sequence):
            found = at.get(number)
            if found is None:
                at[number] = [i]
            else:
                found.append(i)
        at.pop(STOP, None)
        ids.extend(at)
        total = 0
        for where in at.values():
            counts.append(len(where))
            positions.extend(where)
            total += len(where)
        sizes.append(len(at))
        lengths.append(total)
    held_numbers = array("i", map(_WORD_NUMBER.__getitem__, held))
    return RecordTerms(ids.tobytes(), counts.tobytes(), sizes.tobytes(), lengths.tobytes(), positions.tobytes(), held_numbers.tobytes())


def record_key(record: Record, fields: Indexed = INDEXED_FIELDS) -> bytes:
    """A digest of everything `analyze` reads from the record, and of which fields it reads: its language, each
    indexed field's values (repr of strings is one-to-one), its body and its attachment's text as they are."""
    names = tuple(name for name, _ in fields)
    h = hashlib.blake2b(digest_size=16)
    for part in (
        repr((record.language, names, tuple(record.values(name) for name in names if name not in _TEXTS))),
        record.body,
        record.attachment,
    ):
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))  # each part delimited by its length
        h.update(data)
    return h.digest()


_TEXTS = frozenset(name for name, _ in TEXT_FIELDS)  # read from the record itself (lunr_index.field_texts)


class Analyses:
    """Record analyses kept between builds, keyed by `record_key`; only the last build's are kept.

    Beside them, what `derived` makes of each record's text (the search's passages), kept the same way."""

    def __init__(self) -> None:
        self._kept: dict[bytes, RecordTerms] = {}
        self._derived: dict[tuple[bytes, str | None], bytes] = {}
        self._keys: tuple[Sequence[Record], list[bytes]] = ((), [])
        self.reused = 0
        self.analyzed = 0

    def of(self, records: Sequence[Record], fields: Indexed = INDEXED_FIELDS) -> list[RecordTerms]:
        kept, fresh = self._kept, {}
        out: list[RecordTerms] = []
        keys: list[bytes] = []
        self.reused = self.analyzed = 0
        for record in records:
            key = record_key(record, fields)
            keys.append(key)
            found = kept.get(key) or fresh.get(key)
            if found is None:
                found = analyze(record, fields)
                self.analyzed += 1
            else:
                self.reused += 1
            fresh[key] = found
            out.append(found)
        self._kept = fresh
        self._keys = (records, keys)
        return out

    def derived(self, records: Sequence[Record], make: Callable[[Record], bytes]) -> list[bytes]:
        """make(record) for each of the records last analysed (`of`), made again only for a record whose text or
        attached file changed: `make` may read only the record's indexed text (what its key covers) and its `file`."""
        analysed, keys = self._keys
        if analysed is not records:
            raise ValueError("derived() takes the records of the last of()")
        kept, fresh = self._derived, {}
        out: list[bytes] = []
        for record, key in zip(records, keys, strict=True):
            both = (key, record.file)
            found = kept.get(both) or fresh.get(both)
            if found is None:
                found = make(record)
            fresh[both] = found
            out.append(found)
        self._derived = fresh
        return out
