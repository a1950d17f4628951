"""The interface in every language: catalogues, Spanish pages page for page, a third language from a catalogue and one line."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from policy_library.model.dates import PartialDate
from policy_library.site.i18n import LOCALES, Messages, catalogue_path

from tests.support import ROOT, build_site, make_project, run_mkdocs_build

POT = LOCALES / "messages.pot"
SPANISH = catalogue_path(LOCALES, "es")


def test_spanish_plurals_dates_and_numbers_follow_the_language() -> None:
    es, en = Messages.load("es"), Messages.load("en")
    assert es.ngettext("{n} record", "{n} records", 1) == "1 registro"
    assert es.ngettext("{n} record", "{n} records", 3) == "3 registros"
    assert en.ngettext("{n} record", "{n} records", 1) == "1 record"
    assert es.date(PartialDate(2018, 3, 8)) == "8 de marzo de 2018"
    assert es.date(PartialDate(2018, 3)) == "marzo de 2018"
    assert en.date(PartialDate(2018, 3, 8)) == "March 8, 2018"
    assert es.number(12345) == "12.345" and en.number(12345) == "12,345"
    # The page's script picks a form by CLDR category (Intl.PluralRules): one per category.
    assert es.ngettext("{n} record", "{n} records") == {"one": "{n} registro", "other": "{n} registros", "many": "{n} registros"}


def _extracted() -> set[str | tuple[str, str]]:
    """Every string the plugin's templates and Python code mark, extracted now as `make messages` does."""
    found: set[str | tuple[str, str]] = set()
    method_map = [("site/**.py", "python"), ("site/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}
    for _, _, message, _, _ in extract_from_dir(LOCALES.parent.parent, method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_the_catalogues_hold_every_string_the_code_marks_and_spanish_translates_them_all() -> None:
    template = read_po(POT.open("rb"))
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in template if m.id}
    assert ids == _extracted(), "messages.pot is out of date: run `make messages`"
    spanish = read_po(SPANISH.open("rb"), locale="es")
    untranslated = [m.id for m in spanish if m.id and (not m.string or (not isinstance(m.string, str) and not all(m.string)))]
    assert untranslated == []
    assert {m.id if isinstance(m.id, str) else tuple(m.id) for m in spanish if m.id} == ids


class _Text(HTMLParser):
    """A page's interface text: what it shows and says (text, labels, titles, placeholders), without the
    text of elements marked with another language than the page's (record text, untranslated pages)."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
    SAID = ("aria-label", "title", "placeholder", "alt", "content")

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    @property
    def foreign(self) -> bool:
        return any(other for _, other in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        lang = a.get("lang")
        # A page's sentences for its scripts are JSON marked data-...-text; other JSON is data (a form's rules in every language).
        sentences = tag == "script" and a.get("type") == "application/json" and any(k.startswith("data-") and k.endswith("-text") for k in a)
        # Code is shown as typed (a command's output, a record's file), not translated.
        other = (lang is not None and lang != self.language) or tag in ("style", "code", "pre") or (tag == "script" and not sentences)
        if (tag == "meta" and a.get("property") in ("og:title", "og:description")) or a.get("name", "").startswith("twitter:"):
            other = True  # the record's own title and summary
        if not (self.foreign or other):
            self.parts += [str(a[k]) for k in self.SAID if a.get(k)]
        if tag not in self.VOID:
            self.stack.append((tag, other))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.foreign:
            self.parts.append(data)


def interface_text(html: str, language: str) -> str:
    parser = _Text(language)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_phrases() -> list[str]:
    """The English catalogue's sentences, cut at their slots, that Spanish says otherwise (long enough to be telling)."""
    spanish = read_po(SPANISH.open("rb"), locale="es")
    out: set[str] = set()
    for m in spanish:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for text in ids:
            pieces = [p.strip(" ,.:;()“”") for p in re.split(r"\{\w+\}", text)]
            for piece in pieces:
                # A whole sentence of two words or more ("Sort by"), or a part between slots of three or more.
                telling = piece.count(" ") >= (1 if len(pieces) == 1 else 2) and len(piece) >= 6
                if telling and not any(piece in s for s in strings):
                    out.add(piece)
    return sorted(out)


def test_every_spanish_page_speaks_spanish(sample_site: Path) -> None:
    phrases = english_phrases()
    assert len(phrases) > 50
    pages = sorted((sample_site / "es").rglob("*.html"))
    english = sorted(p for p in sample_site.rglob("*.html") if p.relative_to(sample_site).parts[0] != "es")
    assert len(pages) == len(english), "every page has its Spanish twin"
    found = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert '<html lang="es"' in html, path
        text = interface_text(html, "es")
        found += [f"{path.relative_to(sample_site)}: {phrase!r}" for phrase in phrases if phrase in text]
    assert found == [], "\n".join(found[:40])
    # The check sees English where there is some: the English pages say these phrases.
    home = interface_text((sample_site / "index.html").read_text(encoding="utf-8"), "en")
    assert "Search the library" in home and "Sort by" in home


def _alternates(html: str, path: str) -> dict[str, str]:
    """hreflang -> the page it names, as a path under the site."""
    base = "http://site/" + path
    return {
        lang: urljoin(base, href).removeprefix("http://site/") for lang, href in re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)">', html)
    }


@pytest.mark.parametrize("path", ["", "records/california-ab-450-immigrant-worker-protection/", "browse/states/wa/", "browse/", "open-data/", "privacy/"])
def test_each_page_names_its_twins_and_switches_to_them(sample_site: Path, path: str) -> None:
    twins = {"en": path, "es": "es/" + path, "x-default": path}
    for own in (path, "es/" + path):
        html = (sample_site / own / "index.html").read_text(encoding="utf-8")
        assert _alternates(html, own) == twins, own
        switch = re.search(r"<nav class=\"library-languages\"[^>]*data-language-switch>(.*?)</nav>", html, re.S)
        assert switch, own
        links = dict(
            (lang, urljoin("http://site/" + own, href).removeprefix("http://site/"))
            for href, lang in re.findall(r'<a href="([^"]*)" lang="([^"]+)"', switch.group(1))
        )
        assert links == {"en": path, "es": "es/" + path}, own


def test_records_keep_their_language_and_pages_speak_their_own(sample_site: Path) -> None:
    # A Spanish record listed on an English page is marked lang="es", and an English one on a Spanish page lang="en".
    home_en = (sample_site / "index.html").read_text(encoding="utf-8")
    home_es = (sample_site / "es" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="library-result-title" href="[^"]+" dir="auto" lang="es"', home_en)
    assert re.search(r'class="library-result-title" href="[^"]+" dir="auto" lang="en"', home_es)
    record = (sample_site / "es/records/california-ab-450-immigrant-worker-protection/index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in record and '<h1 dir="auto" lang="en">' in record
    assert "Sobre este documento" in record or "library-body" not in record


def _third_language_project(tmp: Path) -> Path:
    project = make_project(
        tmp, {"one.md": "---\ntitle: Un document\nsummary: Un résumé.\ndocument_type: Report\npolicy_areas: Immigration\ndate: 2018-03-08\n---\n"}
    )
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - library\n" in text
    (project / "mkdocs.yml").write_text(text.replace("  - library\n", "  - library:\n      languages: [en, es, fr]\n", 1), encoding="utf-8")
    catalogue = catalogue_path(project / "locales", "fr")
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "Search the library"\nmsgstr "Chercher dans la bibliothèque"\n\n'
        'msgid "{n} record, newest first."\nmsgid_plural "{n} records, newest first."\n'
        'msgstr[0] "{n} fiche, la plus récente d\'abord."\nmsgstr[1] "{n} fiches, les plus récentes d\'abord."\n',
        encoding="utf-8",
    )
    return project


def test_a_third_language_is_a_catalogue_and_one_line_of_configuration(tmp_path: Path) -> None:
    project = _third_language_project(tmp_path)
    site = tmp_path / "site"
    build_site(project, site)
    home = (site / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    assert "Chercher dans la bibliothèque" in home
    assert '<link rel="alternate" hreflang="fr"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "fr" / "records" / "one" / "index.html").is_file() and (site / "es" / "records" / "one" / "index.html").is_file()
    browse = (site / "fr" / "browse" / "types" / "report" / "index.html").read_text(encoding="utf-8")
    assert "1 fiche, la plus récente d&#39;abord." in browse or "1 fiche, la plus récente d'abord." in browse
    # What the small catalogue does not translate stays English; dates follow the language (CLDR, through Babel).
    assert "Sort by" in home
    record = (site / "fr" / "records" / "one" / "index.html").read_text(encoding="utf-8")
    assert "8 mars 2018" in record


@pytest.mark.parametrize(
    ("languages", "says"),
    [
        ("[en, fr]", "'fr' has no catalogue"),
        ("[en, es, es]", "listed twice"),
        ("[en, not a language]", "is not a language code"),
        ("english", "expected a list"),
    ],
)
def test_a_wrong_languages_option_stops_the_build_in_one_line(tmp_path: Path, languages: str, says: str) -> None:
    project = make_project(tmp_path, {})
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("  - library\n", f"  - library:\n      languages: {languages}\n", 1)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert says in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_the_sample_catalogue_reads_as_babel_reads_it() -> None:
    # A library's own catalogue sits beside mkdocs.yml and wins over the package's.
    assert read_po(io.BytesIO((ROOT / "locales" / "es" / "LC_MESSAGES" / "messages.po").read_bytes()), locale="es")
