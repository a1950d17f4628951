"""The Lunr index of the library, in the format lunr.js 2.3.9 loads with `lunr.Index.load`.

lunr.py writes it: the documents it receives are already lists of terms
(text.terms, in each record's own language), so its pipeline is empty and the
index holds exactly the terms the browser's query.js looks up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lunr.builder import Builder
from lunr.index import Index
from lunr.token_set import TokenSet

from policy_library.model.fields import DEFAULT_FIELDS
from policy_library.model.records import Record
from policy_library.search.text import terms

# Field name and boost, from the field registry's search weights (the title weighs most, then
# summary and tags, then the rest), heaviest first; then the body, the record's text, and the
# attached document's text least (a half is exact in binary: lunr.js and lunr.py agree to the bit).
INDEXED_FIELDS: tuple[tuple[str, float], ...] = (
    *sorted(((f.name, f.weight) for f in DEFAULT_FIELDS if f.weight), key=lambda field: -field[1]),
    ("body", 1),
    ("attachment", 0.5),
)

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def ref_of(position: int) -> str:
    """A record's ref: its position in the data file, in base 36 (parseInt(ref, 36) in the browser)."""
    if position == 0:
        return "0"
    out = ""
    while position:
        position, digit = divmod(position, 36)
        out = _DIGITS[digit] + out
    return out


def field_texts(record: Record) -> dict[str, str]:
    texts = {name: " ; ".join(record.values(name)) for name, _ in INDEXED_FIELDS if name not in ("body", "attachment")}
    # Link targets in the body are URLs, not words a visitor searches for.
    texts["body"] = _LINK_TARGET.sub("]", record.body)
    texts["attachment"] = _LINK_TARGET.sub("]", record.attachment)
    return texts


def build_index(records: Sequence[Record]) -> Index:
    """A lunr.py index of the records; each record's ref is its position in `records`."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in INDEXED_FIELDS:
        builder.field(name, boost=boost)
    for position, record in enumerate(records):
        doc: dict[str, object] = {"ref": ref_of(position)}
        for name, text in field_texts(record).items():
            doc[name] = terms(text, record.language)
        builder.add(doc)
    if not records:
        # lunr.py divides by the number of documents: an empty library (a new one, or one
        # whose only records are being fixed under `mkdocs serve`) gets an index that finds nothing.
        return Index(
            inverted_index={}, field_vectors={}, token_set=TokenSet.from_list([]), fields=[name for name, _ in INDEXED_FIELDS], pipeline=builder.search_pipeline
        )
    return builder.build()
