"""The search files of the site: the Lunr index, the record data and lunr.js, under content-hashed names.

A name carries the hash of its content, and the home page names the files it
needs, so a redeploy never mixes an old index with new data (or a cached one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..library import Library
from .columns import pack
from .data import search_data
from .fragments import CHUNK, split_data
from .shards import front_code, split
from .vendor import lunr_module
from .writer import serialized_index

DIRECTORY = "assets/library/search"


@dataclass(frozen=True)
class SearchFiles:
    files: dict[str, bytes]  # path relative to the site root -> content
    index: str
    data: str
    lunr: str
    version: str  # changes whenever any of the files or the page's scripts change
    manifest: str = ""  # the index split by term (shards.py), which the page loads instead of `index`

    def write(self, site_dir: Path) -> None:
        for path, content in self.files.items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:12]


def _hashed(stem: str, suffix: str, content: bytes) -> str:
    return f"{DIRECTORY}/{stem}.{_digest(content)}{suffix}"


def build_search_files(library: Library, scripts: Iterable[Path] = ()) -> SearchFiles:
    """The files for `library`; `scripts` are the page's own JS files, which only enter the version."""
    records = library.newest_first()
    # Written directly (writer.py), the same JSON as lunr.py's build_index(records).serialize().
    serialized = serialized_index(records)
    index = _compact(serialized)
    sharded = split(serialized)
    shard_files = {_hashed("shard", ".json", content): content for content in map(_compact, sharded.shards)}
    # Shards are named relative to the manifest, which sits in the same folder.
    sharded.manifest["shards"] = [path.rsplit("/", 1)[1] for path in shard_files]
    list_files = {
        key: (_hashed("words", ".json", content), content) for key, content in ((key, _compact(front_code(terms))) for key, terms in sharded.lists.items())
    }
    sharded.manifest["lists"] = {key: path.rsplit("/", 1)[1] for key, (path, _) in list_files.items()}
    manifest = _compact(sharded.manifest)
    # The page loads every record's codes at once, and the text of a result only when it is shown.
    codes, chunks, titles = split_data(search_data(records, library.taxonomy))
    text_files = {_hashed("text", ".json", content): content for content in map(_compact, chunks)}
    titles_bytes = _compact(titles)
    titles_path = _hashed("titles", ".json", titles_bytes)
    codes["fragments"] = {"size": CHUNK, "files": [path.rsplit("/", 1)[1] for path in text_files], "titles": titles_path.rsplit("/", 1)[1]}
    data = _compact(pack(codes))
    lunr = lunr_module().encode("utf-8")
    paths = {
        "index": _hashed("index", ".json", index),
        "data": _hashed("records", ".json", data),
        "lunr": _hashed("lunr", ".js", lunr),
        "manifest": _hashed("terms", ".json", manifest),
    }
    version = _digest(index, data, lunr, manifest, *(p.read_bytes() for p in sorted(scripts)))
    return SearchFiles(
        files={
            paths["index"]: index,
            paths["data"]: data,
            paths["lunr"]: lunr,
            paths["manifest"]: manifest,
            **shard_files,
            **dict(list_files.values()),
            **text_files,
            titles_path: titles_bytes,
        },
        index=paths["index"],
        data=paths["data"],
        lunr=paths["lunr"],
        version=version,
        manifest=paths["manifest"],
    )
