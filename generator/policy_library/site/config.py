"""The plugin's configuration, as written under `plugins: - library:` in mkdocs.yml.

Declared with MkDocs' own config options, as mkdocs-material's plugins declare
theirs. The `library` commands validate the same section with this class
(cli/project.py), so an editor's command accepts exactly what the build does.
Every error is one line that names the option and says what to write instead.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from policy_library.model.fields import DEFAULT_FIELDS, LANGUAGE_CODES, Field, FieldConfigError, parse_fields
from policy_library.site.i18n import DEFAULT_LANGUAGES, known_language


class Count(c.BaseConfigOption[int]):
    """A whole number of at least `minimum` (YAML's `true` is not a number here, as it is to Python)."""

    def __init__(self, default: int, minimum: int) -> None:
        super().__init__()
        self.default = default
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValidationError(f"expected a whole number of at least {self.minimum}, not {value!r}; for example {self.default}.")
        return value


class Folder(c.BaseConfigOption[str]):
    """A folder inside docs_dir, written relative to it with forward slashes."""

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not value.strip("/ "):
            raise ValidationError(f"expected a folder inside docs/, not {value!r}; for example {self.default!r}.")
        path = PurePosixPath(value.strip("/"))
        if ".." in path.parts or "\\" in value:
            raise ValidationError(f"{value!r} leaves docs/; name a folder inside it with forward slashes, for example {self.default!r}.")
        return path.as_posix()


class Vocabularies(c.BaseConfigOption[dict]):
    """Replacement vocabularies: for each field, a list of values or of `value: label` pairs."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, Any] = {}

    def run_validation(self, value: object) -> dict[str, list[Any]]:
        example = "vocabularies: {level: [Federal, State, County]}"
        if not isinstance(value, Mapping):
            raise ValidationError(f"expected each field with its list of values, not {value!r}; for example `{example}`.")
        for field, entries in value.items():
            if not isinstance(entries, list) or not entries:
                raise ValidationError(f"{field}: expected a list of values, not {entries!r}; for example `{example}`.")
            for entry in entries:
                plain = isinstance(entry, str | int | float) and not isinstance(entry, bool)
                pair = isinstance(entry, Mapping) and len(entry) == 1 and all(isinstance(x, str) for pair in entry.items() for x in pair)
                # A label per language: `- County: {en: County, es: Condado}`.
                labels = next(iter(entry.values())) if isinstance(entry, Mapping) and len(entry) == 1 else None
                translated = (
                    isinstance(labels, Mapping)
                    and bool(labels)
                    and all(k in LANGUAGE_CODES and isinstance(v, str) and v.strip() for k, v in labels.items())
                    and isinstance(next(iter(entry)), str)
                )
                if not (plain or pair or translated):
                    raise ValidationError(
                        f"{field}: {entry!r} is neither a value nor a `value: label` pair; write `- County`, `- County: Counties`"
                        f" or, with a label per language, `- County: {{{', '.join(f'{c}: ...' for c in LANGUAGE_CODES)}}}`."
                    )
        return dict(value)


class LanguageList(c.BaseConfigOption[list[str]]):
    """The interface's languages, the first at the site's root and each other one under `<code>/`."""

    def __init__(self) -> None:
        super().__init__()
        self.default = list(DEFAULT_LANGUAGES)

    def run_validation(self, value: object) -> list[str]:
        example = "languages: [en, es]"
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValidationError(f"expected a list of language codes, not {value!r}; for example `{example}`.")
        codes = [v.strip() for v in value]
        for code in codes:
            if not known_language(code) or "/" in code or code.startswith("."):
                raise ValidationError(f"{code!r} is not a language code; write codes such as en, es or fr, for example `{example}`.")
        if len(set(codes)) != len(codes):
            raise ValidationError(f"a language is listed twice in {codes!r}; list each once, for example `{example}`.")
        return codes


def _known(name: str, options: Any) -> str:
    """`did you mean …?` when a close name exists, and the list of names either way."""
    names = sorted(options)
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{hint}the known ones are {', '.join(names)}"


class Fields(c.BaseConfigOption[tuple[Field, ...]]):
    """The library's own fields and changes to the built-in ones, read by fields.parse_fields."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: Any) -> tuple[Field, ...]:
        try:
            return parse_fields(value)
        except FieldConfigError as error:
            # MkDocs names the option itself ("option 'fields': ...").
            raise c.ValidationError(str(error).removeprefix("fields: ")) from None


class LibraryConfig(Config):
    # Folder of the records, relative to docs_dir.
    records_dir = Folder(default="records")
    # Replacements for the default vocabularies (document_type, policy_areas, level):
    # a list of values, or of `value: label` pairs, in the order the filters show them.
    vocabularies = Vocabularies()
    # Fields of this library's own (name: {label, values, multiple, facet, ...}), and words for the built-in ones.
    fields = Fields()
    # How many of the newest records the home page lists for visitors without JavaScript.
    home_records = Count(default=20, minimum=0)
    # How many records one browse page lists; a longer list continues on further pages.
    browse_page_size = Count(default=100, minimum=1)
    # The interface's languages: the first at the site's root, each other one under <code>/ (es/).
    # A language other than English needs its catalogue, locales/<code>/LC_MESSAGES/messages.po.
    languages = LanguageList()

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        # MkDocs only warns about an unknown option, and a build without --strict would go on
        # without the setting its author meant (a misspelt one, most often): here it is an error.
        failed, warnings = super().validate()
        unknown = sorted(key for key, _ in warnings if key not in self._schema_keys)
        for key in unknown:
            failed.append((key, ValidationError(f"no such option; {_known(key, self._schema_keys)}.")))
        if not failed:
            # Only a vocabulary field (the built-in ones or the library's own) has values to replace.
            choices = {f.name for f in (self.fields or DEFAULT_FIELDS) if f.kind == "choice"}
            for name in self.vocabularies:
                if name not in choices:
                    failed.append(("vocabularies", ValidationError(f"{name!r} has no vocabulary; {_known(str(name), choices)}.")))
        return failed, [(key, message) for key, message in warnings if key not in unknown]
