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
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy

# Field (the URL parameter), and the filter's heading.
FACETS: tuple[tuple[str, str], ...] = (
    ("document_type", "Document type"),
    ("policy_areas", "Policy area"),
    ("level", "Level of government"),
    ("states", "State"),
    ("organization", "Source"),
    ("language", "Language"),
)


def facet_values(record: Record, field: str) -> tuple[str, ...]:
    value: Any = getattr(record, field)
    if value is None:
        return ()
    if isinstance(value, tuple):
        return value
    return (value,)


def vocabularies(records: Sequence[Record], taxonomy: Taxonomy) -> dict[str, dict[str, str]]:
    """Every field's values, in filter order, with their labels."""
    organizations = Counter(r.organization for r in records if r.organization)
    by_count = sorted(organizations, key=lambda o: (-organizations[o], o.casefold()))
    return {
        "document_type": dict(taxonomy.document_types.labels),
        "policy_areas": dict(taxonomy.policy_areas.labels),
        "level": dict(taxonomy.levels.labels),
        "states": dict(sorted(STATES.items(), key=lambda item: item[1])),
        "organization": {o: o for o in by_count},
        "language": dict(LANGUAGES),
    }


def search_data(records: Sequence[Record], taxonomy: Taxonomy) -> dict[str, Any]:
    vocab = vocabularies(records, taxonomy)
    positions = {field: {v: i for i, v in enumerate(values)} for field, values in vocab.items()}
    rows = []
    for record in records:
        codes = [[positions[field][v] for v in facet_values(record, field) if v in positions[field]] for field, _ in FACETS]
        date = record.date.sort_key() if record.date else 0
        rows.append([record.id, record.title, record.summary, record.jurisdiction or "", date, codes])
    return {
        "url": "records/{id}/",
        "facets": [{"field": field, "label": label, "values": list(vocab[field]), "labels": list(vocab[field].values())} for field, label in FACETS],
        "records": rows,
    }
