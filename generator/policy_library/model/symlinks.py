"""Links in the docs folder.

Git stores symbolic links, and MkDocs follows them when it copies the docs
folder into the site: a committed link such as `docs/files/report.pdf ->
~/.ssh/id_rsa` would publish whatever it points to on the build machine, a
link to a folder (`docs/files/recs -> ../records`) republishes that folder's
files unchecked under another name, and one to a folder above it (`-> ..`)
makes MkDocs walk copies inside copies until the path is too long. A link to a
file must stay inside docs/; a link to a folder is refused wherever it points.
"""

from __future__ import annotations

import os
from pathlib import Path

from policy_library.model.problems import Problem


def link_problems(docs_dir: Path, root: Path) -> list[Problem]:
    """Every link under docs/ that leads to a folder or out of docs/; the walk itself never follows a link."""
    docs = docs_dir.resolve()
    problems = []
    for folder, dirs, files in os.walk(docs_dir):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            if path.is_dir():
                problems.append(
                    Problem(
                        _shown(path, root),
                        1,
                        "file",
                        "is a link to a folder; links to folders are not published",
                        "remove the link, and put copies of the files themselves in the folder",
                    )
                )
                continue
            target = path.resolve()
            if target == docs or docs in target.parents:
                continue
            problems.append(
                Problem(_shown(path, root), 1, "file", "is a link to a file outside the docs folder", "replace the link with a copy of the file itself")
            )
        dirs.sort()
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
