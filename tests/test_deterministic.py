"""Deterministic builds: two builds of the same input give byte-identical site trees."""

from __future__ import annotations

import gzip
import hashlib
import struct
from pathlib import Path

import pytest
from policy_library.site.reproducible import commit_time

from tests.support import ROOT, build_site, make_project

# Files that carry a build time. None of them read the clock: MkDocs' one build
# time (the mtime inside sitemap.xml.gz, and <lastmod> when a site_url is set)
# is pinned to the commit being built (policy_library/site/reproducible.py).
CARRY_BUILD_TIME = {"sitemap.xml.gz": "gzip mtime = the day of the commit"}


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def gzip_mtime(path: Path) -> int:
    return struct.unpack("<I", path.read_bytes()[4:8])[0]


def test_sample_library_builds_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two builds back to back (the working tree may change during a long test session),
    # under different hash seeds (set iteration order) and into different folders.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sites = []
    for seed in ("1", "4242"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        site = tmp_path / f"seed-{seed}" / "site"
        build_site(ROOT, site)
        sites.append(site)
    first, second = tree(sites[0]), tree(sites[1])
    assert len(first) > 100
    assert differences(first, second) == []
    when = commit_time(ROOT)
    assert when is not None
    assert gzip_mtime(sites[1] / "sitemap.xml.gz") == when // 86400 * 86400  # MkDocs keeps the day
    assert set(CARRY_BUILD_TIME) <= set(first)


RECORDS = {
    f"record-{n}.md": f"""---
title: "Record {n} — Resolución ñ"
summary: Summary {n}.
document_type: {["Ordinance", "Report", "Guide"][n % 3]}
policy_areas: [Immigration, Policing, Housing]
states: [WA, OR, CA, NY, TX]
tags: !!set {{zeta, alpha, mu, beta, "tag {n}"}}
date: 20{10 + n}
related: [record-{(n + 1) % 6}]
---
Body {n} with *emphasis*.
"""
    for n in range(6)
}


def test_same_records_in_two_places_build_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not tied to the checkout's path, the hash seed or the clock (no git history: the epoch)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sites = []
    for n, seed in enumerate(["1", "2"]):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        place = tmp_path / f"checkout-{n}"
        place.mkdir()
        project = make_project(place, RECORDS)
        site = place / "out" / "site"
        build_site(project, site)
        sites.append(site)
    assert differences(tree(sites[0]), tree(sites[1])) == []
    assert gzip_mtime(sites[0] / "sitemap.xml.gz") == 0
    assert gzip.decompress((sites[0] / "sitemap.xml.gz").read_bytes()) == (sites[0] / "sitemap.xml").read_bytes()
