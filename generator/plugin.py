"""The MkDocs plugin: translates MkDocs events into calls on the library core."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .config import LibraryConfig
from .library import Library, load_library
from .pages import record_view
from .problems import InvalidLibrary, errors, warnings
from .sanitize import clean_body_html
from .taxonomy import LANGUAGES, STATES, Taxonomy

log = logging.getLogger("mkdocs.plugins.library")


def _editor_log() -> logging.Logger:
    """Record warnings go to their own logger: `mkdocs build --strict` must not fail on them."""
    logger = logging.getLogger("policy_library")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.INFO)
    return logger


class LibraryPlugin(BasePlugin[LibraryConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.library: Library | None = None
        self.taxonomy = Taxonomy.from_config()

    @property
    def lib(self) -> Library:
        assert self.library is not None, "the library is read in on_pre_build"
        return self.library

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.taxonomy = Taxonomy.from_config(self.config.vocabularies)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs cleans site/: a library with errors publishes nothing.
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path).parent if config.config_file_path else docs_dir.parent
        library = load_library(docs_dir / self.config.records_dir, self.taxonomy, root=root, docs_dir=docs_dir)
        for problem in warnings(library.problems):
            _editor_log().warning(str(problem).removesuffix(" [warning]"))
        found = errors(library.problems)
        if found:
            failure = InvalidLibrary(found)
            if not self.serving:
                raise PluginError(str(failure))
            # Under `mkdocs serve` the server keeps running: report, preview the valid records.
            for problem in failure.problems:
                _editor_log().error(str(problem))
            log.error(f"{len(found)} problems in the records; the preview leaves those records out until they are fixed.")
        self.library = library

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        prefix = self.config.records_dir.strip("/") + "/"
        for file in list(files):
            if not file.src_uri.startswith(prefix) or not file.is_documentation_page():
                continue
            if Path(file.src_uri).stem not in self.lib.records:
                files.remove(file)  # only under serve: a record with errors
                continue
            # Records are reached through search and browse pages, never the menu.
            file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        record = self._record_of(page)
        if record is None:
            return markdown
        page.meta["template"] = "record.html"
        # MkDocs renders templates without autoescape, and mkdocs-material prints
        # the title and description raw: hand them over already escaped.
        page.meta["title"] = escape(record.title)
        page.meta["description"] = escape(record.summary)
        return record.body

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._record_of(page) is None:
            return html
        return clean_body_html(html)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        record = self._record_of(page)
        if record is not None:
            context["record"] = record_view(self.lib, record)
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["library"] = self.lib
        env.globals["library_newest"] = self.lib.newest_first()[: self.config.home_records]
        env.globals["library_states"] = STATES
        env.globals["library_languages"] = LANGUAGES
        return env

    def _record_of(self, page: Page) -> Any:
        prefix = self.config.records_dir.strip("/") + "/"
        if self.library is None or not page.file.src_uri.startswith(prefix):
            return None
        return self.library.records.get(Path(page.file.src_uri).stem)
