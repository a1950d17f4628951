"""The plugin's configuration, as written under `plugins: - library:` in mkdocs.yml."""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from policy_library.model.fields import Field, FieldConfigError, parse_fields


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
    records_dir = c.Type(str, default="records")
    # Replacements for the default vocabularies (document_type, policy_areas, level):
    # a list of values, or of `value: label` pairs, in the order the filters show them.
    vocabularies = c.Type(dict, default={})
    # Fields of this library's own (name: {label, values, multiple, facet, ...}), and words for the built-in ones.
    fields = Fields()
    # How many of the newest records the home page lists for visitors without JavaScript.
    home_records = c.Type(int, default=20)
    # How many records one browse page lists; a longer list continues on further pages.
    browse_page_size = c.Type(int, default=100)
