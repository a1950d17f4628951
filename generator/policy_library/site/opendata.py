"""The whole library as open data: records.json and records.csv at the site root.

Both files have the same columns, described once here; the "Open data" page
and the search page's CSV download are built from the same description, so
the documentation and the files cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from policy_library.model.library import Library
from policy_library.model.records import Record

JSON_PATH = "records.json"
CSV_PATH = "records.csv"
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text" or "list"
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("id", "text", "The record's identifier: its file name in docs/records/ without .md. Stable; use it to join data."),
    Column("url", "text", "The record's page on this site, relative to the site's address (records/<id>/)."),
    Column("title", "text", "The document's title."),
    Column("summary", "text", "One to three sentences on what the document is and does."),
    Column("document_type", "text", "The kind of document, one value of the document-type list (e.g. Ordinance, Report)."),
    Column("policy_areas", "list", "The policy areas the document touches, values of the policy-area list."),
    Column("level", "text", "The level of government it comes from (Federal, State, County, Municipal, ...); empty for non-government sources."),
    Column("states", "list", "Two-letter USPS codes of the states (or DC, territories) it applies to; empty for national documents."),
    Column("jurisdiction", "text", "The city, county or other body it applies to, as written by the editor (e.g. King County)."),
    Column("date", "text", "Adoption or publication date as YYYY, YYYY-MM or YYYY-MM-DD, as precise as known; empty if unknown."),
    Column("organization", "text", "The author or publisher."),
    Column("source_url", "text", "Where the original document is published."),
    Column("tags", "list", "Short keywords chosen by the editors."),
    Column("language", "text", "The document's language: en (English) or es (Spanish)."),
    Column("related", "list", "Ids of records the editors marked as related (listed both ways)."),
    Column("amends", "list", "Ids of records this document amends."),
    Column("file", "text", "Path of an archived copy served by this site, relative to the site's address; empty if none."),
)


def record_data(record: Record, related: list[str]) -> dict[str, Any]:
    """One record as plain JSON values: lists stay lists, missing values are null."""
    return {
        "id": record.id,
        "url": record.url,
        "title": record.title,
        "summary": record.summary,
        "document_type": record.document_type,
        "policy_areas": list(record.policy_areas),
        "level": record.level,
        "states": list(record.states),
        "jurisdiction": record.jurisdiction,
        "date": record.date.iso() if record.date else None,
        "organization": record.organization,
        "source_url": record.source_url,
        "tags": list(record.tags),
        "language": record.language,
        "related": related,
        "amends": list(record.amends),
        "file": record.file,
    }


def library_data(library: Library) -> list[dict[str, Any]]:
    """Every record, newest first, as records.json has them."""
    return [record_data(r, list(library.related_of.get(r.id, []))) for r in library.newest_first()]


def to_json(rows: list[dict[str, Any]]) -> bytes:
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def neutralise(text: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe, so it stays text.

    Spreadsheets fold full-width signs (U+FF1D for =) to ASCII before deciding, so the first
    character is compared in NFKC. A cell that already starts with an apostrophe gets one
    more: import then takes off exactly one, and every cell reads back as it was.
    """
    first = unicodedata.normalize("NFKC", text[:1])
    return "'" + text if first.startswith((*FORMULA_STARTS, "'")) else text


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(str(v) for v in value))
    return neutralise(str(value))


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    """RFC 4180 CSV with a header row, CRLF line ends, UTF-8 with a byte-order mark for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in COLUMNS])
    for row in rows:
        writer.writerow([cell(row[c.name]) for c in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
