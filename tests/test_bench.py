"""The benchmark's own pieces: generated libraries are valid and repeatable; the server compresses like GitHub Pages."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

from policy_library.model.library import load_library
from policy_library.model.taxonomy import STATES, Taxonomy

from bench.generate import library, make_project
from bench.server import serve
from tests.support import ROOT


def test_generated_library_is_repeatable_and_valid(tmp_path: Path, taxonomy: Taxonomy) -> None:
    first = library(300, seed=3)
    assert [r.markdown() for r in first] == [r.markdown() for r in library(300, seed=3)]
    assert [r.markdown() for r in first] != [r.markdown() for r in library(300, seed=4)]
    project = make_project(tmp_path / "p", first)
    lib = load_library(project / "docs" / "records", taxonomy, root=project, docs_dir=project / "docs")
    assert lib.problems == []
    assert len(lib.records) == 300
    records = list(lib.records.values())
    assert all(150 <= len(r.body.split()) <= 400 for r in records)
    assert 15 <= sum(r.language == "es" for r in records) <= 50
    assert all(set(r.states) <= set(STATES) for r in records)
    assert {r.document_type for r in records} <= set(taxonomy.document_types.values)
    assert any(r.related for r in records)


def test_server_gzips_text_and_counts_what_it_sends(tmp_path: Path) -> None:
    text = "policy " * 5000
    (tmp_path / "index.html").write_text(text)
    (tmp_path / "chunk.pf_index").write_bytes(b"\x00" * 1000)
    with serve(tmp_path) as (base, counter):
        request = urllib.request.Request(base, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = response.read()
        assert gzip.decompress(body).decode() == text
        sent, requests = counter.snapshot()
        assert requests == 1
        assert len(body) < sent < len(body) + 400  # body and headers, far less than the raw text
        with urllib.request.urlopen(urllib.request.Request(base + "chunk.pf_index", headers={"Accept-Encoding": "gzip"})) as response:
            assert response.headers["Content-Encoding"] is None
            assert len(response.read()) == 1000


def test_links_bench_checks_the_sample_against_a_stand_in() -> None:
    result = subprocess.run([sys.executable, "-m", "bench.links_speed", "--delay", "0"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "records not read: 0" in lines[1]
    assert lines[-1].endswith(" live, 0 redirected, 0 broken.")
    # With answers at once, two requests to one host need not overlap: the limit holds, it need not be reached.
    at_once = re.search(r"(\d+) on one host", result.stdout)
    assert at_once and 1 <= int(at_once.group(1)) <= 2, result.stdout
