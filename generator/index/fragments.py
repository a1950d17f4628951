"""The record data split for a big library: compact codes for every record, text loaded per page of results.

Filters, counts and sorting by date need every record, but only as small
integers (data.py's dates and facet codes); a result's id, title, summary and
jurisdiction are needed only for the twenty results shown. So the data file
keeps the codes of every record, and the text goes into fragments of
`CHUNK` consecutive records (records are newest first, so the home page's
first page is one fragment) and, for sorting by title, one list of titles.
"""

from __future__ import annotations

from typing import Any

CHUNK = 16
TEXT_COLUMNS = 4  # id, title, summary, jurisdiction: data.py's first columns


def split_data(data: dict[str, Any], chunk: int = CHUNK) -> tuple[dict[str, Any], list[list[Any]], list[str]]:
    """The data without the text columns, the fragments, and the titles in record order."""
    rows = data["records"]
    compact = [[None] * TEXT_COLUMNS + list(row[TEXT_COLUMNS:]) for row in rows]
    fragments = [[row[:TEXT_COLUMNS] for row in rows[start : start + chunk]] for start in range(0, len(rows), chunk)]
    return {**data, "records": compact}, fragments, [row[1] for row in rows]
