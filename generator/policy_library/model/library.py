"""The library: every record, with cross-references checked and resolved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from policy_library.model.archive import unsafe_archives
from policy_library.model.attachments import AttachmentTexts, attach_texts
from policy_library.model.problems import Problem
from policy_library.model.records import Record, parse_file
from policy_library.model.symlinks import link_problems
from policy_library.model.taxonomy import Taxonomy


@dataclass
class Library:
    records: dict[str, Record]
    taxonomy: Taxonomy
    problems: list[Problem] = field(default_factory=list)
    related_of: dict[str, list[str]] = field(default_factory=dict)
    amended_by: dict[str, list[str]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, rid: str) -> Record:
        return self.records[rid]

    def newest_first(self) -> list[Record]:
        """Dated records newest first, then undated ones, each by title."""
        by_title = sorted(self.records.values(), key=lambda r: (r.title.casefold(), r.id))
        dated = sorted((r for r in by_title if r.date), key=lambda r: r.date.sort_key(), reverse=True)  # type: ignore[union-attr]
        return dated + [r for r in by_title if not r.date]

    def related(self, rid: str) -> list[Record]:
        return [self.records[r] for r in self.related_of.get(rid, [])]

    def amends(self, rid: str) -> list[Record]:
        return [self.records[r] for r in self.records[rid].amends if r in self.records]

    def amended(self, rid: str) -> list[Record]:
        return [self.records[r] for r in self.amended_by.get(rid, [])]


def record_paths(records_dir: Path) -> list[Path]:
    return sorted(p for p in records_dir.rglob("*.md") if p.is_file())


def load_library(
    records_dir: Path, taxonomy: Taxonomy, *, root: Path | None = None, docs_dir: Path | None = None, attachments: AttachmentTexts | None = None
) -> Library:
    """Read every record under `records_dir`; problems are collected, never raised.

    With `docs_dir`, records also get their attached documents' text (`attachments` keeps it between builds).
    """
    paths = record_paths(records_dir)
    return build_library(paths, records_dir, taxonomy, root=root, docs_dir=docs_dir, attachments=attachments)


def docs_folder_problems(docs_dir: Path, root: Path, reported: Iterable[Problem] = ()) -> list[Problem]:
    """What the docs folder holds besides records that the site will not publish: links to
    folders or out of it, and archived copies of unsafe kinds. A path already in `reported`
    (a record that is a link) is not reported twice."""
    seen = {p.path for p in reported}
    return [p for p in (*link_problems(docs_dir, root), *unsafe_archives(docs_dir, root)) if p.path not in seen]


def build_library(
    paths: Iterable[Path],
    records_dir: Path,
    taxonomy: Taxonomy,
    *,
    root: Path | None = None,
    docs_dir: Path | None = None,
    attachments: AttachmentTexts | None = None,
) -> Library:
    problems: list[Problem] = []
    records: dict[str, Record] = {}
    seen: dict[str, str] = {}
    paths = list(paths)
    shown_of = _displays(paths, root)
    for path in paths:
        shown = shown_of[path]
        if path.parent != records_dir:
            problems.append(
                Problem(shown, 1, "file", "records must be directly in the records folder", f"move it to {_display(records_dir / path.name, root)}")
            )
            continue
        if path.is_symlink():
            # A link committed to the repository could publish any file of the build machine.
            problems.append(Problem(shown, 1, "file", "the record is a link to another file", "replace the link with the record file itself"))
            continue
        key = path.stem.casefold()
        if key in seen:
            problems.append(Problem(shown, 1, "id", f"the id clashes with {seen[key]}", "rename one of the two files"))
            continue
        seen[key] = shown
        record, found = parse_file(path, taxonomy, display_path=shown, docs_dir=docs_dir)
        problems.extend(found)
        if record is not None:
            records[record.id] = record
    if docs_dir is not None:
        attach_texts(records, problems, docs_dir, attachments)
    library = Library(records, taxonomy, problems)
    _link(library, set(shown_of.values()))
    return library


def _displays(paths: list[Path], root: Path | None) -> dict[Path, str]:
    """`_display` of every path, resolving each folder once: resolving 10,000 paths one by one
    took a third of the time `library check` spends on a large library."""
    if root is None:
        return {path: path.as_posix() for path in paths}
    resolved_root = root.resolve()
    folders: dict[Path, str | None] = {}
    shown: dict[Path, str] = {}
    for path in paths:
        if path.parent not in folders:
            try:
                folders[path.parent] = path.parent.resolve().relative_to(resolved_root).as_posix()
            except ValueError:
                folders[path.parent] = None
        folder = folders[path.parent]
        if folder is None:
            shown[path] = path.as_posix()
        else:
            shown[path] = path.name if folder == "." else f"{folder}/{path.name}"
    return shown


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            # Resolve the folder only: a linked record is named by its own name, not its target's.
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _link(library: Library, shown_paths: set[str]) -> None:
    """Check that references resolve and make `related` and `amends` two-way."""
    ids = set(library.records)
    # Records that failed to parse still exist: do not report references to them as missing.
    existing = ids | {Path(p).stem for p in shown_paths}
    related: dict[str, list[str]] = defaultdict(list)
    amended_by: dict[str, list[str]] = defaultdict(list)
    for record in sorted(library.records.values(), key=lambda r: r.id):
        for name, targets in (("related", record.related), ("amends", record.amends)):
            for target in targets:
                if target not in existing:
                    library.problems.append(
                        Problem(record.path, record.line_of(name), name, f"there is no record {target!r}", _missing_hint(target, ids - {record.id}))
                    )
                    continue
                if target not in ids:
                    continue
                if name == "related":
                    _add(related[record.id], target)
                    _add(related[target], record.id)
                else:
                    _add(amended_by[target], record.id)
    library.related_of = dict(related)
    library.amended_by = dict(amended_by)


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def _missing_hint(target: str, ids: set[str]) -> str:
    import difflib

    near = difflib.get_close_matches(target, sorted(ids), n=3, cutoff=0.6)
    if near:
        return "did you mean " + ", ".join(near) + "?"
    return "use the file name of an existing record in docs/records/, without .md"
