"""What the Lunr index of the library holds: its fields with their boosts, each record's text per field, and its refs.

The build writes the index itself, split by term (analysis.py, assembly.py,
sharded.py), in the format lunr.js 2.3.9 reads; the tests check it against
lunr.py's own index of the same fields (tests/reference/lunr_build.py). The
terms are already stemmed in each record's own language, so the pipeline is
empty and the index holds exactly the terms the browser's query.js looks up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from policy_library.model.fields import DEFAULT_FIELDS, Field
from policy_library.model.records import Record

# The index's fields in order, each with its boost: what `indexed_fields` makes of a registry.
Indexed = tuple[tuple[str, float], ...]
# The record's own text and its attached document's, which no registry entry describes.
TEXT_FIELDS: Indexed = (("body", 1), ("attachment", 0.5))


def indexed_fields(registry: Iterable[Field]) -> Indexed:
    """Field name and boost of every field with a search weight in `registry` (the library's own
    included), heaviest first and otherwise in registry order; then the body, and the attached
    document's text least (a half is exact in binary: lunr.js and lunr.py agree to the bit).

    The manifest ships the names in this order, and the page reads each field's scores from
    the shards by number: nothing in the browser lists the fields itself."""
    return (*sorted(((f.name, f.weight) for f in registry if f.weight), key=lambda field: -field[1]), *TEXT_FIELDS)


# The fields of a library that declares none of its own (what most tests index).
INDEXED_FIELDS: Indexed = indexed_fields(DEFAULT_FIELDS)

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def ref_of(position: int) -> str:
    """A record's ref: its position in the data file, in base 36 (a shard names it by number, the browser writes it back with toString(36))."""
    if position == 0:
        return "0"
    out = ""
    while position:
        position, digit = divmod(position, 36)
        out = _DIGITS[digit] + out
    return out


def field_texts(record: Record, fields: Indexed = INDEXED_FIELDS) -> dict[str, str]:
    """Each indexed field's text, in the index's field order."""
    texts = {name: " ; ".join(record.values(name)) for name, _ in fields if name not in ("body", "attachment")}
    # Link targets in the body are URLs, not words a visitor searches for.
    texts["body"] = _LINK_TARGET.sub("]", record.body)
    texts["attachment"] = _LINK_TARGET.sub("]", record.attachment)
    return texts
