"""The "Editing the library" page lists exactly the values that validation accepts."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

from tests.support import build_site, make_project

LIBRARY = Path(sys.executable).parent / "library"
VOCABULARIES = """  - library:
      vocabularies:
        document_type: [Ordinance, Zine]
        policy_areas:
          - Immigration
          - Labor: Work & Wages
"""
RECORD = """---
title: A Zine
summary: Made by hand.
document_type: Zine
policy_areas: [Labor]
---
"""


def text_of(page: str) -> str:
    article = page[page.index("<article") : page.index("</article>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", article))


def test_guide_follows_the_configured_vocabularies(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"a-zine.md": RECORD})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - library\n", VOCABULARIES, 1), encoding="utf-8")
    build_site(project, tmp_path / "site")
    page = (tmp_path / "site" / "editing" / "index.html").read_text(encoding="utf-8")
    words = " ".join(text_of(page).split())
    assert "Add a record from GitHub's web pages" in words and "Fixing what the check reports" in words
    # The guide starts with the form, then the Markdown path.
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page)
    assert headings[:2] == ["Suggest a record with the form", "Add a record from GitHub's web pages"]
    first = page[page.index("<h2") : page.index("<h2", page.index("<h2") + 1)]
    assert 'href="../suggest/"' in first
    assert (tmp_path / "site" / "suggest" / "index.html").is_file()
    # The field reference: every field, and the configured values in their configured order.
    for name in ("title", "summary", "document_type", "policy_areas", "level", "states", "date", "source_url", "related", "amends", "file"):
        assert f"{name}:" in words, name
    types = words[words.index("Document types") :]
    assert "Ordinance Zine" in types and "Model Legislation" not in types.split("Policy areas")[0]
    assert "Labor Work & Wages" in words  # a value and its label
    assert "WA Washington" in words
    # The template to paste names the same values.
    assert "# One of: Ordinance, Zine." in words
    # The guide is in the site's menu.
    assert 'href="editing/"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # And validation agrees with the guide.
    check = subprocess.run([str(LIBRARY), "check"], cwd=project, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout


def test_an_empty_library_builds(tmp_path: Path) -> None:
    # A new library, before its first record: the site builds, and the guide shows how to add one.
    project = make_project(tmp_path, {})
    build_site(project, tmp_path / "site")
    assert (tmp_path / "site" / "editing" / "index.html").exists()
