"""The index step after one record changed, as under `mkdocs serve`: what a rebuild costs when it reuses the rest.

`python -m bench.incremental [--project PATH]` reads a generated project (by
default the 10,000-record one that `bench.run` leaves in bench/out/), builds its
search files once, edits one record's body (a new sentence with a word no other
record has, so the body's length, the term numbers and some idfs all change),
builds again with what the first build kept, and checks that the result is
byte for byte a from-scratch build of the edited library. It prints the times
and writes them as JSON to bench/out/. Exit status 1 if the outputs differ.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from policy_library.model.library import Library
from policy_library.search import _hashed, build_search_files
from policy_library.search.analysis import Analyses
from policy_library.search.assembly import assemble
from policy_library.search.lunr_index import indexed_fields
from policy_library.search.sharded import encoded_shards, term_lists_and_manifest

from bench.steps import read

OUT = Path(__file__).resolve().parent / "out"
T = TypeVar("T")


def timed(step: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = step()
    return result, time.perf_counter() - start


def edited(library: Library) -> tuple[Library, str]:
    """The library with one record, in the middle of the index order, given a new sentence."""
    records = library.newest_first()
    target = records[len(records) // 2]
    body = target.body + "\n\nAmended in committee to add the zyxwvutian provision on courthouse notices.\n"
    changed = {**library.records, target.id: dataclasses.replace(target, body=body)}
    return dataclasses.replace(library, records=changed), target.id


def index_breakdown(library: Library, analyses: Analyses) -> dict[str, float]:
    """The index step's phases, as sharded.index_files runs them (the GC paused, as there)."""
    gc.disable()
    try:
        fields = indexed_fields(library.taxonomy.fields.values())
        records, order_s = timed(library.newest_first)
        found, analyse_s = timed(lambda: analyses.of(records, fields))
        postings, assemble_s = timed(lambda: assemble(found, fields))
        (shards, firsts, positions), shards_s = timed(lambda: encoded_shards(postings))
        _, lists_s = timed(lambda: term_lists_and_manifest(postings, shards, firsts, _hashed, positions, field_names=[n for n, _ in fields]))
    finally:
        gc.enable()
    return {
        "order_s": order_s,
        "analyse_s": analyse_s,
        "assemble_s": assemble_s,
        "shards_s": shards_s,
        "term_lists_and_manifest_s": lists_s,
        "reanalysed": analyses.analyzed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=OUT / "work-10000" / "project", help="a generated project (bench.run leaves one per size)")
    parser.add_argument("--out", type=Path, default=OUT, help="where the JSON goes")
    args = parser.parse_args(argv)
    library, read_s = timed(lambda: read(args.project))
    analyses = Analyses()
    first, first_s = timed(lambda: build_search_files(library, (), analyses))
    after, record_id = edited(library)
    # The index step's phases in the same rebuild, measured apart first (what the last build
    # kept is then the edited library's, so the library is built again before the rebuild).
    primed = Analyses()
    primed.of(library.newest_first(), indexed_fields(library.taxonomy.fields.values()))
    phases = index_breakdown(after, primed)
    build_search_files(library, (), primed)
    again, again_s = timed(lambda: build_search_files(after, (), analyses))
    reanalysed = analyses.analyzed
    scratch, scratch_s = timed(lambda: build_search_files(after, (), Analyses()))
    same = again.files == scratch.files and again.version == scratch.version
    changed = sum(1 for path in again.files if path not in first.files)
    result: dict[str, Any] = {
        "project": str(args.project),
        "records": len(library.records),
        "edited": record_id,
        "read_s": read_s,
        "first_build_s": first_s,
        "incremental_build_s": again_s,
        "from_scratch_build_s": scratch_s,
        "reanalysed_records": reanalysed,
        "files": len(again.files),
        "files_changed": changed,
        "identical_to_from_scratch": same,
        "incremental_index_phases": phases,
        "incremental_index_s": sum(v for k, v in phases.items() if k.endswith("_s")),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"incremental-{len(library.records)}-{stamp}.json"
    path.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"{len(library.records):,} records, edited {record_id}: first build {first_s:.2f} s, after the edit {again_s:.2f} s (from scratch {scratch_s:.2f} s)")
    breakdown = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in phases.items())
    print(f"index files alone after the edit: {result['incremental_index_s']:.2f} s ({breakdown})")
    print(f"{changed} of {len(again.files)} files changed; identical to a from-scratch build: {same}; written {path}")
    print(json.dumps(result))  # the last line, for bench/run.py
    if not same:
        print("FAIL: the incremental build differs from a from-scratch build", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
