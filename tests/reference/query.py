"""How a visitor's text becomes a search plan and a Lunr query: the mirror of query.js, scored by lunr.py.

The browser runs the same steps on lunr.js (the worker's query.js);
the tests run both over the same index and compare refs, order and scores of
every record the query's clauses touch. What a plan then selects (every word,
phrases, exclusions, the glossary) has its own reference under tests/reference/.

- Quoted text is a phrase; a chunk that starts with "-" excludes its words;
  everything else is words, folded and split like the indexed text
  (text.words). Every other character of Lunr's query syntax is a separator.
- Each word is looked up under its English and its Spanish stem (a visitor
  may type either language); words of five letters or more also match one
  edit away, with a low boost so typos rank below exact matches; the last
  word also matches as a prefix while it is being typed. Phrase words and
  glossary members match exactly.
- Stop words are not in the index: they are no requirement and get no
  clause, except the word being typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lunr.index import Index
from lunr.query import Query
from policy_library.search.text import fold, query_stop_words, stem, words

EXACT_BOOST = 10
GLOSSARY_BOOST = 6
PREFIX_BOOST = 3
TYPO_BOOST = 1
TYPO_MIN_LENGTH = 5
MAX_WORDS = 12
MAX_GLOSSARY_RUN = 8
_ENDS_IN_WORD = re.compile(r"[^\W_]\Z")
# A quoted phrase (its closing quote optional), or a run of anything but spaces and quotes (query.js's TOKENS).
_TOKENS = re.compile('"([^"]*)"?|[^ \t\n\r\f\v\u00a0"]+')


@dataclass
class Word:
    text: str
    prefix: bool
    exact: bool
    boost: int = EXACT_BOOST


@dataclass
class Alternative:
    words: list[Word | None]  # None: a stop word inside a phrase, holding one place
    phrase: bool
    glossary: tuple[str, str] | None = None  # (the member matched, the visitor's member)


@dataclass
class Group:
    """One requirement: met by any of its alternatives."""

    label: str
    texts: list[str]
    alternatives: list[Alternative]
    start: int | None = None  # the position among the plain words, for a plain word


@dataclass
class Plan:
    groups: list[Group]
    excluded: list[str] = field(default_factory=list)


def prepare_glossary(groups: list[list[str]]) -> list[list[list[str]]]:
    """The glossary's groups, each member as its folded words (query.js's prepareGlossary)."""
    out = []
    for group in groups:
        members = [ws for ws in (words(m) for m in group) if ws]
        if len(members) > 1:
            out.append(members)
    return out


def parse(q: str, glossary: list[list[list[str]]] | None = None) -> Plan:
    stops = query_stop_words()
    plain: list[list[object]] = []  # [text, prefix]
    phrases: list[list[object]] = []  # [words, typing]: typing, its last word is still being typed
    excluded: list[str] = []
    budget = MAX_WORDS
    last: list[object] | None = None
    for match in _TOKENS.finditer(q or ""):
        last = None
        if match.group(1) is not None:
            found = words(match.group(1))[: max(budget, 0)]
            budget -= len(found)
            if found:
                phrases.append([found, False])
            continue
        chunk = match.group(0)
        found = words(chunk)[: max(budget, 0)]
        budget -= len(found)
        if chunk[0] == "-":
            excluded.extend(found)
        elif len(found) > 1:  # words joined by punctuation stand together: a phrase
            last = [found, False]
            phrases.append(last)
        elif found:
            last = [found[0], False]
            plain.append(last)
    if last is not None and _ENDS_IN_WORD.search(fold(q)):
        last[1] = True
    groups: list[Group] = []
    seen: dict[str, Group] = {}
    for i, (text, prefix) in enumerate(plain):
        assert isinstance(text, str) and isinstance(prefix, bool)
        if text in stops and not prefix:
            continue
        known = seen.get(text)
        if known is not None:
            if prefix:
                word = known.alternatives[0].words[0]
                assert word is not None
                word.prefix = True
            continue
        group = Group(text, [text], [Alternative([Word(text, prefix, False)], False)], start=i)
        seen[text] = group
        groups.append(group)
    for phrase, typing in phrases:
        assert isinstance(phrase, list) and isinstance(typing, bool)
        start, end = 0, len(phrase)
        while start < end and phrase[start] in stops:
            start += 1
        while end > start and phrase[end - 1] in stops and not (typing and end == len(phrase)):
            end -= 1
        kept = phrase[start:end]
        if not kept:
            continue
        typed = len(kept) - 1 if typing and end == len(phrase) else -1
        ws = [Word(t, True, False) if k == typed else None if t in stops else Word(t, False, True) for k, t in enumerate(kept)]
        groups.append(Group(" ".join(kept), kept, [Alternative(ws, len(ws) > 1)]))
    if glossary:
        _expand_glossary(groups, [str(w[0]) for w in plain], stops, glossary)
    return Plan(groups, [t for t in dict.fromkeys(excluded) if t not in stops])


def _expand_glossary(groups: list[Group], texts: list[str], stops: frozenset[str], glossary: list[list[list[str]]]) -> None:
    def key_of(ws: list[str]) -> str:
        return " ".join(stem(w, "en") for w in ws)

    by_key: dict[str, tuple[int, int]] = {}
    for g, members in enumerate(glossary):
        for m, member in enumerate(members):
            by_key[key_of(member)] = (g, m)

    def alternatives_for(found: tuple[int, int]) -> list[Alternative]:
        g, m = found
        out = []
        for k, member in enumerate(glossary[g]):
            if k == m:
                continue
            ws = [None if t in stops else Word(t, False, True, GLOSSARY_BOOST) for t in member]
            if any(ws):
                out.append(Alternative(ws, len(ws) > 1, (" ".join(member), " ".join(glossary[g][m]))))
        return out

    taken: set[int] = set()
    for length in range(min(len(texts), MAX_GLOSSARY_RUN), 1, -1):
        for i in range(len(texts) - length + 1):
            if any(i + k in taken for k in range(length)):
                continue
            found = by_key.get(key_of(texts[i : i + length]))
            if found is None:
                continue
            run = set(texts[i : i + length])
            members = [g for g in groups if g.start is not None and g.label in run]
            if not members:
                continue
            taken.update(range(i, i + length))
            own = [g.alternatives[0].words[0] for g in members]
            merged = Group(" ".join(texts[i : i + length]), texts[i : i + length], [Alternative(own, False), *alternatives_for(found)])
            at = groups.index(members[0])
            for g in members:
                groups.remove(g)
            groups.insert(at, merged)
    for group in groups:
        if len(group.alternatives) > 1:
            continue
        found = by_key.get(key_of(group.texts))
        if found is not None:
            group.alternatives.extend(alternatives_for(found))


def add_clauses(query: Query, word: Word) -> None:
    stems = list(dict.fromkeys((stem(word.text, "en"), stem(word.text, "es"))))
    for s in stems:
        query.term(s, use_pipeline=False, boost=word.boost)
    if word.exact:
        return
    if len(word.text) >= TYPO_MIN_LENGTH:
        for s in stems:
            query.term(s, use_pipeline=False, boost=TYPO_BOOST, edit_distance=1)
    if word.prefix:
        query.term(word.text, use_pipeline=False, boost=PREFIX_BOOST, wildcard=Query.WILDCARD_TRAILING)


@dataclass(frozen=True)
class Slot:
    group: int
    alternative: int
    word: int


def plan_clauses(query: Query, plan: Plan) -> list[Slot]:
    """Adds every scoring clause of `plan` to `query`; returns each clause's requirement slot."""
    slots: list[Slot] = []
    for g, group in enumerate(plan.groups):
        for a, alternative in enumerate(group.alternatives):
            for w, word in enumerate(alternative.words):
                if word is None:
                    continue
                add_clauses(query, word)
                slots.extend([Slot(g, a, w)] * (len(query.clauses) - len(slots)))
    return slots


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float
    terms: frozenset[str]  # the index terms it matched, for highlighting


def search(index: Index, q: str, glossary: list[list[list[str]]] | None = None) -> list[Hit]:
    """Every record the clauses of `q` touch, with lunr.py's score, best first (shards.js's `scored`)."""
    query = index.create_query()
    plan_clauses(query, parse(q, glossary))
    if not query.clauses:
        return []
    hits = [Hit(r["ref"], r["score"], frozenset(r["match_data"].metadata)) for r in index.query(query)]
    hits.sort(key=lambda h: (-h.score, int(h.ref, 36)))
    return hits
