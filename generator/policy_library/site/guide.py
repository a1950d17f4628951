"""The editing guide's generated parts: the field reference and the record template.

They are made at build time from the configured vocabularies, so the guide
always lists exactly the values that validation accepts. A page asks for them
with a marker on a line of its own, such as `<!-- library:field-reference -->`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from policy_library.cli.new_record import Draft, template
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy, Vocabulary

MARKER = re.compile(r"^([ \t]*)<!--\s*library:([a-z-]+)\s*-->[ \t]*$", re.MULTILINE)


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")


def field_reference(taxonomy: Taxonomy) -> str:
    lines = [
        "| Field | Required | Form | What to write | Example |",
        "|---|---|---|---|---|",
    ]
    for spec in taxonomy.fields.values():
        required = "yes" if spec.required else "no"
        # The help may hold Markdown links to the value lists below; the example is shown as typed.
        meaning = spec.help
        if spec.kind == "choice" and not spec.builtin:
            meaning += f" One of [its values](#{_anchor(spec.plural_in())})."
        lines.append(f"| `{spec.name}` | {required} | {spec.form} | {meaning} | `{spec.name}: {spec.example}` |")
    lines += [
        "",
        "Any other field is kept but not shown, and `library check` warns about it, in case it is a misspelling.",
        "",
        *(line for spec in taxonomy.fields.values() if spec.kind == "choice" for line in _values(spec.plural_in(), spec.name, taxonomy[spec.name])),
        "### Languages",
        "",
        "| Value | Language |",
        "|---|---|",
        *(f"| `{code}` | {_cell(name)} |" for code, name in LANGUAGES.items()),
        "",
        "### States and territories",
        "",
        "Write the two-letter postal code or the full name; the library stores the code.",
        "",
        "| Code | Name |",
        "|---|---|",
        *(f"| `{code}` | {_cell(name)} |" for code, name in sorted(STATES.items(), key=lambda item: item[1])),
        "",
    ]
    return "\n".join(lines)


def _anchor(heading: str) -> str:
    """The id Python-Markdown's toc gives a heading."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower())


def _values(heading: str, name: str, vocabulary: Vocabulary) -> list[str]:
    labelled = any(vocabulary.label(v) != v for v in vocabulary.values)
    lines = [f"### {heading}", "", f"The values `{name}` accepts, in the order of the search page's filters. Capital letters and accents may differ.", ""]
    if labelled:
        lines += ["| Value | Shown as |", "|---|---|", *(f"| {_cell(v)} | {_cell(vocabulary.label(v))} |" for v in vocabulary.values)]
    else:
        lines += ["| Value |", "|---|", *(f"| {_cell(v)} |" for v in vocabulary.values)]
    return [*lines, ""]


def record_template(taxonomy: Taxonomy) -> str:
    text = template(Draft(title="The document's title"), taxonomy, "Fill in the empty fields; the pull request's check names anything still wrong.")
    # An indented code block: unlike a fenced one, Python-Markdown reads it inside a list item too.
    return "\n".join("    " + line if line else line for line in text.rstrip().split("\n")) + "\n"


SECTIONS: dict[str, Callable[[Taxonomy], str]] = {
    "field-reference": field_reference,
    "record-template": record_template,
}


def expand(markdown: str, taxonomy: Taxonomy) -> str:
    """Replace each known marker by its generated Markdown; unknown markers stay (and show nothing)."""
    if "library:" not in markdown:
        return markdown

    def replace(match: re.Match[str]) -> str:
        indent, name = match.groups()
        make = SECTIONS.get(name)
        if make is None:
            return match.group(0)
        # Indented like the marker, so that a section can sit inside a list item.
        return "\n".join(indent + line if line else line for line in make(taxonomy).rstrip("\n").split("\n"))

    return MARKER.sub(replace, markdown)
