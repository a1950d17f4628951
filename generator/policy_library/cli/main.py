"""The `library` command: init, check, links, new, import and export, for the library's editors.

A thin front: each command reads its options and calls one module. Anything
an editor can get wrong ends in a sentence and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from policy_library.cli import check as checking
from policy_library.cli import csv_io, links, new_record, staged_write
from policy_library.cli import init as starter
from policy_library.cli.project import Project, ProjectError, load_project
from policy_library.model.problems import printable
from policy_library.model.tabular import columns
from policy_library.model.taxonomy import Taxonomy

EXAMPLES = {
    "init": """examples:
  library init city-records
  library init city-records --name "City Records"

Writes a new library in the folder (which must be new or empty): mkdocs.yml, the
search page's text (docs/index.md), one example record, a GitHub Actions workflow
that checks pull requests and publishes to GitHub Pages, and a README.
It builds as written: cd city-records && mkdocs build --strict""",
    "check": """examples:
  library check                                  every record in docs/records/
  library check docs/records/lapd-special-order-40.md
  library check --format github                  annotations for a pull request

Each problem is printed as  path:line: field: what is wrong (how to fix it)
The exit status is 1 when a record has an error, 0 otherwise (warnings do not fail).""",
    "links": """examples:
  library links                                  every record's source_url
  library links --timeout 30 docs/records/lapd-special-order-40.md
  library links --format json > links.json       for a script or a scheduled workflow

Asks every address at most --concurrency at a time, and at most --per-host at a
time on one server; follows redirects (a redirect to a live page is fine).
Prints each address with its status, then each broken one as
  path:line: source_url: what happened: address (what to do)
The exit status is 1 when a link is broken, 0 when all are fine.""",
    "new": """examples:
  library new                                    asks for each field (in a terminal)
  library new "King County Ordinance 17886" --type Ordinance --area Immigration --state WA --date 2014-12-01

Writes docs/records/<id>.md with an id made from the title; an existing file is
never overwritten (a number is added to the id instead). Fields left empty are
reported by `library check` until you fill them in.""",
    "import": """examples:
  library import new-records.csv
  library import corrections.csv --update        replace records with the same id

The first row names the columns: id (optional: made from the title), {columns}.
Several values in one cell are separated by ; (for example: Immigration; Policing).
Every row is checked first: if any row has an error, nothing is written.""",
    "export": """examples:
  library export -o library.csv
  library export --format json -o library.json

The file has the same columns as `library import` reads, so an export can be
edited in a spreadsheet and imported back with --update.""",
}


def build_parser(taxonomy: Taxonomy | None = None) -> argparse.ArgumentParser:
    """The commands; the import help and `new`'s --field name the library's own fields (`taxonomy`)."""
    registry = taxonomy or Taxonomy.from_config()
    parser = argparse.ArgumentParser(
        prog="library",
        description="Tools for the policy library's editors: start a library, check records and their links, start a new one, import and export a spreadsheet.",
        epilog="Run `library COMMAND --help` for the details and an example of each command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        epilog = EXAMPLES[name].replace("{columns}", ", ".join(columns(registry)[1:]))
        return commands.add_parser(name, help=help_text, description=help_text, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)

    init = command("init", "Start a new library in a new or empty folder.")
    init.add_argument("folder", type=Path, metavar="DIR", help="the folder to write the library in")
    init.add_argument("--name", default=None, help="the site's name (default: made from the folder's name)")

    check = command("check", "Check records for errors without building the site.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="record files or folders (default: every record in docs/records/)")
    check.add_argument("--format", choices=["text", "github"], default="text", help="text (default) or github: GitHub Actions annotations for pull requests")

    link = command("links", "Check that every record's source address still leads to a page.")
    link.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="record files or folders (default: every record in docs/records/)")
    link.add_argument("--format", choices=["text", "json"], default="text", help="text (default): a table; json: one object per record")
    link.add_argument("--timeout", type=_positive(float), default=10.0, metavar="S", help="seconds to wait for each server's answer (default: 10)")
    link.add_argument("--concurrency", type=_positive(int), default=16, metavar="N", help="addresses asked at once (default: 16)")
    link.add_argument("--per-host", type=_positive(int), default=2, metavar="N", help="addresses asked at once on one server (default: 2)")

    new = command("new", "Start a new record file from a title.")
    new.add_argument("title", nargs="?", default="", help="the document's title; the record's id is made from it")
    new.add_argument("--summary", default="", help="one to three sentences")
    new.add_argument("--type", dest="document_type", default="", metavar="TYPE", help="document type, e.g. Ordinance")
    new.add_argument("--area", action="append", default=[], metavar="AREA", help="policy area; repeat it, or separate several with commas")
    new.add_argument("--level", default="", help="level of government, e.g. County")
    new.add_argument("--state", action="append", default=[], metavar="STATE", help="postal code or name; repeat it for several states")
    new.add_argument("--jurisdiction", default="", help="e.g. King County")
    new.add_argument("--date", default="", help="YYYY, YYYY-MM or YYYY-MM-DD")
    new.add_argument("--organization", default="", help="author or publisher")
    new.add_argument("--url", dest="source_url", default="", help="where the document is published")
    others = [f.name for f in registry.fields.values() if f.name not in _NEW_OPTIONS and f.name != "title"]
    new.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"any other field ({', '.join(others)}); repeat it for several fields, separate a list's values with ;",
    )
    new.add_argument("--id", default=None, help="the record's id, instead of one made from the title")
    new.add_argument("--no-input", action="store_true", help="never ask questions, even in a terminal")

    imp = command("import", "Add records from a spreadsheet (CSV) export.")
    imp.add_argument("file", type=Path, metavar="FILE.csv", help="a CSV file (or a JSON file written by library export)")
    imp.add_argument("--update", action="store_true", help="replace existing records that have the same id")
    imp.add_argument("--dry-run", action="store_true", help="check every row and say what would be written, but write nothing")

    exp = command("export", "Write the whole library to one CSV or JSON file.")
    exp.add_argument("--format", choices=["csv", "json"], default=None, help="csv (default, or from the -o file name) or json")
    exp.add_argument("-o", "--output", type=Path, default=None, metavar="FILE", help="the file to write (default: print it)")
    return parser


def _positive(kind: type[int] | type[float]) -> Callable[[str], int | float]:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number above 0")
        return value

    return parse


# Fields `library new` has options of their own for.
_NEW_OPTIONS = frozenset({"summary", "document_type", "policy_areas", "level", "states", "jurisdiction", "date", "organization", "source_url"})


def main(argv: Sequence[str] | None = None) -> int:
    try:
        project: Project | None = load_project()
        problem: ProjectError | None = None
    except ProjectError as error:
        project, problem = None, error  # said after the arguments are read, so that --help still works
    parser = build_parser(project.taxonomy if project else None)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["check"])
    if args.command == "init":
        return run_init(args)
    try:
        if problem is not None:
            raise problem
        assert project is not None
        _undo_stopped_imports(project)
        return {"check": run_check, "links": run_links, "new": run_new, "import": run_import, "export": run_export}[args.command](project, args)
    except (ProjectError, csv_io.ImportFileError) as error:
        print(printable(f"library {args.command}: {error}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopped; nothing more was written.", file=sys.stderr)
        return 130
    except EOFError:  # the input ended in the middle of `library new`'s questions
        print("\nStopped before the last question; nothing was written.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1


def run_init(args: argparse.Namespace) -> int:
    try:
        written = starter.init(args.folder, args.name)
    except starter.InitError as error:
        print(f"library init: {error} Nothing was written.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"library init: cannot write in {args.folder}: {error.strerror}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Wrote {path}")
    print(f"Next: cd {args.folder} && mkdocs serve   (preview), or mkdocs build --strict   (the site, in site/)")
    return 0


def _undo_stopped_imports(project: Project) -> None:
    """An import killed part-way left its staging folder: put the records back before reading them."""
    for undone in staged_write.undo_stopped(project.records_dir.parent):
        if undone.restored or undone.removed:
            print(
                f"library: an import that was stopped part-way was undone: {undone.restored} records put back, {undone.removed} new ones removed",
                file=sys.stderr,
            )


def run_check(project: Project, args: argparse.Namespace) -> int:
    result = checking.check(project, args.paths)
    for line in checking.render(result, args.format):
        print(line)
    return 0 if result.ok else 1


def run_links(project: Project, args: argparse.Namespace) -> int:
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        print(printable(f"library links: there is no such file or folder: {project.display(missing[0])}"), file=sys.stderr)
        return 1
    found, unread = links.project_links(project, args.paths)
    if unread:
        print(f"library links: {unread} records have errors and were not checked (library check shows them)", file=sys.stderr)
    start = time.perf_counter()
    results = links.check_links(found, links.Settings(args.timeout, args.concurrency, args.per_host))
    print(links.render(results, args.format, time.perf_counter() - start))
    return 0 if all(r.ok for r in results) else 1


def run_new(project: Project, args: argparse.Namespace) -> int:
    taxonomy = project.taxonomy
    draft = new_record.Draft(
        title=" ".join(args.title.split()),
        summary=args.summary,
        document_type=args.document_type,
        policy_areas=new_record.split_values(args.area, taxonomy.policy_areas),
        level=args.level,
        states=new_record.split_values(args.state),
        jurisdiction=args.jurisdiction,
        date=args.date,
        organization=args.organization,
        source_url=args.source_url,
    )
    for given in args.field:
        name, _, value = given.partition("=")
        spec = taxonomy.fields.get(name.strip())
        if spec is None or name.strip() in _NEW_OPTIONS or name.strip() == "title":
            known = ", ".join(f for f in taxonomy.fields if f not in _NEW_OPTIONS and f != "title")
            print(f"library new: --field {name.strip()}: not a field to give with --field; use one of {known}", file=sys.stderr)
            return 1
        vocabulary = taxonomy.vocabularies.get(spec.name) if spec.kind == "choice" else None
        given_values = new_record.split_values([value], vocabulary) if spec.multiple else [value.strip()]
        # A vocabulary's value is written as the vocabulary spells it; a wrong one is reported below.
        spelled = [(vocabulary.resolve(v) if vocabulary else None) or v for v in given_values]
        draft.other[spec.name] = spelled if spec.multiple else spelled[0]
    options_given = bool(draft.given() - {"title"})
    if sys.stdin.isatty() and not options_given and not args.no_input:
        draft = new_record.interview(draft, taxonomy, input, print)
    if not draft.title:
        print('library new: give the document\'s title, for example: library new "King County Ordinance 17886"', file=sys.stderr)
        return 1
    if args.id is not None and not new_record.valid_id(args.id):
        print(f"library new: {args.id!r} is not a valid id: use lowercase letters, digits and hyphens only", file=sys.stderr)
        return 1
    problems = new_record.option_problems(draft, taxonomy)
    if problems:
        for problem in problems:
            hint = f" ({problem.hint})" if problem.hint else ""
            print(f"library new: {problem.field}: {problem.message}{hint}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    try:
        path = new_record.write(project, draft, args.id)
    except FileExistsError:
        print(f"library new: a record {args.id!r} already exists; it was left as it is. Choose another --id.", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"library new: cannot write in {project.display(project.records_dir)}: {error.strerror}", file=sys.stderr)
        return 1
    shown = project.display(path)
    missing = [name for name in taxonomy.required if name not in draft.given()]
    print(f"Wrote {shown}")
    if missing:
        print(f"Still to fill in: {', '.join(missing)}. Open the file, then run: library check {shown}")
    else:
        print(f"Check it with: library check {shown}")
    return 0


def run_import(project: Project, args: argparse.Namespace) -> int:
    source = printable(project.display(args.file))
    plan = csv_io.plan_import(project, args.file, update=args.update)
    for problem in plan.problems:
        print(problem.render(source))
    if plan.ok and not args.dry_run:
        unchanged = "Nothing of the import was written; the records are as they were."
        try:
            csv_io.apply(plan)
        except staged_write.WriteFailed as error:
            print(printable(f"library import: cannot write {project.display(error.path)}: {error.reason}. {unchanged}"), file=sys.stderr)
            return 1
        except OSError as error:
            folder = project.display(project.records_dir)
            print(printable(f"library import: cannot write in {folder}: {error.strerror}. {unchanged}"), file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(f"\nStopped: {unchanged[0].lower()}{unchanged[1:]}", file=sys.stderr)
            return 130
    if plan.ok and args.dry_run:
        print(f"Every row of {source} is good; {len(plan.writes)} records would be written (nothing was written: --dry-run).")
    else:
        print(csv_io.import_summary(plan, source, project))
    return 0 if plan.ok else 1


def run_export(project: Project, args: argparse.Namespace) -> int:
    style = args.format or ("json" if args.output and args.output.suffix.lower() == ".json" else "csv")
    rows, problems = csv_io.export_rows(project)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"library export: {len(problems)} errors in the records; fix them first (library check shows them). Nothing was exported.", file=sys.stderr)
        return 1
    for line in csv_io.list_warnings(rows, project.taxonomy):
        print(f"warning: {line}", file=sys.stderr)
    text = csv_io.to_json(rows) if style == "json" else csv_io.to_csv(rows, project.taxonomy)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        # A byte-order mark tells Excel the CSV is UTF-8.
        args.output.write_text(("\ufeff" if style == "csv" else "") + text, encoding="utf-8", newline="")
    except OSError as error:
        print(f"library export: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {len(rows)} records to {project.display(args.output)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
