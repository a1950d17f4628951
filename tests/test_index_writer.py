"""The index written from the build's own assembly (tests/reference/writer.py) is lunr.py's index, value for value; the shipped shards are it cut by term."""

from __future__ import annotations

import hashlib
import math
import random
from pathlib import Path

import numpy as np
from policy_library.model.library import load_library
from policy_library.model.taxonomy import Taxonomy
from policy_library.search.analysis import words as analysis_words
from policy_library.search.assembly import round_scores
from policy_library.search.sharded import index_files
from policy_library.search.text import words

from bench.generate import library as generated_library
from bench.generate import make_project
from tests.reference.lunr_build import build_index
from tests.reference.positions import expected_index_files
from tests.reference.writer import serialized_index
from tests.support import ROOT


def test_the_direct_writer_equals_lunr_py_on_a_generated_library(tmp_path: Path, taxonomy: Taxonomy) -> None:
    project = make_project(tmp_path / "p", generated_library(250, seed=21))
    records = load_library(project / "docs" / "records", taxonomy, root=project, docs_dir=project / "docs").newest_first()
    assert any(r.language == "es" for r in records) and any(not r.jurisdiction for r in records)
    assert serialized_index(records) == build_index(records).serialize()


def test_the_direct_writer_equals_lunr_py_on_the_sample_library() -> None:
    records = load_library(ROOT / "docs" / "records", Taxonomy.from_config(), root=ROOT, docs_dir=ROOT / "docs").newest_first()
    assert serialized_index(records) == build_index(records).serialize()


def _name(stem: str, suffix: str, content: bytes) -> str:
    return f"search/{stem}.{hashlib.sha256(content).hexdigest()[:12]}{suffix}"


def test_the_shipped_index_files_are_the_lunr_py_index_cut_by_term(tmp_path: Path, taxonomy: Taxonomy) -> None:
    # The build writes the shards straight from its postings; cut from lunr.py's own index
    # (what tests/browser/test_shards.py searches in Chromium), they are the same bytes.
    project = make_project(tmp_path / "p", generated_library(250, seed=22))
    records = load_library(project / "docs" / "records", taxonomy, root=project, docs_dir=project / "docs").newest_first()
    shipped = index_files(records, _name)
    reference = expected_index_files(records, _name)
    assert shipped[0] == reference[0]
    assert shipped[1].keys() == reference[1].keys()
    assert shipped == reference
    assert len(shipped[1]) > 10


def test_words_fast_path_cuts_and_folds_like_text_words() -> None:
    samples = [
        "Plain ASCII: ICE-detainer_holds (8 U.S.C. § 1373), 2019/2020 & C++",
        "tab\tnew\nline\r\x00\x1f\x7f~`!@#$%^&*()[]{}<>?/\\|'\";:,.",
        "Asesoría jurídica: ¿Qué hacer? — Niños/niñas",
        "e\u0301xito İstanbul ǅemal ﬁx Ⅻ ²",
        "",
        "   ",
        "___",
    ]
    for text in samples:
        assert analysis_words(text) == words(text), text


def test_scores_round_as_python_rounds_them_even_next_to_a_tie() -> None:
    rng = random.Random(3)
    values = [rng.uniform(0, 60) for _ in range(20000)]
    # Decimal ties (k + 0.5) / 1000 are never exact in binary: round() sees which side they fall.
    values += [(k + 0.5) / 1000 for k in range(0, 60000, 7)]
    values += [math.nextafter(v, 0) for v in values[-500:]] + [math.nextafter(v, 100) for v in values[-500:]]
    values += [2.675, 1.0005, 0.0005, 0.0015, 0.0, 0.001]
    assert round_scores(np.array(values)).tolist() == [round(v, 3) for v in values]
