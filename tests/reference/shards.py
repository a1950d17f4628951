"""lunr.py's serialized index cut by term: the reference the build's shards are checked against.

The build writes its shards straight from the assembled postings (sharded.py);
the tests cut lunr.py's own index with `split` and check the files are the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from policy_library.search.sharded import Namer, with_lists
from policy_library.search.shards import FRONT_CODE_BASE, TARGET_POSTINGS, Shards, compact, new_manifest, ref_gaps, term_lists

Entry = tuple[str, int, list[tuple[int, tuple[list[str], list[float]]]]]  # term, its number, (field number, (refs, scores))


def cut(entries: Iterable[Entry], version: str, fields: list[str], pipeline: list[str], target_postings: int = TARGET_POSTINGS) -> Shards:
    """A manifest and shards from every term's postings, in sorted term order (assembly.Postings.entries)."""
    shards: list[list[Any]] = []
    firsts: list[str] = []
    terms: list[str] = []
    current: list[Any] = []
    size = 0
    for term, term_index, by_field in entries:
        terms.append(term)
        if not current:
            firsts.append(term)
        current.append([term, term_index, *([number, ref_gaps([int(ref, 36) for ref in refs]), values] for number, (refs, values) in by_field)])
        size += 1 + sum(len(refs) for _, (refs, _) in by_field)
        if size >= target_postings:
            shards.append(current)
            current, size = [], 0
    if current:
        shards.append(current)
    lasts = [shard[-1][0] for shard in shards]
    return Shards(new_manifest(version, fields, pipeline, firsts, lasts), shards, term_lists(terms))


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
    by_term = ((term, posting["_index"], sorted(inverted.get(posting["_index"], {}).items())) for term, posting in entries)
    return cut(by_term, serialized["version"], fields, list(serialized["pipeline"]), target_postings)


def front_decode(coded: str) -> list[str]:
    terms: list[str] = []
    previous = ""
    for entry in coded.split("\n") if coded else []:
        term = previous[: ord(entry[0]) - FRONT_CODE_BASE] + entry[1:]
        terms.append(term)
        previous = term
    return terms


def shard_files(sharded: Shards, name: Namer) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and the manifest, shards and term lists of `sharded` by path."""
    return with_lists(sharded, {name("shard", ".json", content): content for content in map(compact, sharded.shards)}, name)
