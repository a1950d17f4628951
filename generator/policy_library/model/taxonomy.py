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

from policy_library.model.fields import DEFAULT_FIELDS, Field, ValueEntry, value_labels, value_name

# The default vocabularies are the values of the registry's choice fields.
DEFAULT_VOCABULARIES: dict[str, list[str]] = {f.name: list(f.value_names) for f in DEFAULT_FIELDS if f.kind == "choice"}

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

# The same in Spanish, as the Spanish pages show them (same codes, same order of code).
STATES_ES: dict[str, str] = {
    "AK": "Alaska",
    "AL": "Alabama",
    "AR": "Arkansas",
    "AS": "Samoa Americana",
    "AZ": "Arizona",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DC": "Distrito de Columbia",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "GU": "Guam",
    "HI": "Hawái",
    "IA": "Iowa",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Luisiana",
    "MA": "Massachusetts",
    "MD": "Maryland",
    "ME": "Maine",
    "MI": "Míchigan",
    "MN": "Minnesota",
    "MO": "Misuri",
    "MP": "Islas Marianas del Norte",
    "MS": "Misisipi",
    "MT": "Montana",
    "NC": "Carolina del Norte",
    "ND": "Dakota del Norte",
    "NE": "Nebraska",
    "NH": "Nuevo Hampshire",
    "NJ": "Nueva Jersey",
    "NM": "Nuevo México",
    "NV": "Nevada",
    "NY": "Nueva York",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregón",
    "PA": "Pensilvania",
    "PR": "Puerto Rico",
    "RI": "Rhode Island",
    "SC": "Carolina del Sur",
    "SD": "Dakota del Sur",
    "TN": "Tennessee",
    "TX": "Texas",
    "UM": "Islas Ultramarinas Menores de los Estados Unidos",
    "UT": "Utah",
    "VA": "Virginia",
    "VI": "Islas Vírgenes de los Estados Unidos",
    "VT": "Vermont",
    "WA": "Washington",
    "WI": "Wisconsin",
    "WV": "Virginia Occidental",
    "WY": "Wyoming",
}

# The states' names per language of the interface; a language without its own list shows the English names.
STATE_NAMES: dict[str, dict[str, str]] = {"en": STATES, "es": STATES_ES}


def state_name(code: str, language: str = "en") -> str:
    """A state's name in the interface's language (the code itself if it is not a state's)."""
    return STATE_NAMES.get(language, STATES).get(code) or STATES.get(code, code)


def comparable(text: str) -> str:
    """Lower case without accents, for forgiving comparisons of what editors type (search.text.fold is the search's own rule)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of allowed values with their display labels."""

    name: str
    labels: Mapping[str, str]  # value -> English label
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # language -> value -> label, for the values that have one

    @classmethod
    def from_config(cls, name: str, entries: Iterable[ValueEntry]) -> Vocabulary:
        labels: dict[str, str] = {}
        translations: dict[str, dict[str, str]] = {}
        for entry in entries:
            value = value_name(entry)
            per_language = value_labels(entry)
            labels[value] = per_language["en"]
            for language, label in per_language.items():
                if language != "en":
                    translations.setdefault(language, {})[value] = label
        return cls(name, labels, translations)

    @property
    def values(self) -> list[str]:
        return list(self.labels)

    def __contains__(self, value: object) -> bool:
        return value in self.labels

    def label(self, value: str, language: str = "en") -> str:
        """The value's label in the language, else its English label, else the value itself."""
        return self.translations.get(language, {}).get(value) or self.labels.get(value, value)

    def untranslated(self, language: str) -> list[str]:
        """The values with no label of their own in the language."""
        if language == "en":
            return []
        own = self.translations.get(language, {})
        return [v for v in self.labels if not own.get(v, "").strip()]

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
        # An editor of a Spanish record may write the value as the Spanish pages show it.
        for labels in self.translations.values():
            for value, label in labels.items():
                if comparable(label) == wanted:
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
    def from_config(cls, overrides: Mapping[str, Iterable[ValueEntry]] | None = None, fields: Iterable[Field] | None = None) -> Taxonomy:
        """`overrides`: the `vocabularies` option (replacing a field's values); `fields`: fields.parse_fields' answer."""
        declared = {f.name: f for f in (fields if fields is not None else DEFAULT_FIELDS)}
        merged: dict[str, Iterable[ValueEntry]] = {f.name: f.values for f in declared.values() if f.kind == "choice"}
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
            return self.vocabularies[name].label(value, language)
        if kind == "state":
            return state_name(value, language)
        if kind == "language":
            return LANGUAGES.get(value, value)
        return value

    def value_order(self, name: str, language: str = "en") -> list[str] | None:
        """The values of a field in filter order, when the registry knows them all (None: from the records); states by their name in the language."""
        kind = self.fields[name].kind if name in self.fields else "text"
        if kind == "choice" and name in self.vocabularies:
            return self.vocabularies[name].values
        if kind == "state":
            return sorted(STATES, key=lambda code: comparable(state_name(code, language)))
        if kind == "language":
            return list(LANGUAGES)
        return None


def resolve_state(raw: str) -> str | None:
    """A USPS code from a code or a full name, in any case; None if unknown."""
    text = raw.strip()
    if text.upper() in STATES:
        return text.upper()
    wanted = comparable(text).replace(".", "")
    for names in STATE_NAMES.values():
        for code, name in names.items():
            if comparable(name).replace(".", "") == wanted:
                return code
    return None


def closest_states(raw: str, n: int = 3) -> list[str]:
    names = {comparable(name): code for code, name in STATES.items()}
    matches = difflib.get_close_matches(comparable(raw), list(names), n=n, cutoff=0.6)
    return [f"{STATES[names[m]]} ({names[m]})" for m in matches]
