"""A Lunr index split by term, so that a visitor downloads what a query needs, not the whole index.

lunr.js scores a record by the dot product of the query vector with the
record's field vectors, divided by the query vector's magnitude only
(`lunr.Vector.prototype.similarity`). An index cut by term, where each shard
holds the postings of its terms together with those terms' entries of the
field vectors, under the monolithic index's global term numbers and BM25
scores, therefore gives exactly the monolithic scores: the browser
(overrides/assets/library/shards.js) fetches the term list once, expands a
query's words against it (prefix and typo), fetches only the shards of the
terms found, and runs lunr.js on an index made of those shards alone.

Files:
- the manifest: fields, pipeline, the sorted term list front-coded into one
  string (a term is the length it shares with the previous term, as one
  character from "0", then the rest of it; terms are separated by newlines),
  the position in that list of each shard's first term, and the shards' names;
- one shard per run of consecutive terms, each `[term, termIndex, [fieldNo,
  [refs], [scores]], ...]`, cut when its postings reach a target size.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Postings (ref and score pairs) per shard before it is cut: about 20 KB of JSON, 6 KB gzipped.
TARGET_POSTINGS = 1500
FRONT_CODE_BASE = 48  # "0": the shared-prefix length is written as one character from here


@dataclass(frozen=True)
class Shards:
    manifest: dict[str, Any]  # "shards" names are filled in by the caller (content-hashed paths)
    shards: list[list[Any]]


def front_code(terms: list[str]) -> str:
    out: list[str] = []
    previous = ""
    for term in terms:
        shared = 0
        limit = min(len(previous), len(term), 0xFFFF - FRONT_CODE_BASE)
        while shared < limit and previous[shared] == term[shared]:
            shared += 1
        out.append(chr(FRONT_CODE_BASE + shared) + term[shared:])
        previous = term
    return "\n".join(out)


def front_decode(coded: str) -> list[str]:
    terms: list[str] = []
    previous = ""
    for entry in coded.split("\n") if coded else []:
        term = previous[: ord(entry[0]) - FRONT_CODE_BASE] + entry[1:]
        terms.append(term)
        previous = term
    return terms


def split(serialized: Mapping[str, Any], target_postings: int = TARGET_POSTINGS) -> Shards:
    """Cut a serialized Lunr index (lunr.py's `Index.serialize()`) into a manifest and shards."""
    fields: list[str] = list(serialized["fields"])
    field_no = {name: i for i, name in enumerate(fields)}
    # Invert the field vectors: per term number and field, the refs and their scores. The
    # vectors come in document order, so each list of refs keeps the posting's order.
    inverted: dict[int, dict[int, tuple[list[str], list[float]]]] = defaultdict(dict)
    for field_ref, elements in serialized["fieldVectors"]:
        field, _, ref = field_ref.partition("/")
        number = field_no[field]
        for term_index, score in zip(elements[::2], elements[1::2], strict=True):
            lists = inverted[term_index].get(number)
            if lists is None:
                inverted[term_index][number] = ([ref], [score])
            else:
                lists[0].append(ref)
                lists[1].append(score)
    entries = sorted(serialized["invertedIndex"], key=lambda entry: entry[0])
    shards: list[list[Any]] = []
    bounds: list[int] = []
    current: list[Any] = []
    size = 0
    for position, (term, posting) in enumerate(entries):
        term_index = posting["_index"]
        by_field = inverted.get(term_index, {})
        if not current:
            bounds.append(position)
        current.append([term, term_index, *([number, refs, values] for number, (refs, values) in sorted(by_field.items()))])
        size += 1 + sum(len(refs) for refs, _ in by_field.values())
        if size >= target_postings:
            shards.append(current)
            current, size = [], 0
    if current:
        shards.append(current)
    manifest = {
        "version": serialized["version"],
        "fields": fields,
        "pipeline": list(serialized["pipeline"]),
        "terms": front_code([term for term, _ in entries]),
        "bounds": bounds,
        "shards": [],
    }
    return Shards(manifest, shards)


def compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
