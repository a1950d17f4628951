"""The record data split for the page: codes for every record, text in fragments of consecutive records."""

from __future__ import annotations

from generator.index.fragments import split_data


def test_text_moves_into_fragments_and_codes_stay_for_every_record() -> None:
    rows = [[f"id{i}", f"Title {i}", f"Summary {i}", "King County" if i % 2 else "", 20200101 + i, [[i % 3], [], [], [], [], [0]]] for i in range(37)]
    data = {"url": "records/{id}/", "facets": [], "records": rows}
    codes, fragments, titles = split_data(data, chunk=16)
    assert [row[4:] for row in codes["records"]] == [row[4:] for row in rows]
    assert all(row[:4] == [None] * 4 for row in codes["records"])
    assert [len(f) for f in fragments] == [16, 16, 5]
    assert [row for fragment in fragments for row in fragment] == [row[:4] for row in rows]
    assert titles == [row[1] for row in rows]
    assert codes["url"] == data["url"] and data["records"] is rows
