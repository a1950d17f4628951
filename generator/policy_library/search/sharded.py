"""The Lunr index as the site ships it: a manifest, shards and term lists (shards.py), written straight from the postings.

No monolithic index is built on the way: each record's counted terms
(analysis.py, reused between builds through `Analyses`) are assembled into
postings with lunr.py's numbers and scores (assembly.py), and the shards are
written as JSON text from them. The tests check that these files are, byte for
byte, lunr.py's own index cut by term (tests/reference/shards.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from lunr import __TARGET_JS_VERSION__

from policy_library.model.records import Record
from policy_library.search.analysis import Analyses, analyze
from policy_library.search.assembly import Postings, assemble
from policy_library.search.dictionary import dictionary_lists
from policy_library.search.gcpause import without_gc_pauses
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed, ref_of
from policy_library.search.shards import TARGET_POSTINGS, Shards, compact, front_code, new_manifest, term_lists

Namer = Callable[[str, str, bytes], str]  # (stem, suffix, content) -> the file's content-hashed path


@without_gc_pauses
def index_files(
    records: Sequence[Record],
    name: Namer,
    analyses: Analyses | None = None,
    glossary: Sequence[Sequence[str]] = (),
    fields: Indexed = INDEXED_FIELDS,
) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and every file of the index (the manifest included) by path; `fields`: the
    index's fields and boosts (lunr_index.indexed_fields of the library's registry)."""
    # Without a cache to keep them in, no record needs its key.
    analysed = analyses.of(records, fields) if analyses is not None else [analyze(record, fields) for record in records]
    postings = assemble(analysed, fields)
    shards, firsts, positions = encoded_shards(postings)
    return term_lists_and_manifest(postings, shards, firsts, name, positions, glossary, dictionary_lists(analysed), [n for n, _ in fields])


def term_lists_and_manifest(
    postings: Postings,
    shards: list[bytes],
    firsts: list[str],
    name: Namer,
    positions: Sequence[bytes] = (),
    glossary: Sequence[Sequence[str]] = (),
    dictionary: Mapping[str, Any] | None = None,
    field_names: Sequence[str] = tuple(n for n, _ in INDEXED_FIELDS),
) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and the manifest, `shards`, their `positions`, the `dictionary` (dictionary.py) and the term lists by path."""
    dictionary = dictionary or {}
    files = {name("shard", ".json", content): content for content in shards}
    manifest = new_manifest(__TARGET_JS_VERSION__, list(field_names), [], firsts)
    manifest["glossary"] = [list(group) for group in glossary]
    # A shard's positions sit beside it, fetched only by a phrase.
    position_names = [name("positions", ".json", content) for content in positions]
    files.update(zip(position_names, positions, strict=True))
    manifest["positions"] = [path.rsplit("/", 1)[1] for path in position_names]
    # The library's words by first letter, fetched only to suggest a word for one that matched nothing.
    manifest["words"] = {}
    for key, content in ((key, compact(value)) for key, value in dictionary.items()):
        path = name("dictionary", ".json", content)
        files[path] = content
        manifest["words"][key] = path.rsplit("/", 1)[1]
    return with_lists(Shards(manifest, [], term_lists(postings.terms)), files, name, len(shards))


def _json_string(text: str) -> str:
    # A term is letters and digits (text.words), which JSON needs no escape for.
    return f'"{text}"' if text.isalnum() else json.dumps(text, ensure_ascii=False)


def encoded_shards(postings: Postings, target_postings: int = TARGET_POSTINGS) -> tuple[list[bytes], list[str], list[bytes]]:
    """shards.cut's shards of `postings` as compact JSON (what json.dumps writes), each one's first term, and their positions.

    A shard's positions file follows its entries: per term, per field list, per
    record, the gaps between the term's word positions (the first from 0).

    Written as text directly: each distinct score's repr once, each ref once, then joins.
    """
    values, which = np.unique(postings.scores, return_inverse=True)
    scores = np.array([repr(v) for v in values.tolist()], dtype=object)[which].tolist()
    quoted = np.array([f'"{ref_of(p)}"' for p in range(int(postings.positions.max()) + 1 if len(postings.positions) else 0)], dtype=object)
    refs = quoted[postings.positions].tolist()
    field_starts, field_numbers = postings.field_starts, postings.field_numbers
    shards: list[bytes] = []
    firsts: list[str] = []
    current: list[str] = []
    positions: list[bytes] = []
    current_positions: list[str] = []
    gaps = _gaps(postings)
    size = 0
    run = 0
    for term, number, start, end in zip(postings.terms, postings.numbers, postings.starts, postings.starts[1:], strict=False):
        if not current:
            firsts.append(term)
        parts = [f"[{_json_string(term)},{number}"]
        where = []
        while run < len(field_numbers) and field_starts[run] < end:
            a, b = field_starts[run], field_starts[run + 1]
            parts.append(f",[{field_numbers[run]},[{','.join(refs[a:b])}],[{','.join(scores[a:b])}]]")
            where.append(f"[{','.join(gaps[a:b])}]")
            run += 1
        parts.append("]")
        current.append("".join(parts))
        current_positions.append(f"[{','.join(where)}]")
        size += 1 + end - start
        if size >= target_postings:
            shards.append(f"[{','.join(current)}]".encode())
            positions.append(f"[{','.join(current_positions)}]".encode())
            current, current_positions, size = [], [], 0
    if current:
        shards.append(f"[{','.join(current)}]".encode())
        positions.append(f"[{','.join(current_positions)}]".encode())
    return shards, firsts, positions


def _gaps(postings: Postings) -> list[str]:
    """Each posting's word positions as JSON, gaps from the one before (the first from 0): small numbers."""
    if postings.word_positions is None or postings.occurrence_starts is None or postings.occurrences is None:
        return ["[]"] * len(postings.positions)
    flat = postings.word_positions.astype(np.int64)
    # Every position minus the one before it; a posting's first position stays as it is.
    gaps = np.diff(flat, prepend=0)
    starts = postings.occurrence_starts.tolist()
    ends = (postings.occurrence_starts + postings.occurrences).tolist()
    gaps[postings.occurrence_starts[postings.occurrences > 0]] = flat[postings.occurrence_starts[postings.occurrences > 0]]
    text = [str(g) for g in gaps.tolist()]
    return [f"[{','.join(text[a:b])}]" for a, b in zip(starts, ends, strict=True)]


# The last build's term lists: a rebuild after an edit mostly finds the same ones.
_LISTS: dict[str, tuple[list[str], bytes]] = {}


def _front_coded(key: str, terms: list[str]) -> bytes:
    kept = _LISTS.get(key)
    if kept is not None and kept[0] == terms:
        return kept[1]
    content = compact(front_code(terms))
    _LISTS[key] = (terms, content)
    return content


def with_lists(sharded: Shards, files: dict[str, bytes], name: Namer, shards: int | None = None) -> tuple[str, dict[str, bytes]]:
    # Shards and term lists are named relative to the manifest, which sits in the same folder.
    sharded.manifest["shards"] = [path.rsplit("/", 1)[1] for path in list(files)[:shards]]
    for key, terms in sharded.lists.items():
        content = _front_coded(key, terms)
        path = name("words", ".json", content)
        files[path] = content
        sharded.manifest["lists"][key] = path.rsplit("/", 1)[1]
    manifest = compact(sharded.manifest)
    manifest_path = name("terms", ".json", manifest)
    return manifest_path, {manifest_path: manifest, **files}
