"""`library init DIR`: a new library that builds with --strict as written, and never overwrites anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from policy_library.cli.init import LAYOUT

from tests.support import build_site


def _init(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policy_library.cli", "init", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_init_writes_a_library_that_builds_as_written(tmp_path: Path) -> None:
    result = _init("city-records", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    library = tmp_path / "city-records"
    assert sorted(p.relative_to(library).as_posix() for p in library.rglob("*") if p.is_file()) == sorted(LAYOUT)
    config = yaml.safe_load((library / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config == {"site_name": "City Records", "theme": {"name": "material"}, "plugins": ["library"]}
    readme = (library / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# City Records\n") and "mkdocs serve" in readme and "library check" in readme
    workflow = yaml.safe_load((library / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert {"check", "deploy"} <= set(workflow["jobs"])
    build_site(library, library / "site")
    home = (library / "site" / "index.html").read_text(encoding="utf-8")
    assert "Search the library's records" in home and "Example City Ordinance 2024-01" in home
    # The Spanish search page has its own text.
    assert "Busque en los registros de la biblioteca" in (library / "site" / "es" / "index.html").read_text(encoding="utf-8")


def test_init_names_the_site_safely(tmp_path: Path) -> None:
    assert _init("lib", "--name", 'Records: "A" # B', cwd=tmp_path).returncode == 0
    assert yaml.safe_load((tmp_path / "lib" / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"] == 'Records: "A" # B'


def test_init_never_writes_into_a_folder_with_files(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = _init("mine", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("library init: mine is not empty; give the name of a new or empty folder")
    assert result.stderr.rstrip().endswith("Nothing was written.") and len(result.stderr.splitlines()) == 1
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
