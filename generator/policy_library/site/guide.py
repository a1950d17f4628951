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
from policy_library.model.dates import ACCEPTED_FORMS
from policy_library.model.records import REQUIRED
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy, Vocabulary

MARKER = re.compile(r"^([ \t]*)<!--\s*library:([a-z-]+)\s*-->[ \t]*$", re.MULTILINE)

# field, form, what to write, example (as written in a record)
FIELD_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("title", "text", "The document's title as published.", '"King County Ordinance 17886"'),
    (
        "summary",
        "text",
        "One to three plain sentences: what the document is and does, for whom. Shown in search results.",
        '"Ends the honoring of civil immigration hold requests."',
    ),
    ("document_type", "one value", "The kind of document: one of the [document types](#document-types).", "Ordinance"),
    ("policy_areas", "list", "One or more [policy areas](#policy-areas). A single value needs no brackets.", "[Immigration, Policing]"),
    ("level", "one value", "The [level of government](#levels-of-government) the document comes from. Leave it out for non-government sources.", "County"),
    ("states", "list", "The [states](#states-and-territories) it applies to: postal codes or full names. Leave it out for national documents.", "[WA]"),
    ("jurisdiction", "text", "The city, county or other body it applies to.", "King County"),
    ("date", "date", f"Adoption or publication date, as precise as known: {ACCEPTED_FORMS}.", "2014-12-01"),
    ("organization", "text", 'The author or publisher; the "Source" filter of the search page.', "King County Council"),
    ("source_url", "web address", "Where the original is published: a full address starting with `http://` or `https://`.", "https://kingcounty.gov/council"),
    ("tags", "list", "Short keywords that help people find the record.", "[detainers, jail]"),
    ("language", "one value", "The document's [language](#languages); English when left out.", "es"),
    (
        "related",
        "list of ids",
        "Other records on the same subject: their file names without `.md`. Each one links back.",
        "[king-county-ordinance-17706-ice-detainers]",
    ),
    ("amends", "list of ids", 'Records this document amends; they show "Amended by" this one.', "[king-county-ordinance-17706-ice-detainers]"),
    (
        "file",
        "path",
        "An archived copy of the document, saved in `docs/files/`, for when the source link stops working.",
        "files/king-county-ordinance-17886.pdf",
    ),
)


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|")


def field_reference(taxonomy: Taxonomy) -> str:
    lines = [
        "| Field | Required | Form | What to write | Example |",
        "|---|---|---|---|---|",
    ]
    for name, form, meaning, example in FIELD_ROWS:
        required = "yes" if name in REQUIRED else "no"
        # The meaning may hold Markdown links to the value lists below; the example is shown as typed.
        lines.append(f"| `{name}` | {required} | {form} | {meaning} | `{name}: {example}` |")
    lines += [
        "",
        "Any other field is kept but not shown, and `library check` warns about it, in case it is a misspelling.",
        "",
        *_values("Document types", "document_type", taxonomy.document_types),
        *_values("Policy areas", "policy_areas", taxonomy.policy_areas),
        *_values("Levels of government", "level", taxonomy.levels),
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
