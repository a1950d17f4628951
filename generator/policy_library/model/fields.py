"""The field registry: every record field declared once.

A field's declaration says what it holds (its kind, its vocabulary, one value
or several), how the site uses it (a filter and browse pages, its weight in
the search), what people read about it (labels in English and Spanish, what to
write and an example) and its spreadsheet column. Validation, the search
data, record and browse pages, feeds, open data, CSV import and export, the
editing guide and `library new` all read it from here, so a library adds a
field by declaring it under the plugin's `fields` option in mkdocs.yml:

    fields:
      status:
        label: {en: Status, es: Estado}
        values: [Proposed, Enacted, Repealed]
        multiple: false
        facet: true

`parse_fields` reads that option for the build and for the `library` commands
alike; anything wrong in it is one `FieldConfigError` line naming the option
and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

# What a field holds. "choice": values of the field's vocabulary; "state": USPS codes;
# "language": a language code; "record": ids of other records; "file": a path under docs/files/.
KINDS = ("text", "choice", "state", "language", "date", "url", "record", "file")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
LANGUAGE_CODES = ("en", "es")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label: Mapping[str, str]  # per language: {"en": "State", "es": "Estado"}
    plural: Mapping[str, str] = field(default_factory=dict)  # for several values: "States"; the label if empty
    multiple: bool = False
    required: bool = False
    facet: bool = False  # a filter on the search page (and a URL parameter)
    browse: str = ""  # the folder of its browse pages under browse/ ("" for none)
    values: tuple[str | Mapping[str, str], ...] = ()  # the default vocabulary of a choice field
    default: str = ""  # the value a record without the field has (language: en)
    help: str = ""  # for editors: what to write
    example: str = ""  # as written in a record after "name: "
    meaning: str = ""  # for readers of the open data: what the value is
    column: str = ""  # the spreadsheet column; the name if empty
    weight: int = 0  # boost in the text search (the body's is 1); 0: not searched as a field of its own
    builtin: bool = True

    def label_in(self, language: str = "en") -> str:
        return self.label.get(language) or self.label.get("en") or self.name

    def plural_in(self, language: str = "en") -> str:
        return self.plural.get(language) or self.plural.get("en") or self.label_in(language)

    @property
    def csv_column(self) -> str:
        return self.column or self.name

    @property
    def form(self) -> str:
        """The value's form in a few words, for the editing guide."""
        if self.kind == "record":
            return "list of ids"
        if self.multiple:
            return "list"
        return {"choice": "one value", "language": "one value", "date": "date", "url": "web address", "file": "path", "state": "one value"}.get(
            self.kind, "text"
        )


# The default vocabularies, in the order of the filters.
DOCUMENT_TYPE_VALUES: tuple[str, ...] = (
    "Model Legislation",
    "Ordinance",
    "Bill",
    "Statute",
    "Resolution",
    "Executive Order",
    "Policy",
    "Court Rule",
    "Report",
    "Research",
    "Guide",
    "Advisory",
    "Article",
    "Fact Sheet",
    "Toolkit",
)

POLICY_AREAS_VALUES: tuple[str, ...] = (
    "Immigration",
    "Criminal Justice",
    "Policing",
    "Housing",
    "Labor",
    "Health Care",
    "Education",
    "Voting Rights",
    "Environment",
    "Economic Development",
    "Civil Rights",
    "Public Safety",
    "Budget & Taxes",
    "Transportation",
    "Technology & Privacy",
)

LEVEL_VALUES: tuple[str, ...] = (
    "Federal",
    "State",
    "County",
    "Municipal",
    "Tribal",
    "School District",
    "Special District or Agency",
)


def _both(en: str, es: str) -> dict[str, str]:
    return {"en": en, "es": es}


# The record fields every library has (section order of the records' frontmatter).
DEFAULT_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        "text",
        _both("Title", "Título"),
        required=True,
        weight=10,
        help="The document's title as published.",
        example='"King County Ordinance 17886"',
        meaning="The document's title.",
    ),
    Field(
        "summary",
        "text",
        _both("Summary", "Resumen"),
        required=True,
        weight=5,
        help="One to three plain sentences: what the document is and does, for whom. Shown in search results.",
        example='"Ends the honoring of civil immigration hold requests."',
        meaning="One to three sentences on what the document is and does.",
    ),
    Field(
        "document_type",
        "choice",
        _both("Document type", "Tipo de documento"),
        _both("Document types", "Tipos de documento"),
        required=True,
        facet=True,
        browse="types",
        values=DOCUMENT_TYPE_VALUES,
        help="The kind of document: one of the [document types](#document-types).",
        example="Ordinance",
        meaning="The kind of document, one value of the document-type list (e.g. Ordinance, Report).",
    ),
    Field(
        "policy_areas",
        "choice",
        _both("Policy area", "Área de política"),
        _both("Policy areas", "Áreas de política"),
        multiple=True,
        required=True,
        facet=True,
        browse="policy-areas",
        values=POLICY_AREAS_VALUES,
        help="One or more [policy areas](#policy-areas). A single value needs no brackets.",
        example="[Immigration, Policing]",
        meaning="The policy areas the document touches, values of the policy-area list.",
    ),
    Field(
        "level",
        "choice",
        _both("Level of government", "Nivel de gobierno"),
        _both("Levels of government", "Niveles de gobierno"),
        facet=True,
        browse="levels",
        values=LEVEL_VALUES,
        help="The [level of government](#levels-of-government) the document comes from. Leave it out for non-government sources.",
        example="County",
        meaning="The level of government it comes from (Federal, State, County, Municipal, ...); empty for non-government sources.",
    ),
    Field(
        "states",
        "state",
        _both("State", "Estado"),
        _both("States", "Estados"),
        multiple=True,
        facet=True,
        browse="states",
        help="The [states](#states-and-territories) it applies to: postal codes or full names. Leave it out for national documents.",
        example="[WA]",
        meaning="Two-letter USPS codes of the states (or DC, territories) it applies to; empty for national documents.",
    ),
    Field(
        "jurisdiction",
        "text",
        _both("Jurisdiction", "Jurisdicción"),
        weight=2,
        help="The city, county or other body it applies to.",
        example="King County",
        meaning="The city, county or other body it applies to, as written by the editor (e.g. King County).",
    ),
    Field(
        "date",
        "date",
        _both("Date", "Fecha"),
        help="Adoption or publication date, as precise as known: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2017, 2017-01 or 2017-01-25.",
        example="2014-12-01",
        meaning="Adoption or publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as known; empty if unknown.",
    ),
    Field(
        "organization",
        "text",
        _both("Source", "Fuente"),
        _both("Sources", "Fuentes"),
        facet=True,
        browse="sources",
        weight=2,
        help='The author or publisher; the "Source" filter of the search page.',
        example="King County Council",
        meaning="The author or publisher.",
    ),
    Field(
        "source_url",
        "url",
        _both("Original document", "Documento original"),
        help=(
            "Where the original is published: the document's own full address, starting with `http://` or `https://`. "
            "An address that is only the publisher's home page is shown as \"Publisher's website\"."
        ),
        example="https://kingcounty.gov/council",
        meaning="Where the original document is published.",
    ),
    Field(
        "tags",
        "text",
        _both("Tag", "Etiqueta"),
        _both("Tags", "Etiquetas"),
        multiple=True,
        weight=5,
        help="Short keywords that help people find the record.",
        example="[detainers, jail]",
        meaning="Short keywords chosen by the editors.",
    ),
    Field(
        "language",
        "language",
        _both("Language", "Idioma"),
        _both("Languages", "Idiomas"),
        facet=True,
        default="en",
        help="The document's [language](#languages); English when left out.",
        example="es",
        meaning="The document's language: en (English) or es (Spanish).",
    ),
    Field(
        "related",
        "record",
        _both("Related records", "Registros relacionados"),
        multiple=True,
        help="Other records on the same subject: their file names without `.md`. Each one links back.",
        example="[king-county-ordinance-17706-ice-detainers]",
        meaning="Ids of records the editors marked as related (listed both ways).",
    ),
    Field(
        "amends",
        "record",
        _both("Amends", "Modifica"),
        multiple=True,
        help='Records this document amends; they show "Amended by" this one.',
        example="[king-county-ordinance-17706-ice-detainers]",
        meaning="Ids of records this document amends.",
    ),
    Field(
        "file",
        "file",
        _both("Archived copy", "Copia archivada"),
        help="An archived copy of the document, saved in `docs/files/`, for when the source link stops working.",
        example="files/document.pdf",
        meaning="Path of an archived copy served by this site, relative to the site's address; empty if none.",
    ),
)
BUILTIN_NAMES = frozenset(f.name for f in DEFAULT_FIELDS)
# The record's own columns around the fields: its id first, its text (the Markdown body) last.
RESERVED_NAMES = frozenset({"id", "body", "url"})
# The search page's own URL parameters besides the filters (each filter's parameter is its field's name).
SEARCH_PARAMETERS = frozenset({"q", "sort", "page", "year_from", "year_to"})


class FieldConfigError(ValueError):
    """A mistake in the `fields` option, said in one line with its fix."""


# The kinds whose values are words a visitor may type, and a library's own field's weight unless it says.
SEARCHABLE_KINDS = ("text", "choice")
DEFAULT_WEIGHT = 2  # as the jurisdiction and the source: above the text, below the summary and tags
MAX_WEIGHT = 100

# Option, and what it takes: what a library may say about a field of its own.
OPTIONS: dict[str, str] = {
    "label": "a name, or one per language such as {en: Status, es: Estado}",
    "plural": "a name for several values, or one per language",
    "values": "a list of allowed values, such as [Proposed, Enacted, Repealed]",
    "multiple": "true (a list, like policy_areas) or false",
    "facet": "true (a filter on the search page, with browse pages) or false",
    "required": "true or false",
    "type": f"one of {', '.join(k for k in KINDS if k not in ('choice', 'record', 'language', 'state'))}, or choice with values",
    "help": "a sentence telling editors what to write",
    "example": "a value as written in a record",
    "column": "the spreadsheet column's name",
    "weight": f"a whole number from 0 to {MAX_WEIGHT}: how much a word in this field counts in the search (the title's is 10, the text's 1; 0: not searched)",
}
# A built-in field's meaning is fixed; its words, whether it is a filter and its search weight may change.
BUILTIN_OPTIONS = frozenset({"label", "plural", "values", "facet", "help", "example", "weight"})


def parse_fields(config: object) -> tuple[Field, ...]:
    """The registry's fields: the defaults, changed and extended by the `fields` option."""
    if config is None:
        return DEFAULT_FIELDS
    if not isinstance(config, Mapping):
        raise FieldConfigError("fields: must be a mapping of field names to their options, for example fields: {status: {values: [Proposed, Enacted]}}")
    fields = {f.name: f for f in DEFAULT_FIELDS}
    for raw_name, options in config.items():
        name = str(raw_name)
        where = f"fields: {name}"
        if name in RESERVED_NAMES:
            raise FieldConfigError(f"{where}: {name!r} is the record's own {name}; give the field another name")
        if name in SEARCH_PARAMETERS:
            raise FieldConfigError(f"{where}: {name!r} is a parameter of the search page's address; give the field another name")
        if not NAME.match(name):
            raise FieldConfigError(f"{where}: a field name is lowercase letters, digits and underscores, starting with a letter; for example {_suggest(name)}")
        if options is None:
            options = {}
        if not isinstance(options, Mapping):
            raise FieldConfigError(f"{where}: must be a mapping of options such as label: and values:, not {_describe(options)}")
        allowed = BUILTIN_OPTIONS if name in BUILTIN_NAMES else frozenset(OPTIONS)
        for option in options:
            if option not in allowed:
                known = ", ".join(sorted(allowed))
                near = _closest(str(option), sorted(allowed))
                hint = f"did you mean {near}? " if near else ""
                what = "a built-in field takes only" if name in BUILTIN_NAMES else "the options are"
                raise FieldConfigError(f"{where}: {option}: is not an option; {hint}{what} {known}")
        fields[name] = _field(name, options, fields.get(name), where)
    return tuple(fields.values())


def _field(name: str, options: Mapping[str, Any], base: Field | None, where: str) -> Field:
    label = _words(options, "label", where) or (base.label if base else {"en": name.replace("_", " ").capitalize()})
    plural = _words(options, "plural", where) or (base.plural if base else {})
    values = _values(options, where)
    multiple = _flag(options, "multiple", where, base.multiple if base else False)
    facet = _flag(options, "facet", where, base.facet if base else False)
    required = _flag(options, "required", where, base.required if base else False)
    help_text = _text(options, "help", where) or (base.help if base else "")
    example = _text(options, "example", where) or (base.example if base else "")
    if base is not None:
        if values is not None and base.kind != "choice":
            raise FieldConfigError(f"{where}: values: {name} takes no list of values; remove values:")
        weight = _weight(options, where, base.kind, base.weight)
        return replace(
            base, label=label, plural=plural, values=values if values is not None else base.values, facet=facet, help=help_text, example=example, weight=weight
        )
    kind = _text(options, "type", where) or ("choice" if values is not None else "text")
    if kind == "choice" and values is None:
        raise FieldConfigError(f"{where}: type: choice needs values:, for example values: [Proposed, Enacted, Repealed]")
    if kind not in KINDS or kind in ("record", "language", "state"):
        raise FieldConfigError(f"{where}: type: {kind!r} is not a type; use {OPTIONS['type']}")
    if values is not None and kind != "choice":
        raise FieldConfigError(f"{where}: values: only a field of type choice has values; remove type: {kind} or values:")
    if facet and kind not in ("choice", "text"):
        raise FieldConfigError(f"{where}: facet: a filter needs values or text, not a {kind}; set facet: false")
    column = _text(options, "column", where) or name
    weight = _weight(options, where, kind, DEFAULT_WEIGHT if kind in SEARCHABLE_KINDS else 0)
    return Field(
        name=name,
        kind=kind,
        label=label,
        plural=plural,
        multiple=multiple,
        required=required,
        facet=facet,
        browse=name.replace("_", "-") if facet else "",
        values=values or (),
        help=help_text or f"{label.get('en', name)}.",
        example=example or _example(kind, values or (), multiple),
        meaning=label.get("en", name) + ".",
        column=column,
        weight=weight,
        builtin=False,
    )


def _weight(options: Mapping[str, Any], where: str, kind: str, default: int) -> int:
    if "weight" not in options:
        return default
    value = options["weight"]
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WEIGHT:
        raise FieldConfigError(f"{where}: weight: must be {OPTIONS['weight']}, not {_describe(value)}")
    if value and kind not in SEARCHABLE_KINDS:
        raise FieldConfigError(f"{where}: weight: a {kind} is not searched as words; remove weight:")
    return value


def _example(kind: str, values: tuple[str | Mapping[str, str], ...], multiple: bool) -> str:
    if values:
        first = values[0]
        text = str(next(iter(first))) if isinstance(first, Mapping) else str(first)
        return f"[{text}]" if multiple else text
    return {"date": "2017-01-25", "url": "https://example.org/document", "file": "files/document.pdf"}.get(kind, "[first, second]" if multiple else "text")


def _words(options: Mapping[str, Any], key: str, where: str) -> dict[str, str] | None:
    if key not in options or options[key] is None:
        return None
    value = options[key]
    if isinstance(value, str) and value.strip():
        return {"en": value.strip()}
    if isinstance(value, Mapping) and value and all(isinstance(v, str) and v.strip() for v in value.values()):
        unknown = [str(k) for k in value if k not in LANGUAGE_CODES]
        if unknown:
            raise FieldConfigError(f"{where}: {key}: {unknown[0]!r} is not a language of the site; use {' and '.join(LANGUAGE_CODES)}")
        return {str(k): str(v).strip() for k, v in value.items()}
    raise FieldConfigError(f"{where}: {key}: must be {OPTIONS[key]}, not {_describe(value)}")


def _values(options: Mapping[str, Any], where: str) -> tuple[str | Mapping[str, str], ...] | None:
    if "values" not in options:
        return None
    value = options["values"]
    if not isinstance(value, list) or not value:
        raise FieldConfigError(f"{where}: values: must be {OPTIONS['values']}, not {_describe(value)}")
    out: list[str | Mapping[str, str]] = []
    for item in value:
        if isinstance(item, Mapping) and len(item) == 1 and all(isinstance(v, (str, int, float)) for v in item.values()):
            out.append({str(k): str(v) for k, v in item.items()})
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool) and str(item).strip():
            out.append(str(item).strip())
        else:
            raise FieldConfigError(f"{where}: values: {item!r} is not a value; write each value as text, or as value: label")
    return tuple(out)


def _flag(options: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
    if key not in options:
        return default
    value = options[key]
    if not isinstance(value, bool):
        raise FieldConfigError(f"{where}: {key}: must be true or false, not {_describe(value)}")
    return value


def _text(options: Mapping[str, Any], key: str, where: str) -> str:
    if key not in options or options[key] is None:
        return ""
    value = options[key]
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise FieldConfigError(f"{where}: {key}: must be {OPTIONS[key]}, not {_describe(value)}")
    return str(value).strip()


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (list, tuple)):
        return "a list" if value else "an empty list"
    if isinstance(value, Mapping):
        return "a mapping"
    if value is None or value == "":
        return "nothing"
    return f"the text {str(value)!r}"


def _closest(word: str, words: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, words, n=1, cutoff=0.6)
    return found[0] if found else None


def _suggest(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "status"
