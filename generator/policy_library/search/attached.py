"""What the page needs of records' attached documents: which kind each is, and their text to quote.

A result whose words matched only in the `attachment` field says so ("in the
attached PDF"); its excerpt comes from the document's text, which is shipped
one file per record (named by its ref, like the fragments) and fetched only
for a result that needs it.
"""

from __future__ import annotations

from collections.abc import Sequence

from policy_library.model.attachments import kind_of
from policy_library.model.records import Record
from policy_library.search.lunr_index import ref_of


def descriptor(record: Record) -> list[str] | None:
    """[kind, path from the site root] of a record whose attached document has searchable text, else None."""
    if not record.file or not record.attachment:
        return None
    kind = kind_of(record.file)
    return [kind, record.file] if kind else None


def texts_by_ref(records: Sequence[Record]) -> dict[str, str]:
    """Each attached text by the ref of its record (records in index order)."""
    return {ref_of(n): record.attachment for n, record in enumerate(records) if descriptor(record) is not None}
