"""Links that work outside the site: with the site's address (site_url, from SITE_URL as the publishing workflow sets it)
records.csv, records.json and the feeds carry full addresses; without it, relative ones. Pages stay relative either way."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

from tests.support import ROOT, build_site, make_project

A = "{http://www.w3.org/2005/Atom}"
ADDRESS = "https://example.org/library/"
RECORDS = {
    "wa-one.md": "---\ntitle: One\nsummary: First.\ndocument_type: Ordinance\npolicy_areas: [Immigration]\nstates: [WA]\ndate: 2020\n---\n",
    "wa-two.md": "---\ntitle: Two\nsummary: Second.\ndocument_type: Report\npolicy_areas: [Policing]\nstates: [WA]\ndate: 2021-03\n---\n",
}


def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_url: str | None) -> Path:
    # The sample's own mkdocs.yml, which reads the address from the environment.
    if site_url is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", site_url)
    site = tmp_path / "site"
    build_site(make_project(tmp_path, RECORDS), site)
    return site


def csv_urls(site: Path) -> list[str]:
    return [row["url"] for row in csv.DictReader(io.StringIO((site / "records.csv").read_text(encoding="utf-8-sig"), newline=""))]


def feed_links(site: Path, name: str) -> list[str]:
    root = ET.parse(site / name).getroot()
    return [link.get("href") or "" for link in root.iter(f"{A}link")]


def test_with_site_url_the_open_data_and_feeds_use_full_addresses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = built(tmp_path, monkeypatch, ADDRESS.rstrip("/"))  # as actions/configure-pages gives it, without the slash
    assert csv_urls(site) == [f"{ADDRESS}records/wa-two/", f"{ADDRESS}records/wa-one/"]
    assert [row["url"] for row in json.loads((site / "records.json").read_text(encoding="utf-8"))] == csv_urls(site)
    for name in ("feed.xml", "feed.states.wa.xml"):
        links = feed_links(site, name)
        assert links and all(link.startswith(ADDRESS) for link in links), (name, links)
        assert f"{ADDRESS}records/wa-one/" in links
    # The site's own pages still link each other relatively: the same build works at any path.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'data-open-data="records\.json"', home)
    assert 'href="records/wa-two/"' in home


def test_without_site_url_they_are_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = built(tmp_path, monkeypatch, None)
    assert csv_urls(site) == ["records/wa-two/", "records/wa-one/"]
    assert "http" not in " ".join(feed_links(site, "feed.xml"))
    assert "records/wa-one/" in feed_links(site, "feed.xml")
    assert "records/wa-one/" in feed_links(site, "feed.states.wa.xml")


def deploy_steps(workflow: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The step that asks GitHub Pages for the site's address, and the build step that gets it, in that order."""
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["deploy"]["steps"]
    pages = next(i for i, step in enumerate(steps) if "actions/configure-pages" in step.get("uses", ""))
    build = next(i for i, step in enumerate(steps) if "mkdocs build" in step.get("run", ""))
    assert pages < build
    assert steps[build]["env"]["SITE_URL"] == f"${{{{ steps.{steps[pages]['id']}.outputs.base_url }}}}"
    return steps[pages], steps[build]


def test_this_repositorys_workflow_gives_the_build_the_pages_address() -> None:
    deploy_steps(ROOT / ".github" / "workflows" / "site.yml")
    assert "site_url: !ENV [SITE_URL, null]" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


STARTER = ROOT / "generator" / "policy_library" / "cli" / "starter"


@pytest.mark.parametrize("own", [None, "https://records.example.org/"], ids=["pages address", "the library's own"])
def test_the_starters_workflow_gives_the_build_the_pages_address_unless_the_library_names_one(tmp_path: Path, own: str | None) -> None:
    _, build = deploy_steps(STARTER / "workflow.yml")
    config = tmp_path / "mkdocs.yml"
    text = (STARTER / "mkdocs.yml").read_text(encoding="utf-8").replace("NAME", "City Records")
    config.write_text(text + (f"site_url: {own}\n" if own else ""), encoding="utf-8")
    # The build step's script as the runner runs it, with the build itself left out.
    script = build["run"].replace("mkdocs build --strict", "true")
    env = {**os.environ, "SITE_URL": "https://owner.github.io/city-records"}
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, check=True, timeout=30)
    loaded = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert loaded["site_url"] == (own or "https://owner.github.io/city-records")
    assert [line for line in config.read_text(encoding="utf-8").splitlines() if line.startswith("site_url:")] == [f"site_url: {loaded['site_url']}"]
