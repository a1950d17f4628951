"""Files the search page fetches only when a visitor asks for what they serve, named by a hash of their content.

- the citation description (site/citations.py), for the citations of a search's results;
- each filter value's feed (browse pages' feeds), for the feed link of a search with one filter value;
- each record's id as a 32-bit FNV-1a hash, in the search's record order, for saved searches: the
  visitor's browser keeps the hashes of a search's results when it is saved and later counts the
  results whose hash it did not keep. Four bytes a record, whatever its id.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from policy_library.site.browse import Browse

FOLDER = "assets/library/search"
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the text's UTF-8 bytes; saved.js computes the same."""
    h = FNV_OFFSET
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return h


def id_hashes(ids: Iterable[str]) -> bytes:
    """Little-endian unsigned 32-bit hashes, one per id, in order."""
    values = [fnv1a(i) for i in ids]
    return struct.pack(f"<{len(values)}I", *values)


def feeds(browse: Browse) -> dict[str, dict[str, str]]:
    """field -> value -> its feed, relative to the site root."""
    out: dict[str, dict[str, str]] = {}
    for group in browse.groups():
        out.setdefault(group.facet.field, {})[group.value] = group.feed
    return out


@dataclass(frozen=True)
class PageFiles:
    files: dict[str, bytes]  # path relative to the site root -> content
    paths: dict[str, str]  # "citation", "feeds", "ids" -> path relative to the site root


def _named(stem: str, suffix: str, content: bytes) -> str:
    return f"{FOLDER}/{stem}.{hashlib.sha256(content).hexdigest()[:12]}{suffix}"


def page_files(citation: Mapping[str, Any], browse: Browse, ids: Iterable[str]) -> PageFiles:
    contents = {
        "citation": (".json", json.dumps(citation, ensure_ascii=False, separators=(",", ":")).encode("utf-8")),
        "feeds": (".json", json.dumps(feeds(browse), ensure_ascii=False, separators=(",", ":")).encode("utf-8")),
        "ids": (".bin", id_hashes(ids)),
    }
    files: dict[str, bytes] = {}
    paths: dict[str, str] = {}
    for name, (suffix, content) in contents.items():
        paths[name] = _named(name, suffix, content)
        files[paths[name]] = content
    return PageFiles(files, paths)
