"""A rebuild that reuses the analyses of unchanged records (as `mkdocs serve` does) writes exactly a from-scratch build's search files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from policy_library.model.library import load_library
from policy_library.model.taxonomy import Taxonomy
from policy_library.search import SearchFiles, build_search_files
from policy_library.search.analysis import Analyses
from policy_library.search.glossary import FILE_NAME as GLOSSARY_FILE
from policy_library.search.glossary import load_glossary

from bench import incremental
from bench.generate import library as generated_library
from bench.generate import make_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", generated_library(80, seed=31))


def _records(project: Path) -> Path:
    return project / "docs" / "records"


def _build(project: Path, taxonomy: Taxonomy, analyses: Analyses) -> SearchFiles:
    library = load_library(_records(project), taxonomy, root=project, docs_dir=project / "docs")
    assert not [p for p in library.problems if p.is_error]
    return build_search_files(library, (), analyses)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_edit_reanalyses_only_what_changed_and_gives_the_from_scratch_files(project: Path, taxonomy: Taxonomy) -> None:
    kept = Analyses()
    first = _build(project, taxonomy, kept)
    assert kept.analyzed == 80
    paths = sorted(_records(project).glob("*.md"))

    def check(reanalysed: int) -> SearchFiles:
        again = _build(project, taxonomy, kept)
        assert kept.analyzed == reanalysed and kept.reused == len(list(_records(project).glob("*.md"))) - reanalysed
        scratch = _build(project, taxonomy, Analyses())
        assert again.files == scratch.files and again.version == scratch.version
        return again

    # A body edit with a word no record had: new term numbers, a new field length, new idfs.
    paths[40].write_text(paths[40].read_text(encoding="utf-8") + "\nAmended to add the zyxwvutian provision.\n", encoding="utf-8")
    edited = check(1)
    assert edited.manifest != first.manifest
    # Undone: the files of the first build (only the last build's analyses are kept, so it is analysed again).
    _edit(paths[40], "\nAmended to add the zyxwvutian provision.\n", "")
    assert check(1).files == first.files
    # A title edit, a record removed, one added (a copy under a new name), a date moved: the order changes.
    _edit(paths[3], "title: ", "title: Revised ")
    check(1)
    paths[10].unlink()
    check(0)
    (paths[11].parent / "a-copy-of-a-record.md").write_text(paths[11].read_text(encoding="utf-8"), encoding="utf-8")
    check(0)  # the same text as a record already analysed
    text = paths[12].read_text(encoding="utf-8")
    dated = re.sub(r"(?m)^date: .*$", "date: 1999-01-02", text) if "\ndate:" in text else text.replace("---\n", "---\ndate: 1999-01-02\n", 1)
    paths[12].write_text(dated, encoding="utf-8")
    check(0)  # the date is not indexed text


def test_mkdocs_serve_keeps_the_analyses_between_rebuilds(project: Path, tmp_path: Path) -> None:
    # What `mkdocs serve` (mkdocs/commands/serve.py) does: on_startup once, then on each change
    # the config is loaded again and built; a plugin with on_startup is the same object each time.
    def config() -> Any:
        return load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "served"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["library"]
    build(first, serve_url="http://127.0.0.1:8000/")
    assert plugin.analyses.analyzed == 80
    path = sorted(_records(project).glob("*.md"))[5]
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence about zyxwvutian notices.\n", encoding="utf-8")
    again = config()
    assert again.plugins["library"] is plugin
    build(again, serve_url="http://127.0.0.1:8000/")
    assert plugin.analyses.analyzed == 1 and plugin.analyses.reused == 79
    served = tmp_path / "served"
    # The served site has the same index files as a fresh build of the edited records.
    glossary, _ = load_glossary(project / "docs" / GLOSSARY_FILE, GLOSSARY_FILE)  # the manifest carries it
    fresh = build_search_files(load_library(_records(project), plugin.taxonomy, root=project, docs_dir=project / "docs"), glossary=glossary.shipped())
    folder = Path(fresh.manifest).parent
    index = {path: content for path, content in fresh.files.items() if Path(path).parent == folder}
    assert sum("/shard" in path for path in index) > 1
    assert {path: (served / path).read_bytes() for path in index} == index


def test_the_benchmark_script_checks_its_rebuild_against_a_from_scratch_build(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert incremental.main(["--project", str(project), "--out", str(tmp_path / "out")]) == 0
    result = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert result["identical_to_from_scratch"] and result["reanalysed_records"] == 1 and result["records"] == 80
    assert [p.name for p in (tmp_path / "out").glob("incremental-80-*.json")]
