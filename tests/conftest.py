from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from policy_library.model.taxonomy import Taxonomy

from tests.support import ROOT, build_site, serve


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_config()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample library, built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("sample") / "site"
    build_site(ROOT, site)
    return site


@pytest.fixture(scope="session")
def sample_url(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample library served over HTTP under a sub-path, as on GitHub Pages."""
    with serve(sample_site, tmp_path_factory.mktemp("web")) as url:
        yield url
