"""The plugin's configuration, as written under `plugins: - library:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LibraryConfig(Config):
    # Folder of the records, relative to docs_dir.
    records_dir = c.Type(str, default="records")
    # Replacements for the default vocabularies (document_type, policy_areas, level):
    # a list of values, or of `value: label` pairs, in the order the filters show them.
    vocabularies = c.Type(dict, default={})
    # How many of the newest records the home page lists for visitors without JavaScript.
    home_records = c.Type(int, default=20)
    # How many records one browse page lists; a longer list continues on further pages.
    browse_page_size = c.Type(int, default=100)
