"""The search files of the site: the Lunr index split by term, the record data and lunr.js, under names that carry
a hash of their content (their own, or that of the files of their folder).

A name carries the hash of its content, and the home page names the files it
needs, so a redeploy never mixes an old index with new data (or a cached one).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from policy_library.model.library import Library
from policy_library.model.records import Record
from policy_library.search.analysis import Analyses
from policy_library.search.bundle import bundle
from policy_library.search.columns import pack
from policy_library.search.data import search_data
from policy_library.search.fragments import passages, split_data
from policy_library.search.gcpause import without_gc_pauses
from policy_library.search.lunr_index import indexed_fields, ref_of
from policy_library.search.sharded import Namer, index_files
from policy_library.search.shards import compact
from policy_library.search.vendor import lunr_module

DIRECTORY = "assets/library/search"
# The search page's entry and its worker's, joined with every module they reach into one file (bundle.py):
# the page runs the file, and the file, started as the page's worker, runs the worker's entry.
PAGE_ENTRY = "page/search.js"
WORKER_ENTRY = "worker/worker.js"
BUNDLE = "bundle/search.js"
# What the search page imports once its results are shown (downloads, citations, feeds, saved searches): a file
# of its own, beside the bundle, asked for then; it never shares the link with what a first result needs.
LATER_ENTRIES = ("page/actions.js",)
LATER_BUNDLE = "bundle/later.js"
# lunr.js as one of the worker's modules: the bundle then holds it, one request fewer before a first result.
LUNR_MODULE = "worker/lunr.js"


@dataclass(frozen=True)
class SearchFiles:
    files: dict[str, bytes]  # path relative to the site root -> content
    data: str
    lunr: str  # lunr.js as an ES module, also inside the bundle
    version: str  # changes whenever any of the files or the page's scripts change
    manifest: str  # the Lunr index split by term (shards.py)
    text: str = ""  # the folder of the records' fragments (fragments.py), each `<ref>.json`
    modules: str = ""  # the folder of the page's own scripts, named by their hash
    # The page's entry and the worker's, joined with every module they reach (bundle.py), in `modules`.
    bundle: str = ""
    # The manifest's JSON, safe inside a <script type="application/json">: the search page carries it, one request fewer.
    manifest_inline: str = ""

    def write(self, site_dir: Path) -> None:
        write_files(str(site_dir), self.files)


def write_files(site_dir: str, files: Mapping[str, bytes]) -> None:
    """Write thousands of small files (a fragment and a passage per record): each folder made once, no pathlib per file."""
    made: set[str] = set()
    for path, content in files.items():
        target = os.path.join(site_dir, path)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        # Plain system calls: a Python file object per small file costs more than the write.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)


def script_safe(json_text: bytes) -> str:
    """JSON text that cannot end or open a <script> element: "<", ">" and "&" only occur inside its strings, as escapes there."""
    return json_text.decode("utf-8").replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:12]


def _hashed(stem: str, suffix: str, content: bytes) -> str:
    return f"{DIRECTORY}/{stem}.{_digest(content)}{suffix}"


# The index's files, named by kind and number, sit in a folder named by the hash of them all:
# the manifest, which the search page carries, then lists a short name per file (`shard12.json`),
# not a hash each (at 10,000 records, about 8 KB of the home page's 35 KB gzipped).
_INDEX = f"{DIRECTORY}/index"
MANIFEST_NAME = "terms.json"


def numbered() -> Namer:
    """A namer for one build's index files: `<kind><n>.json` in their order of naming, the manifest `terms.json`."""
    counts: dict[str, int] = {}

    def name(stem: str, suffix: str, content: bytes) -> str:
        if stem + suffix == MANIFEST_NAME:
            return f"{_INDEX}/{MANIFEST_NAME}"
        number = counts.get(stem, 0)
        counts[stem] = number + 1
        return f"{_INDEX}/{stem}{number}{suffix}"

    return name


def in_own_folder(manifest_path: str, files: Mapping[str, bytes]) -> tuple[str, dict[str, bytes]]:
    """The index's files (named by `numbered`) moved into the folder named by the hash of them all: a page
    never mixes one deploy's files with another's."""
    folder = f"{_INDEX}.{_digest(*(part for path in sorted(files) for part in (path.encode(), files[path])))}"
    return folder + manifest_path.removeprefix(_INDEX), {folder + path.removeprefix(_INDEX): content for path, content in files.items()}


@without_gc_pauses  # millions of small objects, no cycles (gcpause.py)
def build_search_files(
    library: Library, scripts: Mapping[str, bytes] | None = None, analyses: Analyses | None = None, glossary: Sequence[Sequence[str]] = ()
) -> SearchFiles:
    """The files for `library`; `scripts` are the page's own JS and CSS files by their path under assets/library/
    (`page/search.js`), the JS also shipped under `modules`.

    `glossary`: groups of words or phrases that mean the same (glossary.py), shipped in the
    index manifest as written: every text search loads it first.

    `analyses` keeps each record's analysis between builds (`mkdocs serve`), so
    that only the records whose text changed are analysed again. `glossary`: groups
    of words or phrases that mean the same, shipped in the manifest as they are.
    """
    records = library.newest_first()
    # The library's own fields are searched too, each with the weight its declaration gives it.
    fields = indexed_fields(library.taxonomy.fields.values())
    manifest_path, index = in_own_folder(*index_files(records, numbered(), analyses, glossary, fields))
    # The page loads every record's codes at once, and the text of a result only when it is shown:
    # one fragment per record, named by its ref, in a folder named by the hash of them all.
    codes, fragments, titles = split_data(search_data(records, library.taxonomy))
    fragment_bytes = [compact(f) for f in fragments]

    # Beside each fragment, the text its excerpt is cut from, fetched after it (`<ref>.passage.json`):
    # the body and the attached document's text and kind, the only copy of that text the site ships.
    def passage(record: Record) -> bytes:
        return compact(passages(record))

    passage_bytes = analyses.derived(records, passage) if analyses is not None else [passage(record) for record in records]
    text_dir = f"{DIRECTORY}/text.{_digest(*fragment_bytes, *passage_bytes)}/"
    refs = [ref_of(n) for n in range(len(records))]
    text_files = {f"{text_dir}{ref}.json": content for ref, content in zip(refs, fragment_bytes, strict=True)}
    text_files.update({f"{text_dir}{ref}.passage.json": content for ref, content in zip(refs, passage_bytes, strict=True)})
    titles_bytes = compact(titles)
    titles_path = _hashed("titles", ".json", titles_bytes)
    codes["fragments"] = {"titles": titles_path.rsplit("/", 1)[1]}
    data = compact(pack(codes))
    data_path = _hashed("records", ".json", data)
    sources = dict(sorted({**(scripts or {}), LUNR_MODULE: lunr_module().encode("utf-8")}.items()))
    version = _digest(data, index[manifest_path], text_dir.encode(), *sources.values())
    # The page's ES modules, in a folder named by the hash of them all: their imports are
    # relative, so a page always runs one deploy's modules together, never a cached old one.
    modules = {name: content for name, content in sources.items() if name.endswith(".js")}
    module_dir = f"assets/library/js.{_digest(*modules.values())}/"
    # Both entry points with every module they reach in one file: one request instead of one per module.
    texts = {name: content.decode("utf-8") for name, content in modules.items()}
    # (Built without the page's scripts, as the index's own tests and benchmark build it, there is nothing to join.)
    joined: dict[str, bytes] = {}
    if PAGE_ENTRY in texts:
        made = bundle(texts, PAGE_ENTRY, WORKER_ENTRY, later=LATER_ENTRIES, later_file=posixpath.basename(LATER_BUNDLE))
        joined[module_dir + BUNDLE] = made.text.encode("utf-8")
        if made.later is not None:
            joined[module_dir + LATER_BUNDLE] = made.later.encode("utf-8")
    return SearchFiles(
        files={
            data_path: data,
            **index,
            **text_files,
            titles_path: titles_bytes,
            **{module_dir + name: content for name, content in modules.items()},
            **joined,
        },
        data=data_path,
        lunr=module_dir + LUNR_MODULE,
        version=version,
        manifest=manifest_path,
        text=text_dir,
        modules=module_dir,
        bundle=module_dir + BUNDLE,
        manifest_inline=script_safe(index[manifest_path]),
    )
