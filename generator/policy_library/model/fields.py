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

# One value of a vocabulary as declared: the value itself (shown as written), or a one-item mapping from the
# value to its label, one label for every language or one per language: `County`, `{County: Counties}`,
# `{County: {en: County, es: Condado}}`. The value (the key) is what records, addresses and the data files hold.
ValueEntry = str | Mapping[str, str | Mapping[str, str]]


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
    values: tuple[ValueEntry, ...] = ()  # the default vocabulary of a choice field
    default: str = ""  # the value a record without the field has (language: en)
    help: str = ""  # for editors: what to write (English)
    example: str = ""  # as written in a record after "name: "
    meaning: str = ""  # for readers of the open data: what the value is (English)
    help_l10n: Mapping[str, str] = field(default_factory=dict)  # the help in the site's other languages: {"es": "..."}
    meaning_l10n: Mapping[str, str] = field(default_factory=dict)  # the meaning in the site's other languages
    column: str = ""  # the spreadsheet column; the name if empty
    weight: int = 0  # boost in the text search (the body's is 1); 0: not searched as a field of its own
    builtin: bool = True

    def label_in(self, language: str = "en") -> str:
        return self.label.get(language) or self.label.get("en") or self.name

    def plural_in(self, language: str = "en") -> str:
        return self.plural.get(language) or self.plural.get("en") or self.label_in(language)

    def help_in(self, language: str = "en") -> str:
        return (self.help_l10n.get(language) if language != "en" else None) or self.help

    def meaning_in(self, language: str = "en") -> str:
        return (self.meaning_l10n.get(language) if language != "en" else None) or self.meaning

    @property
    def value_names(self) -> tuple[str, ...]:
        """The vocabulary's values as records write them, without their labels."""
        return tuple(value_name(v) for v in self.values)

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
DOCUMENT_TYPE_VALUES: tuple[Mapping[str, Mapping[str, str]], ...] = (
    {"Model Legislation": {"en": "Model Legislation", "es": "Legislación modelo"}},
    {"Ordinance": {"en": "Ordinance", "es": "Ordenanza"}},
    {"Bill": {"en": "Bill", "es": "Proyecto de ley"}},
    {"Statute": {"en": "Statute", "es": "Ley"}},
    {"Resolution": {"en": "Resolution", "es": "Resolución"}},
    {"Executive Order": {"en": "Executive Order", "es": "Orden ejecutiva"}},
    {"Policy": {"en": "Policy", "es": "Política"}},
    {"Court Rule": {"en": "Court Rule", "es": "Regla judicial"}},
    {"Report": {"en": "Report", "es": "Informe"}},
    {"Research": {"en": "Research", "es": "Investigación"}},
    {"Guide": {"en": "Guide", "es": "Guía"}},
    {"Advisory": {"en": "Advisory", "es": "Aviso"}},
    {"Article": {"en": "Article", "es": "Artículo"}},
    {"Fact Sheet": {"en": "Fact Sheet", "es": "Hoja informativa"}},
    {"Toolkit": {"en": "Toolkit", "es": "Kit de herramientas"}},
)

POLICY_AREAS_VALUES: tuple[Mapping[str, Mapping[str, str]], ...] = (
    {"Immigration": {"en": "Immigration", "es": "Inmigración"}},
    {"Criminal Justice": {"en": "Criminal Justice", "es": "Justicia penal"}},
    {"Policing": {"en": "Policing", "es": "Labor policial"}},
    {"Housing": {"en": "Housing", "es": "Vivienda"}},
    {"Labor": {"en": "Labor", "es": "Trabajo"}},
    {"Health Care": {"en": "Health Care", "es": "Atención médica"}},
    {"Education": {"en": "Education", "es": "Educación"}},
    {"Voting Rights": {"en": "Voting Rights", "es": "Derecho al voto"}},
    {"Environment": {"en": "Environment", "es": "Medio ambiente"}},
    {"Economic Development": {"en": "Economic Development", "es": "Desarrollo económico"}},
    {"Civil Rights": {"en": "Civil Rights", "es": "Derechos civiles"}},
    {"Public Safety": {"en": "Public Safety", "es": "Seguridad pública"}},
    {"Budget & Taxes": {"en": "Budget & Taxes", "es": "Presupuesto e impuestos"}},
    {"Transportation": {"en": "Transportation", "es": "Transporte"}},
    {"Technology & Privacy": {"en": "Technology & Privacy", "es": "Tecnología y privacidad"}},
)

LEVEL_VALUES: tuple[Mapping[str, Mapping[str, str]], ...] = (
    {"Federal": {"en": "Federal", "es": "Federal"}},
    {"State": {"en": "State", "es": "Estatal"}},
    {"County": {"en": "County", "es": "Condado"}},
    {"Municipal": {"en": "Municipal", "es": "Municipal"}},
    {"Tribal": {"en": "Tribal", "es": "Tribal"}},
    {"School District": {"en": "School District", "es": "Distrito escolar"}},
    {"Special District or Agency": {"en": "Special District or Agency", "es": "Distrito especial o agencia"}},
)


def _both(en: str, es: str) -> dict[str, str]:
    return {"en": en, "es": es}


def _es(text: str) -> dict[str, str]:
    return {"es": text}


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
        help_l10n=_es("El título del documento tal como se publicó."),
        meaning_l10n=_es("El título del documento."),
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
        help_l10n=_es("De una a tres oraciones sencillas: qué es el documento, qué hace y a quién se dirige. Se muestra en los resultados de búsqueda."),
        meaning_l10n=_es("De una a tres oraciones sobre qué es el documento y qué hace."),
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
        help_l10n=_es("El tipo de documento: uno de los [tipos de documento](#tipos-de-documento)."),
        meaning_l10n=_es("El tipo de documento: un valor de la lista de tipos de documento, escrito en inglés (p. ej., Ordinance, Report)."),
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
        help_l10n=_es("Una o más [áreas de política](#areas-de-politica). Un solo valor no necesita corchetes."),
        meaning_l10n=_es("Las áreas de política que trata el documento: valores de la lista de áreas de política, escritos en inglés."),
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
        help_l10n=_es("El [nivel de gobierno](#niveles-de-gobierno) del que proviene el documento. Omítalo si la fuente no es un gobierno."),
        meaning_l10n=_es(
            "El nivel de gobierno del que proviene, escrito en inglés (Federal, State, County, Municipal, ...); vacío si la fuente no es un gobierno."
        ),
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
        help_l10n=_es(
            "Los [estados](#estados-y-territorios) a los que se aplica: códigos postales o nombres completos, en inglés o en español."
            " Omítalo en los documentos nacionales."
        ),
        meaning_l10n=_es("Códigos USPS de dos letras de los estados (o DC, territorios) a los que se aplica; vacío en los documentos nacionales."),
    ),
    Field(
        "jurisdiction",
        "text",
        _both("Jurisdiction", "Jurisdicción"),
        weight=2,
        help="The city, county or other body it applies to.",
        example="King County",
        meaning="The city, county or other body it applies to, as written by the editor (e.g. King County).",
        help_l10n=_es("La ciudad, el condado u otra entidad a la que se aplica."),
        meaning_l10n=_es("La ciudad, el condado u otra entidad a la que se aplica, tal como la escribieron los editores (p. ej., King County)."),
    ),
    Field(
        "date",
        "date",
        _both("Date", "Fecha"),
        help="Adoption or publication date, as precise as known: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2017, 2017-01 or 2017-01-25.",
        example="2014-12-01",
        meaning="Adoption or publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as known; empty if unknown.",
        help_l10n=_es(
            "Fecha de adopción o de publicación, con la precisión que se conozca: escriba AAAA, AAAA-MM o AAAA-MM-DD, por ejemplo 2017, 2017-01 o 2017-01-25."
        ),
        meaning_l10n=_es("Fecha de adopción o de publicación como AAAA, AAAA-MM o AAAA-MM-DD, con la precisión que se conozca; vacía si se desconoce."),
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
        help_l10n=_es('El autor o la entidad que lo publica; el filtro "Fuente" de la página de búsqueda.'),
        meaning_l10n=_es("El autor o la entidad que lo publica."),
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
        help_l10n=_es(
            "Dónde se publica el original: la dirección completa del propio documento, que empieza con `http://` o `https://`. "
            'Una dirección que es solo la página principal de quien lo publica se muestra como "Sitio web del editor".'
        ),
        meaning_l10n=_es("Dónde se publica el documento original."),
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
        help_l10n=_es("Palabras clave breves que ayudan a encontrar el registro."),
        meaning_l10n=_es("Palabras clave breves elegidas por los editores."),
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
        help_l10n=_es("El [idioma](#idiomas) del documento; inglés si se omite."),
        meaning_l10n=_es("El idioma del documento: en (inglés) o es (español)."),
    ),
    Field(
        "related",
        "record",
        _both("Related records", "Registros relacionados"),
        multiple=True,
        help="Other records on the same subject: their file names without `.md`. Each one links back.",
        example="[king-county-ordinance-17706-ice-detainers]",
        meaning="Ids of records the editors marked as related (listed both ways).",
        help_l10n=_es("Otros registros sobre el mismo tema: sus nombres de archivo sin `.md`. Cada uno enlaza de vuelta a este."),
        meaning_l10n=_es("Identificadores de los registros que los editores marcaron como relacionados (se muestran en ambos sentidos)."),
    ),
    Field(
        "amends",
        "record",
        _both("Amends", "Modifica"),
        multiple=True,
        help='Records this document amends; they show "Amended by" this one.',
        example="[king-county-ordinance-17706-ice-detainers]",
        meaning="Ids of records this document amends.",
        help_l10n=_es('Registros que este documento modifica; en ellos se muestra "Modificado por" con este.'),
        meaning_l10n=_es("Identificadores de los registros que este documento modifica."),
    ),
    Field(
        "file",
        "file",
        _both("Archived copy", "Copia archivada"),
        help="An archived copy of the document, saved in `docs/files/`, for when the source link stops working.",
        example="files/document.pdf",
        meaning="Path of an archived copy served by this site, relative to the site's address; empty if none.",
        help_l10n=_es("Una copia archivada del documento, guardada en `docs/files/`, para cuando el enlace a la fuente deje de funcionar."),
        meaning_l10n=_es("Ruta de una copia archivada que sirve este sitio, relativa a la dirección del sitio; vacía si no hay ninguna."),
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
    "help": "a sentence telling editors what to write, or one per language such as {en: ..., es: ...}",
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
    helps = _words(options, "help", where) or {}
    help_text = helps.get("en") or (base.help if base else "")
    help_l10n = {k: v for k, v in helps.items() if k != "en"} or (base.help_l10n if base and not helps else {})
    example = _text(options, "example", where) or (base.example if base else "")
    if base is not None:
        if values is not None and base.kind != "choice":
            raise FieldConfigError(f"{where}: values: {name} takes no list of values; remove values:")
        weight = _weight(options, where, base.kind, base.weight)
        return replace(
            base,
            label=label,
            plural=plural,
            values=values if values is not None else base.values,
            facet=facet,
            help=help_text,
            help_l10n=help_l10n,
            example=example,
            weight=weight,
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
        help_l10n=help_l10n or {k: f"{v}." for k, v in label.items() if k != "en"},
        example=example or _example(kind, values or (), multiple),
        meaning=label.get("en", name) + ".",
        meaning_l10n={k: f"{v}." for k, v in label.items() if k != "en"},
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


def value_name(entry: ValueEntry) -> str:
    """The value a vocabulary entry declares (its key when it carries a label)."""
    return str(next(iter(entry))) if isinstance(entry, Mapping) else str(entry)


def value_labels(entry: ValueEntry) -> dict[str, str]:
    """A vocabulary entry's labels per language; "en" is always there (the value itself when no label says otherwise)."""
    value = value_name(entry)
    label = entry[value] if isinstance(entry, Mapping) else value
    if isinstance(label, Mapping):
        labels = {str(k): str(v) for k, v in label.items() if str(v).strip()}
        return {"en": labels.get("en") or value, **{k: v for k, v in labels.items() if k != "en"}}
    return {"en": str(label)}


def _example(kind: str, values: tuple[ValueEntry, ...], multiple: bool) -> str:
    if values:
        text = value_name(values[0])
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


def _values(options: Mapping[str, Any], where: str) -> tuple[ValueEntry, ...] | None:
    if "values" not in options:
        return None
    value = options["values"]
    if not isinstance(value, list) or not value:
        raise FieldConfigError(f"{where}: values: must be {OPTIONS['values']}, not {_describe(value)}")
    out: list[ValueEntry] = []
    for item in value:
        if isinstance(item, Mapping) and len(item) == 1 and all(isinstance(v, (str, int, float)) for v in item.values()):
            out.append({str(k): str(v) for k, v in item.items()})
        elif isinstance(item, Mapping) and len(item) == 1 and isinstance(labels := next(iter(item.values())), Mapping):
            key = str(next(iter(item)))
            if not labels or not all(isinstance(v, (str, int, float)) and str(v).strip() for v in labels.values()):
                raise FieldConfigError(f"{where}: values: {key}: each language's label must be text, for example {key}: {{en: {key}, es: ...}}")
            unknown = [str(k) for k in labels if k not in LANGUAGE_CODES]
            if unknown:
                raise FieldConfigError(f"{where}: values: {key}: {unknown[0]!r} is not a language of the site; use {' and '.join(LANGUAGE_CODES)}")
            out.append({key: {str(k): str(v).strip() for k, v in labels.items()}})
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


# --- citations ------------------------------------------------------------------
# How a record is cited: each registry field's place in BibTeX, RIS and CSL-JSON (1.0.2),
# declared once. site/citations.py writes every record's citation files from it, and the
# build ships it to the search page, whose script (cite.js) cites a search's results from
# the same description and the same rows (records.json), so the two cannot drift apart.


@dataclass(frozen=True)
class CitationField:
    field: str  # a registry field: its column in records.json
    bibtex: str = ""  # BibTeX field ("": not cited in that format)
    ris: str = ""  # RIS tag
    csl: str = ""  # CSL-JSON variable
    form: str = "text"  # "text", "name" (an author: an organization, never split), "date", "list", "url"


CITATION_FIELDS: tuple[CitationField, ...] = (
    CitationField("organization", bibtex="author", ris="AU", csl="author", form="name"),
    CitationField("title", bibtex="title", ris="TI", csl="title"),
    CitationField("document_type", bibtex="type", ris="M3", csl="genre"),
    CitationField("jurisdiction", bibtex="address", ris="CY", csl="jurisdiction"),
    CitationField("date", bibtex="date", ris="DA", csl="issued", form="date"),
    CitationField("source_url", bibtex="url", ris="UR", csl="URL", form="url"),
    CitationField("summary", bibtex="abstract", ris="AB", csl="abstract"),
    CitationField("policy_areas", bibtex="keywords", ris="KW", csl="keyword", form="list"),
    CitationField("tags", bibtex="keywords", ris="KW", csl="keyword", form="list"),
    CitationField("language", ris="LA", csl="language"),
)


@dataclass(frozen=True)
class CitationType:
    bibtex: str  # entry type
    ris: str  # TY
    csl: str  # type


# Each document type's kind of item in each format; a value a library adds is a generic document.
CITATION_TYPE_FIELD = "document_type"
CITATION_TYPES: dict[str, CitationType] = {
    "Model Legislation": CitationType("misc", "BILL", "bill"),
    "Ordinance": CitationType("misc", "LEGAL", "legislation"),
    "Bill": CitationType("misc", "BILL", "bill"),
    "Statute": CitationType("misc", "STAT", "legislation"),
    "Resolution": CitationType("misc", "LEGAL", "legislation"),
    "Executive Order": CitationType("misc", "GOVDOC", "regulation"),
    "Policy": CitationType("misc", "GOVDOC", "document"),
    "Court Rule": CitationType("misc", "LEGAL", "regulation"),
    "Report": CitationType("techreport", "RPRT", "report"),
    "Research": CitationType("techreport", "RPRT", "report"),
    "Guide": CitationType("manual", "PAMP", "pamphlet"),
    "Advisory": CitationType("misc", "GEN", "document"),
    "Article": CitationType("misc", "ELEC", "article"),
    "Fact Sheet": CitationType("misc", "PAMP", "pamphlet"),
    "Toolkit": CitationType("manual", "PAMP", "pamphlet"),
}
CITATION_DEFAULT_TYPE = CitationType("misc", "GEN", "document")
