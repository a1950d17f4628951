"""No half-published site: a `mkdocs build` that fails leaves the previous site untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from policy_library.site.theme import TEMPLATES

from tests.support import build_site, make_project, run_mkdocs_build

RECORD = """---
title: "{title}"
summary: A summary.
document_type: Ordinance
policy_areas: [Immigration]
---
Body.
"""


def digest(folder: Path) -> dict[str, str]:
    """Every file's bytes and every folder, by path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir" for p in sorted(folder.rglob("*"))}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site."))


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A project with a site already built from two good records."""
    project = make_project(tmp_path, {"first.md": RECORD.format(title="First"), "second.md": RECORD.format(title="Second")})
    site = tmp_path / "site"
    build_site(project, site)
    assert (site / "records" / "first" / "index.html").is_file()
    return project, site, digest(site)


def test_bad_record_leaves_the_old_site(published: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, before = published
    (project / "docs" / "records" / "second.md").write_text(RECORD.format(title="Second").replace("Ordinance", "Ordnance"), encoding="utf-8")
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert "docs/records/second.md:4: document_type:" in result.stderr
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_template_error_during_pages_leaves_the_old_site(published: tuple[Path, Path, dict[str, str]]) -> None:
    """A failure after MkDocs would have cleaned the site folder and written some pages."""
    project, site, before = published
    # The library's own override of the plugin's record template.
    broken = (TEMPLATES / "record.html").read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}{{ no_such_function() }}", 1)
    (project / "overrides" / "record.html").write_text(broken, encoding="utf-8")
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert "no_such_function" in result.stderr
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_strict_mode_warning_leaves_the_old_site(published: tuple[Path, Path, dict[str, str]]) -> None:
    """`--strict` aborts only after every page is written and every plugin has finished."""
    project, site, before = published
    (project / "docs" / "privacy.md").write_text("# Privacy\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    assert "contains a link 'missing.md'" in result.stderr
    assert digest(site) == before
    assert leftovers(site.parent) == []


def test_good_build_replaces_the_whole_site(published: tuple[Path, Path, dict[str, str]]) -> None:
    project, site, _ = published
    (project / "docs" / "records" / "second.md").unlink()
    (project / "docs" / "records" / "third.md").write_text(RECORD.format(title="Third"), encoding="utf-8")
    build_site(project, site)
    assert (site / "records" / "third" / "index.html").is_file()
    assert not (site / "records" / "second").exists()  # nothing stale stays behind
    assert leftovers(site.parent) == []
    assert oct(site.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def test_default_site_folder_of_the_project(tmp_path: Path) -> None:
    """Plain `mkdocs build` in the project, without --site-dir, as an editor runs it."""
    project = make_project(tmp_path, {"first.md": RECORD.format(title="First")})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def build() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, env=env, capture_output=True, text=True, timeout=300)

    assert build().returncode == 0
    before = digest(project / "site")
    (project / "docs" / "records" / "first.md").write_text("---\ntitle: [broken\n", encoding="utf-8")
    assert build().returncode != 0
    assert digest(project / "site") == before
    assert leftovers(project) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
