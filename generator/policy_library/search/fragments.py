"""The record data split for a big library: compact codes for every record, and one small text file per record.

Filters, counts and sorting by date need every record, but only as small
integers (data.py's dates and facet codes); what a result shows (its title,
summary, link and the line under its title) is needed only for the twenty
results on screen. So the codes of every record go into one file, and each
record's text into a fragment of its own, named by the record's index ref: a
text search shows its first results from the index and their twenty fragments
alone, before the codes have arrived. For sorting by title, one list of titles.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from policy_library.model.attachments import kind_of
from policy_library.model.records import Record
from policy_library.search.data import CODES_COLUMN, DATE_COLUMN, TEXT_COLUMNS
from policy_library.search.lunr_index import field_texts

# What a result shows of a record, position by position: one fragment file per record
# (fragments.js reads it in this order). `meta` is the line under the title
# (result_facts()' parts, as the pages the build writes show them), in no language
# of its own: each part is text shown as it is, a date number, or a list of
# [field, value] pairs that the page names in its language (render.js metaText);
# `language` picks the stemmer that highlights the matched words, and marks the
# record's text with its language.
FRAGMENT = ("id", "url", "title", "summary", "meta", "language")


def human_date(key: int) -> str:
    """data.py's date number for people, as dates.PartialDate.human() writes it ("" for none)."""
    if not key:
        return ""
    year, month, day = key // 10000, key // 100 % 100, key % 100
    if not month:
        return str(year)
    name = calendar.month_name[month]
    return f"{name} {day}, {year}" if day else f"{name} {year}"


def result_facts(document_type: Any, level: Any, place: Any, organization: Any, date: Any, language: Any) -> list[Any]:
    """The line under a result's title, in one order wherever records are listed
    (search results, browse pages, a record's related records): what it is, at
    which level of government and where, who published it, when, and its
    language when it is not English. Empty parts are left out."""
    return [part for part in (document_type, level, place, organization, date, language) if part]


def fragments(data: dict[str, Any]) -> list[list[Any]]:
    """Each record's FRAGMENT."""
    facets = {facet["field"]: (f, facet) for f, facet in enumerate(data["facets"])}

    def values(row: list[Any], field: str, key: str) -> list[str]:
        if field not in facets:
            return []
        f, facet = facets[field]
        return [facet[key][c] for c in row[CODES_COLUMN][f]]

    def named(row: list[Any], field: str) -> list[list[str]]:
        return [[field, value] for value in values(row, field, "values")]

    out = []
    for row in data["records"]:
        record_id, title, summary, jurisdiction = row[:TEXT_COLUMNS]
        language = (values(row, "language", "values") or ["en"])[0]
        meta: list[Any] = result_facts(
            named(row, "document_type"),
            named(row, "level"),
            jurisdiction or named(row, "states"),
            ", ".join(values(row, "organization", "labels")),
            row[DATE_COLUMN],
            named(row, "language")[:1] if language != "en" else "",
        )
        out.append([record_id, data["url"].replace("{id}", record_id), title, summary, meta, language])  # FRAGMENT
    return out


def split_data(data: dict[str, Any]) -> tuple[dict[str, Any], list[list[Any]], list[str]]:
    """The data without the text columns, one fragment per record, and the titles, all in record order."""
    rows = data["records"]
    compact = [[None] * TEXT_COLUMNS + list(row[TEXT_COLUMNS:]) for row in rows]
    return {**data, "records": compact}, fragments(data), [row[1] for row in rows]


# Markdown's marks (emphasis, headings, quotes, tables, link brackets), which an excerpt shows as plain text.
_MARKDOWN = re.compile(r"[*_#>`|\[\]]+|^\s*[-+]\s+", re.MULTILINE)
# The fields an excerpt may come from besides the summary (which a result shows whole), in the order tried.
PASSAGE_FIELDS = ("body", "attachment")
# An excerpt is cut from this much of each (a book-length attachment would make every result showing it slow).
MAX_PASSAGE = 100_000


def passages(record: Record) -> dict[str, str]:
    """The text an excerpt is cut from: the record's body and its attachment's text, as plain text.

    Shipped one file per record and fetched only for the results on screen, after their
    fragments: a result shows at once, its excerpt a moment later.
    """
    texts = field_texts(record)
    out = {name: " ".join(_MARKDOWN.sub(" ", texts[name][:MAX_PASSAGE]).split()) for name in PASSAGE_FIELDS if texts.get(name)}
    if "attachment" in out and record.file:
        out["kind"] = kind_of(record.file) or ""
    return out
