"""The record codes by column, the smallest plain JSON the page can read before its first result.

The page fetches every record's date and facet codes at once (fragments.py
keeps the text out). Row by row, as `[null, null, null, null, date, [[..], ..]]`,
that is mostly brackets and repeated shapes; by column it is runs of small
numbers, which gzip packs far better: dates as differences from the record
before (records are newest first), a field that holds at most one value as
that value's position plus one (0: none), a field of at most `MASK_VALUES`
values as a bit mask, and any other field as lists. facets.js unpacks it.
"""

from __future__ import annotations

from typing import Any

from policy_library.search.fragments import TEXT_COLUMNS

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
        dates.append(previous - row[TEXT_COLUMNS])
        previous = row[TEXT_COLUMNS]
    fields = [[row[TEXT_COLUMNS + 1][f] for row in rows] for f in range(len(data["facets"]))]
    columns = [_column(codes, len(facet["values"])) for codes, facet in zip(fields, data["facets"], strict=True)]
    packed = {key: value for key, value in data.items() if key != "records"}
    packed["columns"] = {"count": len(rows), "dates": dates, "codes": columns}
    return packed


def unpack(packed: dict[str, Any]) -> list[list[Any]]:
    """The rows again (the reference for facets.js's reader)."""
    columns = packed["columns"]
    rows: list[list[Any]] = []
    date = 0
    for i in range(columns["count"]):
        date -= columns["dates"][i]
        codes: list[list[int]] = []
        for column in columns["codes"]:
            if "one" in column:
                codes.append([column["one"][i] - 1] if column["one"][i] else [])
            elif "mask" in column:
                codes.append([v for v in range(MASK_VALUES) if column["mask"][i] >> v & 1])
            else:
                codes.append(list(column["lists"][i]))
        rows.append([None] * TEXT_COLUMNS + [date, codes])
    return rows
