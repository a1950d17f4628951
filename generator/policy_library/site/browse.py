"""Browse pages: the library grouped by facet value, each group newest first.

One pass over the records (already newest first) fills every group, so the
work grows with the number of records times the values each record has,
never with the square of the library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from policy_library.model.library import Library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy, comparable
from policy_library.site.i18n import Messages
from policy_library.site.labels import Labels

ROOT = "browse/"


@dataclass(frozen=True)
class Facet:
    field: str  # the record field and the search page's URL parameter
    path: str  # the folder under browse/
    title: str  # "Policy areas"
    singular: str  # "policy area"


def facets(taxonomy: Taxonomy) -> tuple[Facet, ...]:
    """A browse section for each registry field that has browse pages, in the registry's order."""
    return tuple(Facet(f.name, f.browse, f.plural_in(), f.label_in().lower()) for f in taxonomy.fields.values() if f.facet and f.browse)


FACETS = facets(Taxonomy.from_config())


@dataclass
class Group:
    """One facet value and its records, newest first."""

    facet: Facet
    value: str
    label: str
    slug: str
    records: list[Record] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{ROOT}{self.facet.path}/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"{ROOT}{self.facet.path}/{self.slug}.md"

    @property
    def feed(self) -> str:
        """The Atom feed of this value's newest records, relative to the site root.

        At the root, beside feed.xml: mkdocs-material fetches sitemap.xml from the folder of
        every <link rel="alternate"> a page names, and only the root has one.
        """
        return f"feed.{self.facet.path}.{self.slug}.xml"

    @property
    def search_href(self) -> str:
        """The search page with this filter set, relative to the site root."""
        return "./?" + urlencode({self.facet.field: self.value})

    @property
    def count(self) -> int:
        return len(self.records)


@dataclass
class FacetIndex:
    facet: Facet
    groups: list[Group]

    @property
    def url(self) -> str:
        return f"{ROOT}{self.facet.path}/"

    @property
    def src_uri(self) -> str:
        return f"{ROOT}{self.facet.path}/index.md"

    def group(self, value: str) -> Group | None:
        for g in self.groups:
            if g.value == value:
                return g
        return None


@dataclass
class Browse:
    indexes: list[FacetIndex]
    _by_value: dict[tuple[str, str], Group] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_value = {(i.facet.field, g.value): g for i in self.indexes for g in i.groups}

    def index(self, field_name: str) -> FacetIndex:
        return next(i for i in self.indexes if i.facet.field == field_name)

    def group(self, field_name: str, value: str) -> Group | None:
        return self._by_value.get((field_name, value))

    def href(self, field_name: str, value: str) -> str | None:
        """The browse page of a facet value, relative to the site root, if it has one."""
        found = self.group(field_name, value)
        return found.url if found else None

    def groups(self) -> Iterable[Group]:
        for index in self.indexes:
            yield from index.groups


def slugify(text: str) -> str:
    # "Sheriff's Office" reads better as sheriffs-office than sheriff-s-office.
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", comparable(text))).strip("-")


def build_browse(library: Library) -> Browse:
    tax = library.taxonomy
    sections = facets(tax)
    found: dict[str, dict[str, list[Record]]] = {f.field: {} for f in sections}
    for record in library.newest_first():
        for facet in sections:
            for value in record.values(facet.field):
                found[facet.field].setdefault(value, []).append(record)

    indexes = []
    for facet in sections:
        name = facet.field

        def label(value: str, name: str = name) -> str:
            return tax.value_label(name, value)

        values = list(found[name])
        order = tax.value_order(name) if tax.field(name).kind == "choice" else None
        if order is not None:
            position = {v: i for i, v in enumerate(order)}
            values.sort(key=lambda v: (position.get(v, len(position)), v))
        else:
            values.sort(key=lambda v: (comparable(label(v)), v))
        groups = []
        used = {"index"}  # browse/<facet>/index.md is the facet's own index page
        for value in values:
            slug = value.lower() if tax.field(name).kind == "state" else _unique(slugify(label(value)) or "value", used)
            used.add(slug)
            groups.append(Group(facet, value, label(value), slug, found[name][value]))
        indexes.append(FacetIndex(facet, groups))
    return Browse(indexes)


def _unique(slug: str, used: set[str]) -> str:
    """Two values that fold to the same slug (e.g. "ACLU" and "A.C.L.U.") get -2, -3, ... in sort order."""
    candidate, n = slug, 1
    while candidate in used:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


PAGE_SIZE = 100


@dataclass(frozen=True)
class BrowsePage:
    """What one generated browse page shows: the root, one facet's index, or one page of a value's records."""

    src_uri: str
    title: str
    description: str
    index: FacetIndex | None = None
    group: Group | None = None
    # A value with many records is listed over several pages of `page_size`:
    # browse/states/ca/, browse/states/ca/2/, ... so that no page grows with the library.
    number: int = 1
    pages: int = 1
    page_size: int = PAGE_SIZE

    @property
    def kind(self) -> str:
        return "value" if self.group else "facet" if self.index else "root"

    @property
    def first(self) -> int:
        """The 0-based position of this page's first record in the group."""
        return (self.number - 1) * self.page_size

    @property
    def records(self) -> list[Record]:
        return self.group.records[self.first : self.first + self.page_size] if self.group else []

    def page_url(self, number: int) -> str:
        assert self.group is not None
        return self.group.url if number == 1 else f"{self.group.url}{number}/"


def browse_pages(browse: Browse, site_name: str, page_size: int = PAGE_SIZE, labels: Labels | None = None) -> list[BrowsePage]:
    """Every browse page, its title and description in the language of `labels` (English without)."""
    if labels is None:
        labels = Labels(Taxonomy.from_config(), Messages("en"))
    m = labels.messages
    singulars = [labels.field(i.facet.field).lower() for i in browse.indexes]
    pages = [
        BrowsePage(f"{ROOT}index.md", m.gettext("Browse the library"), m.gettext("Browse the {site} by {fields}.", site=site_name, fields=_and(singulars, m)))
    ]
    for index in browse.indexes:
        total = len(index.groups)
        singular = labels.field(index.facet.field).lower()
        plural = labels.plural(index.facet.field).lower()
        pages.append(
            BrowsePage(
                index.src_uri,
                m.gettext("Browse by {field}", field=singular),
                m.gettext("The {n} {fields} of the {site}, each with its number of records.", n=m.number(total), fields=plural, site=site_name),
                index=index,
            )
        )
        for group in index.groups:
            label = labels.value(index.facet.field, group.value)
            description = m.ngettext(
                "{n} record in the {site} with {field} {value}, newest first.",
                "{n} records in the {site} with {field} {value}, newest first.",
                group.count,
                site=site_name,
                field=singular,
                value=label,
            )
            count = max(1, -(-group.count // page_size))
            for number in range(1, count + 1):
                src_uri = group.src_uri if number == 1 else f"{ROOT}{index.facet.path}/{group.slug}/{number}.md"
                title = label if number == 1 else m.gettext("{value} (page {n} of {pages})", value=label, n=number, pages=count)
                pages.append(BrowsePage(src_uri, title, description, index=index, group=group, number=number, pages=count, page_size=page_size))
    return pages


def _and(words: list[str], m: Messages) -> str:
    """ "a, b and c" in the page's language."""
    if not words:
        return m.gettext("field")
    if len(words) == 1:
        return words[0]
    return m.gettext("{items} and {last}", items=", ".join(words[:-1]), last=words[-1])
