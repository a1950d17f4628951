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
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url

from policy_library.model.archive import FILES_DIR, is_safe, unsafe_archives
from policy_library.model.attachments import AttachmentTexts
from policy_library.model.library import Library, load_library
from policy_library.model.problems import InvalidLibrary, errors, warnings
from policy_library.model.similar import similar_records
from policy_library.model.symlinks import link_problems
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy
from policy_library.search import SearchFiles, build_search_files, write_files
from policy_library.search.analysis import Analyses
from policy_library.search.glossary import FILE_NAME as GLOSSARY_FILE
from policy_library.search.glossary import Glossary, load_glossary
from policy_library.site import citations, compact_html, csp, favicon, feed, guide, notfound, opendata, pagefiles, stylesheet, suggest
from policy_library.site.browse import Browse, BrowsePage, browse_pages, build_browse
from policy_library.site.config import LibraryConfig
from policy_library.site.i18n import LOCALES, SOURCE_LANGUAGE, CatalogueError, Languages, find_catalogues
from policy_library.site.labels import Labels
from policy_library.site.pages import record_view
from policy_library.site.publish import StagedSite
from policy_library.site.reproducible import pin_build_time
from policy_library.site.sanitize import clean_body_html, rebase
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
        self.stylesheet: dict[str, bytes] = {}  # the joined stylesheet by path, when the theme's could be joined
        self.search: SearchFiles | None = None
        self.env: Environment | None = None
        self.nav = Navigation([], [])
        # Hashes of the inline scripts the templates and the plugin write, settled in on_env.
        self.allowed_scripts: frozenset[str] = frozenset()
        self.notfound_script = ""
        self.glossary = Glossary()
        # Under `mkdocs serve`, each record's analysis is kept across rebuilds (on_startup keeps this object).
        self.analyses = Analyses()
        # Likewise the text of attached documents, by the hash of each file's bytes.
        self.attachments = AttachmentTexts()
        self.languages = Languages()
        self.files: Files | None = None
        # A twin page in another language that shows its original's HTML: a record (whose text
        # stays in its own language) or a page the library has not translated. twin -> original.
        self.reused: dict[str, str] = {}
        self.navs: dict[str, Navigation] = {}
        self.labels: dict[str, Labels] = {}
        self.tiles: dict[str, Any] = {}

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
        project = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.languages = Languages(self.config.languages, (project / "locales", LOCALES))
        for code in self.languages.codes:
            if code != SOURCE_LANGUAGE and not find_catalogues(code, self.languages.folders):
                raise PluginError(
                    f"mkdocs.yml: plugins: library: languages: {code!r} has no catalogue; "
                    f"add locales/{code}/LC_MESSAGES/messages.po beside mkdocs.yml (copy the package's es catalogue and translate it), or remove {code}."
                )
            try:
                self.languages.messages(code)
            except CatalogueError as error:
                raise PluginError(str(error)) from None
        self.labels = {code: Labels(self.taxonomy, self.languages.messages(code)) for code in self.languages.codes}
        self.navs = {}
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
        add_default_pages(files, config, self.languages)
        self._add_twins(files, config)
        self.files = files
        return files

    def _add_twins(self, files: Files, config: MkDocsConfig) -> None:
        """Every page in every language: a page without its twin gets one that shows the original's HTML in the other language's frame."""
        self.reused = {}
        for file in list(files.documentation_pages()):
            language, _ = self.languages.of_path(file.src_uri)
            if language != self.languages.root:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # each language's menu is its own (on_page_context)
                continue
            for code in self.languages.others:
                src_uri = self.languages.prefix(code) + file.src_uri
                if files.get_file_from_path(src_uri) is not None:
                    continue
                files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
                self.reused[src_uri] = file.src_uri

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        """Browse pages (out of the menu but their root), the feed and the open data files."""
        self.browse_by_src = {}
        for code in self.languages.codes:
            prefix = self.languages.prefix(code)
            for browse_page in browse_pages(self.browse, config.site_name, self.config.browse_page_size, self.labels[code]):
                self.browse_by_src[prefix + browse_page.src_uri] = browse_page
                root = browse_page.kind == "root" and not prefix
                files.append(
                    File.generated(config, prefix + browse_page.src_uri, content="", inclusion=InclusionLevel.INCLUDED if root else InclusionLevel.NOT_IN_NAV)
                )
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

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        self.navs = {}
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        browse_page = self.browse_by_src.get(page.file.src_uri)
        if browse_page is not None:
            page.meta.clear()
            page.meta.update(template="browse.html", title=escape(browse_page.title), description=escape(browse_page.description), hide=["toc"])
            return ""
        record = self._record_of(page)
        original = self._original_of(page)
        if record is None:
            if original is not None:
                # An untranslated page: its original's settings and title, its HTML in on_page_content.
                page.meta.clear()
                page.meta.update(original.meta)
                page.meta.setdefault("title", self.languages.messages(self._language_of(page)).gettext(original.title) if original.title else "")
                return ""
            # The editing guide's field reference is made from the configured vocabularies, in the page's language.
            return guide.expand(markdown, self.taxonomy, self._language_of(page))
        # MkDocs put every key of the record's frontmatter here, and mkdocs-material
        # prints some of them raw (`author`, for one) in templates without autoescape:
        # the theme gets only what the plugin controls, already escaped.
        page.meta.clear()
        page.meta.update(template="record.html", title=escape(record.title), description=escape(record.summary))
        # A record's twin shows the same text: converted once, for the original.
        return "" if original is not None else record.body

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        original = self._original_of(page)
        if original is not None and original.content is not None:
            # The twin sits one folder deeper (es/records/<id>/): its relative addresses go one folder up more.
            page.toc = original.toc
            html = rebase(original.content, "../" * self.languages.prefix(self._language_of(page)).count("/"))
            if self._record_of(page) is None:
                # A page not yet translated: its text is marked with the language it is written in.
                html = f'<div lang="{self.languages.of_path(original.file.src_uri)[0]}">{html}</div>'
            return html
        if self._record_of(page) is None:
            return html
        return clean_body_html(html)

    def _language_of(self, page: Page) -> str:
        return self.languages.of_path(page.file.src_uri)[0]

    def _original_of(self, page: Page) -> Page | None:
        src_uri = self.reused.get(page.file.src_uri)
        if src_uri is None or self.files is None:
            return None
        file = self.files.get_file_from_path(src_uri)
        return file.page if file is not None else None

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        language = self._language_of(page)
        record = self._record_of(page)
        if record is not None:
            context["record"] = record_view(self.lib, record, self.browse, tuple(self.similar.get(record.id, ())), self.labels[language])
            context["citation"] = citations.page_citation(self.rows[record.id], self.citation)
        browse_page = self.browse_by_src.get(page.file.src_uri)
        if browse_page is not None:
            context["browse_page"] = browse_page
        self._localize(context, language, page.file.src_uri, page.url, nav)
        return context

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        # Pages MkDocs renders from a template alone (404.html): the root language.
        self._localize(context, self.languages.root, template_name, "", context["nav"])
        return context

    def _localize(self, context: Any, language: str, src_uri: str, url: str, nav: Navigation) -> None:
        """What a page's templates need to speak its language: words, labels, its twins and its language's menu."""
        messages = self.languages.messages(language)
        base_src = self.languages.of_path(src_uri)[1]
        context.update(
            page_language=language,
            material_language=material_language(language, context["config"]),
            _=messages.html,
            ngettext=messages.nhtml,
            gettext=messages.gettext,
            library_messages=messages,
            library_labels=self.labels[language],
            library_search_page=base_src in ("index.md", "README.md"),
            library_alternates=self._alternates(base_src, url),
            library_tiles=self.tiles.get(language, []),
        )
        if language != self.languages.root:
            context["nav"] = self._nav(language, nav)

    def _alternates(self, base_src: str, url: str) -> list[dict[str, str]]:
        """The page in each language that has it: code, its own name, and its address relative to `url`."""
        out = []
        for code in self.languages.codes:
            file = self.files.get_file_from_path(self.languages.prefix(code) + base_src) if self.files is not None else None
            href = file.url if file is not None else (self.languages.prefix(code) + base_src if base_src.endswith(".html") else None)
            if href is None:
                continue
            out.append({"code": code, "name": self.languages.messages(code).own_name(code), "href": get_relative_url(href, url) if url else href})
        return out

    def _nav(self, language: str, nav: Navigation) -> Navigation:
        """The menu in another language: the same items, each page's twin, titled in that language."""
        if language in self.navs:
            return self.navs[language]
        messages = self.languages.messages(language)
        prefix = self.languages.prefix(language)
        pages: list[Page] = []

        def twin(item: Any) -> Any:
            if isinstance(item, Section):
                section = Section(messages.gettext(item.title), [twin(child) for child in item.children])
                for child in section.children:
                    child.parent = section
                return section
            if isinstance(item, Page) and self.files is not None:
                file = self.files.get_file_from_path(prefix + item.file.src_uri)
                if file is not None and file.page is not None:
                    other = file.page
                    # The menu's words: the catalogue's for the original's menu title, else the page's own title.
                    translated = messages.gettext(item.title) if item.title else ""
                    if translated and translated != item.title:
                        other.title = translated
                    pages.append(other)
                    return other
            return item

        items = [twin(item) for item in nav.items]
        translated = Navigation(items, pages)
        home = nav.homepage
        if home is not None and self.files is not None:
            file = self.files.get_file_from_path(prefix + home.file.src_uri)
            translated.homepage = file.page if file is not None else home
        self.navs[language] = translated
        return translated

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        languages = self.languages

        @pass_context
        def lang_url(context: Any, path: str) -> str:
            """A page's address (relative to the site root) in the language of the page being rendered, relative to that page."""
            prefix = languages.prefix(context.get("page_language") or languages.root)
            path = str(path)
            if path.startswith("./?"):
                # The search page with a query: from the site's root, as the templates always wrote it.
                return f"{str(context.get('base_url') or '.').rstrip('/')}/{prefix}{path}"
            return normalize_url(prefix + path, page=context.get("page"), base=context.get("base_url") or "")

        env.filters["lang_url"] = lang_url
        root = languages.messages(languages.root)
        env.globals.update(
            _=root.html,
            ngettext=root.nhtml,
            gettext=root.gettext,
            page_language=languages.root,
            library_root_language=languages.root,
            library_messages=root,
            library_labels=self.labels[languages.root],
        )
        self.env = env
        self._settle_inline_scripts(env, config, files)
        env.globals["library"] = self.lib
        env.globals["library_newest"] = self.lib.newest_first()[: self.config.home_records]
        env.globals["library_states"] = STATES
        env.globals["library_languages"] = LANGUAGES
        env.globals["library_browse"] = self.browse
        counts = {g.value: g.count for g in self.browse.index("states").groups} if self.browse.indexes else {}
        env.globals["library_state_counts"] = counts
        env.globals["library_map_legend"] = legend_steps(counts)
        # The search page's state map, its states named in each language.
        self.tiles = {code: tiles(lambda state, code=code: self.labels[code].value("states", state)) for code in self.languages.codes}
        env.globals["library_tiles"] = self.tiles[self.languages.root]
        env.globals["library_map_palette"] = palette_style()
        maps: dict[tuple[str, str], Markup] = {}

        def library_map(base: str, language: str) -> Markup:
            # Drawn once per page depth and language: every browse page of a depth shows the same map.
            key = (base, language)
            if key not in maps:
                folder = f"{base.rstrip('/')}/{self.languages.prefix(language)}browse/states"
                labels = self.labels[language]
                maps[key] = Markup(tile_map(counts, lambda code: f"{folder}/{code.lower()}/", labels.messages, lambda code: labels.value("states", code)))
            return maps[key]

        env.globals["library_map"] = library_map
        env.globals["library_feed"] = feed.FEED_PATH
        env.globals["library_columns"] = opendata.columns(self.lib.taxonomy)
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
        env.globals["library_stylesheet"] = self._join_stylesheets(env, config, files)
        icon = files.get_file_from_path(config.theme.get("favicon") or "")
        env.globals["library_favicon"] = favicon.data_address(icon.src_uri, Path(icon.abs_src_path).read_bytes()) if icon and icon.abs_src_path else None
        return env

    def _join_stylesheets(self, env: Environment, config: MkDocsConfig, files: Files) -> str | None:
        """The path of the theme's stylesheets and the library's joined in one file (the files the site serves:
        a site's override of one included), or None when the theme's base template links others."""
        assert env.loader is not None
        base, _, _ = env.loader.get_source(env, "base.html")
        theme = stylesheet.theme_sheets(base, bool(config.theme.get("palette")))
        sources = [file.abs_src_path if file else None for file in (files.get_file_from_path(p) for p in [*theme, ASSETS + "library.css"])]
        if not theme or None in sources:
            self.stylesheet = {}
            return None
        path, content = stylesheet.joined([Path(source).read_bytes() for source in sources if source])
        self.stylesheet = {path: content}
        return path

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
        if self.page_files is not None:
            write_files(config.site_dir, self.page_files.files)
        write_files(config.site_dir, self.stylesheet)
        self._write_error_pages(config)

    def _write_error_pages(self, config: MkDocsConfig) -> None:
        """The 404 page in each other language (es/404.html), as MkDocs writes the root one."""
        if "404.html" not in config.theme.static_templates or self.files is None or self.env is None:
            return
        from mkdocs.commands.build import get_context

        template = self.env.get_template("404.html")
        nav = self.nav
        for code in self.languages.others:
            name = self.languages.prefix(code) + "404.html"
            context = get_context(nav, self.files, config, base_url=urlsplit(config.site_url or "/").path)
            # Its addresses are relative to the site's root, as notfound.py makes them.
            self._localize(context, code, name, "", nav)
            output = notfound.relocatable(template.render(context), self.notfound_script)
            output = csp.complete(output, self.allowed_scripts, preview=self.serving)
            path = Path(config.site_dir) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(output, encoding="utf-8")

    def _record_of(self, page: Page) -> Any:
        prefix = self.config.records_dir.strip("/") + "/"
        src_uri = self.languages.of_path(page.file.src_uri)[1]
        if self.library is None or not src_uri.startswith(prefix):
            return None
        return self.library.records.get(Path(src_uri).stem)


def material_language(language: str, config: MkDocsConfig) -> str:
    """mkdocs-material's own words (its header, skip link...) in the page's language when material has them, else the site's."""
    for folder in config.theme.dirs:
        if (Path(folder) / "partials" / "languages" / f"{language}.html").is_file():
            return language
    return str(config.theme.language or "en")


# Stands for a listed record's link while its element is cached (no record text can hold it: it is escaped).
_HREF = "\x00href\x00"


def _listed(env: Environment) -> Any:
    """partials/result-item.html for a record, rendered once per build (for each of its pages' links only
    the link changes): a record is listed on many pages, its browse pages and its related records'."""
    template = env.get_template("partials/result-item.html")
    cache: dict[tuple[str, str], tuple[str, str]] = {}

    @pass_context
    def listed(context: Any, record: Any, href: str) -> Markup:
        # One copy per interface language: the line under the title speaks the page's.
        key = (record.id, str(context.get("page_language") or ""))
        parts = cache.get(key)
        if parts is None:
            before, _, after = template.render(r=record, href=_HREF, library_labels=context.get("library_labels")).partition(_HREF)
            parts = cache[key] = (before, after)
        return Markup(parts[0] + str(escape(href)) + parts[1])

    return listed


def _shown(path: Path, root: Path) -> str:
    """A path as problems name it: relative to the project's root when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
