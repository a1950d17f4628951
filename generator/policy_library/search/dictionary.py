"""The library's words with how many records use each: where "did you mean" finds its suggestion.

A query word that no record holds is offered the nearest word of the library
(up to two edits, ties to the word more records use). The words are cut by
first letter, each list front-coded as the term lists are, with its counts;
the page fetches a list only when a word of the query matched nothing, and
looks for the suggestion among the words starting with the typed word's first
or second letter (so two swapped first letters or a stray letter before the
word are still corrected, at two small fetches).
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from policy_library.search.analysis import WORDS, RecordTerms
from policy_library.search.shards import compact, front_code
from policy_library.search.text import query_stop_words


def word_counts(analysed: Sequence[RecordTerms]) -> Counter[str]:
    """Each word of the library (no stop word, no single character) and how many records hold it."""
    held = np.bincount(np.frombuffer(b"".join(record.words for record in analysed), dtype=np.int32), minlength=len(WORDS))
    present = np.flatnonzero(held)
    stops = query_stop_words()
    return Counter({w: c for w, c in zip([WORDS[n] for n in present.tolist()], held[present].tolist(), strict=True) if len(w) >= 2 and w not in stops})


def first_unit(word: str) -> int:
    """The first UTF-16 code unit of `word`: what the page's charCodeAt(0) reads."""
    code = ord(word[0])
    return code if code < 0x10000 else 0xD800 + ((code - 0x10000) >> 10)  # a high surrogate


def dictionary_lists(analysed: Sequence[RecordTerms]) -> dict[str, list[Any]]:
    """Lists by the UTF-16 code of their words' first letter: [front-coded words, [record counts]]."""
    counts = word_counts(analysed)
    return {key: [front_code(ws), [counts[w] for w in ws]] for key, ws in _by_first(counts).items()}


def _by_first(counts: Counter[str]) -> dict[str, list[str]]:
    by_first: dict[str, list[str]] = defaultdict(list)
    for first, words in itertools.groupby(sorted(counts), key=operator.itemgetter(0)):
        by_first[str(first_unit(first))].extend(words)  # two characters may share a first code unit
    return by_first


# The last build's lists as the site ships them: a rebuild after an edit changes the counts of a few letters.
_KEPT: dict[str, tuple[list[str], list[int], bytes]] = {}


def dictionary_files(analysed: Sequence[RecordTerms]) -> dict[str, bytes]:
    """dictionary_lists, each as the compact JSON the site ships (shards.compact)."""
    counts = word_counts(analysed)
    out: dict[str, bytes] = {}
    for key, ws in _by_first(counts).items():
        held = [counts[w] for w in ws]
        kept = _KEPT.get(key)
        if kept is None or kept[0] != ws or kept[1] != held:
            kept = _KEPT[key] = (ws, held, compact([front_code(ws), held]))
        out[key] = kept[2]
    return out
