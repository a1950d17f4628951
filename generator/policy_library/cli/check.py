"""`library check`: every problem of every record, without building the site.

Cross-references are checked against the whole records folder even when only
some files are named, so checking one file never reports its `related`
records as missing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policy_library.cli.project import Project
from policy_library.model.addresses import home_page_notes
from policy_library.model.duplicates import likely_duplicates
from policy_library.model.library import Library, build_library, docs_folder_problems, record_paths
from policy_library.model.problems import Problem, errors, notes, warnings
from policy_library.model.records import named_references
from policy_library.search.glossary import FILE_NAME as GLOSSARY_FILE
from policy_library.search.glossary import load_glossary


@dataclass
class CheckResult:
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not errors(self.problems)

    def summary(self) -> str:
        found = errors(self.problems)
        warned = warnings(self.problems)
        noted = notes(self.problems)
        noun = _plural(self.checked, "record")
        if not found and not warned and not noted:
            return f"Checked {noun}: no problems."
        parts = []
        if found:
            parts.append(f"{_plural(len(found), 'error')} in {_plural(len({p.path for p in found}), 'file')}")
        if warned:
            parts.append(_plural(len(warned), "warning"))
        if noted:
            parts.append(_plural(len(noted), "note") + " to improve when you can")
        text = f"Checked {noun}: {', '.join(parts)}."
        if found:
            text += " Nothing can be published until the errors are fixed."
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def check(project: Project, targets: Iterable[Path] = ()) -> CheckResult:
    """Check the named files and folders, or the project's records folder and glossary if none are named."""
    targets = list(targets)
    whole = not targets
    glossary = project.docs_dir / GLOSSARY_FILE
    checks_glossary = not targets or any(t.absolute() == glossary.absolute() for t in targets)
    targets = [t for t in targets if t.absolute() != glossary.absolute()] if targets else [project.records_dir]
    result = CheckResult()
    if checks_glossary:
        result.problems.extend(load_glossary(glossary, project.display(glossary))[1])
    wanted_by_folder: dict[Path, set[str] | None] = {}
    for target in targets:
        if target.is_dir():
            wanted_by_folder[target.absolute()] = None
        elif target.is_file():
            folder = target.absolute().parent
            wanted = wanted_by_folder.setdefault(folder, set())
            if wanted is not None:
                wanted.add(project.display(target))
        else:
            shown = project.display(target)
            result.problems.append(Problem(shown, 1, "file", "there is no such file or folder", "check the spelling of the path; records are in docs/records/"))
    for folder, wanted in wanted_by_folder.items():
        paths = record_paths(folder)
        library = build_library(paths, folder, project.taxonomy, root=Path.cwd(), docs_dir=_docs_dir(project, folder))
        # Duplicates are looked for in the whole folder: a named file's twin may be any record.
        found = [*library.problems, *_references_of_broken(paths, library), *likely_duplicates(library), *home_page_notes(library)]
        if wanted is None:
            result.checked += len(paths)
            result.problems.extend(found)
        else:
            result.checked += len(wanted)
            result.problems.extend(p for p in found if p.path in wanted)
    if whole:
        # The build publishes the whole docs folder: what it would refuse there, check refuses too.
        result.problems.extend(docs_folder_problems(project.docs_dir, Path.cwd(), result.problems))
    result.problems.sort()
    return result


def _references_of_broken(paths: list[Path], library: Library) -> list[Problem]:
    """Missing `related` and `amends` targets of records left out for other errors.

    The library checks references of good records only; without this, an editor
    would learn of a mistyped id only after fixing everything else in the file.
    """
    broken = {Path(p.path).stem: p.path for p in errors(library.problems)}
    existing = {path.stem for path in paths}
    problems = []
    for path in paths:
        shown = broken.get(path.stem)
        if shown is None or path.stem in library.records:
            continue
        try:
            named = named_references(path.read_bytes(), path.stem)
        except OSError:
            continue
        for name, (targets, line) in named.items():
            for target in targets:
                if target not in existing:
                    near = difflib.get_close_matches(target, sorted(existing), n=3, cutoff=0.6)
                    hint = f"did you mean {', '.join(near)}?" if near else "use the file name of an existing record in docs/records/, without .md"
                    problems.append(Problem(shown, line, name, f"there is no record {target!r}", hint))
    return problems


def _docs_dir(project: Project, folder: Path) -> Path:
    docs = project.docs_dir.absolute()
    return docs if folder.is_relative_to(docs) else folder.parent


def render(result: CheckResult, style: str) -> list[str]:
    """The lines `check` prints: one a problem, then the summary."""
    lines = [p.github() for p in result.problems] if style == "github" else [str(p) for p in result.problems]
    return [*lines, result.summary()]
