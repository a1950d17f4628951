"""Records that are probably the same document written twice.

Two records are likely duplicates when their source addresses are the same once
written the same way (`addresses.same_document_key`; home pages, which many records
share legitimately, never count), or when they have the same jurisdiction and date
and titles equal or nearly equal once case, accents, punctuation and spacing are set
aside. Titles are compared only within a jurisdiction and date, so the check stays
close to linear in the number of records.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable

from policy_library.model.addresses import same_document_key
from policy_library.model.problems import Problem, Severity
from policy_library.model.records import Record
from policy_library.model.taxonomy import comparable

# How alike two normalised titles must be (difflib's ratio) to be the same document's.
TITLE_RATIO = 0.95
# Beyond this many records of one jurisdiction and date, titles are compared for equality
# only: comparing every pair would grow with the square of the group.
MAX_COMPARED = 200

_NOT_WORD = re.compile(r"[\W_]+")

SAME_ADDRESS_HINT = "both lead to the same address; keep one record and delete the other, or give each its own document's address"
SAME_TITLE_HINT = "same title, jurisdiction and date; keep one record and delete the other, or make the titles tell the documents apart"


def title_key(title: str) -> str:
    """The title without case, accents, punctuation or extra spacing."""
    return " ".join(_NOT_WORD.sub(" ", comparable(title)).split())


def titles_alike(a: str, b: str) -> bool:
    """Two normalised titles equal or differing by a character or two."""
    if a == b:
        return True
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= TITLE_RATIO and matcher.quick_ratio() >= TITLE_RATIO and matcher.ratio() >= TITLE_RATIO


def likely_duplicates(records: Iterable[Record]) -> list[Problem]:
    """A warning on each record of a likely duplicate pair, naming the other record's file."""
    records = sorted(records, key=lambda r: r.path)
    same_address: set[tuple[str, str]] = set()
    by_key: dict[str, list[Record]] = defaultdict(list)
    by_group: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for record in records:
        key = same_document_key(record.source_url)
        if key is not None:
            by_key[key].append(record)
        if record.jurisdiction and record.date:
            by_group[(comparable(record.jurisdiction).strip(), record.date.iso())].append(record)

    problems: list[Problem] = []
    for group in by_key.values():
        for a, b in _pairs(group):
            same_address.add((a.path, b.path))
            problems += _both(a, b, "source_url", "same document as", SAME_ADDRESS_HINT)
    for group in by_group.values():
        for a, b in _alike_titles(group):
            if (a.path, b.path) not in same_address:
                problems += _both(a, b, "title", "probably the same document as", SAME_TITLE_HINT)
    return problems


def _pairs(group: list[Record]) -> list[tuple[Record, Record]]:
    return [(a, b) for i, a in enumerate(group) for b in group[i + 1 :]]


def _alike_titles(group: list[Record]) -> list[tuple[Record, Record]]:
    if len(group) < 2:
        return []
    keyed = [(title_key(r.title), r) for r in group]
    if len(group) > MAX_COMPARED:
        exact: dict[str, list[Record]] = defaultdict(list)
        for key, record in keyed:
            exact[key].append(record)
        return [pair for same in exact.values() for pair in _pairs(same)]
    return [(a, b) for i, (ka, a) in enumerate(keyed) for kb, b in keyed[i + 1 :] if titles_alike(ka, kb)]


def _both(a: Record, b: Record, field: str, message: str, hint: str) -> list[Problem]:
    """One warning in each file, so checking either file alone shows it."""
    return [
        Problem(a.path, a.line_of(field), field, f"{message} {b.path}", hint, Severity.WARNING),
        Problem(b.path, b.line_of(field), field, f"{message} {a.path}", hint, Severity.WARNING),
    ]
