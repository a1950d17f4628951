"""The Lunr index as the site ships it: a manifest, shards and term lists (shards.py), written straight from the postings.

No monolithic index is built on the way: each record's counted terms
(analysis.py, reused between builds through `Analyses`) are assembled into
postings with lunr.py's numbers and scores (assembly.py) and cut into shards.
The tests tie the result to lunr.py through writer.serialized_index.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from lunr import __TARGET_JS_VERSION__

from ..records import Record
from .analysis import FIELD_NAMES, Analyses
from .assembly import assemble
from .shards import Shards, cut, front_code

Namer = Callable[[str, str, bytes], str]  # (stem, suffix, content) -> the file's content-hashed path


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """The index is millions of small lists and tuples, none of them in a cycle: without this,
    the garbage collector walks them again and again (a third of the time at 10,000 records)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def index_files(records: Sequence[Record], name: Namer, analyses: Analyses | None = None) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and every file of the index (the manifest included) by path."""
    with _no_gc_pauses():
        return _index_files(records, name, analyses)


def _index_files(records: Sequence[Record], name: Namer, analyses: Analyses | None) -> tuple[str, dict[str, bytes]]:
    postings = assemble((analyses or Analyses()).of(records))
    return shard_files(cut(postings.entries(), __TARGET_JS_VERSION__, list(FIELD_NAMES), []), name)


def shard_files(sharded: Shards, name: Namer) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and the manifest, shards and term lists of `sharded` by path."""
    files = {name("shard", ".json", content): content for content in map(_compact, sharded.shards)}
    # Shards and term lists are named relative to the manifest, which sits in the same folder.
    sharded.manifest["shards"] = [path.rsplit("/", 1)[1] for path in files]
    for key, terms in sharded.lists.items():
        content = _compact(front_code(terms))
        path = name("words", ".json", content)
        files[path] = content
        sharded.manifest["lists"][key] = path.rsplit("/", 1)[1]
    manifest = _compact(sharded.manifest)
    manifest_path = name("terms", ".json", manifest)
    return manifest_path, {manifest_path: manifest, **files}
