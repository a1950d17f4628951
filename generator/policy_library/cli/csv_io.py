"""`library import` and `library export`: the library as one spreadsheet.

Import validates every row with the record parser itself, on the very text it
would write, and writes nothing unless every row is good, so a spreadsheet
never leaves the library half-imported.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter

from policy_library.cli import staged_write
from policy_library.cli.project import Project
from policy_library.model.library import load_library, record_paths
from policy_library.model.problems import Severity, errors, problem_line
from policy_library.model.records import ID_LENGTH, ID_PATTERN, Record, parse_bytes, parse_file, short_id, suggest_id
from policy_library.model.tabular import BODY, columns, extra_cell, join_list, list_fields, patch_text, record_row, record_text, split_list
from policy_library.model.taxonomy import Taxonomy
from policy_library.site.opendata import neutralise

# Columns a spreadsheet may carry that are derived from others (records.csv has `url`).
IGNORED_COLUMNS = frozenset({"url"})
# What UTF-8 text looks like after a trip through Windows-1252 (PDF to Excel, mostly).
MOJIBAKE = re.compile("Â[\u00a0-\u00bf]|â€|Ã[\u0080-\u00bf]|ï»¿")
EXCEL_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not CSV, not UTF-8, no header)."""


@dataclass(frozen=True, order=True)
class RowProblem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self, source: str) -> str:
        where = f"{source}: row {self.row}" if self.row else source
        return problem_line(where, self.column, self.message, self.hint, severity=self.severity)


Report = Callable[[RowProblem], None]


@dataclass
class ImportPlan:
    """What an import would write, and everything wrong with it."""

    writes: list[tuple[Path, str, bool]] = field(default_factory=list)  # path, text, replaces an existing file
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    unchanged: int = 0  # rows that say what their record file already says: the file is left as it is

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


# --- reading a spreadsheet ----------------------------------------------------


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header and the data rows with their spreadsheet row numbers."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read: {error.strerror}") from error
    if path.suffix.lower() == ".json":
        return _read_json(data, path)
    return _read_csv(data, path)


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            f"{path}: the file is not UTF-8 text (first odd character on line {row}). "
            'In Excel, use File > Save As and choose "CSV UTF-8 (Comma delimited)"; '
            'in Google Sheets, File > Download > "Comma-separated values"'
        ) from error


def _read_csv(data: bytes, path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    text = _decode(data, path)
    if not text.strip():
        raise ImportFileError(f"{path}: the file is empty; it needs a header row with the column names, then one row a record")
    first_line = text.split("\n", 1)[0]
    # Excel in many European locales saves CSV with semicolons between columns.
    delimiter = ";" if first_line.count(";") > first_line.count(",") and "title" in first_line.lower() else ","
    reader = csv.reader(io.StringIO(text, newline=""), dialect="excel", delimiter=delimiter)
    limit = csv.field_size_limit()
    # Long bodies export as long cells; no cell is longer than the file that holds it.
    csv.field_size_limit(max(limit, len(text)))
    try:
        table = list(reader)
    except csv.Error as error:
        raise ImportFileError(f"{path}: line {reader.line_num}: the CSV cannot be read ({error}); check its quotes") from error
    finally:
        csv.field_size_limit(limit)
    header = [_column_name(h) for h in table[0]]
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        row: dict[str, Any] = {}
        for index, value in enumerate(cells):
            name = header[index] if index < len(header) else f"column {index + 1}"
            row[name] = _unneutralise(value)
        rows.append((number, row))
    return header, rows


def _read_json(data: bytes, path: Path) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    try:
        items = json.loads(_decode(data, path))
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{path}: line {error.lineno}: the JSON cannot be read ({error.msg})") from error
    except RecursionError as error:
        raise ImportFileError(f"{path}: the JSON is nested too deeply; it must be a list of records, as library export --format json writes") from error
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ImportFileError(f"{path}: the JSON must be a list of records, each a group of fields (as library export --format json writes)")
    header: list[str] = []
    rows = []
    for number, item in enumerate(items, start=1):
        row = {_column_name(k): ("" if v is None else v) for k, v in item.items()}
        for name, value in row.items():
            _check_cell_shape(path, number, name, value)
        header.extend(k for k in row if k not in header)
        rows.append((number, row))
    return header, rows


def _check_cell_shape(path: Path, number: int, name: str, value: Any) -> None:
    """A field is a text (or number), or a list of them: never a group of fields or a list of lists."""
    items = value if isinstance(value, list) else [value]
    kind = next(("a group of fields" if isinstance(i, dict) else "a list inside a list" for i in items if isinstance(i, (dict, list))), None)
    if kind is not None:
        raise ImportFileError(f"{path}: row {number}: {name}: holds {kind} (a field is a text, or a list of texts, as library export --format json writes)")


def _column_name(raw: str) -> str:
    """`Policy areas`, `policy-areas` and `policy_areas` name the same column."""
    return re.sub(r"[\s\-]+", "_", raw.strip().lower())


def _unneutralise(cell: str) -> str:
    # Export puts an apostrophe before every cell a spreadsheet would run as a formula and
    # before every cell that starts with one already; spreadsheets read it as "this is text".
    return cell.removeprefix("'")


# --- import -------------------------------------------------------------------


def _by_field(taxonomy: Taxonomy, header: list[str], rows: list[tuple[int, dict[str, Any]]]) -> list[str]:
    """Columns named as the registry's `column` says are read as their field's."""
    names = {_column_name(f.csv_column): f.name for f in taxonomy.fields.values() if f.csv_column != f.name}
    if names:
        for index, (number, row) in enumerate(rows):
            rows[index] = (number, {names.get(k, k): v for k, v in row.items()})
    return [names.get(h, h) for h in header]


def plan_import(project: Project, source: Path, *, update: bool = False) -> ImportPlan:
    header, rows = read_table(source)
    header = _by_field(project.taxonomy, header, rows)
    plan = ImportPlan(rows=len(rows))
    _check_header(header, plan, project.taxonomy, json_rows=source.suffix.lower() == ".json")
    if not plan.ok:
        return plan
    known = columns(project.taxonomy)
    extras = [c for c in header if c not in known and c not in IGNORED_COLUMNS]
    existing = {p.stem for p in record_paths(project.records_dir)} if project.records_dir.is_dir() else set()
    first_row_of: dict[str, int] = {}
    references: list[tuple[int, str, tuple[str, ...]]] = []
    for number, row in rows:
        record = _plan_row(project, number, row, extras, existing, first_row_of, update, plan)
        for name in (f.name for f in project.taxonomy.fields.values() if f.kind == "record"):
            # From the cells when the row has other errors: every problem of a row is reported at once.
            targets = record.values(name) if record is not None else tuple(t for t in split_list(row.get(name)) if ID_PATTERN.match(t))
            references.append((number, name, targets))
    _check_references(references, existing | set(first_row_of), plan)
    plan.problems.sort()
    return plan


def _check_header(header: list[str], plan: ImportPlan, taxonomy: Taxonomy, *, json_rows: bool) -> None:
    known = columns(taxonomy)
    required = taxonomy.required
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name in seen:
            plan.problems.append(RowProblem(1, name, "the column appears twice", "keep one of the two columns"))
        seen.add(name)
        if name not in known and name not in IGNORED_COLUMNS:
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
            hint = (
                f"did you mean {near[0]}? otherwise its values are kept in each record as an extra field"
                if near
                else "its values are kept in each record as an extra field"
            )
            plan.problems.append(RowProblem(1, name, "is not a field the library knows", hint, Severity.WARNING))
    missing = [name for name in required if name not in seen]
    # JSON rows name only the fields they have: each row reports its own missing fields.
    if missing and not json_rows:
        plan.problems.append(
            RowProblem(
                1,
                "",
                f"the header row has no {_and(missing)} column",
                f"every record needs {_and(list(required))}; the first row names the columns: {', '.join(known)}",
            )
        )


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plan_row(
    project: Project,
    number: int,
    row: dict[str, Any],
    extras: list[str],
    existing: set[str],
    first_row_of: dict[str, int],
    update: bool,
    plan: ImportPlan,
) -> Record | None:
    report = plan.problems.append
    for name in row:
        if name.startswith("column ") and str(row[name]).strip():
            report(RowProblem(number, name, "has a value but no column name in the header row", "name the column in row 1, or delete the value"))
    rid = _row_id(number, row, report)
    if rid in first_row_of:
        report(
            RowProblem(number, "id", f"the id {rid!r} is already used by row {first_row_of[rid]}", "give one of the two rows a different id in the id column")
        )
        return None
    first_row_of[rid] = number
    target = project.records_dir / f"{rid}.md"
    if target.is_symlink():
        shown = f"{project.display(target.parent)}/{target.name}"  # the link's own name, not where it leads
        report(
            RowProblem(
                number,
                "id",
                f"{shown} is a link to a file elsewhere; import never writes through a link",
                "replace the link with the record file itself, or delete it",
            )
        )
        return None
    replaces = rid in existing
    if replaces and not update:
        report(
            RowProblem(
                number, "id", f"a record {rid!r} already exists ({project.display(target)})", "give --update to replace existing records, or use a new id"
            )
        )
    for name, value in row.items():
        for item in value if isinstance(value, list) else [value]:
            _warn_mojibake(number, name, str(item), report)
    tax = project.taxonomy
    known = columns(tax)
    values = {name: row.get(name) for name in (*tax.fields, *extras, BODY) if name in row}
    if replaces and BODY not in row:
        values[BODY] = _existing_body(target)
    old = _existing(project, target) if replaces else None
    # An unknown field whose cell still says what the file says keeps the file's own value (a list, a number).
    typed = {k: v for k, v in old.extra.items() if k in values and str(values[k]) == extra_cell(v)} if old else {}
    text = record_text(values, tax, typed)
    record, found = parse_bytes(text.encode("utf-8"), rid, tax, path=project.display(target), docs_dir=project.docs_dir)
    for problem in found:
        if problem.field in extras and not problem.is_error:
            continue  # said once, for the header
        column = problem.field if problem.field in known or problem.field in row else _column_at(text, problem.line, known)
        report(RowProblem(number, column, problem.message, _row_hint(column, row, problem.hint, tax), problem.severity))
    if record is not None and not any(p.is_error and p.row == number for p in plan.problems):
        if old is not None and record_row(old, tax) == record_row(record, tax):
            plan.unchanged += 1  # the file stays byte for byte as its editor wrote it
        else:
            tidy = _normalised(record, text, project, typed)
            plan.writes.append((target, _patched(old, target, record, tidy, project) if old is not None else tidy, replaces))
    return record


def _patched(old: Record, path: Path, record: Record, tidy: str, project: Project) -> str:
    """The existing file with only what changed rewritten, when that reads back as the new record; else `tidy`."""
    try:
        old_text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return tidy
    tax = project.taxonomy
    patched = patch_text(old_text, old.lines, record_row(old, tax), record_row(record, tax), tidy)
    if patched is None:
        return tidy
    again, _ = parse_bytes(patched.encode("utf-8"), record.id, tax, path=record.path, docs_dir=project.docs_dir)
    return patched if again == record else tidy


def _existing(project: Project, path: Path) -> Record | None:
    """The record an import would replace, as the library reads it (None if it does not read)."""
    record, _ = parse_file(path, project.taxonomy, display_path=project.display(path), docs_dir=project.docs_dir)
    return record


def _column_at(text: str, line: int, known: tuple[str, ...]) -> str:
    """The field written on a line of the record text: where a problem about the whole frontmatter lies."""
    lines = text.split("\n")
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    name = written.split(":", 1)[0]
    return name if name in known else "the row"


def _normalised(record: Record, text: str, project: Project, typed: dict[str, Any]) -> str:
    """The record as the library writes it (state codes, vocabulary spelling), if that reads back the same."""
    tax = project.taxonomy
    row = record_row(record, tax)
    for spec in tax.fields.values():
        if spec.default and spec.name not in record.lines:
            row[spec.name] = ""
    tidy = record_text(row, tax, typed)
    again, _ = parse_bytes(tidy.encode("utf-8"), record.id, tax, path=record.path, docs_dir=project.docs_dir)
    return tidy if again == record else text


def _row_id(number: int, row: dict[str, Any], report: Report) -> str:
    given = " ".join(str(row.get("id") or "").split())
    if given:
        if ID_PATTERN.match(given):
            return given
        report(
            RowProblem(
                number,
                "id",
                f"{given!r} is not a valid record id",
                f"use lowercase letters, digits and hyphens only, for example {suggest_id(given)[:ID_LENGTH]}",
            )
        )
        return suggest_id(given)[:ID_LENGTH]
    title = " ".join(str(row.get("title") or "").split())
    if not title:
        return f"row-{number}"
    return short_id(suggest_id(title))


def _existing_body(path: Path) -> str:
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), encoding="utf-8-sig") as record:
            return frontmatter.loads(record.read()).content
    except (OSError, ValueError, UnicodeDecodeError):
        return ""


def _row_hint(column: str, row: dict[str, Any], hint: str, taxonomy: Taxonomy) -> str:
    value = str(row.get(column) or "").strip()
    if column == "date" and (match := EXCEL_DATE.match(value)):
        month, day, year = match.groups()
        year = year if len(year) == 4 else f"20{year}"
        return (
            f"spreadsheets often turn dates into {value}; write {year}-{int(month):02d}-{int(day):02d} (YYYY-MM-DD), "
            "and format the date column as Text so the spreadsheet leaves it alone"
        )
    if column in list_fields(taxonomy) and "," in value and ";" not in value:
        return f"{hint}; separate several values with ; (semicolons), not commas" if hint else "separate several values with ; (semicolons), not commas"
    return hint


def _warn_mojibake(number: int, column: str, value: str, report: Report) -> None:
    match = MOJIBAKE.search(value)
    if not match:
        return
    start = max(match.start() - 15, 0)
    excerpt = value[start : match.end() + 15]
    try:
        fixed = excerpt.encode("cp1252").decode("utf-8")
        hint = f"it probably should read {fixed!r}; retype those characters, or paste the text again without going through a PDF"
    except UnicodeError:
        hint = "characters such as § or curly quotes were garbled on the way from a PDF or Word through Excel; retype them"
    report(RowProblem(number, column, f"{excerpt!r} looks garbled", hint, Severity.WARNING))


def _check_references(references: list[tuple[int, str, tuple[str, ...]]], ids: set[str], plan: ImportPlan) -> None:
    for number, name, targets in references:
        for target in targets:
            if target in ids:
                continue
            near = difflib.get_close_matches(target, sorted(ids), n=3, cutoff=0.6)
            hint = f"did you mean {', '.join(near)}?" if near else "use the id of an existing record, or of another row of this file"
            plan.problems.append(RowProblem(number, name, f"there is no record {target!r}", hint))
    if not plan.ok:
        plan.writes.clear()


def apply(plan: ImportPlan) -> None:
    """Write the planned records, all or none; only ever called on a plan without errors.

    Raises staged_write.WriteFailed, OSError or KeyboardInterrupt with nothing written.
    """
    assert plan.ok, "a plan with errors writes nothing"
    folders = {path.parent for path, _, _ in plan.writes}
    for folder in folders:  # one: every record goes to the records folder
        staged_write.write_all(folder, [(path.name, text) for path, text, _ in plan.writes if path.parent == folder])


def import_summary(plan: ImportPlan, source: str, project: Project) -> str:
    found = [p for p in plan.problems if p.is_error]
    if found:
        bad_rows = len({p.row for p in found})
        noun = "problem" if len(found) == 1 else "problems"
        rnoun = "row" if bad_rows == 1 else "rows"
        return f"Nothing was written: {len(found)} {noun} in {bad_rows} {rnoun} of {source}. Fix them in the spreadsheet and import it again."
    added = sum(1 for _, _, replaces in plan.writes if not replaces)
    updated = len(plan.writes) - added
    folder = project.display(project.records_dir)
    text = f"Imported {plan.rows} rows from {source}: {added} new records"
    if updated:
        text += f", {updated} updated"
    if plan.unchanged:
        text += f", {plan.unchanged} unchanged (left as they were)"
    return text + f", in {folder}/. Run library check to see the whole library."


# --- export -------------------------------------------------------------------


def export_rows(project: Project) -> tuple[list[dict[str, Any]], list[str]]:
    """Every record as a row, by id, and the problems that stop an export."""
    library = load_library(project.records_dir, project.taxonomy, root=Path.cwd(), docs_dir=project.docs_dir)
    problems = [str(p) for p in errors(library.problems)]
    return [record_row(library.records[rid], project.taxonomy) for rid in sorted(library.records)], problems


def list_warnings(rows: list[dict[str, Any]], taxonomy: Taxonomy) -> list[str]:
    """Values that a `;`-separated cell could not give back."""
    found = []
    for row in rows:
        for name in sorted(list_fields(taxonomy)):
            for item in row[name]:
                if ";" in item:
                    found.append(f"{row['id']}: {name}: {item!r} contains ';' and would be read back as two values")
    return found


def to_csv(rows: list[dict[str, Any]], taxonomy: Taxonomy) -> str:
    """The import columns, then any extra fields; CRLF and formula-safe cells, as spreadsheets expect."""
    known = columns(taxonomy)
    names = list(known) + sorted({k for row in rows for k in row if k not in known})
    header = {f.name: f.csv_column for f in taxonomy.fields.values()}
    out = io.StringIO()
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow([header.get(c, c) for c in names])
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in names])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(join_list(value))
    return neutralise(str(value))


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
