"""The record codes by row again: the reference for facets.js's reader of columns.py's format."""

from __future__ import annotations

from typing import Any

from policy_library.search.columns import MASK_VALUES
from policy_library.search.data import TEXT_COLUMNS


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
