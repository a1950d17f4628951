"""The Lunr index as the site ships it: a manifest, shards and term lists (shards.py), written straight from the postings.

No monolithic index is built on the way: each record's counted terms
(analysis.py, reused between builds through `Analyses`) are assembled into
postings with lunr.py's numbers and scores (assembly.py), and the shards are
written as JSON text from them. The tests check that these files are, byte for
byte, lunr.py's own index cut by term (tests/reference/shards.py).
"""

from __future__ import annotations

import bisect
import itertools
import json
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from lunr import __TARGET_JS_VERSION__

from policy_library.model.records import Record
from policy_library.search.analysis import Analyses, analyze
from policy_library.search.assembly import Ints, Postings, assemble
from policy_library.search.dictionary import dictionary_files
from policy_library.search.gcpause import without_gc_pauses
from policy_library.search.lunr_index import INDEXED_FIELDS, Indexed
from policy_library.search.shards import TARGET_POSTINGS, Shards, compact, front_code, new_manifest, term_lists

Namer = Callable[[str, str, bytes], str]  # (stem, suffix, content) -> the path of the file


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
    return term_lists_and_manifest(postings, shards, firsts, name, positions, glossary, dictionary_files(analysed), [n for n, _ in fields])


def term_lists_and_manifest(
    postings: Postings,
    shards: list[bytes],
    firsts: list[str],
    name: Namer,
    positions: Sequence[bytes] = (),
    glossary: Sequence[Sequence[str]] = (),
    dictionary: Mapping[str, bytes] | None = None,
    field_names: Sequence[str] = tuple(n for n, _ in INDEXED_FIELDS),
) -> tuple[str, dict[str, bytes]]:
    """The manifest's path, and the manifest, `shards`, their `positions`, the `dictionary`'s files (dictionary.py) and the term lists by path."""
    dictionary = dictionary or {}
    files = {name("shard", ".json", content): content for content in shards}
    manifest = new_manifest(__TARGET_JS_VERSION__, list(field_names), [], firsts, _lasts(postings.terms, firsts))
    manifest["glossary"] = [list(group) for group in glossary]
    # A shard's positions sit beside it, fetched only by a phrase.
    position_names = [name("positions", ".json", content) for content in positions]
    files.update(zip(position_names, positions, strict=True))
    manifest["positions"] = [path.rsplit("/", 1)[1] for path in position_names]
    # The library's words by first letter, fetched only to suggest a word for one that matched nothing.
    manifest["words"] = {}
    for key, content in dictionary.items():
        path = name("dictionary", ".json", content)
        files[path] = content
        manifest["words"][key] = path.rsplit("/", 1)[1]
    return with_lists(Shards(manifest, [], term_lists(postings.terms)), files, name, len(shards))


def _lasts(terms: Sequence[str], firsts: Sequence[str]) -> list[str]:
    """Each shard's last term: the term before the next shard's first, then the last of all."""
    return [terms[bisect.bisect_left(terms, first) - 1] for first in firsts[1:]] + ([terms[-1]] if firsts else [])


def _json_string(text: str) -> str:
    # A term is letters and digits (text.words), which JSON needs no escape for.
    return f'"{text}"' if text.isalnum() else json.dumps(text, ensure_ascii=False)


def _starts(counts: Ints) -> Ints:
    """Where each of consecutive groups of `counts` items starts, and the end of the last."""
    out = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def _cuts(starts: Sequence[int], target_postings: int) -> list[int]:
    """shards.cut's shard boundaries, as term indexes (the first of each shard, then the number of terms): a shard
    ends after the term that takes its postings (and one per term) to `target_postings`."""
    cuts = [0]
    size = 0
    for i, (start, end) in enumerate(itertools.pairwise(starts)):
        size += 1 + end - start
        if size >= target_postings:
            cuts.append(i + 1)
            size = 0
    if cuts[-1] != len(starts) - 1:
        cuts.append(len(starts) - 1)
    return cuts


def _distinct(values: Ints) -> tuple[Ints, Ints]:
    """np.unique(values, return_inverse=True) for integers from 0: by counting, not sorting, when they are not spread far."""
    if len(values) and values.min() >= 0 and values.max() < 4 * len(values) + 1024:
        present = np.flatnonzero(np.bincount(values))
        index = np.zeros(int(present[-1]) + 1, dtype=np.int64)
        index[present] = np.arange(len(present), dtype=np.int64)
        return present, index[values]
    found, which = np.unique(values, return_inverse=True)
    return found, which.reshape(-1)


def encoded_shards(postings: Postings, target_postings: int = TARGET_POSTINGS) -> tuple[list[bytes], list[str], list[bytes]]:
    """shards.cut's shards of `postings` as compact JSON (what json.dumps writes), each one's first term, and their positions.

    A shard's positions file follows its entries: per term, per field list, per
    record, the gaps between the term's word positions (the first from 0).

    Written as text without a Python loop per posting: every piece of text (a ref, a score,
    a gap, each with or without the comma before it, and the brackets between) is made
    once, numpy puts the pieces of every shard in order, and each shard is one join.
    """
    if not postings.terms:
        return [], [], []
    cuts = _cuts(postings.starts, target_postings)
    shards = _shard_texts(postings, cuts)
    positions = _position_texts(postings, cuts)
    return shards, [postings.terms[c] for c in cuts[:-1]], positions


def _shard_texts(postings: Postings, cuts: list[int]) -> list[bytes]:
    """Each shard `[[term, number, [field, [record gaps], [scores]], ...], ...]`, cut before the terms `cuts` names."""
    terms = len(postings.terms)
    starts = np.asarray(postings.starts, dtype=np.int64)
    run_starts = np.asarray(postings.field_starts, dtype=np.int64)[:-1]
    field_numbers = np.asarray(postings.field_numbers, dtype=np.int64)
    lengths = np.diff(np.asarray(postings.field_starts, dtype=np.int64))
    # The pieces in order: per term its head `[term,number` (after "[" or ","), per field list
    # `,[field,[`, its refs, `],[`, its scores, `]]`, and the term's `]` (`]]` ending a shard).
    run_of_term = np.searchsorted(run_starts, starts)  # each term's first field list, and the end
    before_run = _starts(3 + 2 * lengths)  # the pieces of the field lists before each one
    term_index = np.arange(terms, dtype=np.int64)
    term_head = before_run[run_of_term[:-1]] + 2 * term_index
    term_tail = before_run[run_of_term[1:]] + 2 * term_index + 1
    run_term = np.repeat(term_index, np.diff(run_of_term))
    run_head = before_run[:-1] + 2 * run_term + 1
    pieces = np.empty(int(before_run[-1]) + 2 * terms, dtype=object)
    first_term = np.zeros(terms, dtype=bool)
    first_term[cuts[:-1]] = True
    heads = [
        f'["{term}",{number}' if term.isalnum() else f"[{_json_string(term)},{number}" for term, number in zip(postings.terms, postings.numbers, strict=True)
    ]
    pieces[term_head] = [("[" if first else ",") + head for first, head in zip(first_term.tolist(), heads, strict=True)]
    last_term = np.zeros(terms, dtype=bool)
    last_term[np.asarray(cuts[1:], dtype=np.int64) - 1] = True
    pieces[term_tail] = np.where(last_term, "]]", "]").astype(object)
    field_heads = np.array([f",[{f},[" for f in range(int(field_numbers.max()) + 1)], dtype=object)
    pieces[run_head] = field_heads[field_numbers]
    pieces[run_head + 1 + lengths] = "],["
    pieces[run_head + 2 + 2 * lengths] = "]]"
    # Each posting's ref and score, the first of a field list without a comma before it.
    count = len(postings.positions)
    later = np.ones(count, dtype=np.int64)
    later[run_starts] = 0
    within = np.arange(count, dtype=np.int64) - np.repeat(run_starts, lengths)
    ref_at = np.repeat(run_head + 1, lengths) + within
    # Each record as its number less the one before it in the list (shards.ref_gaps).
    gaps = np.diff(postings.positions.astype(np.int64), prepend=0)
    gaps[run_starts] = postings.positions[run_starts]
    values, which = _distinct(gaps)
    shown = [str(v) for v in values.tolist()]
    refs = np.array(shown + ["," + g for g in shown], dtype=object)
    pieces[ref_at] = refs[which + later * len(shown)]
    # A score is a multiple of 0.001 rounded to a float (assembly.round_scores): its thousandths name it.
    milli = np.rint(postings.scores * 1000.0).astype(np.int64)
    if len(milli) and milli.min() >= 0 and np.array_equal(milli / 1000.0, postings.scores):
        values, which = _distinct(milli)
        shown = [repr(v / 1000.0) for v in values.tolist()]
    else:
        values, which = np.unique(postings.scores, return_inverse=True)
        shown = [repr(v) for v in values.tolist()]
    scores = np.array(shown + ["," + s for s in shown], dtype=object)
    pieces[ref_at + np.repeat(lengths + 1, lengths)] = scores[which.reshape(-1) + later * len(shown)]
    text = pieces.tolist()
    bounds = [*term_head[cuts[:-1]].tolist(), len(text)]
    return ["".join(text[a:b]).encode() for a, b in itertools.pairwise(bounds)]


# What comes before a gap in a positions file, by how many lists it opens: none (only a comma),
# a record's, a field's as well, a term's as well, or a shard's (which closes nothing before it).
_BEFORE_GAP = (",", "],[", "]],[[", "]]],[[[", "[[[[")
_SHARD_END = "]]]]"


def _position_texts(postings: Postings, cuts: list[int]) -> list[bytes]:
    """Each shard's positions `[[[[gap, ...], ...], ...], ...]`: per term, per field list, per posting, its gaps."""
    occurrences = postings.occurrences
    # Each posting's word positions, in posting order, then as gaps from the one before in the same posting.
    first_of_posting = _starts(occurrences)
    flat = postings.word_positions[np.repeat(postings.occurrence_starts - first_of_posting[:-1], occurrences) + np.arange(first_of_posting[-1])]
    gaps = np.diff(flat.astype(np.int64), prepend=0)
    opens = np.zeros(len(gaps), dtype=np.int64)
    opening = first_of_posting[:-1]
    gaps[opening] = flat[opening]
    opens[opening] = 1
    opens[opening[np.asarray(postings.field_starts[:-1], dtype=np.int64)]] = 2
    term_gap = first_of_posting[np.asarray(postings.starts, dtype=np.int64)]
    opens[term_gap[:-1]] = 3
    opens[term_gap[cuts[:-1]]] = 4
    values, which = _distinct(gaps)
    shown = [str(v) for v in values.tolist()]
    pieces = np.array([before + s for before in _BEFORE_GAP for s in shown], dtype=object)
    text = pieces[opens * len(shown) + which.reshape(-1)].tolist()
    bounds = term_gap[cuts].tolist()
    return [("".join(text[a:b]) + _SHARD_END).encode() for a, b in itertools.pairwise(bounds)]


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
