"""The record codes by column, the smallest plain JSON the page can read before its first result.

The page fetches every record's date and facet codes at once (fragments.py
keeps the text out). Row by row (data.py's ROW without its text, `[null, null,
null, null, date, [[..], ..]]`) that is mostly brackets and repeated shapes; by column it is runs of small
numbers, which gzip packs far better: dates as differences from the record
before (records are newest first), a field that holds at most one value as
that value's position plus one (0: none), a field of at most `MASK_VALUES`
values as a bit mask, and any other field as lists. facets.js unpacks it.
"""

from __future__ import annotations

from typing import Any

from policy_library.search.data import CODES_COLUMN, DATE_COLUMN

MASK_VALUES = 30  # bit masks stay within JavaScript's 32-bit integer operations


def _column(codes: list[list[int]], values: int) -> dict[str, Any]:
    if all(len(c) <= 1 for c in codes):
        return {"one": [c[0] + 1 if c else 0 for c in codes]}
    if values <= MASK_VALUES:
        return {"mask": [sum(1 << v for v in set(c)) for c in codes]}
    return {"lists": codes}


def pack(data: dict[str, Any]) -> dict[str, Any]:
    """`data` (split_data's codes: rows without text) with its rows as columns."""
    rows = data["records"]
    dates: list[int] = []
    previous = 0
    for row in rows:
        dates.append(previous - row[DATE_COLUMN])
        previous = row[DATE_COLUMN]
    fields = [[row[CODES_COLUMN][f] for row in rows] for f in range(len(data["facets"]))]
    columns = [_column(codes, len(facet["values"])) for codes, facet in zip(fields, data["facets"], strict=True)]
    packed = {key: value for key, value in data.items() if key != "records"}
    packed["columns"] = {"count": len(rows), "dates": dates, "codes": columns}
    return packed
