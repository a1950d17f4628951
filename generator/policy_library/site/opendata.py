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
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from policy_library.model.dates import PartialDate
from policy_library.model.library import Library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy

JSON_PATH = "records.json"
CSV_PATH = "records.csv"
LIST_SEPARATOR = "; "
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text" or "list"
    meaning: str  # in English
    meaning_l10n: Mapping[str, str] = field(default_factory=dict)  # in the site's other languages: {"es": "..."}

    def meaning_in(self, language: str = "en") -> str:
        return (self.meaning_l10n.get(language) if language != "en" else None) or self.meaning


RECORD_COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "text",
        "The record's identifier: its file name in docs/records/ without .md. Stable; use it to join data.",
        {"es": "El identificador del registro: su nombre de archivo en docs/records/ sin .md. Es estable; úselo para combinar datos."},
    ),
    Column(
        "url",
        "text",
        "The record's page on this site: its full address when the site's address (site_url) is set, else relative to the site's address (records/<id>/).",
        {
            "es": "La página del registro en este sitio: su dirección completa cuando se conoce la dirección del sitio (site_url); si no, relativa "
            "a la dirección del sitio (records/<id>/; en español, es/records/<id>/)."
        },
    ),
)


def columns(taxonomy: Taxonomy) -> tuple[Column, ...]:
    """The record's id and page, then every field of the registry, in its order."""
    return RECORD_COLUMNS + tuple(Column(f.csv_column, "list" if f.multiple else "text", f.meaning, f.meaning_l10n) for f in taxonomy.fields.values())


COLUMNS = columns(Taxonomy.from_config())


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, PartialDate):
        return value.iso()
    return value if value != "" else None


def page_address(path: str, site_url: str | None = None) -> str:
    """A page or file of the site as the open data, downloads and feeds name it: absolute when the
    site's address is known, so that it works outside the site; else relative to the site's root."""
    return site_url.rstrip("/") + "/" + path if site_url else path


def record_data(record: Record, related: list[str], taxonomy: Taxonomy | None = None, site_url: str | None = None) -> dict[str, Any]:
    """One record as plain JSON values: lists stay lists, missing values are null."""
    registry = taxonomy or Taxonomy.from_config()
    row: dict[str, Any] = {"id": record.id, "url": page_address(record.url, site_url)}
    for spec in registry.fields.values():
        value = related if spec.name == "related" else record.value(spec.name)
        row[spec.csv_column] = _plain(value) if value is not None else ([] if spec.multiple else None)
    return row


def library_data(library: Library, site_url: str | None = None) -> list[dict[str, Any]]:
    """Every record, newest first, as records.json has them."""
    return [record_data(r, list(library.related_of.get(r.id, [])), library.taxonomy, site_url) for r in library.newest_first()]


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


def to_csv(rows: list[dict[str, Any]], taxonomy: Taxonomy | None = None) -> bytes:
    """RFC 4180 CSV with a header row, CRLF line ends, UTF-8 with a byte-order mark for spreadsheets."""
    names = [c.name for c in (columns(taxonomy) if taxonomy else COLUMNS)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([cell(row[name]) for name in names])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
