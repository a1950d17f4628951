"""Glossary expansion of a visitor's words, in Python: which glossary members a query's words are, and what they bring.

The rule is the query side's (query.py, query.js): a member is found where
consecutive query words have the same English stems as its words (folded
first, so case, accents and punctuation do not count: "S-Comm" is "s comm");
longer members are found first and a query word belongs to one member at
most. Each member found brings the other members of its group as
alternatives, which the page looks up as phrases, ranked a little below the
visitor's own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policy_library.search.glossary import Glossary, Member, key_of


@dataclass(frozen=True)
class Match:
    start: int  # the first query word the member covers
    end: int  # one past the last
    member: Member  # the member the query's words are
    alternatives: tuple[Member, ...]  # the other members of its group


class Expander:
    """Finds glossary members among a query's folded words (text.words)."""

    def __init__(self, glossary: Glossary) -> None:
        self._by_key: dict[tuple[str, ...], tuple[Member, tuple[Member, ...]]] = {}
        for group in glossary.groups:
            for member in group.members:
                self._by_key.setdefault(key_of(member.words), (member, tuple(m for m in group.members if m is not member)))
        self._longest = max((len(k) for k in self._by_key), default=0)

    def matches(self, query_words: Sequence[str]) -> list[Match]:
        """The members found, in query order: the longest runs first, each query word in one member at most."""
        taken: set[int] = set()
        found: list[Match] = []
        for length in range(min(len(query_words), self._longest), 0, -1):
            for start in range(len(query_words) - length + 1):
                span = range(start, start + length)
                if taken.intersection(span):
                    continue
                hit = self._by_key.get(key_of(query_words[start : start + length]))
                if hit is not None:
                    taken.update(span)
                    found.append(Match(start, start + length, *hit))
        return sorted(found, key=lambda m: m.start)

    def alternatives(self, word: str) -> list[Member]:
        """The members that mean the same as the one-word query `word` (none when it is in no group)."""
        return [m for match in self.matches([word]) for m in match.alternatives]
