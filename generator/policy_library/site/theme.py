"""The plugin's own templates and pages: what a library gets without writing any of them.

The templates folder joins the theme's folders after the site's `custom_dir`
and before mkdocs-material's, so a library overrides any of the plugin's
templates from its own `overrides/`, and the plugin's override material's.
A page the library's docs/ does not have (the search page, the open data page)
comes from `defaults/`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from policy_library.site.i18n import Languages

TEMPLATES = Path(__file__).parent / "templates"
DEFAULTS = Path(__file__).parent / "defaults"
# The browser's files, under the theme's folders and in the built site.
ASSETS = "assets/library/"
# The search page when the library writes none of its own: its text is the site's description.
HOME = """---
template: home.html
hide:
  - navigation
  - toc
---
"""


def add_templates(config: MkDocsConfig) -> None:
    theme = config.theme
    if theme.name != "material":
        raise PluginError(f"mkdocs.yml: the library plugin needs theme: {{name: material}}, not {theme.name!r}; set `theme: {{name: material}}`.")
    # Privacy: mkdocs-material loads its web fonts from Google unless told not to, and a visitor's
    # browser would then tell another origin which library they read (the CSP blocks it anyway).
    theme["font"] = False
    folder = str(TEMPLATES)
    if folder not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, folder)


def add_default_pages(files: Files, config: MkDocsConfig, languages: Languages | None = None) -> None:
    """The search page and `defaults/`' pages the library's docs/ lacks; `defaults/<lang>/` holds their translations."""
    if files.get_file_from_path("index.md") is None and files.get_file_from_path("README.md") is None:
        files.append(File.generated(config, "index.md", content=HOME))
    for page in sorted(DEFAULTS.glob("*.md")):
        if files.get_file_from_path(page.name) is None:
            files.append(File.generated(config, page.name, content=page.read_text(encoding="utf-8")))
            for code in languages.others if languages else ():
                translated = DEFAULTS / code / page.name
                src_uri = languages.prefix(code) + page.name
                if translated.is_file() and files.get_file_from_path(src_uri) is None:
                    files.append(File.generated(config, src_uri, content=translated.read_text(encoding="utf-8")))
