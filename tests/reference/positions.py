"""The shipped index as it should be: lunr.py's index cut by term, with each shard's word positions computed here from the records' words."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate

from policy_library.model.records import Record
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed, field_texts
from policy_library.search.sharded import Namer
from policy_library.search.shards import compact, front_code
from policy_library.search.text import query_stop_words, stem, stop_words, words

from tests.reference.lunr_build import build_index
from tests.reference.shards import shard_files, split


def field_sequences(record: Record, fields: Indexed = INDEXED_FIELDS) -> list[list[str | None]]:
    """Each field's terms in word order; None for a stop word, which holds its place."""
    stops = stop_words(record.language)
    texts = field_texts(record, fields)
    return [[None if w in stops else stem(w, record.language) for w in words(texts[name])] for name, _ in fields]


def _gaps(where: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *where], where, strict=False)]


def expected_index_files(
    records: Sequence[Record],
    name: Namer,
    glossary: Sequence[Sequence[str]] = (),
    target_postings: int | None = None,
    fields: Indexed = INDEXED_FIELDS,
) -> tuple[str, dict[str, bytes]]:
    """The manifest's path and every index file by path, as the build should write them for `records` indexed by `fields`."""
    sequences = [field_sequences(r, fields) for r in records]
    cut = split(build_index(records, fields).serialize(), **({"target_postings": target_postings} if target_postings else {}))
    positions = []
    for shard in cut.shards:
        entries = []
        for term, _, *lists in shard:
            # A shard names a field's records by the gaps between their numbers.
            entries.append([[_gaps([i for i, t in enumerate(sequences[n][field]) if t == term]) for n in accumulate(gaps)] for field, gaps, _ in lists])
        positions.append(compact(entries))
    manifest_path, files = shard_files(cut, name)
    manifest = json.loads(files.pop(manifest_path))
    position_names = [name("positions", ".json", content) for content in positions]
    manifest["glossary"] = [list(group) for group in glossary]
    manifest["positions"] = [path.rsplit("/", 1)[1] for path in position_names]
    files.update(zip(position_names, positions, strict=True))
    # Each word of two letters or more, not a stop word, with the number of records holding it; by first letter.
    counts: Counter[str] = Counter()
    for record in records:
        counts.update({w for text in field_texts(record, fields).values() for w in words(text) if len(w) > 1 and w not in query_stop_words()})
    manifest["words"] = {}
    for first in sorted({w[0] for w in counts}):
        ws = sorted(w for w in counts if w[0] == first)
        content = compact([front_code(ws), [counts[w] for w in ws]])
        path = name("dictionary", ".json", content)
        files[path] = content
        manifest["words"][str(int.from_bytes(first.encode("utf-16-le", "surrogatepass")[:2], "little"))] = path.rsplit("/", 1)[1]
    content = compact(manifest)
    path = name("terms", ".json", content)
    return path, {path: content, **files}
