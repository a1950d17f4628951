"""Publishing the site under stress: a killed build, a reader during the swap, two builds at once, a read-only folder."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from policy_library.site.publish import StagedSite

from tests.support import build_site, make_project, run_mkdocs_build
from tests.test_publish import RECORD, digest, leftovers

Published = tuple[Path, Path, dict[str, str]]


@pytest.fixture
def published(tmp_path: Path) -> Published:
    """A project beside its site folder, built once from two good records."""
    project = make_project(tmp_path, {"first.md": RECORD.format(title="First"), "second.md": RECORD.format(title="Second")})
    site = tmp_path / "site"
    build_site(project, site)
    return project, site, digest(site)


def mkdocs_build(project: Path, site: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_killed_build_leaves_nothing_the_next_build_keeps(published: Published) -> None:
    project, site, before = published
    killed = mkdocs_build(project, site)
    deadline = time.monotonic() + 120
    while not leftovers(site.parent) and time.monotonic() < deadline and killed.poll() is None:
        time.sleep(0.01)
    assert leftovers(site.parent), "the build should have made its staging folder"
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    assert digest(site) == before  # the old site is still served
    build_site(project, site)
    assert leftovers(site.parent) == []
    assert digest(site) == before


POLLER = """
import os, sys
path, stop = sys.argv[1], sys.argv[2]
misses = checks = 0
while not os.path.exists(stop):
    checks += 1
    if not os.path.exists(path):
        misses += 1
print(misses, checks)
"""


def test_the_site_folder_never_disappears_during_the_swap(tmp_path: Path) -> None:
    """A web server or a reader polling site/ while sites are swapped in never finds it missing."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("first", encoding="utf-8")
    stop = tmp_path / "stop"
    poller = subprocess.Popen([sys.executable, "-c", POLLER, str(site / "index.html"), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.3)  # the poller is running
        for n in range(300):
            staged = StagedSite(site)
            (staged.staging / "index.html").write_text(f"build {n}", encoding="utf-8")
            staged.finish()
    finally:
        stop.touch()
        out, _ = poller.communicate(timeout=60)
    misses, checks = map(int, out.split())
    assert checks > 1000
    assert misses == 0, f"site/index.html was missing {misses} times in {checks} looks"
    assert (site / "index.html").read_text(encoding="utf-8") == "build 299"
    assert leftovers(tmp_path) == []


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = StagedSite(site)
    (first.staging / "index.html").write_text("first", encoding="utf-8")
    second: list[StagedSite] = []
    waiting = threading.Thread(target=lambda: second.append(StagedSite(site)))
    waiting.start()
    waiting.join(timeout=1.0)
    assert waiting.is_alive(), "a second build must not start staging while the first is publishing"
    assert first.staging.is_dir()  # and it must not clean the first one's staging folder away
    first.finish()
    waiting.join(timeout=30)
    assert not waiting.is_alive()
    (second[0].staging / "index.html").write_text("second", encoding="utf-8")
    second[0].finish()
    assert (site / "index.html").read_text(encoding="utf-8") == "second"
    assert leftovers(tmp_path) == []


def test_two_builds_at_once_both_publish(published: Published) -> None:
    project, site, _ = published
    builds = [mkdocs_build(project, site) for _ in range(2)]
    results = [b.communicate(timeout=600) for b in builds]
    for build, (_, err) in zip(builds, results, strict=True):
        assert build.returncode == 0, err
    assert (site / "records" / "first" / "index.html").is_file()
    assert leftovers(site.parent) == []


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """A folder nobody can change, root included (root ignores permission bits, not the immutable flag)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a folder read-only for root here (chattr: {made.stderr.strip()})")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if "cannot publish" in line or "cannot build" in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_read_only_site_folder_is_a_message(published: Published) -> None:
    if os.geteuid() != 0:
        pytest.skip("without root's immutable flag a read-only site/ is still swapped out whole; the parent folder test covers the message")
    project, site, before = published
    with read_only(site):
        result = run_mkdocs_build(project, site)
    line = one_line_error(result)
    assert f"cannot publish the site to {site}: " in line and "make it and its folder writable" in line
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_a_read_only_parent_folder_is_a_message(published: Published) -> None:
    project, site, before = published
    with read_only(site.parent):
        result = run_mkdocs_build(project, site)
    line = one_line_error(result)
    assert f"cannot build the site in {site.parent}" in line and "make it writable" in line
    assert digest(site) == before
