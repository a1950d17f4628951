"""The interface's words in each of the site's languages: gettext catalogues read with Babel.

One catalogue per language, `locales/<lang>/LC_MESSAGES/messages.po`, keyed by the
English text (English needs no catalogue of its own). A library may add a language
or change a word with a catalogue of its own under `<project>/locales/`, which is
read before the package's. `make messages` extracts every string the templates and
the Python code mark (`_()`, `ngettext()`) into `locales/messages.pot` and merges it
into each catalogue.

Templates get `_` and `ngettext` for the page's language; the search page's
JavaScript gets its sentences from the page (home.html's search text), and its
plurals as one text per CLDR plural category, which the page picks with
Intl.PluralRules: both follow the same CLDR rules as Babel.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations
from markupsafe import Markup, escape

from policy_library.model.dates import PartialDate

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
DEFAULT_LANGUAGES = ("en", "es")
# The language whose words are the catalogues' keys.
SOURCE_LANGUAGE = "en"
_SLOT = re.compile(r"\{(\w+)\}")
# A number to try for each plural category (Babel's rule says which category each falls in).
_SAMPLES = (*range(0, 201), 1000, 1000000, 1.5)


class CatalogueError(ValueError):
    """A catalogue that cannot be read, in one line naming the file and the fix."""


def catalogue_path(folder: Path, language: str) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def fill(text: str, values: Mapping[str, Any]) -> str:
    """`{name}` slots filled from `values`; a slot without a value stays as written (the page's script fills it)."""
    return _SLOT.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), text)


def _text_html(text: str) -> str:
    """A catalogue's text as HTML text (inside double-quoted attributes too); apostrophes stay as written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


def read_catalogue(path: Path, language: str) -> Catalog:
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=language, domain=DOMAIN)
    except (OSError, ValueError, UnknownLocaleError) as error:
        raise CatalogueError(f"{path}: cannot be read as a gettext catalogue ({error}); fix the file or remove it.") from None


def _translations(catalogues: Iterable[Catalog]) -> NullTranslations:
    """The catalogues as one gettext object, the first one's words winning (Babel compiles each in memory)."""
    result: NullTranslations = NullTranslations()
    for catalogue in reversed(list(catalogues)):
        buffer = io.BytesIO()
        write_mo(buffer, catalogue)
        buffer.seek(0)
        layer = Translations(buffer, domain=DOMAIN)
        layer.add_fallback(result)
        result = layer
    return result


def find_catalogues(language: str, folders: Iterable[Path]) -> list[Path]:
    return [p for p in (catalogue_path(folder, language) for folder in folders) if p.is_file()]


@dataclass
class Messages:
    """The words of one language: gettext, plurals, dates and numbers."""

    language: str
    translations: NullTranslations = field(default_factory=NullTranslations)

    @classmethod
    def load(cls, language: str, folders: Iterable[Path] = (LOCALES,)) -> Messages:
        paths = find_catalogues(language, folders)
        return cls(language, _translations(read_catalogue(p, language) for p in paths))

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.language)

    def gettext(self, message: str, **values: Any) -> str:
        """The message in this language, with its `{name}` slots filled from `values`."""
        return fill(self.translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int | None = None, **values: Any) -> Any:
        """The form for `n` (its `{n}` slot filled); without `n`, every form by CLDR plural category, for the page's script."""
        if n is None:
            return {category: fill(self.translations.ngettext(singular, plural, sample), values) for category, sample in self.plural_samples.items()}
        return fill(self.translations.ngettext(singular, plural, n), {"n": self.number(n), **values})

    @cached_property
    def plural_samples(self) -> dict[str, int]:
        """One number in each CLDR plural category of the language (what Intl.PluralRules picks from)."""
        rule = self.locale.plural_form
        samples: dict[str, int] = {}
        for n in _SAMPLES:
            if isinstance(n, int):
                samples.setdefault(rule(n), n)
        samples.setdefault("other", 2)
        return samples

    def html(self, message: str, **values: Any) -> Markup:
        """gettext for templates: the catalogue's text as HTML text, each value escaped (record text may be one)."""
        return Markup(fill(_text_html(self.translations.gettext(message)), {k: escape(v) for k, v in values.items()}))

    def nhtml(self, singular: str, plural: str, count: int | None = None, /, **values: Any) -> Any:
        """ngettext for templates; without `count`, the forms for the page's script (plain text, written as JSON).
        A value for `n` is written in place of the number (`n="{n}"` leaves the slot to the page's script)."""
        if count is None:
            return self.ngettext(singular, plural, None, **values)
        text = _text_html(self.translations.ngettext(singular, plural, count))
        return Markup(fill(text, {"n": escape(self.number(count)), **{k: escape(v) for k, v in values.items()}}))

    def number(self, n: int) -> str:
        return format_decimal(n, locale=self.locale)

    def date(self, date: PartialDate | None) -> str:
        """A date as precise as it is known: "2018", "March 2018", "8 de marzo de 2018"."""
        if date is None:
            return ""
        if not date.month:
            return str(date.year)
        day = dt.date(date.year, date.month, date.day or 1)
        if not date.day:
            return format_skeleton("yMMMM", day, locale=self.locale)
        return format_date(day, "long", locale=self.locale)

    def language_name(self, code: str) -> str:
        """A language's name in this language ("inglés"), as the filters and records show it."""
        try:
            name = self.locale.languages.get(code) or Locale.parse(code).get_display_name(self.locale) or code
        except (ValueError, UnknownLocaleError):
            return code
        return name[:1].upper() + name[1:]

    def own_name(self, code: str) -> str:
        """A language's name in itself, for the language switch ("Español")."""
        try:
            name = Locale.parse(code).get_display_name(code) or code
        except (ValueError, UnknownLocaleError):
            return code
        return name[:1].upper() + name[1:]


def known_language(code: str) -> bool:
    """A language Babel knows (its dates, plurals and names come from CLDR)."""
    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


class Languages:
    """The site's languages: the first at the site's root, each other one under `<code>/`."""

    def __init__(self, codes: Iterable[str] = DEFAULT_LANGUAGES, folders: Iterable[Path] = (LOCALES,)) -> None:
        self.codes: tuple[str, ...] = tuple(codes)
        self.folders = tuple(folders)
        self._messages: dict[str, Messages] = {}

    @property
    def root(self) -> str:
        return self.codes[0]

    @property
    def others(self) -> tuple[str, ...]:
        return self.codes[1:]

    def messages(self, language: str) -> Messages:
        if language not in self._messages:
            self._messages[language] = Messages.load(language, self.folders)
        return self._messages[language]

    def prefix(self, language: str) -> str:
        """Where a language's pages live: "" for the root language, "es/" for Spanish."""
        return "" if language == self.root else f"{language}/"

    def of_path(self, path: str) -> tuple[str, str]:
        """(language, the path in the root language) of a src_uri or URL under the site root."""
        for code in self.others:
            if path == code or path.startswith(f"{code}/"):
                return code, path[len(code) + 1 :]
        return self.root, path

    def twin(self, path: str, language: str) -> str:
        """The same page in another language."""
        return self.prefix(language) + self.of_path(path)[1]
