"""Where an editor's library lives: the project root, its records folder and vocabularies.

The `library` command reads the same `mkdocs.yml` as the site, so that `check`,
`new` and `import` accept exactly what the build accepts. It reads only the
plugin's settings and never runs MkDocs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policy_library.model.taxonomy import Taxonomy
from policy_library.site.config import LibraryConfig

CONFIG_NAME = "mkdocs.yml"
PLUGIN_NAME = "library"


class ProjectError(Exception):
    """A problem with the project as a whole, said for an editor."""


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that reads MkDocs' own tags (`!ENV`, `!!python/name:...`) as nothing."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    records_dir: Path
    taxonomy: Taxonomy
    config_file: Path | None = None

    def display(self, path: Path) -> str:
        """A path as editors see it in messages: relative to the working folder when inside it."""
        absolute = path.resolve()
        try:
            return absolute.relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return absolute.as_posix()


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` with an mkdocs.yml."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def load_project(start: Path | None = None) -> Project:
    start = (start or Path.cwd()).absolute()
    root = find_root(start)
    if root is None:
        docs = start / "docs"
        defaults = library_config({}, start / CONFIG_NAME)
        return Project(start, docs, docs / defaults.records_dir, Taxonomy.from_config(defaults.vocabularies, defaults.fields))
    config_file = root / CONFIG_NAME
    config = _read_config(config_file)
    plugin = library_config(plugin_config(config), config_file)
    docs_dir = root / str(config.get("docs_dir") or "docs")
    return Project(root, docs_dir, docs_dir / plugin.records_dir, Taxonomy.from_config(plugin.vocabularies, plugin.fields), config_file)


def library_config(section: Mapping[str, Any], config_file: Path) -> LibraryConfig:
    """The plugin's section validated as the build validates it: the first error, as one line."""
    config = LibraryConfig(config_file_path=str(config_file))
    config.load_dict(dict(section))
    failed, _ = config.validate()
    for key, error in failed:
        raise ProjectError(f"{CONFIG_NAME}: plugins: {PLUGIN_NAME}: {key}: {error}")
    return config


def _read_config(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader)
    except OSError as error:
        raise ProjectError(f"{path}: cannot be read: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise ProjectError(f"{path}: is not valid YAML: {error}") from error
    return data if isinstance(data, dict) else {}


def plugin_config(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """The settings under `plugins: - library: ...`, whichever form the list takes."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        found = plugins.get(PLUGIN_NAME)
        return found if isinstance(found, Mapping) else {}
    for entry in plugins:
        if isinstance(entry, Mapping) and PLUGIN_NAME in entry:
            found = entry[PLUGIN_NAME]
            return found if isinstance(found, Mapping) else {}
    return {}
