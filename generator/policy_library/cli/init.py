"""`library init DIR`: a new library that builds as written.

The starter files live in `starter/` beside this module (shipped in the
package); this module only says where each goes and fills in the name.
"""

from __future__ import annotations

import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

STARTER = Path(__file__).parent / "starter"
# Where each starter file goes in the new library.
LAYOUT = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "docs/index.md": "index.md",
    "docs/es/index.md": "es-index.md",  # the Spanish search page's text
    "docs/records/example.md": "example-record.md",
    ".github/workflows/site.yml": "workflow.yml",
}


class InitError(Exception):
    """Why a library cannot be started there; nothing was written."""


def _version() -> str:
    try:
        return version("policy-library")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.1.0"


def site_name(folder: Path) -> str:
    """A name for the site from its folder's: `city-records` becomes `City Records`."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Policy Library"


def init(folder: Path, name: str | None = None) -> list[Path]:
    """Write the starter library into `folder` (new or empty) and return the files written."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file; give the name of a new or empty folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitError(f"{folder} is not empty; give the name of a new or empty folder, so nothing of yours is overwritten.")
    title = name or site_name(folder)
    if "\n" in title or not title.strip():
        raise InitError("the site's name must be one line of text, for example --name 'City Records'.")
    existed = folder.is_dir()
    written: list[Path] = []
    try:
        _write(folder, title, written)
    except OSError:
        # All or nothing: a half-written library would not build.
        for path in written:
            path.unlink(missing_ok=True)
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return written


def _write(folder: Path, title: str, written: list[Path]) -> None:
    for target, source in LAYOUT.items():
        text = (STARTER / source).read_text(encoding="utf-8")
        if target == "mkdocs.yml":
            text = text.replace("site_name: NAME", f"site_name: {_yaml_string(title)}")
        text = text.replace("# NAME", f"# {title}").replace("VERSION", _version())
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar: any name, even one with `:` or `#`, stays a name."""
    return '"' + text.strip().replace("\\", "\\\\").replace('"', '\\"') + '"'
