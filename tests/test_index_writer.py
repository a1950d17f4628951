"""The index written directly (generator/index/writer.py) is lunr.py's index, value for value."""

from __future__ import annotations

from pathlib import Path

from bench.generate import library as generated_library
from bench.generate import make_project
from generator.index.lunr_index import build_index
from generator.index.writer import serialized_index
from generator.library import load_library
from generator.taxonomy import Taxonomy
from tests.support import ROOT


def test_the_direct_writer_equals_lunr_py_on_a_generated_library(tmp_path: Path, taxonomy: Taxonomy) -> None:
    project = make_project(tmp_path / "p", generated_library(250, seed=21))
    records = load_library(project / "docs" / "records", taxonomy, root=project, docs_dir=project / "docs").newest_first()
    assert any(r.language == "es" for r in records) and any(not r.jurisdiction for r in records)
    assert serialized_index(records) == build_index(records).serialize()


def test_the_direct_writer_equals_lunr_py_on_the_sample_library() -> None:
    records = load_library(ROOT / "docs" / "records", Taxonomy.from_config(), root=ROOT, docs_dir=ROOT / "docs").newest_first()
    assert serialized_index(records) == build_index(records).serialize()
