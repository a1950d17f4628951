"""Words and index terms: the text rules that the browser's query.js mirrors exactly.

A term is what the index stores and a query looks up. Both sides fold case and
accents *before* anything else, so that "asesoria" and "asesoría" are one word
and the stemmers only ever see folded text; the browser (text.js) applies the
same steps in the same order, and the tests check that the two agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer
from lunr.stop_word_filter import WORDS as ENGLISH_STOP_WORDS

from policy_library.search.porter import porter_stem
from policy_library.search.vendor import spanish_stop_words

# Combining diacritical marks, the ones NFD splits off Latin letters: text.js strips the same range.
_MARKS = re.compile("[\u0300-\u036f]")
# Invisible characters that can sit inside a word (soft hyphen, zero-width space, non-joiner and joiner,
# word joiner, byte-order mark): removed first, so they never split or hide a word. text.js removes the same.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# A word is a run of letters and digits; everything else, Lunr's query syntax included, separates words.
_SEPARATORS = re.compile(r"[\W_]+")

LANGUAGE_STEMMED = ("en", "es")


def fold(text: str) -> str:
    """Lower case without accents or invisible characters (JavaScript: strip them, normalize('NFD'), strip marks, toLowerCase)."""
    return _MARKS.sub("", unicodedata.normalize("NFD", _INVISIBLE.sub("", text))).lower()


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return [w for w in _SEPARATORS.split(fold(text)) if w]


@functools.cache
def _english_stem(word: str) -> str:
    return porter_stem(word)


_spanish = snowballstemmer.stemmer("spanish")


@functools.cache
def _spanish_stem(word: str) -> str:
    return str(_spanish.stemWord(word))


def stem(word: str, language: str) -> str:
    """The stem of a folded word: lunr.js's English stemmer, or the Snowball Spanish one of lunr.es.js."""
    return _spanish_stem(word) if language == "es" else _english_stem(word)


@functools.cache
def stop_words(language: str) -> frozenset[str]:
    """Words left out of the index, folded like everything else."""
    raw = spanish_stop_words() if language == "es" else ENGLISH_STOP_WORDS
    return frozenset(fold(w) for w in raw)


def query_stop_words() -> frozenset[str]:
    """The words no query requires: stop words of either language, as a visitor may type either (the manifest ships them)."""
    return stop_words("en") | stop_words("es")


def terms(text: str, language: str) -> list[str]:
    """The index terms of a text written in `language` (en or es)."""
    stops = stop_words(language)
    return [stem(w, language) for w in words(text) if w not in stops]
