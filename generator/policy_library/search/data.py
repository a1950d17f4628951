"""The compact data the search page needs besides the index: what a result shows and what filters count.

Records come in index order (newest first), so a ref is an offset into
`records`. Facet values are stored once per field, in the order the filters
show them, and each record holds the positions of its values: counting a
filter is then a pass over small integers, with no Lunr involved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy

# A record's row in `records`, position by position: its text, its date as a number
# (YYYYMMDD, 0 for none; dates.PartialDate.sort_key) and, per filter, the positions
# of its values in that filter's `values`. facets.js reads rows in this order;
# fragments.py takes the text out, and columns.py packs the rest by column.
ROW = ("id", "title", "summary", "jurisdiction", "date", "codes")
DATE_COLUMN = ROW.index("date")
CODES_COLUMN = ROW.index("codes")
TEXT_COLUMNS = DATE_COLUMN  # the columns before the date are text


def facet_values(record: Record, field: str) -> tuple[str, ...]:
    return record.values(field)


def vocabularies(records: Sequence[Record], taxonomy: Taxonomy) -> dict[str, dict[str, str]]:
    """Every filter's values, in filter order, with their labels: the registry's, else the records' by count."""
    out: dict[str, dict[str, str]] = {}
    for spec in taxonomy.facets:
        order = taxonomy.value_order(spec.name)
        if order is None:
            found = Counter(v for r in records for v in r.values(spec.name))
            order = sorted(found, key=lambda v: (-found[v], v.casefold()))
        out[spec.name] = {v: taxonomy.value_label(spec.name, v) for v in order}
    return out


def search_data(records: Sequence[Record], taxonomy: Taxonomy) -> dict[str, Any]:
    vocab = vocabularies(records, taxonomy)
    facets = taxonomy.facets
    positions = {field: {v: i for i, v in enumerate(values)} for field, values in vocab.items()}
    rows = []
    by_facet = [(spec.name, positions[spec.name]) for spec in facets]
    for record in records:
        values = record.values
        codes = [[at[v] for v in values(name) if v in at] for name, at in by_facet]
        date = record.date.sort_key() if record.date else 0
        rows.append([record.id, record.title, record.summary, record.jurisdiction or "", date, codes])  # ROW
    return {
        "url": "records/{id}/",
        "facets": [
            {"field": spec.name, "label": spec.label_in(), "values": list(vocab[spec.name]), "labels": list(vocab[spec.name].values())} for spec in facets
        ],
        "records": rows,
    }
