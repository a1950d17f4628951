"""The Lunr index as the site ships it: a manifest, shards and term lists (shards.py), written straight from the postings.

No monolithic index is built on the way: each record's counted terms
(analysis.py, reused between builds through `Analyses`) are assembled into
postings with lunr.py's numbers and scores (assembly.py) and cut into shards.
The tests tie the result to lunr.py through writer.serialized_index.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from lunr import __TARGET_JS_VERSION__

from ..records import Record
from .analysis import FIELD_NAMES, Analyses
from .assembly import assemble
from .shards import cut, front_code

Namer = Callable[[str, str, bytes], str]  # (stem, suffix, content) -> the file's content-hashed path


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def index_files(records: Sequence[Record], name: Namer, analyses: Analyses | None = None) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and every file of the index (the manifest included) by path."""
    postings = assemble((analyses or Analyses()).of(records))
    sharded = cut(postings.entries(), __TARGET_JS_VERSION__, list(FIELD_NAMES), [])
    del postings
    files = {name("shard", ".json", content): content for content in map(_compact, sharded.shards)}
    # Shards and term lists are named relative to the manifest, which sits in the same folder.
    sharded.manifest["shards"] = [path.rsplit("/", 1)[1] for path in files]
    lists = {key: _compact(front_code(terms)) for key, terms in sharded.lists.items()}
    for key, content in lists.items():
        path = name("words", ".json", content)
        files[path] = content
        sharded.manifest["lists"][key] = path.rsplit("/", 1)[1]
    manifest = _compact(sharded.manifest)
    manifest_path = name("terms", ".json", manifest)
    return manifest_path, {manifest_path: manifest, **files}
