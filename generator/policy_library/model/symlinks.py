"""Links in the docs folder that lead outside it.

Git stores symbolic links, and MkDocs follows them when it copies the docs
folder into the site: a committed link such as `docs/files/report.pdf ->
~/.ssh/id_rsa` would publish whatever it points to on the build machine.
Every link under docs/ must stay inside docs/.
"""

from __future__ import annotations

import os
from pathlib import Path

from policy_library.model.problems import Problem


def links_outside(docs_dir: Path, root: Path) -> list[Problem]:
    docs = docs_dir.resolve()
    problems = []
    for folder, dirs, files in os.walk(docs_dir):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = path.resolve()
            if target == docs or docs in target.parents:
                continue
            shown = _shown(path, root)
            problems.append(Problem(shown, 1, "file", "is a link to a file outside the docs folder", "replace the link with a copy of the file itself"))
        dirs.sort()
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
