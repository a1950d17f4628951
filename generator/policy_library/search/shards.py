"""A Lunr index split by term, so that a visitor downloads what a query needs, not the whole index.

lunr.js scores a record by the dot product of the query vector with the
record's field vectors, divided by the query vector's magnitude only
(`lunr.Vector.prototype.similarity`). An index cut by term, where each shard
holds the postings of its terms together with those terms' entries of the
field vectors, under the monolithic index's global term numbers and BM25
scores, therefore gives exactly the monolithic scores: the browser
(site/templates/assets/library/worker/shards.js) fetches the term lists a query's words
need, expands the words against them (prefix and typo), fetches only the
shards of the terms found, and scores them as lunr.js does.

Files:
- the manifest: fields, pipeline, each shard's first and last term and name,
  and the names of the term lists (a word between one shard's last term and
  the next one's first is no term: nothing is fetched for it);
- the term lists, each sorted and front-coded into one string (a term is the
  length it shares with the previous term, as one character from "0", then the
  rest of it; terms are separated by newlines), so that a query fetches only
  the lists its words can expand into (`term_lists`);
- one shard per run of consecutive terms, each `[term, termIndex, [fieldNo,
  [gaps], [scores]], ...]`, cut when its postings reach a target size. A
  field's records are written as gaps (`ref_gaps`): each record's number (its
  ref read in base 36) less the one before it in the list, the first as it is.
  The numbers of a common term's records are close together, and small gaps
  compress to under half of what the refs themselves would.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from policy_library.search.text import query_stop_words

# Postings (ref and score pairs) per shard before it is cut: about 20 KB of JSON, 6 KB gzipped.
TARGET_POSTINGS = 1500
FRONT_CODE_BASE = 48  # "0": the shared-prefix length is written as one character from here


# Typo lists group terms by last letter and length: "t<last>.<n>" holds the terms of n-1, n
# and n+1 letters, every length a word of n letters is one edit from, so that a typo asks for
# one such list, not three (each term is in three lists; they are a small part of the site).
LENGTH_WINDOW = 1
SHORT = 3  # a word this short may be one edit from any term of up to one letter more


@dataclass(frozen=True)
class Shards:
    manifest: dict[str, Any]  # "shards" and "lists" names are filled in by the caller (content-hashed paths)
    shards: list[list[Any]]
    lists: dict[str, list[str]]  # term list key -> its sorted terms


def _units(term: str) -> list[int]:
    """The UTF-16 code units of `term`: what JavaScript's charCodeAt and length count."""
    data = term.encode("utf-16-le")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def ref_gaps(numbers: list[int]) -> list[int]:
    """A field's record numbers as a shard writes them: each less the one before it, the first as it is."""
    return [n - previous for previous, n in zip([0, *numbers], numbers, strict=False)]


def list_keys(term: str) -> list[str]:
    """The term lists `term` belongs to (shards.js's ShardedIndex.sourcesFor reads the same keys).

    "h<first>": every term by its first letter, for exact words and prefixes.
    A term one edit from a word of three letters or more (lunr's typo
    expansion) keeps the word's first letter or its last one: "t<last>.<n>"
    holds every term with that last letter and n-1 to n+1 letters, so a typo
    needs its first letter's list and one of these; "s" holds the shortest
    terms, for shorter words.
    """
    if term.isascii():  # a code unit per character
        if not term:
            return ["h", "s"]
        first, last, n = ord(term[0]), ord(term[-1]), len(term)
    else:
        units = _units(term)
        first, last, n = units[0], units[-1], len(units)
    keys = [f"h{first}", *(f"t{last}.{length}" for length in range(max(1, n - LENGTH_WINDOW), n + LENGTH_WINDOW + 1))]
    if n <= SHORT:
        keys.append("s")
    return keys


class _Keys(dict[str, list[str]]):
    """list_keys of each term, worked out once per process (a rebuild mostly sees the same terms)."""

    def __missing__(self, term: str) -> list[str]:
        keys = self[term] = list_keys(term)
        return keys


_KEYS = _Keys()


def term_lists(terms: list[str]) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = defaultdict(list)
    for term, keys in zip(terms, map(_KEYS.__getitem__, terms), strict=True):  # sorted, so every list is
        for key in keys:
            lists[key].append(term)
    return dict(lists)


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


def new_manifest(version: str, fields: list[str], pipeline: list[str], firsts: list[str], lasts: list[str]) -> dict[str, Any]:
    """A manifest before its files are named: each shard's first and last term; "stop" is the words no query requires
    (query.js); "glossary": the groups of words that mean the same (glossary.py), filled in by the build."""
    stop = " ".join(sorted(query_stop_words()))
    return {
        "version": version,
        "fields": fields,
        "pipeline": pipeline,
        "firsts": firsts,
        "lasts": lasts,
        "stop": stop,
        "shards": [],
        "lists": {},
        "glossary": [],
    }


_COMPACT = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)
# What that encoder's encode() runs, made once instead of on every call (a fragment a record: thousands of calls).
_ENCODE = (
    json.encoder.c_make_encoder({}, _COMPACT.default, json.encoder.encode_basestring, None, _COMPACT.key_separator, _COMPACT.item_separator, False, False, True)
    if json.encoder.c_make_encoder is not None
    else None
)


def compact(value: Any) -> bytes:
    """JSON as the site ships it: no spaces, UTF-8 as is (what json.dumps writes with these settings)."""
    if _ENCODE is None or isinstance(value, str):
        return _COMPACT.encode(value).encode("utf-8")
    return "".join(_ENCODE(value, 0)).encode("utf-8")
