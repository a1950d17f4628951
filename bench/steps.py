"""Index builds that the benchmark runs in a child process, so each has its own peak memory.

`python -m bench.steps lunrpy|project|pagefind PROJECT OUT` reads the records of
PROJECT with the project's own parser, builds one index into OUT and prints one
line of JSON: seconds spent reading, seconds spent indexing, bytes written.
"""

from __future__ import annotations

import gzip
import html
import json
import subprocess
import sys
import time
from pathlib import Path

from policy_library.model.library import Library, load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy

# The monolithic reference: the fields and boosts the search issue asks for.
LUNR_FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "summary", "boost": 5},
    {"field_name": "tags", "boost": 5},
    {"field_name": "organization", "boost": 1},
    {"field_name": "jurisdiction", "boost": 1},
    {"field_name": "body", "boost": 1},
]


def read(project: Path) -> Library:
    docs = project / "docs"
    return load_library(docs / "records", Taxonomy.from_config(), root=project, docs_dir=docs)


def lunr_document(record: Record) -> dict[str, str]:
    return {
        "id": record.id,
        "title": record.title,
        "summary": record.summary,
        "tags": " ".join(record.tags),
        "organization": record.organization or "",
        "jurisdiction": record.jurisdiction or "",
        "body": record.body,
    }


def build_lunrpy(library: Library, out: Path) -> list[Path]:
    """lunr.py building one index of every record, as the straightforward design does."""
    from lunr import lunr

    documents = [lunr_document(r) for r in library.records.values()]
    index = lunr(ref="id", fields=LUNR_FIELDS, documents=documents)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "lunr-index.json"
    path.write_text(json.dumps(index.serialize(), separators=(",", ":")), encoding="utf-8")
    return [path]


def build_project(library: Library, out: Path) -> list[Path]:
    """The project's own index writer, whichever the search code provides."""
    from bench import project_index

    return project_index.write(library, out)


def pagefind_filters(record: Record) -> dict[str, list[str]]:
    filters = {
        "document_type": [record.document_type],
        "policy_areas": list(record.policy_areas),
        "states": list(record.states),
        "language": [record.language],
    }
    if record.level:
        filters["level"] = [record.level]
    if record.organization:
        filters["organization"] = [record.organization]
    if record.date:
        filters["year"] = [str(record.date.year)]
    return {k: v for k, v in filters.items() if v}


def pagefind_page(record: Record) -> str:
    """A record page as a static site would write it, marked up for Pagefind's indexer."""
    e = html.escape
    filters = "".join(f'<li data-pagefind-filter="{e(name)}">{e(value)}</li>' for name, values in pagefind_filters(record).items() for value in values)
    sort = f'<time data-pagefind-sort="date">{e(record.date.iso())}</time>' if record.date else ""
    body = "".join(f"<p>{e(part)}</p>" for part in record.body.split("\n\n"))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(record.title)}</title></head><body>'
        f'<main data-pagefind-body><h1 data-pagefind-meta="title">{e(record.title)}</h1>'
        f'<p data-pagefind-meta="summary" data-pagefind-weight="5">{e(record.summary)}</p>'
        f'<ul data-pagefind-weight="5">{"".join(f"<li>{e(t)}</li>" for t in record.tags)}</ul>'
        f"<p>{e(record.organization or '')} {e(record.jurisdiction or '')}</p><ul hidden>{filters}</ul>{sort}{body}</main></body></html>"
    )


def write_pagefind_site(library: Library, out: Path) -> None:
    for record in library.records.values():
        page = out / "records" / record.id / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(pagefind_page(record), encoding="utf-8")


def build_pagefind(library: Library, out: Path) -> list[Path]:
    """Pagefind's CLI over the record pages; writing the pages is not counted (see main)."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--force-language", "en", "--quiet"], check=True)
    return sorted(p for p in (out / "pagefind").rglob("*") if p.is_file())


BUILDERS = {"lunrpy": build_lunrpy, "project": build_project, "pagefind": build_pagefind}


def main(argv: list[str]) -> int:
    system, project, out = argv[0], Path(argv[1]), Path(argv[2])
    start = time.perf_counter()
    library = read(project)
    if system == "pagefind":
        # Pagefind indexes built pages: write them first, outside the timed step.
        write_pagefind_site(library, out)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    files = BUILDERS[system](library, out)
    index_s = time.perf_counter() - start
    raw = sum(p.stat().st_size for p in files)
    # The whole-index gzip size, for the "single index is 9 times the text" comparison.
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files) if system != "pagefind" else raw
    print(json.dumps({"records": len(library.records), "read_s": read_s, "index_s": index_s, "files": len(files), "bytes": raw, "gzip_bytes": gz}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
