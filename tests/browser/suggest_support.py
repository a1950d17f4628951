"""A library for the suggest form's tests: its own fields in mkdocs.yml (a choice, a date, an address, a text)
and a repository on GitHub, built once and served under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from policy_library.cli.project import load_project
from policy_library.model.taxonomy import Taxonomy

from tests.fields_library import status_project
from tests.support import build_site, serve

REPOSITORY = "https://github.com/example-org/city-library"
BRANCH = "trunk"
# The branch and folder of the site's edit links, which the new-file address follows.
REPO_CONFIG = f"repo_url: {REPOSITORY}\nedit_uri: edit/{BRANCH}/docs/\n"
NEW_FILE = f"{REPOSITORY}/new/{BRANCH}"


@dataclass(frozen=True)
class SuggestSite:
    url: str  # the suggest page's address
    project: Path
    taxonomy: Taxonomy


@pytest.fixture(scope="session")
def suggest_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SuggestSite]:
    tmp = tmp_path_factory.mktemp("suggest")
    project = status_project(tmp)
    config = project / "mkdocs.yml"
    config.write_text(REPO_CONFIG + config.read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp / "site"
    build_site(project, site)
    with serve(site, tmp_path_factory.mktemp("suggest-web")) as url:
        yield SuggestSite(url + "suggest/", project, load_project(project).taxonomy)


def open_form(page: Page, site: SuggestSite) -> None:
    page.goto(site.url)
    page.wait_for_selector("[data-library-suggest][data-suggest-ready]")


# The form's rules module, as the page loads it, applied to values in the page.
CHECK = """async ([name, input, ownId]) => {
  const src = document.querySelector('script[src$="page/suggest.js"]').src.replace(/suggest\\.js$/, "record-form.js");
  const m = await import(src);
  const r = m.prepare(window.__suggestRules ??= JSON.parse(document.querySelector("[data-suggest-rules]").textContent));
  return m.checkField(r, r.fields.get(name), input, ownId);
}"""

RECORD = """async (inputs) => {
  const src = document.querySelector('script[src$="page/suggest.js"]').src.replace(/suggest\\.js$/, "record-form.js");
  const m = await import(src);
  const r = m.prepare(window.__suggestRules ??= JSON.parse(document.querySelector("[data-suggest-rules]").textContent));
  const checked = m.checkRecord(r, inputs);
  return {...checked, markdown: checked.ok ? m.markdown(r, checked.row, inputs.body || "") : ""};
}"""


def check_in_page(page: Page, name: str, value: str | list[str], own_id: str) -> dict[str, Any]:
    return page.evaluate(CHECK, [name, value, own_id])  # type: ignore[no-any-return]


def record_in_page(page: Page, inputs: dict[str, Any]) -> dict[str, Any]:
    return page.evaluate(RECORD, inputs)  # type: ignore[no-any-return]
