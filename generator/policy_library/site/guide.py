"""The editing guide's generated parts: the field reference and the record template.

They are made at build time from the configured vocabularies, so the guide
always lists exactly the values that validation accepts. A page asks for them
with a marker on a line of its own, such as `<!-- library:field-reference -->`,
and gets them in its own language: the registry's labels and help in that
language, and the guide's own words from WORDS below.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from babel import Locale, UnknownLocaleError
from markdown.extensions.toc import slugify

from policy_library.cli.new_record import Draft, template
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy, Vocabulary, state_name

MARKER = re.compile(r"^([ \t]*)<!--\s*library:([a-z-]+)\s*-->[ \t]*$", re.MULTILINE)

# The guide's own words around the registry's, per language of the page; a language not listed reads English.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "header": "| Field | Required | Form | What to write | Example |",
        "yes": "yes",
        "no": "no",
        "its values": "One of [its values](#{anchor}).",
        "unknown field": "Any other field is kept but not shown, and `library check` warns about it, in case it is a misspelling.",
        "values intro": "The values `{name}` accepts, in the order of the search page's filters. Capital letters and accents may differ.",
        "value": "Value",
        "shown as": "Shown as",
        "languages": "Languages",
        "language": "Language",
        "states": "States and territories",
        "states intro": "Write the two-letter postal code or the full name; the library stores the code.",
        "code": "Code",
        "name": "Name",
        "template title": "The document's title",
        "template note": "Fill in the empty fields; the pull request's check names anything still wrong.",
        "one value": "one value",
        "list": "list",
        "list of ids": "list of ids",
        "date": "date",
        "web address": "web address",
        "path": "path",
        "text": "text",
    },
    "es": {
        "header": "| Campo | Obligatorio | Forma | Qué escribir | Ejemplo |",
        "yes": "sí",
        "no": "no",
        "its values": "Uno de [sus valores](#{anchor}).",
        "unknown field": "Cualquier otro campo se conserva pero no se muestra, y `library check` avisa de él, por si es un error de escritura.",
        "values intro": (
            "Los valores que acepta `{name}`, en el orden de los filtros de la página de búsqueda. Se escriben en el registro como en la"
            " primera columna; las mayúsculas y los acentos pueden variar."
        ),
        "value": "Valor",
        "shown as": "Se muestra como",
        "languages": "Idiomas",
        "language": "Idioma",
        "states": "Estados y territorios",
        "states intro": "Escriba el código postal de dos letras o el nombre completo; la biblioteca guarda el código.",
        "code": "Código",
        "name": "Nombre",
        "template title": "El título del documento",
        "template note": "Complete los campos vacíos; la verificación de la solicitud de incorporación (pull request) indica lo que aún esté mal.",
        "one value": "un valor",
        "list": "lista",
        "list of ids": "lista de identificadores",
        "date": "fecha",
        "web address": "dirección web",
        "path": "ruta",
        "text": "texto",
    },
}


def _words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


def language_name(code: str, language: str) -> str:
    """A language's name in the page's language: the site's own names in English, Babel's in any other."""
    if language != "en":
        try:
            name = Locale.parse(language).languages.get(code)
        except (ValueError, UnknownLocaleError):
            name = None
        if name:
            return name[:1].upper() + name[1:]
    return LANGUAGES.get(code, code)


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")


def field_reference(taxonomy: Taxonomy, language: str = "en") -> str:
    words = _words(language)
    lines = [words["header"], "|---|---|---|---|---|"]
    for spec in taxonomy.fields.values():
        required = words["yes"] if spec.required else words["no"]
        # The help may hold Markdown links to the value lists below; the example is shown as typed.
        meaning = spec.help_in(language)
        if spec.kind == "choice" and not spec.builtin:
            meaning += " " + words["its values"].format(anchor=_anchor(spec.plural_in(language)))
        form = _words(language).get(spec.form) or spec.form
        lines.append(f"| `{spec.name}` | {required} | {form} | {meaning} | `{spec.name}: {spec.example}` |")
    lines += [
        "",
        words["unknown field"],
        "",
        *(
            line
            for spec in taxonomy.fields.values()
            if spec.kind == "choice"
            for line in _values(spec.plural_in(language), spec.name, taxonomy[spec.name], language)
        ),
        f"### {words['languages']}",
        "",
        f"| {words['value']} | {words['language']} |",
        "|---|---|",
        *(f"| `{code}` | {_cell(language_name(code, language))} |" for code in LANGUAGES),
        "",
        f"### {words['states']}",
        "",
        words["states intro"],
        "",
        f"| {words['code']} | {words['name']} |",
        "|---|---|",
        *(f"| `{code}` | {_cell(state_name(code, language))} |" for code in taxonomy.value_order("states", language) or sorted(STATES)),
        "",
    ]
    return "\n".join(lines)


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading (accents dropped: "Áreas de política" is areas-de-politica)."""
    return slugify(heading, "-")


def _values(heading: str, name: str, vocabulary: Vocabulary, language: str = "en") -> list[str]:
    words = _words(language)
    labelled = any(vocabulary.label(v, language) != v for v in vocabulary.values)
    lines = [f"### {heading}", "", words["values intro"].format(name=name), ""]
    if labelled:
        lines += [
            f"| {words['value']} | {words['shown as']} |",
            "|---|---|",
            *(f"| {_cell(v)} | {_cell(vocabulary.label(v, language))} |" for v in vocabulary.values),
        ]
    else:
        lines += [f"| {words['value']} |", "|---|", *(f"| {_cell(v)} |" for v in vocabulary.values)]
    return [*lines, ""]


def record_template(taxonomy: Taxonomy, language: str = "en") -> str:
    words = _words(language)
    text = template(Draft(title=words["template title"]), taxonomy, words["template note"], language)
    # An indented code block: unlike a fenced one, Python-Markdown reads it inside a list item too.
    return "\n".join("    " + line if line else line for line in text.rstrip().split("\n")) + "\n"


SECTIONS: dict[str, Callable[[Taxonomy, str], str]] = {
    "field-reference": field_reference,
    "record-template": record_template,
}


def expand(markdown: str, taxonomy: Taxonomy, language: str = "en") -> str:
    """Replace each known marker by its generated Markdown, in the page's language; unknown markers stay (and show nothing)."""
    if "library:" not in markdown:
        return markdown

    def replace(match: re.Match[str]) -> str:
        indent, name = match.groups()
        make = SECTIONS.get(name)
        if make is None:
            return match.group(0)
        # Indented like the marker, so that a section can sit inside a list item.
        return "\n".join(indent + line if line else line for line in make(taxonomy, language).rstrip("\n").split("\n"))

    return MARKER.sub(replace, markdown)
