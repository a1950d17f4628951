"""How long `library check` takes on a large library: python -m bench.check_speed [--records 10000].

Generates the benchmark's deterministic library in a temporary folder, then
times the real console script on it, as an editor or the pull-request
workflow runs it: once on a library without problems, once with one record in
a hundred broken in the ways editors break them. Prints a table and writes
the numbers to bench/out/check-speed-<n>-<time>.json.

With --duplicates it also says what the likely-duplicates check costs: the same
`library check` of the library without problems, timed with and without that one
step (runs interleaved, so a change in the machine's load falls on both), and the
step alone, in this process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import GeneratedRecord, library, make_project

OUT = Path(__file__).resolve().parent / "out"
LIBRARY = Path(sys.executable).parent / "library"

# `library check` as the console script runs it; "without" first takes the likely-duplicates
# step out of the check (nothing else changes), so both variants start the same way.
WITH_OR_WITHOUT_DUPLICATES = """
import sys
from policy_library.cli import check
if sys.argv[1] == "without":
    check.likely_duplicates = lambda library: []
from policy_library.cli.main import main
sys.exit(main(sys.argv[2:]))
"""

# How editors break records, one mistake per broken record, in turn.
MISTAKES = (
    ("document_type", "Ordnance"),
    ("policy_areas", ["Immigraton"]),
    ("states", ["Washingon"]),
    ("date", "2017-02-30"),
    ("source_url", "ftp://example.org/x"),
    ("related", ["no-such-record"]),
)


def break_some(records: list[GeneratedRecord], every: int) -> int:
    broken = 0
    for number, record in enumerate(records):
        if number % every == every - 1:
            name, value = MISTAKES[broken % len(MISTAKES)]
            record.fields[name] = value
            broken += 1
    return broken


def plant_duplicates(records: list[GeneratedRecord], every: int) -> list[GeneratedRecord]:
    """The records and, for one in `every`, a second record of the same document, in turn: its address
    written differently (www., a tracking parameter), or its title with one letter changed and the
    same jurisdiction and date."""
    out = list(records)
    for number, record in enumerate(records[every - 1 :: every]):
        fields = dict(record.fields)
        if number % 2 == 0:
            fields["source_url"] = str(fields["source_url"]).replace("https://", "https://www.") + "?utm_source=newsletter"
        elif "jurisdiction" in fields and "date" in fields:
            title = str(fields["title"])
            fields["title"] = title[:-1] + ("x" if title[-1] != "x" else "y")
            fields["source_url"] = f"{fields['source_url']}-copy"
        else:
            continue
        fields.pop("related", None)
        out.append(GeneratedRecord(f"{record.id}-copy", fields, record.body))
    return out


def time_check(project: Path, *args: str, runs: int) -> tuple[list[float], list[float], subprocess.CompletedProcess[str]]:
    """Wall-clock and CPU seconds of each run; CPU time is what a busy machine does not inflate."""
    times, cpu = [], []
    result = None
    for _ in range(runs):
        seconds, cpu_seconds, result = _timed([str(LIBRARY), "check", *args], project)
        times.append(seconds)
        cpu.append(cpu_seconds)
    assert result is not None
    return times, cpu, result


def _timed(command: list[str], project: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, result


def duplicates_cost(project: Path, runs: int, label: str) -> dict[str, object]:
    """`library check` with and without the likely-duplicates step, runs interleaved; and the step alone."""
    timed: dict[str, tuple[list[float], list[float]]] = {"with": ([], []), "without": ([], [])}
    outputs: dict[str, str] = {}
    for _ in range(runs):
        for variant, (times, cpu) in timed.items():
            seconds, cpu_seconds, result = _timed([sys.executable, "-c", WITH_OR_WITHOUT_DUPLICATES, variant, "check"], project)
            times.append(seconds)
            cpu.append(cpu_seconds)
            outputs[variant] = result.stdout.strip().splitlines()[-1]
    from policy_library.cli.project import load_project
    from policy_library.model.duplicates import likely_duplicates
    from policy_library.model.library import load_library

    loaded = load_project(project)
    library = load_library(loaded.records_dir, loaded.taxonomy, root=project, docs_dir=loaded.docs_dir)
    alone = []
    for _ in range(runs):
        start = time.process_time()
        found = likely_duplicates(library)
        alone.append(time.process_time() - start)
    row: dict[str, object] = {
        "library": label,
        **{
            variant: {
                "median_s": round(statistics.median(t), 3),
                "cpu_median_s": round(statistics.median(c), 3),
                "runs": [round(x, 3) for x in t],
                "cpu_runs": [round(x, 3) for x in c],
                "summary": outputs[variant],
            }
            for variant, (t, c) in timed.items()
        },
    }
    row["ratio_wall"] = round(statistics.median(timed["with"][0]) / statistics.median(timed["without"][0]), 3)
    row["ratio_cpu"] = round(statistics.median(timed["with"][1]) / statistics.median(timed["without"][1]), 3)
    row["step_alone_cpu_median_s"] = round(statistics.median(alone), 4)
    row["duplicates_found"] = len(found)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each case; the table shows the median")
    parser.add_argument("--broken-every", type=int, default=100, help="break one record in this many")
    parser.add_argument("--duplicates", action="store_true", help="also time the check with and without its likely-duplicates step")
    args = parser.parse_args()

    rows = []
    examples: list[str] = []
    # The machine may be shared: say how busy it was, next to the wall-clock times.
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="check-speed-") as tmp:
        records = library(args.records)
        good = make_project(Path(tmp) / "good", records)
        broken_count = break_some(records, args.broken_every)
        broken = make_project(Path(tmp) / "broken", records)
        cases = [
            ("no problems", good, "text"),
            (f"{broken_count} broken records", broken, "text"),
            (f"{broken_count} broken records", broken, "github"),
        ]
        for label, project, style in cases:
            times, cpu, result = time_check(project, "--format", style, runs=args.runs)
            lines = result.stdout.strip().splitlines()
            rows.append(
                {
                    "case": label,
                    "format": style,
                    "records": args.records,
                    "median_s": round(statistics.median(times), 3),
                    "min_s": round(min(times), 3),
                    "cpu_median_s": round(statistics.median(cpu), 3),
                    "runs": [round(t, 3) for t in times],
                    "exit_status": result.returncode,
                    "problems": len(lines) - 1,
                    "summary": lines[-1],
                }
            )
            if label != "no problems" and style == "text":
                seen: set[str] = set()
                for line in lines[:-1]:
                    field = line.split(": ")[1]
                    if field not in seen:
                        seen.add(field)
                        examples.append(line)
        costs = []
        if args.duplicates:
            costs.append(duplicates_cost(good, args.runs, "without problems"))
            planted = plant_duplicates(library(args.records), args.broken_every)
            twins = make_project(Path(tmp) / "twins", planted)
            costs.append(duplicates_cost(twins, args.runs, f"{len(planted) - args.records} duplicates planted"))

    print(f"library check on {args.records:,} generated records (median of {args.runs} runs, {os.cpu_count()} CPUs)")
    print(f"load average before: {load}")
    print(f"{'case':<24} {'format':<7} {'median':>8} {'min':>8} {'CPU':>8} {'exit':>5} {'problems':>9}")
    for row in rows:
        seconds = f"{row['median_s']:>7.2f}s {row['min_s']:>7.2f}s {row['cpu_median_s']:>7.2f}s"
        print(f"{row['case']:<24} {row['format']:<7} {seconds} {row['exit_status']:>5} {row['problems']:>9}")
    print("\nSummary lines:")
    for row in rows:
        print(f"  {row['summary']}")
    print("\nExample messages:")
    for line in examples:
        print(f"  {line}")
    for cost in costs:
        print(f"\nThe likely-duplicates step, on the library {cost['library']} (median of {args.runs} interleaved runs):")
        for variant in ("with", "without"):
            numbers = cost[variant]
            assert isinstance(numbers, dict)
            print(f"  {variant + ' it':<12} {numbers['median_s']:>7.2f}s wall {numbers['cpu_median_s']:>7.2f}s CPU   {numbers['summary']}")
        print(f"  ratio        {cost['ratio_wall']:>7.3f}x wall {cost['ratio_cpu']:>6.3f}x CPU")
        print(f"  the step alone: {cost['step_alone_cpu_median_s']:.3f}s CPU, {cost['duplicates_found']} warnings")

    OUT.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = OUT / f"check-speed-{args.records}-{stamp}.json"
    out.write_text(
        json.dumps(
            {
                "records": args.records,
                "cpus": os.cpu_count(),
                "load_average": load,
                "python": sys.version.split()[0],
                "cases": rows,
                "examples": examples,
                "duplicates": costs,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"\nWrote {out.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
