"""The record codes by column: the same dates and values, in fewer bytes."""

from __future__ import annotations

import gzip
import json

from policy_library.search.columns import pack
from policy_library.search.fragments import split_data

from tests.reference.columns import unpack


def _data(n: int) -> dict:
    facets = [
        {"field": f, "label": f, "values": [f"{f}{v}" for v in range(k)], "labels": [f"{f}{v}" for v in range(k)]}
        for f, k in (("type", 15), ("areas", 15), ("states", 57), ("language", 2))
    ]
    rows = []
    for i in range(n):
        date = 0 if i > n - 5 else (2025 - i // 336) * 10000 + (12 - i // 28 % 12) * 100 + 28 - i % 28
        codes = [[i % 15], sorted({i % 15, i % 7, i % 4}), [i % 57, (i * 7) % 57] if i % 3 else [], [] if i % 10 == 0 else [i % 2]]
        rows.append([f"id{i}", f"Title {i}", f"Summary {i}", "", date, codes])
    return split_data({"url": "records/{id}/", "facets": facets, "records": rows})[0]


def test_columns_give_back_every_records_date_and_values() -> None:
    codes = _data(500)
    packed = pack(codes)
    assert "records" not in packed and packed["url"] == codes["url"] and packed["facets"] == codes["facets"]
    assert [row[:5] for row in unpack(packed)] == [row[:5] for row in codes["records"]]
    # A value set (a mask) comes back in value order, as the filters list values.
    assert [[sorted(set(c)) for c in row[5]] for row in unpack(packed)] == [[sorted(set(c)) for c in row[5]] for row in codes["records"]]
    assert {next(iter(c)) for c in packed["columns"]["codes"]} == {"one", "mask", "lists"}


def test_columns_are_smaller_than_rows_once_gzipped() -> None:
    codes = _data(2000)
    size = lambda value: len(gzip.compress(json.dumps(value, separators=(",", ":")).encode()))  # noqa: E731
    assert size(pack(codes)) < 0.75 * size(codes)
