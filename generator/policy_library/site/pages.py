"""What the templates need to show records: plain data, no HTML.

Templates escape everything they print (Jinja autoescape); nothing here
builds markup, so record text can never become code.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from policy_library.model.library import Library
from policy_library.model.records import Record
from policy_library.model.taxonomy import LANGUAGES, STATES
from policy_library.site.browse import Browse


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # relative to the site root


@dataclass(frozen=True)
class Fact:
    label: str
    links: tuple[Link, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class RecordView:
    record: Record
    facts: tuple[Fact, ...]
    topics: tuple[Fact, ...]
    related: tuple[Record, ...]
    amends: tuple[Record, ...]
    amended_by: tuple[Record, ...]
    # Computed from shared areas, tags, jurisdiction and states (policy_library/model/similar.py).
    suggested: tuple[Record, ...] = ()

    @property
    def date_human(self) -> str:
        return self.record.date.human() if self.record.date else ""


def _search_href(field: str, value: str) -> str:
    """Where a facet value leads without a browse page: the search page with that filter set."""
    return "./?" + urlencode({field: value})


def record_view(library: Library, record: Record, browse: Browse | None = None, suggested: tuple[str, ...] = ()) -> RecordView:
    """`browse`, when given, sends facet links to the browse pages instead of the search."""
    tax = library.taxonomy

    def filter_href(field: str, value: str) -> str:
        found = browse.href(field, value) if browse else None
        return found or _search_href(field, value)

    facts: list[Fact] = [
        Fact("Document type", (Link(tax.document_types.label(record.document_type), filter_href("document_type", record.document_type)),)),
    ]
    if record.level:
        facts.append(Fact("Level of government", (Link(tax.levels.label(record.level), filter_href("level", record.level)),)))
    if record.states:
        label = "State" if len(record.states) == 1 else "States"
        facts.append(Fact(label, tuple(Link(STATES[s], filter_href("states", s)) for s in record.states)))
    if record.jurisdiction:
        facts.append(Fact("Jurisdiction", text=record.jurisdiction))
    if record.date:
        facts.append(Fact("Date", text=record.date.human()))
    if record.organization:
        facts.append(Fact("Source", (Link(record.organization, filter_href("organization", record.organization)),)))
    if record.language != "en":
        facts.append(Fact("Language", (Link(LANGUAGES[record.language], filter_href("language", record.language)),)))

    topics: list[Fact] = [
        Fact("Policy areas", tuple(Link(tax.policy_areas.label(a), filter_href("policy_areas", a)) for a in record.policy_areas)),
    ]
    if record.tags:
        topics.append(Fact("Tags", tuple(Link(t, "./?" + urlencode({"q": t})) for t in record.tags)))

    return RecordView(
        record=record,
        facts=tuple(facts),
        topics=tuple(topics),
        related=tuple(library.related(record.id)),
        amends=tuple(library.amends(record.id)),
        amended_by=tuple(library.amended(record.id)),
        suggested=tuple(library.records[i] for i in suggested if i in library.records),
    )
