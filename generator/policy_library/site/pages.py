"""What the templates need to show records: plain data, no HTML.

Templates escape everything they print (Jinja autoescape); nothing here
builds markup, so record text can never become code.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from policy_library.model.library import Library
from policy_library.model.records import Record
from policy_library.site.browse import Browse
from policy_library.site.i18n import Messages
from policy_library.site.labels import Labels


@dataclass(frozen=True)
class Link:
    text: str
    href: str  # relative to the site root, or a web address when external
    external: bool = False


@dataclass(frozen=True)
class Fact:
    label: str
    links: tuple[Link, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class RecordView:
    record: Record
    facts: tuple[Fact, ...]  # every field the record has, in the registry's order
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


# Fields the record page shows in places of their own (heading, summary, buttons, relation lists).
OWN_PLACE = frozenset({"title", "summary", "source_url", "file", "related", "amends"})


def record_view(library: Library, record: Record, browse: Browse | None = None, suggested: tuple[str, ...] = (), labels: Labels | None = None) -> RecordView:
    """`browse`, when given, sends facet links to the browse pages instead of the search; `labels`: the page's language (English without)."""
    tax = library.taxonomy
    if labels is None:
        labels = Labels(tax, Messages("en"))

    def filter_href(field: str, value: str) -> str:
        found = browse.href(field, value) if browse else None
        return found or _search_href(field, value)

    facts: list[Fact] = []
    for spec in tax.fields.values():
        if spec.name in OWN_PLACE:
            continue
        values = record.values(spec.name)
        if not values or (spec.default and values == (spec.default,)):
            continue
        label = labels.plural(spec.name) if len(values) > 1 else labels.field(spec.name)
        if spec.kind == "date" and record.value(spec.name):
            facts.append(Fact(label, text=labels.date(record.value(spec.name))))
        elif spec.facet:
            facts.append(Fact(label, tuple(Link(labels.value(spec.name, v), filter_href(spec.name, v)) for v in values)))
        elif spec.kind == "url":
            facts.append(Fact(label, tuple(Link(v, v, external=True) for v in values)))
        elif spec.multiple and spec.kind == "text":
            # Keywords lead to a search for them.
            facts.append(Fact(label, tuple(Link(v, "./?" + urlencode({"q": v})) for v in values)))
        else:
            facts.append(Fact(label, text=", ".join(labels.value(spec.name, v) for v in values)))

    return RecordView(
        record=record,
        facts=tuple(facts),
        related=tuple(library.related(record.id)),
        amends=tuple(library.amends(record.id)),
        amended_by=tuple(library.amended(record.id)),
        suggested=tuple(library.records[i] for i in suggested if i in library.records),
    )
