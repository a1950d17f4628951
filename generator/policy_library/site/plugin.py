"""The MkDocs plugin: translates MkDocs events into calls on the library core."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, pass_context
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from policy_library.model.archive import FILES_DIR, is_safe, unsafe_archives
from policy_library.model.attachments import AttachmentTexts
from policy_library.model.fields import LANGUAGE_CODES
from policy_library.model.library import Library, load_library
from policy_library.model.problems import InvalidLibrary, errors, warnings
from policy_library.model.similar import similar_records
from policy_library.model.symlinks import link_problems
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy
from policy_library.search import SearchFiles, build_search_files
from policy_library.search.analysis import Analyses
from policy_library.search.fragments import record_facts
from policy_library.search.glossary import FILE_NAME as GLOSSARY_FILE
from policy_library.search.glossary import Glossary, load_glossary
from policy_library.site import citations, compact_html, csp, feed, guide, notfound, opendata, pagefiles, suggest
from policy_library.site.browse import Browse, BrowsePage, browse_pages, build_browse
from policy_library.site.config import LibraryConfig
from policy_library.site.pages import record_view
from policy_library.site.publish import StagedSite
from policy_library.site.reproducible import pin_build_time
from policy_library.site.sanitize import clean_body_html
from policy_library.site.statemap import legend_steps, palette_style, tile_map, tiles
from policy_library.site.theme import ASSETS, add_default_pages, add_templates

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
        self.staged: StagedSite | None = None
        self.stage = False
        self.library: Library | None = None
        self.taxonomy = Taxonomy.from_config()
        self.browse = Browse([])
        self.browse_by_src: dict[str, BrowsePage] = {}
        self.similar: dict[str, list[str]] = {}
        self.added: dict[str, Any] = {}
        # Every record as records.json has it, by id, and the citation mapping (site/citations.py).
        self.rows: dict[str, dict[str, Any]] = {}
        self.citation: dict[str, Any] = {}
        self.page_files: pagefiles.PageFiles | None = None
        self.search: SearchFiles | None = None
        # Hashes of the inline scripts the templates and the plugin write, settled in on_env.
        self.allowed_scripts: frozenset[str] = frozenset()
        self.notfound_script = ""
        self.glossary = Glossary()
        # Under `mkdocs serve`, each record's analysis is kept across rebuilds (on_startup keeps this object).
        self.analyses = Analyses()
        # Likewise the text of attached documents, by the hash of each file's bytes.
        self.attachments = AttachmentTexts()

    @property
    def lib(self) -> Library:
        assert self.library is not None, "the library is read in on_pre_build"
        return self.library

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        # `mkdocs build` publishes all or nothing (gh-deploy publishes only after a good build anyway).
        self.stage = command == "build" and not dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        add_templates(config)
        self.taxonomy = Taxonomy.from_config(self.config.vocabularies, self.config.fields)
        pin_build_time(Path(config.config_file_path).parent if config.config_file_path else Path.cwd())
        config.extra["library_csp"] = csp.base_policy()  # main.html writes it; on_post_page adds the hashes
        if self.stage:
            self.staged = StagedSite(Path(config.site_dir))
            config.site_dir = str(self.staged.staging)
        return config

    @event_priority(-100)  # last: hash the inline scripts as the page will be served
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return csp.complete(compact_html.compact(output), self.allowed_scripts, preview=self.serving)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name == "404.html":
            output_content = notfound.relocatable(output_content, self.notfound_script)
        return csp.complete(output_content, self.allowed_scripts, preview=self.serving)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self.staged.fail()

    def on_shutdown(self) -> None:
        if self.staged is not None:
            self.staged.finish()
            self.staged = None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs cleans site/: a library with errors publishes nothing.
        docs_dir = Path(config.docs_dir)
        root = Path(config.config_file_path).parent if config.config_file_path else docs_dir.parent
        library = load_library(docs_dir / self.config.records_dir, self.taxonomy, root=root, docs_dir=docs_dir, attachments=self.attachments)
        glossary_path = docs_dir / GLOSSARY_FILE
        self.glossary, glossary_problems = load_glossary(glossary_path, _shown(glossary_path, root))
        library.problems += glossary_problems
        reported = {p.path for p in library.problems}
        links = [p for p in link_problems(docs_dir, root) if p.path not in reported]
        library.problems += [*links, *unsafe_archives(docs_dir, root)]
        for problem in warnings(library.problems):
            _editor_log().warning(str(problem).removesuffix(" [warning]"))
        found = errors(library.problems)
        if found:
            failure = InvalidLibrary(found)
            # MkDocs walks the docs folder through its links, to preview it too: links stop the preview.
            if not self.serving or links:
                raise PluginError(str(failure))
            # Under `mkdocs serve` the server keeps running: report, preview the valid records.
            for problem in failure.problems:
                _editor_log().error(str(problem))
            # Through the editors' logger: a problem on MkDocs' own logger would make a strict
            # config abort the rebuild and leave the preview stuck instead of showing the rest.
            noun = "problem" if len(found) == 1 else "problems"
            _editor_log().error(f"{len(found)} {noun} in the records or glossary; the preview leaves out what they concern until they are fixed.")
        self.library = library
        self._prepare_browsing(root, docs_dir / self.config.records_dir)

    def _prepare_browsing(self, root: Path, records_dir: Path) -> None:
        lib = self.lib
        self.browse = build_browse(lib)
        shown = {r.id: {*lib.related_of.get(r.id, ()), *r.amends, *lib.amended_by.get(r.id, ())} for r in lib}
        self.similar = similar_records(lib, exclude=shown)
        self.added = feed.git_added_times(root, records_dir)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        prefix = self.config.records_dir.strip("/") + "/"
        glossary = files.get_file_from_path(GLOSSARY_FILE)
        if glossary is not None:
            files.remove(glossary)  # the build ships it in the index manifest, not as a file of its own
        for file in list(files):
            if file.src_uri.startswith(FILES_DIR + "/") and not is_safe(file.src_uri):
                files.remove(file)  # only under serve: never copied, never a page
                continue
            if not file.src_uri.startswith(prefix) or not file.is_documentation_page():
                continue
            if Path(file.src_uri).stem not in self.lib.records:
                files.remove(file)  # only under serve: a record with errors
                continue
            # Records are reached through search and browse pages, never the menu.
            file.inclusion = InclusionLevel.NOT_IN_NAV
        self._add_generated(files, config)
        add_default_pages(files, config)
        return files

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        """Browse pages (out of the menu but their root), the feed and the open data files."""
        self.browse_by_src = {p.src_uri: p for p in browse_pages(self.browse, config.site_name, self.config.browse_page_size)}
        for src_uri, browse_page in self.browse_by_src.items():
            inclusion = InclusionLevel.INCLUDED if browse_page.kind == "root" else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src_uri, content="", inclusion=inclusion))
        rows = opendata.library_data(self.lib, config.site_url)
        self.rows = {row["id"]: row for row in rows}
        self.citation = citations.description(self.lib.taxonomy)
        files.append(File.generated(config, opendata.JSON_PATH, content=opendata.to_json(rows)))
        files.append(File.generated(config, opendata.CSV_PATH, content=opendata.to_csv(rows, self.lib.taxonomy)))
        author = config.site_author or config.site_name
        atom = feed.atom_feed(self.lib, self.added, title=config.site_name, site_url=config.site_url, author=author)
        files.append(File.generated(config, feed.FEED_PATH, content=atom))
        for group in self.browse.groups():
            # Each browse value page has a feed of its own newest records.
            atom = feed.atom_feed(
                self.lib,
                self.added,
                title=f"{config.site_name}: {group.label}",
                site_url=config.site_url,
                author=author,
                records=group.records,
                path=group.feed,
                subtitle=f"The newest records with {group.facet.singular} {group.label}",
            )
            files.append(File.generated(config, group.feed, content=atom))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        browse_page = self.browse_by_src.get(page.file.src_uri)
        if browse_page is not None:
            page.meta.clear()
            page.meta.update(template="browse.html", title=escape(browse_page.title), description=escape(browse_page.description), hide=["toc"])
            return ""
        record = self._record_of(page)
        if record is None:
            # The editing guide's field reference is made from the configured vocabularies, in the page's
            # language: a page under es/ is the Spanish twin of the page at the same path without it.
            language = next((code for code in LANGUAGE_CODES if code != "en" and page.file.src_uri.startswith(f"{code}/")), "en")
            return guide.expand(markdown, self.taxonomy, language)
        # MkDocs put every key of the record's frontmatter here, and mkdocs-material
        # prints some of them raw (`author`, for one) in templates without autoescape:
        # the theme gets only what the plugin controls, already escaped.
        page.meta.clear()
        page.meta.update(template="record.html", title=escape(record.title), description=escape(record.summary))
        return record.body

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._record_of(page) is None:
            return html
        return clean_body_html(html)

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        record = self._record_of(page)
        if record is not None:
            context["record"] = record_view(self.lib, record, self.browse, tuple(self.similar.get(record.id, ())))
            context["citation"] = citations.page_citation(self.rows[record.id], self.citation)
        browse_page = self.browse_by_src.get(page.file.src_uri)
        if browse_page is not None:
            context["browse_page"] = browse_page
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self._settle_inline_scripts(env, config, files)
        env.globals["library"] = self.lib
        env.globals["library_newest"] = self.lib.newest_first()[: self.config.home_records]
        env.globals["library_states"] = STATES
        env.globals["library_languages"] = LANGUAGES
        env.globals["library_browse"] = self.browse
        counts = {g.value: g.count for g in self.browse.index("states").groups} if self.browse.indexes else {}
        env.globals["library_state_counts"] = counts
        env.globals["library_map_legend"] = legend_steps(counts)
        env.globals["library_tiles"] = tiles(lambda code: self.lib.taxonomy.value_label("states", code))
        env.globals["library_map_palette"] = palette_style()
        env.globals["library_map"] = lambda base: Markup(tile_map(counts, lambda code: f"{base}/browse/states/{code.lower()}/"))
        env.globals["library_feed"] = feed.FEED_PATH
        env.globals["library_columns"] = opendata.columns(self.lib.taxonomy)
        # The line under a listed record's title, as the search page's results show it.
        env.globals["library_result_facts"] = lambda record: record_facts(record, self.lib.taxonomy)
        env.globals["library_listed"] = _listed(env)
        env.globals["library_form"] = suggest.page_data(
            self.lib.taxonomy,
            records_dir=self.config.records_dir,
            repo_url=config.repo_url,
            edit_uri=config.edit_uri,
            docs_dir=_shown(Path(config.docs_dir), Path(config.config_file_path).parent if config.config_file_path else Path.cwd()),
        )
        # The search page names the content-hashed index and data files it loads.
        # The version changes with any of the page's scripts or its stylesheet.
        # The scripts are the files the site serves: the plugin's own, or a site's override of one.
        scripts = {
            f.src_uri.removeprefix(ASSETS): Path(f.abs_src_path).read_bytes()
            for f in files
            if f.src_uri.startswith(ASSETS) and f.src_uri.endswith((".js", ".css")) and f.abs_src_path
        }
        self.search = build_search_files(self.lib, scripts, self.analyses if self.serving else None, self.glossary.shipped())
        env.globals["library_search"] = self.search
        # What the search page fetches only when asked: citations, a filter's feed, saved searches' new records.
        self.page_files = pagefiles.page_files(self.citation, self.browse, (r.id for r in self.lib.newest_first()))
        env.globals["library_files"] = self.page_files.paths
        return env

    def _settle_inline_scripts(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """The inline scripts the policy may allow, from the templates and the plugin, before any page renders."""
        self.notfound_script = notfound.base_script(notfound.top_level_names(f.dest_uri for f in files))
        # Theme scripts vary only with the page's depth: render them for every depth the site has.
        base_urls = {get_relative_url(".", f.url) for f in files.documentation_pages()}
        base_urls |= {get_relative_url(".", name) for name in config.theme.static_templates}
        base_urls.add(urlsplit(config.site_url or "/").path)  # error pages
        contexts = [{"config": config, "base_url": base_url} for base_url in sorted(base_urls)]
        texts = csp.template_scripts(env, config.theme.dirs, contexts) | {self.notfound_script}
        self.allowed_scripts = frozenset(csp.sha256(text) for text in texts)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.search is not None:
            self.search.write(Path(config.site_dir))
        # Beside each record's page, its citation files.
        extra = citations.record_files(self.rows.values(), self.citation)
        if self.page_files is not None:
            extra.update(self.page_files.files)
        pagefiles.write_all(config.site_dir, extra)

    def _record_of(self, page: Page) -> Any:
        prefix = self.config.records_dir.strip("/") + "/"
        if self.library is None or not page.file.src_uri.startswith(prefix):
            return None
        return self.library.records.get(Path(page.file.src_uri).stem)


# Stands for a listed record's link while its element is cached (no record text can hold it: it is escaped).
_HREF = "\x00href\x00"


def _listed(env: Environment) -> Any:
    """partials/result-item.html for a record, rendered once per build (for each of its pages' links only
    the link changes): a record is listed on many pages, its browse pages and its related records'."""
    template = env.get_template("partials/result-item.html")
    cache: dict[tuple[str, str], tuple[str, str]] = {}

    @pass_context
    def listed(context: Any, record: Any, href: str) -> Markup:
        # Pages in a language's own folder (es/...) may list a record in their language: one copy per folder.
        page = context.get("page")
        first = str(getattr(page, "url", "") or "").split("/", 1)[0]
        key = (record.id, first if len(first) == 2 else "")
        parts = cache.get(key)
        if parts is None:
            before, _, after = template.render(r=record, href=_HREF).partition(_HREF)
            parts = cache[key] = (before, after)
        return Markup(parts[0] + str(escape(href)) + parts[1])

    return listed


def _shown(path: Path, root: Path) -> str:
    """A path as problems name it: relative to the project's root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
