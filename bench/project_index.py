"""The project's own search-file writer, as the site build calls it (generator/index/)."""

from __future__ import annotations

from pathlib import Path

from generator.library import Library


def write(library: Library, out: Path) -> list[Path]:
    from generator.index import build_search_files

    files = build_search_files(library)
    files.write(out)
    return [out / path for path in files.files]
