"""lunr.py's own index of the records: the reference the build's index files are checked against."""

from __future__ import annotations

from collections.abc import Sequence

from lunr.builder import Builder
from lunr.index import Index
from lunr.token_set import TokenSet
from policy_library.model.records import Record
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed, field_texts, ref_of
from policy_library.search.text import terms


def build_index(records: Sequence[Record], fields: Indexed = INDEXED_FIELDS) -> Index:
    """A lunr.py index of the records; each record's ref is its position in `records`."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in fields:
        builder.field(name, boost=boost)
    for position, record in enumerate(records):
        doc: dict[str, object] = {"ref": ref_of(position)}
        for name, text in field_texts(record, fields).items():
            doc[name] = terms(text, record.language)
        builder.add(doc)
    if not records:
        # lunr.py divides by the number of documents: an empty library (a new one, or one
        # whose only records are being fixed under `mkdocs serve`) gets an index that finds nothing.
        return Index(
            inverted_index={}, field_vectors={}, token_set=TokenSet.from_list([]), fields=[name for name, _ in fields], pipeline=builder.search_pipeline
        )
    return builder.build()
