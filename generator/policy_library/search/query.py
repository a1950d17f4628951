"""How a visitor's text becomes a Lunr query and a ranking: the reference for query.js.

The browser runs the same steps on lunr.js (overrides/assets/library/query.js);
the tests run both over the same index and compare refs, order and scores.

- Words are folded and split like the indexed text (text.words). Every
  character of Lunr's query syntax is a separator, so it is read as text and
  never reaches Lunr.
- Each word is looked up under its English and its Spanish stem (a visitor
  may type either language); words of five letters or more also match one
  edit away, with a low boost so typos rank below exact matches; the last
  word also matches as a prefix while it is being typed.
- Every clause is optional. Stop words are not removed from the query: they
  are not in the index, so they match nothing and cannot fail a search.
- Results are ranked by how many of the query's words they match, then by
  Lunr's score, then by position in the data file (newest first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lunr.index import Index
from lunr.query import Query
from lunr.token_set import TokenSet

from policy_library.search.text import fold, stem, words

EXACT_BOOST = 10
PREFIX_BOOST = 3
TYPO_BOOST = 1
TYPO_MIN_LENGTH = 5
MAX_WORDS = 12
_ENDS_IN_WORD = re.compile(r"[^\W_]\Z")


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float
    matched: int  # distinct query words that the record matches
    terms: frozenset[str]  # the index terms it matched, for highlighting


def query_words(q: str) -> list[Word]:
    """The distinct words of a query; the last is a prefix unless the text ends with a separator."""
    found = words(q)[:MAX_WORDS]
    typing = bool(_ENDS_IN_WORD.search(fold(q)))
    out: list[Word] = []
    for i, w in enumerate(found):
        prefix = typing and i == len(found) - 1
        if any(o.text == w for o in out):
            if prefix:
                out = [Word(o.text, True) if o.text == w else o for o in out]
            continue
        out.append(Word(w, prefix))
    return out


def add_clauses(query: Query, word: Word) -> int:
    """The clauses of one word; returns how many were added."""
    before = len(query.clauses)
    stems = list(dict.fromkeys((stem(word.text, "en"), stem(word.text, "es"))))
    for s in stems:
        query.term(s, use_pipeline=False, boost=EXACT_BOOST)
    if len(word.text) >= TYPO_MIN_LENGTH:
        for s in stems:
            query.term(s, use_pipeline=False, boost=TYPO_BOOST, edit_distance=1)
    if word.prefix:
        query.term(word.text, use_pipeline=False, boost=PREFIX_BOOST, wildcard=Query.WILDCARD_TRAILING)
    return len(query.clauses) - before


def search(index: Index, q: str) -> list[Hit]:
    """Ranked hits of the text `q`; empty when it has no words."""
    query = index.create_query()
    word_terms: list[set[str]] = []
    for word in query_words(q):
        start = len(query.clauses)
        add_clauses(query, word)
        expanded: set[str] = set()
        for clause in query.clauses[start:]:
            expanded.update(index.token_set.intersect(TokenSet.from_clause(clause)).to_list())
        word_terms.append(expanded)
    if not query.clauses:
        return []
    hits = []
    for result in index.query(query):
        matched_terms = frozenset(result["match_data"].metadata)
        matched = sum(1 for t in word_terms if t & matched_terms)
        hits.append(Hit(result["ref"], result["score"], matched, matched_terms))
    hits.sort(key=lambda h: (-h.matched, -h.score, int(h.ref, 36)))
    return hits
