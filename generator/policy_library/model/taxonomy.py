"""The library's controlled vocabularies and the names of US states.

A vocabulary is an ordered list of values, each with a display label. Its
order is the order of the filters on the search page and of browse pages.
Editors may replace any vocabulary in `mkdocs.yml`; these are the defaults.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from policy_library.model.fields import DEFAULT_FIELDS, Field

# The default vocabularies are the values of the registry's choice fields.
DEFAULT_VOCABULARIES: dict[str, list[str]] = {f.name: [str(v) for v in f.values] for f in DEFAULT_FIELDS if f.kind == "choice"}

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}

# USPS codes of the states, DC and the territories, in alphabetical order of code.
STATES: dict[str, str] = {
    "AK": "Alaska",
    "AL": "Alabama",
    "AR": "Arkansas",
    "AS": "American Samoa",
    "AZ": "Arizona",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DC": "District of Columbia",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "GU": "Guam",
    "HI": "Hawaii",
    "IA": "Iowa",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "MA": "Massachusetts",
    "MD": "Maryland",
    "ME": "Maine",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MO": "Missouri",
    "MP": "Northern Mariana Islands",
    "MS": "Mississippi",
    "MT": "Montana",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "NE": "Nebraska",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NV": "Nevada",
    "NY": "New York",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "PR": "Puerto Rico",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UM": "U.S. Minor Outlying Islands",
    "UT": "Utah",
    "VA": "Virginia",
    "VI": "U.S. Virgin Islands",
    "VT": "Vermont",
    "WA": "Washington",
    "WI": "Wisconsin",
    "WV": "West Virginia",
    "WY": "Wyoming",
}


def comparable(text: str) -> str:
    """Lower case without accents, for forgiving comparisons of what editors type (search.text.fold is the search's own rule)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of allowed values with their display labels."""

    name: str
    labels: Mapping[str, str]

    @classmethod
    def from_config(cls, name: str, entries: Iterable[str | Mapping[str, str]]) -> Vocabulary:
        labels: dict[str, str] = {}
        for entry in entries:
            if isinstance(entry, Mapping):
                for value, label in entry.items():
                    labels[str(value)] = str(label)
            else:
                labels[str(entry)] = str(entry)
        return cls(name, labels)

    @property
    def values(self) -> list[str]:
        return list(self.labels)

    def __contains__(self, value: object) -> bool:
        return value in self.labels

    def label(self, value: str) -> str:
        return self.labels.get(value, value)

    def position(self, value: str) -> int:
        try:
            return self.values.index(value)
        except ValueError:
            return len(self.labels)

    def resolve(self, raw: str) -> str | None:
        """The allowed value an editor meant, forgiving case and accents only."""
        if raw in self.labels:
            return raw
        wanted = comparable(raw.strip())
        for value, label in self.labels.items():
            if comparable(value) == wanted or comparable(label) == wanted:
                return value
        return None

    def closest(self, raw: str, n: int = 3) -> list[str]:
        folded = {comparable(v): v for v in self.values}
        matches = difflib.get_close_matches(comparable(raw), list(folded), n=n, cutoff=0.5)
        return [folded[m] for m in matches]


@dataclass(frozen=True)
class Taxonomy:
    """One library's field registry: its fields (model/fields.py's defaults and its own) and their vocabularies."""

    vocabularies: Mapping[str, Vocabulary] = field(default_factory=dict)
    fields: Mapping[str, Field] = field(default_factory=lambda: {f.name: f for f in DEFAULT_FIELDS})

    @classmethod
    def from_config(cls, overrides: Mapping[str, Iterable[str | Mapping[str, str]]] | None = None, fields: Iterable[Field] | None = None) -> Taxonomy:
        """`overrides`: the `vocabularies` option (replacing a field's values); `fields`: fields.parse_fields' answer."""
        declared = {f.name: f for f in (fields if fields is not None else DEFAULT_FIELDS)}
        merged: dict[str, Iterable[str | Mapping[str, str]]] = {f.name: f.values for f in declared.values() if f.kind == "choice"}
        merged.update(overrides or {})
        return cls({name: Vocabulary.from_config(name, entries) for name, entries in merged.items()}, declared)

    def __getitem__(self, name: str) -> Vocabulary:
        return self.vocabularies[name]

    @property
    def document_types(self) -> Vocabulary:
        return self.vocabularies["document_type"]

    @property
    def policy_areas(self) -> Vocabulary:
        return self.vocabularies["policy_areas"]

    @property
    def levels(self) -> Vocabulary:
        return self.vocabularies["level"]

    def field(self, name: str) -> Field:
        return self.fields[name]

    @property
    def facets(self) -> list[Field]:
        """The search page's filters, in the registry's order."""
        return [f for f in self.fields.values() if f.facet]

    @property
    def custom(self) -> list[Field]:
        """The fields this library declared beyond the defaults."""
        return [f for f in self.fields.values() if not f.builtin]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields.values() if f.required)

    def value_label(self, name: str, value: str, language: str = "en") -> str:
        """How a field's value is shown: a vocabulary's label, a state's or a language's name, else the value."""
        kind = self.fields[name].kind if name in self.fields else "text"
        if kind == "choice" and name in self.vocabularies:
            return self.vocabularies[name].label(value)
        if kind == "state":
            return STATES.get(value, value)
        if kind == "language":
            return LANGUAGES.get(value, value)
        return value

    def value_order(self, name: str) -> list[str] | None:
        """The values of a field in filter order, when the registry knows them all (None: from the records)."""
        kind = self.fields[name].kind if name in self.fields else "text"
        if kind == "choice" and name in self.vocabularies:
            return self.vocabularies[name].values
        if kind == "state":
            return [code for code, _ in sorted(STATES.items(), key=lambda item: item[1])]
        if kind == "language":
            return list(LANGUAGES)
        return None


def resolve_state(raw: str) -> str | None:
    """A USPS code from a code or a full name, in any case; None if unknown."""
    text = raw.strip()
    if text.upper() in STATES:
        return text.upper()
    wanted = comparable(text).replace(".", "")
    for code, name in STATES.items():
        if comparable(name).replace(".", "") == wanted:
            return code
    return None


def closest_states(raw: str, n: int = 3) -> list[str]:
    names = {comparable(name): code for code, name in STATES.items()}
    matches = difflib.get_close_matches(comparable(raw), list(names), n=n, cutoff=0.6)
    return [f"{STATES[names[m]]} ({names[m]})" for m in matches]
