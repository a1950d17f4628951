"""The package as another organization gets it: the wheel, installed (not editable) into a new
virtual environment, starts a library outside this repository, builds it and searches it.

No network: the wheel is built with the setuptools already installed (no build isolation),
and the new environment borrows this one's dependencies through a .pth line. Only
policy_library itself comes from the wheel, and the test checks that it does.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.support import ROOT, serve

SOURCE = ROOT / "generator" / "policy_library"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": ""}


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def run(self, *command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
        return result


def _run(*command: str | Path, cwd: Path | None = None) -> None:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    # A copy of the sources: an in-tree build would leave build/ and *.egg-info in the repository.
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    dist = work / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--wheel-dir", dist, source)
    (wheel,) = dist.glob("policy_library-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-deps", "--no-index", wheel)
    # The dependencies (MkDocs, mkdocs-material, lunr…) from this environment, after the new one's own
    # site-packages: a path line in a .pth file does not run the .pth files there, so this
    # environment's editable install of policy_library stays out.
    site = Path(subprocess.check_output([venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return Installed(wheel, venv, work)


def test_the_wheel_carries_every_module_template_asset_and_starter_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    expected = {
        path.relative_to(SOURCE.parent).as_posix() for path in SOURCE.rglob("*") if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    assert expected - names == set(), "every file of the package's source tree is in the wheel"
    # The checks that the list above is the package, not an accident of the tree.
    shipped = ["site/templates/home.html", "site/templates/assets/library/page/search.js", "site/templates/assets/library/worker/worker.js"]
    assert {f"policy_library/{name}" for name in [*shipped, "site/defaults/open-data.md", "cli/starter/mkdocs.yml"]} <= names
    assert not [n for n in names if n.startswith(("tests/", "bench/", "generator/"))]


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed: Installed) -> None:
    where = installed.run(installed.python, "-c", "import policy_library.site.plugin as p; print(p.__file__)", cwd=installed.work).stdout.strip()
    assert Path(where).is_relative_to(installed.venv), where
    assert not Path(where).is_relative_to(ROOT)


@pytest.fixture(scope="module")
def started(installed: Installed) -> Iterator[str]:
    """`library init` in an empty folder outside the repository, built as written, served."""
    library = installed.work / "city-records"
    installed.run(str(installed.venv / "bin" / "library"), "init", str(library), cwd=installed.work)
    assert not library.is_relative_to(ROOT)
    installed.run(str(installed.venv / "bin" / "library"), "check", cwd=library)
    installed.run(installed.python, "-m", "mkdocs", "build", "--strict", cwd=library)
    with serve(library / "site", installed.work) as url:
        yield url


def test_a_new_library_from_the_wheel_builds_and_searches_in_chromium(watched: tuple[Page, Watch], started: str) -> None:
    page, watch = watched
    page.goto(started)
    expect(page.locator("h1")).to_have_text("City Records")
    page.locator('main input[name="q"]').fill("public records")
    # The served page already lists the library's one record: wait for the answer to the typed words.
    expect(page).to_have_url(re.compile(r"[?&]q=public"))
    results = page.locator(".library-results")
    expect(results).to_have_attribute("data-search-state", "ready")
    result = results.locator("[data-record-id]")
    expect(result).to_have_count(1)
    expect(result.locator("mark").first).to_have_text("public", ignore_case=True, timeout=15_000)
    result.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text("Example City Ordinance 2024-01")
    assert watch.page_errors == [] and watch.console_errors == [] and watch.foreign_requests() == []


def test_three_lines_of_configuration_build_the_whole_site(installed: Installed) -> None:
    """site_name, theme and plugins, and records: the plugin brings the search page and every template."""
    library = installed.work / "minimal"
    (library / "docs" / "records").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "policy_library" / "cli" / "starter" / "example-record.md", library / "docs" / "records" / "example.md")
    (library / "mkdocs.yml").write_text("site_name: Minimal\ntheme: {name: material}\nplugins: [library]\n", encoding="utf-8")
    installed.run(installed.python, "-m", "mkdocs", "build", "--strict", cwd=library)
    site = library / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "data-library-search" in home and "Example City Ordinance 2024-01" in home
    assert (site / "open-data" / "index.html").is_file() and (site / "records.json").is_file()
    assert (site / "records" / "example" / "index.html").is_file()
    assert list(site.glob("assets/library/js.*/worker/worker.js"))
