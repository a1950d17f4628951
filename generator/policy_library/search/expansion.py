"""Glossary expansion of a visitor's words: the reference the browser's query side follows.

A query word matches a glossary member's word when they share a term: the
same English stem or the same Spanish stem of the folded word (query.py looks
every word up under both). A member of several words matches the same number
of consecutive query words. Each match brings the other members of its group
as alternatives; the page looks those up as phrases, ranked a little below the
visitor's own words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from policy_library.search.glossary import Glossary, Member
from policy_library.search.text import stem

LANGUAGES = ("en", "es")


def _stems(word: str) -> frozenset[str]:
    return frozenset(f"{language}:{stem(word, language)}" for language in LANGUAGES)


def same_word(a: str, b: str) -> bool:
    """Do two folded words share a term, in either language?"""
    return a == b or bool(_stems(a) & _stems(b))


@dataclass(frozen=True)
class Match:
    start: int  # the first query word the member covers
    end: int  # one past the last
    member: Member  # the member the query's words are
    alternatives: tuple[Member, ...]  # the other members of its group


class Expander:
    """Finds glossary members among a query's folded words (text.words)."""

    def __init__(self, glossary: Glossary) -> None:
        self._by_first: dict[str, list[tuple[Member, tuple[Member, ...]]]] = defaultdict(list)
        for group in glossary.groups:
            for member in group.members:
                others = tuple(m for m in group.members if m is not member)
                for key in _stems(member.words[0]):
                    self._by_first[key].append((member, others))

    def matches(self, query_words: Sequence[str]) -> list[Match]:
        """Every member found as consecutive query words, in query order (longest member first at a position)."""
        found: list[Match] = []
        for start, word in enumerate(query_words):
            candidates: dict[int, tuple[Member, tuple[Member, ...]]] = {}
            for key in _stems(word):
                for member, others in self._by_first.get(key, ()):
                    candidates[id(member)] = (member, others)
            ordered = sorted(candidates.values(), key=lambda c: (-len(c[0].words), c[0].text))
            for member, others in ordered:
                end = start + len(member.words)
                if end <= len(query_words) and all(same_word(q, m) for q, m in zip(query_words[start:end], member.words, strict=True)):
                    found.append(Match(start, end, member, others))
        return found

    def alternatives(self, word: str) -> list[Member]:
        """The members that mean the same as the one-word query `word` (none when it is in no group)."""
        out: list[Member] = []
        for match in self.matches([word]):
            out.extend(m for m in match.alternatives if m not in out)
        return out
