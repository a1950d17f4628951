"""Archived copies: the kinds of file the site publishes from docs/files/.

The site serves these files from its own origin, with no Content-Security-Policy
(that needs HTTP headers) and, on `*.github.io`, an origin shared by all of the
owner's project sites. A file the browser renders as a document of its own (SVG,
HTML, XML) would run its scripts there, and MkDocs would turn a Markdown file into
an unsanitised page. So only kinds that a browser shows without running anything
of the site's are published: PDF, plain text, office documents and raster images,
known by the file name's ending, which is what the web server goes by.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from policy_library.model.problems import Problem

FILES_DIR = "files"
SAFE_KINDS: dict[str, tuple[str, ...]] = {
    "PDF": (".pdf",),
    "plain text": (".txt", ".csv"),
    "office documents": (".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf"),
    "raster images": (".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff"),
}
SAFE_SUFFIXES = frozenset(suffix for suffixes in SAFE_KINDS.values() for suffix in suffixes)
FIX = "convert it to PDF, or save it as plain text, an office document or an image, and archive that copy instead"


def is_safe(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in SAFE_SUFFIXES


def why_unsafe(name: str) -> str:
    """What is wrong with an archived copy of this name, said for an editor."""
    suffix = PurePosixPath(name).suffix
    kind = f"a {suffix} file" if suffix else "a file without a type ending such as .pdf"
    allowed = "; ".join(f"{kind_name} ({', '.join(suffixes)})" for kind_name, suffixes in SAFE_KINDS.items())
    return f"{kind} is not published from docs/files/, where only documents that cannot run scripts on the site may be: {allowed}"


def unsafe_archives(docs_dir: Path, root: Path) -> list[Problem]:
    """Every file under docs/files/ of a kind the site does not publish (links are reported apart)."""
    folder = docs_dir / FILES_DIR
    problems = []
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(parent) / name
            if not path.is_symlink() and not is_safe(name):
                problems.append(Problem(_shown(path, root), 1, "file", why_unsafe(name), FIX))
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
