"""Citations of records: BibTeX, RIS and CSL-JSON, and one formatted citation to copy.

Everything here works on records as records.json has them (opendata.record_data's
rows) and on one description (`description`) made from the field registry's
citation mapping (model/fields.py). The build ships the same description to the
search page, whose script (assets/library/page/cite.js) writes the citations of a
search's results from the same rows the same way, and record pages write their own
citation files with it in the browser from the row the page carries (`page_citation`);
a test compares the two outputs byte for byte on the sample library.

- BibTeX: `@type{id, ...}`; text fields braced, the title and corporate authors in
  double braces so that styles keep their capitals; LaTeX's special characters and
  accented letters written as LaTeX commands whose braces always balance (`\\textbraceleft{}`
  for `{`), so that classic BibTeX reads the file whatever the record says.
- RIS: `TAG  - value` lines ended by CRLF, TY first and ER last; one line per keyword and author;
  dates as PY (year) and DA (`YYYY/MM/DD/`, empty parts left empty).
- CSL-JSON: an array of items with CSL's variable names; `issued` as date-parts of the
  precision the record has (`[[2014]]`, `[[2014, 12]]`, `[[2014, 12, 1]]`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from policy_library.model.dates import PartialDate
from policy_library.model.fields import CITATION_DEFAULT_TYPE, CITATION_FIELDS, CITATION_TYPE_FIELD, CITATION_TYPES, CitationType
from policy_library.model.taxonomy import Taxonomy

FORMATS = ("bibtex", "ris", "csl-json")
# Each format's file name ending, on record pages and in the search page's downloads.
SUFFIXES = {"bibtex": ".bib", "ris": ".ris", "csl-json": ".csl.json"}
# The formats' own names, the same in every language.
NAMES = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}
# Each format's media type, for the files a record page's script writes.
TYPES = {"bibtex": "application/x-bibtex", "ris": "application/x-research-info-systems", "csl-json": "application/vnd.citationstyles.csl+json"}

# LaTeX's special characters. Braces become commands with balanced braces: BibTeX counts braces
# even after a backslash, so `\{` would end a field early.
BIBTEX_ESCAPES = {
    "\\": "\\textbackslash{}",
    "{": "\\textbraceleft{}",
    "}": "\\textbraceright{}",
    "%": "\\%",
    "&": "\\&",
    "$": "\\$",
    "#": "\\#",
    "_": "\\_",
    "^": "\\textasciicircum{}",
    "~": "\\textasciitilde{}",
}
# Letters with no decomposition, as LaTeX writes them.
BIBTEX_LETTERS = {
    "ß": "{\\ss}",
    "æ": "{\\ae}",
    "Æ": "{\\AE}",
    "œ": "{\\oe}",
    "Œ": "{\\OE}",
    "ø": "{\\o}",
    "Ø": "{\\O}",
    "ł": "{\\l}",
    "Ł": "{\\L}",
    "\u0131": "{\\i}",  # dotless i
}
# Combining accents (after NFD) and the LaTeX accent command on one base letter.
BIBTEX_ACCENTS = {
    "\u0301": "\\'",
    "\u0300": "\\`",
    "\u0302": "\\^",
    "\u0308": '\\"',
    "\u0303": "\\~",
    "\u0304": "\\=",
    "\u0307": "\\.",
    "\u0327": "\\c ",
    "\u030c": "\\v ",
    "\u0306": "\\u ",
    "\u030b": "\\H ",
    "\u0328": "\\k ",
    "\u030a": "\\r ",
}
# In a url field only what would unbalance the entry is percent-encoded.
BIBTEX_URL_ESCAPES = {"{": "%7B", "}": "%7D", "\\": "%5C"}
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# BibTeX fields whose capitals styles must keep: double braces.
BIBTEX_PROTECT = ("title",)
# Runs of these are one space in every format (a RIS value is one line).
SPACE = re.compile(r"[\t\n\v\f\r ]+")


def _type(entry: CitationType) -> dict[str, str]:
    return {"bibtex": entry.bibtex, "ris": entry.ris, "csl": entry.csl}


def description(taxonomy: Taxonomy) -> dict[str, Any]:
    """The citation mapping of this library's registry, as plain JSON for the page and for the writers below."""
    fields = []
    for cite in CITATION_FIELDS:
        if cite.field not in taxonomy.fields:
            continue
        spec = taxonomy.fields[cite.field]
        entry: dict[str, Any] = {"column": spec.csv_column, "form": cite.form, "bibtex": cite.bibtex, "ris": cite.ris, "csl": cite.csl}
        if spec.kind == "choice":
            # Values are cited by their label where a library's vocabulary gives one.
            labels = {v: taxonomy.value_label(spec.name, v) for v in taxonomy.value_order(spec.name) or ()}
            entry["labels"] = {v: label for v, label in labels.items() if label != v}
        fields.append(entry)
    type_column = taxonomy.fields[CITATION_TYPE_FIELD].csv_column if CITATION_TYPE_FIELD in taxonomy.fields else CITATION_TYPE_FIELD
    return {
        "fields": fields,
        "type": {"column": type_column, "values": {v: _type(t) for v, t in CITATION_TYPES.items()}, "default": _type(CITATION_DEFAULT_TYPE)},
        "bibtex": {
            "escapes": BIBTEX_ESCAPES,
            "letters": BIBTEX_LETTERS,
            "accents": BIBTEX_ACCENTS,
            "url": BIBTEX_URL_ESCAPES,
            "months": list(BIBTEX_MONTHS),
            "protect": list(BIBTEX_PROTECT),
        },
        "suffixes": SUFFIXES,
        "types": TYPES,
    }


def _clean(text: str) -> str:
    return SPACE.sub(" ", text).strip()


def _values(row: Mapping[str, Any], field: Mapping[str, Any]) -> list[str]:
    raw = row.get(field["column"])
    if raw is None or raw == "" or raw == []:
        return []
    items = raw if isinstance(raw, list) else [raw]
    labels = field.get("labels", {})
    out = [_clean(labels.get(str(v), str(v))) for v in items]
    return [v for v in out if v]


Values = list[list[str]]


def field_values(row: Mapping[str, Any], desc: Mapping[str, Any]) -> Values:
    """Each described field's values in the row, cleaned: computed once for all three formats."""
    return [_values(row, field) for field in desc["fields"]]


def collected(row: Mapping[str, Any], desc: Mapping[str, Any], fmt: str, values: Values | None = None) -> list[tuple[str, str, list[str]]]:
    """(target, form, values) in the description's order; fields with one target share it, without repeats."""
    order: list[str] = []
    found: dict[str, tuple[str, list[str]]] = {}
    for field, given in zip(desc["fields"], values if values is not None else field_values(row, desc), strict=True):
        target = field[fmt]
        if not target or not given:
            continue
        if target not in found:
            order.append(target)
            found[target] = (field["form"], [])
        kept = found[target][1]
        kept.extend(v for v in given if v not in kept)
    return [(t, found[t][0], found[t][1]) for t in order]


def item_type(row: Mapping[str, Any], desc: Mapping[str, Any]) -> dict[str, str]:
    kinds = desc["type"]
    return kinds["values"].get(row.get(kinds["column"]) or "", kinds["default"])


def _date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-")]


# --- BibTeX ---------------------------------------------------------------------


# What bibtex_text changes: LaTeX's specials and anything beyond ASCII; the rest is copied as it is.
_BIBTEX_CHANGED = re.compile(r"[\\{}%&$#_^~]|[^\x00-\x7f]")


def _bibtex_char(char: str, table: Mapping[str, Any]) -> str:
    if char in table["escapes"]:
        return table["escapes"][char]
    if char in table["letters"]:
        return table["letters"][char]
    if char.isascii():
        return char
    parts = unicodedata.normalize("NFD", char)
    base, marks = parts[0], parts[1:]
    if base.isascii() and base.isalpha() and len(marks) == 1 and marks in table["accents"]:
        letter = {"i": "\\i", "j": "\\j"}.get(base, base)
        return "{" + table["accents"][marks] + letter + "}"
    return char  # the file is UTF-8: biber and bibtex8 read the rest as it is


def bibtex_text(text: str, desc: Mapping[str, Any]) -> str:
    table = desc["bibtex"]
    return _BIBTEX_CHANGED.sub(lambda match: _bibtex_char(match.group(), table), unicodedata.normalize("NFC", text))


def bibtex_entry(row: Mapping[str, Any], desc: Mapping[str, Any], given: Values | None = None) -> str:
    table = desc["bibtex"]
    lines: list[tuple[str, str]] = []
    for target, form, values in collected(row, desc, "bibtex", given):
        if form == "date":
            parts = _date_parts(values[0])
            lines.append(("year", "{" + str(parts[0]) + "}"))
            if len(parts) > 1:
                lines.append(("month", table["months"][parts[1] - 1]))
            lines.append((target, "{" + values[0] + "}"))
        elif form == "url":
            lines.append((target, "{" + "".join(table["url"].get(c, c) for c in values[0]) + "}"))
        elif form == "name":
            lines.append((target, " and ".join("{{" + bibtex_text(v, desc) + "}}" for v in values)))
        elif target in table["protect"]:
            lines.append((target, "{{" + bibtex_text("; ".join(values), desc) + "}}"))
        else:
            lines.append((target, "{" + bibtex_text(", ".join(values), desc) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in lines)
    return f"@{item_type(row, desc)['bibtex']}{{{row['id']},\n{body}\n}}\n"


def bibtex(rows: Iterable[Mapping[str, Any]], desc: Mapping[str, Any]) -> str:
    return "\n".join(bibtex_entry(row, desc) for row in rows)


# --- RIS ------------------------------------------------------------------------


def ris_entry(row: Mapping[str, Any], desc: Mapping[str, Any], given: Values | None = None) -> str:
    lines = [f"TY  - {item_type(row, desc)['ris']}", f"ID  - {row['id']}"]
    for target, form, values in collected(row, desc, "ris", given):
        if form == "date":
            parts = [*values[0].split("-"), "", ""]
            lines.append(f"PY  - {parts[0]}")
            lines.append(f"{target}  - {parts[0]}/{parts[1]}/{parts[2]}/")
        else:
            lines.extend(f"{target}  - {value}" for value in values)
    lines.append("ER  - ")
    return "".join(line + "\r\n" for line in lines)


def ris(rows: Iterable[Mapping[str, Any]], desc: Mapping[str, Any]) -> str:
    return "\r\n".join(ris_entry(row, desc) for row in rows)


# --- CSL-JSON -------------------------------------------------------------------


def csl_item(row: Mapping[str, Any], desc: Mapping[str, Any], given: Values | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": row["id"], "type": item_type(row, desc)["csl"]}
    for target, form, values in collected(row, desc, "csl", given):
        if form == "name":
            item[target] = [{"literal": v} for v in values]
        elif form == "date":
            item[target] = {"date-parts": [_date_parts(values[0])]}
        elif form == "list":
            item[target] = ", ".join(values)
        else:
            item[target] = "; ".join(values)
    return item


def csl_json(rows: Iterable[Mapping[str, Any]], desc: Mapping[str, Any]) -> str:
    return json.dumps([csl_item(row, desc) for row in rows], ensure_ascii=False, indent=2) + "\n"


WRITERS = {"bibtex": bibtex, "ris": ris, "csl-json": csl_json}


def write(fmt: str, rows: Sequence[Mapping[str, Any]], desc: Mapping[str, Any]) -> str:
    return WRITERS[fmt](rows, desc)


# --- the citation to copy -------------------------------------------------------


def formatted(row: Mapping[str, Any], desc: Mapping[str, Any]) -> str:
    """One line in the manner of a reference list: Author. “Title.” Type, Jurisdiction, Date. URL."""
    item = csl_item(row, desc)
    head = []
    if item.get("author"):
        head.append("; ".join(a["literal"] for a in item["author"]).rstrip(".") + ".")
    head.append("“" + item.get("title", row["id"]).rstrip(".") + ".”")
    where = [item[key] for key in ("genre", "jurisdiction") if item.get(key)]
    if item.get("issued"):
        where.append(PartialDate(*item["issued"]["date-parts"][0]).human())
    if where:
        head.append(", ".join(where) + ".")
    if item.get("URL"):
        head.append(item["URL"])
    return " ".join(head)


def cited_row(row: Mapping[str, Any], desc: Mapping[str, Any]) -> dict[str, Any]:
    """The part of a records.json row that its citations read (its id, the described columns, the type's), empty values left out.

    A record page carries this and its script (record.js) writes the page's citation files from it
    with cite.js when a visitor asks for one: the writers give the same text as from the whole row.
    """
    columns = {"id", desc["type"]["column"], *(field["column"] for field in desc["fields"])}
    return {key: value for key, value in row.items() if key in columns and value is not None and value != "" and value != []}


def page_citation(row: Mapping[str, Any], desc: Mapping[str, Any]) -> dict[str, Any]:
    """What a record page shows: the citation to copy, the row its files are written from, and each file's name."""
    files = [{"format": fmt, "name": NAMES[fmt], "download": row["id"] + SUFFIXES[fmt]} for fmt in FORMATS]
    return {"text": formatted(row, desc), "row": json_in_html(cited_row(row, desc)), "files": files}


def json_in_html(value: Any) -> str:
    """Compact JSON for a <script type="application/json"> element: no `<`, so nothing in it can end the element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
