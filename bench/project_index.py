"""The project's own search-file writer, as the site build calls it (policy_library/search/)."""

from __future__ import annotations

from pathlib import Path

from policy_library.model.library import Library


def write(library: Library, out: Path) -> list[Path]:
    from policy_library.search import build_search_files

    files = build_search_files(library)
    files.write(out)
    return [out / path for path in files.files]
