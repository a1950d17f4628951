"""How long `library check` takes on a large library: python -m bench.check_speed [--records 10000].

Generates the benchmark's deterministic library in a temporary folder, then
times the real console script on it, as an editor or the pull-request
workflow runs it: once on a library without problems, once with one record in
a hundred broken in the ways editors break them. Prints a table and writes
the numbers to bench/out/check-speed-<n>-<time>.json.
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


def time_check(project: Path, *args: str, runs: int) -> tuple[list[float], list[float], subprocess.CompletedProcess[str]]:
    """Wall-clock and CPU seconds of each run; CPU time is what a busy machine does not inflate."""
    times, cpu = [], []
    result = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([str(LIBRARY), "check", *args], cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    assert result is not None
    return times, cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each case; the table shows the median")
    parser.add_argument("--broken-every", type=int, default=100, help="break one record in this many")
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

    OUT.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = OUT / f"check-speed-{args.records}-{stamp}.json"
    out.write_text(
        json.dumps(
            {"records": args.records, "cpus": os.cpu_count(), "load_average": load, "python": sys.version.split()[0], "cases": rows, "examples": examples},
            indent=1,
        )
        + "\n"
    )
    print(f"\nWrote {out.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
