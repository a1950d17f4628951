"""The suggest page: a form, made from the field registry, that writes a record's file.

The page's script checks what an editor types with the rules `library check`
uses (model/form_rules.py hands them over as JSON), shows the record as its
page will look, and gives the file's name and text to copy or download. With
`repo_url` on GitHub it also links GitHub's page for a new file, filled in. The
page sends nothing anywhere: the link is the editor's own to follow.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from policy_library.model.form_rules import form_rules
from policy_library.model.taxonomy import Taxonomy
from policy_library.site.pages import OWN_PLACE

PAGE = "suggest.md"
# The longest address the page hands to GitHub. Browsers take far longer ones, but
# servers and proxies refuse long request lines (GitHub's answers "414 URI Too Long"
# well before 16 kB); 8,000 characters is the limit RFC 9110 recommends every
# party to support.
ADDRESS_LIMIT = 8000
_EDIT_URI = re.compile(r"^(?:edit|blob|tree)/([^/]+)/(.*)$")


def github_target(repo_url: str | None, edit_uri: str | None, docs_dir: str = "docs") -> dict[str, str] | None:
    """GitHub's new-file address for the repository and the folder records go in, or None when the repository is not on GitHub.

    The branch and the docs folder are those of the site's "edit" links (`edit_uri`,
    `edit/<branch>/<folder>/`), which MkDocs sets to `edit/master/docs/` for GitHub
    unless the library says otherwise.
    """
    if not repo_url:
        return None
    parts = urlsplit(repo_url.strip())
    path = [p for p in parts.path.split("/") if p]
    if parts.scheme != "https" or (parts.hostname or "").lower() not in ("github.com", "www.github.com") or len(path) < 2:
        return None
    owner, repo = path[0], path[1].removesuffix(".git")
    branch, folder = "main", docs_dir.strip("/")
    match = _EDIT_URI.match((edit_uri or "").strip("/") + "/")
    if match:
        branch, folder = match.group(1), match.group(2).strip("/")
    prefix = f"{folder}/" if folder else ""
    return {"new": f"https://github.com/{quote(owner)}/{quote(repo)}/new/{quote(branch)}", "folder": prefix}


def page_data(taxonomy: Taxonomy, *, records_dir: str, repo_url: str | None, edit_uri: str | None, docs_dir: str) -> dict[str, Any]:
    """What the suggest page's template and script need: the rules, where records go, and GitHub's address."""
    rules = form_rules(taxonomy, records_dir=records_dir)
    rules["own_place"] = sorted(OWN_PLACE)
    rules["github"] = github_target(repo_url, edit_uri, docs_dir)
    rules["address_limit"] = ADDRESS_LIMIT
    return rules
