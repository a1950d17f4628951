"""The record data split for the page: codes for every record, and one fragment per record with what its result shows."""

from __future__ import annotations

from policy_library.search.fragments import human_date, split_data

FACETS = [
    {"field": "document_type", "label": "Document type", "values": ["ordinance", "report"], "labels": ["Ordinance", "Report"]},
    {"field": "language", "label": "Language", "values": ["en", "es"], "labels": ["English", "Español"]},
]


def test_text_moves_into_one_fragment_per_record_and_codes_stay_for_every_record() -> None:
    rows = [[f"id{i}", f"Title {i}", f"Summary {i}", "King County" if i % 2 else "", 20200101 + i, [[i % 2], [int(i % 3 == 0)]]] for i in range(37)]
    data = {"url": "records/{id}/", "facets": FACETS, "records": rows}
    codes, fragments, titles = split_data(data)
    assert [row[4:] for row in codes["records"]] == [row[4:] for row in rows]
    assert all(row[:4] == [None] * 4 for row in codes["records"])
    assert len(fragments) == len(rows) and titles == [row[1] for row in rows]
    assert [f[:4] for f in fragments] == [[row[0], f"records/{row[0]}/", row[1], row[2]] for row in rows]
    assert codes["url"] == data["url"] and data["records"] is rows


def test_a_fragment_carries_the_line_under_a_results_title() -> None:
    rows = [
        ["a", "A", "S", "King County", 20170125, [[0], [0]]],
        ["b", "B", "S", "", 201703 * 100, [[1], [1]]],
        ["c", "C", "S", "Texas", 0, [[1], []]],
    ]
    fragments = split_data({"url": "records/{id}/", "facets": FACETS, "records": rows})[1]
    # In no language of its own: values as [field, value] pairs and the date as a number, which the page names in its language.
    assert [(f[4], f[5]) for f in fragments] == [
        ([[["document_type", "ordinance"]], "King County", 20170125], "en"),
        ([[["document_type", "report"]], 20170300, [["language", "es"]]], "es"),
        ([[["document_type", "report"]], "Texas"], "en"),
    ]


def test_dates_read_as_the_record_pages_write_them() -> None:
    from policy_library.model.dates import PartialDate

    for text in ("2017", "2017-02", "2017-02-09", "1999-12-31"):
        date = PartialDate.parse(text)
        assert human_date(date.sort_key()) == date.human()
    assert human_date(0) == ""
