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

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from policy_library.search.analysis import RecordTerms
from policy_library.search.shards import front_code
from policy_library.search.text import query_stop_words


def word_counts(analysed: Sequence[RecordTerms]) -> Counter[str]:
    """Each word of the library (no stop word, no single character) and how many records hold it."""
    counts: Counter[str] = Counter()
    for record in analysed:
        counts.update(record.words)
    stops = query_stop_words()
    for word in [w for w in counts if len(w) < 2 or w in stops]:
        del counts[word]
    return counts


def first_unit(word: str) -> int:
    """The first UTF-16 code unit of `word`: what the page's charCodeAt(0) reads."""
    return int.from_bytes(word[0].encode("utf-16-le", "surrogatepass")[:2], "little")


def dictionary_lists(analysed: Sequence[RecordTerms]) -> dict[str, list[Any]]:
    """Lists by the UTF-16 code of their words' first letter: [front-coded words, [record counts]]."""
    counts = word_counts(analysed)
    by_first: dict[str, list[str]] = defaultdict(list)
    for word in sorted(counts):
        by_first[str(first_unit(word))].append(word)
    return {key: [front_code(ws), [counts[w] for w in ws]] for key, ws in by_first.items()}
