"""The search files the build writes: the Lunr index split by term, the record data and lunr.js."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from policy_library.model.library import Library, load_library
from policy_library.model.taxonomy import Taxonomy
from policy_library.search import build_search_files
from policy_library.search.data import search_data
from policy_library.search.lunr_index import ref_of
from policy_library.search.text import terms
from policy_library.search.vendor import LUNR_JS, shipped

from tests.reference.catalogue import Catalogue
from tests.reference.lunr_build import build_index
from tests.reference.query import search


def _record(title: str, summary: str, extra: str = "", body: str = "") -> str:
    return f"---\ntitle: {title}\nsummary: {summary}\ndocument_type: Policy\npolicy_areas: [Immigration]\n{extra}---\n{body}\n"


def _library(tmp_path: Path, records: dict[str, str]) -> Library:
    folder = tmp_path / "records"
    folder.mkdir(exist_ok=True)
    for path in folder.glob("*.md"):
        path.unlink()
    for name, text in records.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    library = load_library(folder, Taxonomy.from_config())
    assert [p for p in library.problems if p.is_error] == []
    return library


RECORDS = {
    "both-words": _record("Courthouse arrests policy", "Ends arrests at the courthouse.", "date: 2015\n"),
    "one-word": _record("Courthouse access", "Opening hours of the building.", "date: 2019-04\n"),
    "spanish": _record("Asesoría jurídica para inmigrantes", "Derechos de los trabajadores.", "language: es\ndate: 2018-02-03\n"),
    "undated": _record("Policies of the city", "Several policies.", "organization: City Council\n"),
    "second-org": _record("Detainer holds", "Holds.", "organization: County Board\ndate: 2017\n"),
    "third-org": _record("Detainer notices", "Notices.", "organization: City Council\ndate: 2016\n"),
}


def test_terms_are_folded_stemmed_per_language_and_without_stop_words() -> None:
    assert terms("The POLICIES of the city", "en") == ["polici", "citi"]
    assert terms("Asesoría de los Derechos", "es") == terms("asesoria de los derechos", "es") == ["asesori", "derech"]
    assert terms("ICE:detainer+holds~2 8 U.S.C. § 1373", "en") == ["ic", "detain", "hold", "2", "8", "u", "s", "c", "1373"]


def test_the_index_holds_each_records_terms_under_short_refs_and_no_positions(tmp_path: Path) -> None:
    library = _library(tmp_path, RECORDS)
    order = library.newest_first()
    serialized = build_index(order).serialize()
    inverted = dict(serialized["invertedIndex"])
    spanish = ref_of(next(i for i, r in enumerate(order) if r.id == "spanish"))
    assert spanish in inverted["asesori"]["title"] and spanish in inverted["derech"]["summary"]
    assert "the" not in inverted and "los" not in inverted and "de" not in inverted
    assert all(meta == {} for posting in inverted.values() for field, docs in posting.items() if field != "_index" for meta in docs.values())
    assert serialized["fields"] == ["title", "summary", "tags", "jurisdiction", "organization", "body", "attachment"]
    assert [ref_of(n) for n in (0, 9, 10, 35, 36, 1295, 1296)] == ["0", "9", "a", "z", "10", "zz", "100"]


def test_every_word_must_match_and_otherwise_those_matching_most_are_found(tmp_path: Path) -> None:
    library = _library(tmp_path, RECORDS)
    order = library.newest_first()
    catalogue = Catalogue(order)
    # lunr alone scores every record holding either word...
    assert [order[int(h.ref, 36)].id for h in search(build_index(order), "courthouse arrests")] == ["both-words", "one-word"]
    # ... a search keeps those holding both.
    found = catalogue.search("courthouse arrests")
    assert [order[int(ref, 36)].id for ref, _ in found.hits] == ["both-words"] and found.complete
    fallback = catalogue.search("courthouse arrests zzzqx")
    assert [order[int(ref, 36)].id for ref, _ in fallback.hits] == ["both-words"]
    assert (fallback.required, fallback.matched, fallback.complete, fallback.unknown) == (3, 2, False, ["zzzqx"])


def test_accents_typos_prefixes_and_syntax_characters(tmp_path: Path) -> None:
    library = _library(tmp_path, RECORDS)
    order = library.newest_first()
    index = build_index(order)

    def found(q: str) -> list[str]:
        return [order[int(h.ref, 36)].id for h in search(index, q)]

    assert found("asesoria") == found("ASESORÍA") == ["spanish"]
    assert found("detaner") == ["second-org", "third-org"]  # one edit away
    assert found("deta") == ["second-org", "third-org"]  # the last word is a prefix while typing
    assert found("deta ") == []  # ... not once it is finished
    assert found("the") == [], "a stop word finds nothing, and fails nothing"
    assert found("the courthouse")[:1] == ["both-words"]
    for q in (":", "~", "^", "*", "+", "-", '"', "\\", "title:holds", "+holds -notices", "hold*", "holds~1", "holds^10"):
        search(index, q)  # never raises


def test_record_data_lists_filters_in_order_and_sources_by_count(tmp_path: Path) -> None:
    library = _library(tmp_path, RECORDS)
    order = library.newest_first()
    data = search_data(order, library.taxonomy)
    facets = {f["field"]: f for f in data["facets"]}
    assert facets["document_type"]["values"] == library.taxonomy.document_types.values
    assert facets["organization"]["values"] == ["City Council", "County Board"]
    assert facets["language"]["values"] == ["en", "es"]
    assert [row[0] for row in data["records"]] == [r.id for r in order]
    spanish = next(row for row in data["records"] if row[0] == "spanish")
    assert spanish[4] == 20180203
    language_codes = spanish[5][[f["field"] for f in data["facets"]].index("language")]
    assert language_codes == [1]
    assert next(row for row in data["records"] if row[0] == "undated")[4] == 0


def test_file_names_change_with_their_content_only(tmp_path: Path) -> None:
    first = build_search_files(_library(tmp_path, RECORDS))
    again = build_search_files(_library(tmp_path, RECORDS))
    assert first.files.keys() == again.files.keys() and first.version == again.version
    changed = build_search_files(_library(tmp_path, {**RECORDS, "one-word": _record("Courthouse access", "Opening hours, again.")}))
    assert changed.manifest != first.manifest and changed.data != first.data
    assert first.files[changed.lunr] == changed.files[changed.lunr], "lunr.js did not change"
    for path in first.files:
        named = re.fullmatch(r"assets/library/search/(records|titles)\.[0-9a-f]{12}\.json", path)
        # The index's files are named by kind and number, in a folder named by the hash of them all.
        index = re.fullmatch(r"assets/library/search/index\.[0-9a-f]{12}/(terms|(words|shard|positions|dictionary)[0-9]+)\.json", path)
        # A record's fragment is named by its ref, in a folder named by the hash of every fragment.
        fragment = re.fullmatch(r"assets/library/search/text\.[0-9a-f]{12}/[0-9a-z]+(\.passage)?\.json", path)
        # The page's scripts, in a folder named by the hash of them all.
        module = re.fullmatch(r"assets/library/js\.[0-9a-f]{12}/(bundle/search|(page|worker)/[a-z-]+)\.js", path)
        assert named or index or fragment or module, path
    assert changed.text != first.text, "an edited record's text moves every fragment to a new folder"


def test_the_manifest_written_into_the_page_cannot_close_its_script(tmp_path: Path) -> None:
    """The glossary is the editors' text, shipped in the manifest as written: inside the page it stays data."""
    files = build_search_files(_library(tmp_path, RECORDS), glossary=[["</script><script>alert(1)</script>", "a & b > c"]])
    assert "<" not in files.manifest_inline and ">" not in files.manifest_inline and "&" not in files.manifest_inline
    assert json.loads(files.manifest_inline) == json.loads(files.files[files.manifest])


def test_the_built_site_ships_the_files_its_home_page_names(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    named = dict(re.findall(r'data-(data|lunr|manifest)="([^"]+)"', home))
    assert set(named) == {"data", "lunr", "manifest"}
    for path in named.values():
        assert not path.startswith(("/", "http")), "relative URLs only"
        assert (sample_site / path).is_file()
    lunr = (sample_site / named["lunr"]).read_text(encoding="utf-8")
    assert shipped(LUNR_JS.read_text(encoding="utf-8")) in lunr, "lunr.js comes from the installed mkdocs package, its code unchanged"
    assert "Copyright (C) 2020 Oliver Nightingale\n * @license MIT" in lunr, "lunr's licence header is kept"
    assert "lunr.es.stemmer" in lunr and lunr.rstrip().endswith("export { lunr as default };")
    manifest = json.loads((sample_site / named["manifest"]).read_text(encoding="utf-8"))
    # The page carries the manifest too, so that a search does not wait for it; the same JSON, safe inside <script>.
    inline = re.search(r'<script type="application/json" data-library-index>(.*?)</script>', home, re.S)
    assert inline and json.loads(inline.group(1)) == manifest and "<" not in inline.group(1)
    assert manifest["version"] == "2.3.9"
    folder = (sample_site / named["manifest"]).parent
    assert all((folder / name).is_file() for name in [*manifest["shards"], *manifest["lists"].values()])
    # The monolithic index is only the tests' reference now: the page loads the shards.
    assert not list(folder.glob("index.*.json"))
    # The page's scripts come from a folder named by their hash, with every module they import:
    # the page runs its entry and its worker the worker's, from one file joined with the modules they reach (bundle.py).
    worker = re.search(r'data-worker="(assets/library/js\.[0-9a-f]{12}/)bundle/search\.js"', home)
    assert worker and f'src="{worker.group(1)}bundle/search.js"' in home
    folder = sample_site / worker.group(1)
    for script in folder.glob("*/*.js"):
        for imported in re.findall(r'(?:from |import\()"\./([a-z-]+\.js)"', script.read_text(encoding="utf-8")):
            assert (script.parent / imported).is_file(), f"{script.name} imports {imported}"
    assert {"search.js", "search-ui.js", "download.js"} <= {p.name for p in folder.glob("page/*.js")}
    assert {"worker.js", "engine.js", "shards.js"} <= {p.name for p in folder.glob("worker/*.js")}
    # mkdocs-material's search is off: one search, one index.
    assert not (sample_site / "search" / "search_index.json").exists()
    sizes = {name: (len(raw := (sample_site / path).read_bytes()), len(gzip.compress(raw, 9))) for name, path in named.items()}
    print("search files (raw, gzip bytes):", sizes)


def test_shipped_lunr_drops_documentation_comments_but_keeps_code_and_notices() -> None:
    source = (
        "/**\n * lib 1.0\n * @license MIT\n */\n"
        "var a = 1\n"
        "  /**\n   * Documentation.\n   */\n"
        "  // a note\n"
        "  var b = '/* kept */' // trailing\n"
        "/*!\n * notice\n */\n"
        "  /* a */ var c = 2\n"
        "  /* d */\n"
    )
    assert shipped(source) == ("/**\n * lib 1.0\n * @license MIT\n */\nvar a = 1\nvar b = '/* kept */' // trailing\n/*!\n* notice\n*/\n/* a */ var c = 2\n")
