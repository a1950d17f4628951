"""The side-by-side benchmark: `make bench N=10000` (or `python -m bench.run --records 10000`).

On one generated library of N records it builds this project's site, Pagefind's
index and a stock mkdocs-material site with its own search, serves all three
from 127.0.0.1 with gzip as GitHub Pages does, measures them in headless
Chromium, prints one table and writes JSON to bench/out/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench import browser as b
from bench.builds import ROOT, Measured, index_step, mkdocs_build, run
from bench.generate import library, make_material_project, make_project, mirror_pages
from bench.server import serve
from tests.support import CHROMIUM_ARGS, chromium_path

OUT = ROOT / "bench" / "out"


def machine() -> str:
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem_gb:.0f} GB, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measured_build(site: Measured) -> dict[str, Any]:
    return {"seconds": site.seconds, "cpu_s": site.cpu_seconds, "peak_mb": site.peak_mb, "ok": site.ok, "error": "" if site.ok else site.output[-2000:]}


def build_all(n: int, seed: int, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every build, each in its own process; returns what was measured and where the sites are."""
    web = work / "web"
    web.mkdir(parents=True)
    result: dict[str, Any] = {}
    start = time.perf_counter()
    records = library(n, seed)
    project = make_project(work / "project", records)
    material_project = make_material_project(work / "material-project", records)
    result["generate_s"] = time.perf_counter() - start
    result["text_bytes"] = sum(len(r.body.encode()) + len(str(r.fields["title"]).encode()) + len(str(r.fields["summary"]).encode()) for r in records)
    del records
    timeout = args.build_timeout

    log(f"building this project's site ({n} records)")
    site = mkdocs_build(project, web / "project", timeout)
    result["project_site"] = measured_build(site)
    if site.ok:
        result["project_site"] |= disk(web / "project")
        # The stock site builds the same pages: every page this build wrote that is not a record's gets a twin there.
        result["material_site_pages_added"] = mirror_pages(material_project, web / "project")
    log(f"  {site.seconds:.1f} s, {site.peak_mb:.0f} MB, ok={site.ok}")

    for system in ("project", "lunrpy", "pagefind"):
        limit = {"lunrpy": args.lunrpy_max, "pagefind": args.pagefind_max}.get(system)
        if limit is not None and n > limit:
            result[system] = {"ok": False, "error": f"skipped above {limit} records (--{system}-max)"}
            continue
        log(f"index step: {system}")
        out = web / "pagefind" if system == "pagefind" else work / f"index-{system}"
        measured, info = index_step(system, project, out, timeout)
        result[system] = {"seconds": measured.seconds, "peak_mb": measured.peak_mb, "ok": measured.ok, **info}
        if not measured.ok:
            result[system]["error"] = measured.output[-2000:]
        log(f"  {info.get('index_s', float('nan')):.1f} s indexing, {measured.peak_mb:.0f} MB, ok={measured.ok}")
    if n > args.incremental_max:
        result["incremental"] = {"ok": False, "error": f"skipped above {args.incremental_max} records (--incremental-max)"}
    else:
        log("index step after a one-record edit, reusing the rest (bench/incremental.py)")
        measured = run([sys.executable, "-m", "bench.incremental", "--project", str(project)], ROOT, timeout)
        lines = [line for line in measured.output.splitlines() if line.startswith("{")]
        result["incremental"] = {"ok": measured.ok and bool(lines), **(json.loads(lines[-1]) if lines else {"error": measured.output[-2000:]})}
        log(f"  {result['incremental'].get('incremental_build_s', float('nan')):.2f} s after the edit, ok={result['incremental']['ok']}")
    if result["pagefind"].get("ok"):
        (web / "pagefind" / "search.html").write_text(b.PAGEFIND_PAGE, encoding="utf-8")

    if n > args.material_max:
        result["material_site"] = {"ok": False, "error": f"skipped above {args.material_max} records (--material-max)"}
    else:
        log("building the mkdocs-material site with its own search")
        site = mkdocs_build(material_project, web / "material", timeout)
        result["material_site"] = measured_build(site)
        index = web / "material" / "search" / "search_index.json"
        if index.exists():
            result["material_site"]["index_bytes"] = index.stat().st_size
        if site.ok:
            result["material_site"] |= disk(web / "material")
        log(f"  {site.seconds:.1f} s, {site.peak_mb:.0f} MB, ok={site.ok}")
    return result


def disk(site: Path) -> dict[str, int]:
    """What a built site takes on disk: its files' bytes, its file count and its pages (HTML files)."""
    size = files = pages = 0
    for folder, _dirs, names in os.walk(site):
        for name in names:
            size += os.stat(os.path.join(folder, name)).st_size
            files += 1
            pages += name.endswith(".html")
    return {"disk_bytes": size, "files": files, "pages": pages}


def measure_browser(web: Path, builds: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    def systems(base: str) -> list[b.System]:
        found = []
        if builds["project_site"]["ok"]:
            found.append(b.project_system(base + "project/"))
        if builds["pagefind"]["ok"]:
            found.append(b.pagefind_system(base + "pagefind/"))
        if builds["material_site"]["ok"]:
            found.append(b.material_system(base + "material/"))
        return found

    out: dict[str, Any] = {}
    with serve(web) as (base, counter), serve(web, isolate=True) as (isolated_base, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, "--enable-blink-features=ForceEagerMeasureMemory"])
        try:
            for system, isolated in zip(systems(base), systems(isolated_base), strict=True):
                out[system.name] = measure_system(browser, system, isolated, counter, args)
        finally:
            browser.close()
    return out


def measure_system(browser: Any, system: b.System, isolated: b.System, counter: Any, args: argparse.Namespace) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for mode, slow, timeout in (("unthrottled", False, args.page_timeout), ("slow", True, args.slow_timeout)):
        runs = []
        for query in b.QUERIES:
            log(f"{system.name}: cold, {mode}, {query!r}")
            run = b.cold(browser, system, query, counter, slow=slow, timeout_s=timeout)
            runs.append(run.__dict__)
            log(f"  first result {run.first_result_ms} ms, {run.bytes} bytes, {run.requests} requests")
            if run.first_result_ms is None:
                break  # a system that cannot answer in time is not asked four more times
            if slow and run.first_result_ms > args.slow_budget_s * 1000:
                log(f"  over {args.slow_budget_s} s: one slow-link run is enough for {system.name}")
                break
        result[mode] = runs
    log(f"{system.name}: {b.N_KEYSTROKES} warm keystrokes")
    try:
        timings, frames, heap = b.warm_keystrokes(browser, isolated, args.slow_timeout)
        result["keystrokes"] = {"ms": timings, "frame_ms": frames, **b.summarize_keys(timings, frames), "heap_mb": heap}
    except Exception as error:  # a page that never loads: say so in the table, measure the others
        result["keystrokes"] = {"error": str(error)[:500]}
    return result


def median_of(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get("first_result_ms") is not None and r.get(key) is not None]
    return statistics.median(values) if values else None


def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def fmt_s(ms: float | None) -> str:
    return "-" if ms is None else f"{ms / 1000:.2f} s"


def table(report: dict[str, Any]) -> str:
    n = report["records"]
    builds = report["builds"]
    browser = report.get("browser", {})
    head = (
        "| system | records | requests before first result | bytes before first result | first result, unthrottled | first result, slow link"
        " | typed query p50 / p95 | keystroke to next frame p95 | JS heap after load | build: whole site | build: index step | build peak memory"
        " | site on disk (files, pages) |"
    )
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    rows = [
        ("this project", "project_site", "project"),
        ("Pagefind (JS API, 5 result fragments)", None, "pagefind"),
        ("mkdocs-material search (index built in the browser)", "material_site", None),
    ]
    names = {
        "this project": "this project",
        "Pagefind (JS API, 5 result fragments)": "Pagefind",
        "mkdocs-material search (index built in the browser)": "mkdocs-material search",
    }
    for label, site_key, index_key in rows:
        m = browser.get(names[label], {})
        fast, slow, keys = m.get("unthrottled", []), m.get("slow", []), m.get("keystrokes", {})
        site = builds.get(site_key, {}) if site_key else {}
        index = builds.get(index_key, {}) if index_key else {}
        site_skipped = str(site.get("error", "")).startswith("skipped")
        cpu = f" ({site['cpu_s']:.1f} s CPU)" if site.get("cpu_s") else ""
        whole = f"{site['seconds']:.1f} s{cpu}" if site.get("ok") else ("n/a" if not site_key else "skipped" if site_skipped else "failed" if site else "-")
        if not site_key:
            whole = "n/a (indexes built pages)"
        skipped = str(index.get("error", site.get("error", ""))).startswith("skipped")
        step = f"{index['index_s']:.1f} s" if index.get("ok") else ("in the browser" if not index_key else "skipped" if skipped else "failed")
        peak = max([x.get("peak_mb", 0) for x in (site, index) if x.get("ok")] or [0])
        key_cell = f"{keys['p50_ms']:.0f} / {keys['p95_ms']:.0f} ms" if "p50_ms" in keys else "-"
        if keys.get("timeouts"):
            key_cell += f" ({keys['timeouts']} timed out)"
        slow_cell = fmt_s(median_of(slow, "first_result_ms"))
        if slow and len(slow) < len(b.QUERIES) and slow_cell != "-":
            slow_cell += f" ({len(slow)} query)"
        if slow and slow[0].get("first_result_ms") is None:
            slow_cell = f"> {report['args']['slow_timeout']:.0f} s"
        heap = keys.get("heap_mb")
        asked = median_of(fast, "requests")
        frame = keys.get("frame_p95_ms")
        on_disk = f"{fmt_bytes(site['disk_bytes'])} ({site['files']:,}, {site['pages']:,})" if "disk_bytes" in site else "-"
        first = fmt_s(median_of(fast, "first_result_ms"))
        lines.append(
            f"| {label} | {n:,} | {'-' if asked is None else f'{asked:.0f}'} | {fmt_bytes(median_of(fast, 'bytes'))} | {first}"
            f" | {slow_cell} | {key_cell} | {'-' if frame is None else f'{frame:.0f} ms'} | {'-' if heap is None else f'{heap:.1f} MB'} | {whole} | {step}"
            f" | {f'{peak:.0f} MB' if peak else '-'} | {on_disk} |"
        )
    lunrpy = builds.get("lunrpy", {})
    if lunrpy.get("ok"):
        lines.append(
            f"| lunr.py, one monolithic index (reference) | {n:,} | - | {fmt_bytes(lunrpy['gzip_bytes'])} gzip, index alone | - | - | - | - | - | - | "
            f"{lunrpy['index_s']:.1f} s | {lunrpy['peak_mb']:.0f} MB | - |"
        )
    notes = [
        f"Medians over the queries {', '.join(repr(q) for q in b.QUERIES)}; an empty cache for every navigation"
        " (a new browser context; within it the cache works as a first visit's); gzip and max-age as on GitHub Pages.",
        "Slow link: 150 ms latency, 1.6 Mbit/s down, CPU slowed 4x (CDP). Requests: those the server received from the navigation to the first result.",
        "Typed query: 50 warm keystrokes, from the input event to the typed text's results rendered;"
        " keystroke to next frame: from the input event to the first frame painted after it (the page's own work on the keystroke).",
        "Site on disk: every file of the built site (bytes as written, before gzip); the stock mkdocs-material site builds the same pages"
        f" ({builds.get('material_site_pages_added', 0):,} non-record pages copied from this project's build as raw HTML).",
        "JS heap: performance.measureUserAgentSpecificMemory() after the keystrokes, page and Web Workers together.",
        "Peak memory: the larger of the site build and the index step, each in its own process (GNU time %M: peak RSS, children included)."
        " Whole-site builds: wall time, and in brackets CPU time (user + system, children included), which the machine's other load moves much less.",
        "Pagefind indexes record pages written by the benchmark (same text, facets as data-pagefind-filter, one English index),"
        " searched with its JS API loading the first 5 result fragments as its default UI does.",
    ]
    incremental = builds.get("incremental", {})
    if incremental.get("incremental_build_s") is not None:
        notes.append(
            f"One record edited, as under `mkdocs serve` (bench/incremental.py): this project's index step takes {incremental['incremental_build_s']:.2f} s"
            f" reusing the other records' analyses ({incremental['from_scratch_build_s']:.2f} s from scratch in the same process, the index files alone"
            f" {incremental['incremental_index_s']:.2f} s), identical to a from-scratch build: {incremental['identical_to_from_scratch']}."
        )
    for key in ("project_site", "project", "incremental", "pagefind", "material_site", "lunrpy"):
        error = builds.get(key, {}).get("error")
        if error:
            notes.append(f"{key}: {error.strip().splitlines()[-1][:300] if error.strip() else 'failed'}")
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {note}" for note in notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="working folder (default: a fresh one under bench/out/)")
    parser.add_argument("--build-timeout", type=float, default=3600)
    parser.add_argument("--page-timeout", type=float, default=120, help="seconds a page may take to show a first result")
    parser.add_argument("--slow-timeout", type=float, default=300, help="the same on the slow link")
    parser.add_argument("--slow-budget-s", type=float, default=60, help="a system slower than this on the slow link is run for one query only")
    parser.add_argument("--material-max", type=int, default=50_000, help="skip the mkdocs-material build above this many records")
    parser.add_argument("--pagefind-max", type=int, default=50_000, help="skip Pagefind above this many records")
    parser.add_argument("--lunrpy-max", type=int, default=50_000, help="skip the lunr.py reference index above this many records")
    parser.add_argument("--incremental-max", type=int, default=50_000, help="skip the one-record-edit rebuild above this many records")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    work = (args.work or OUT / f"work-{args.records}").resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    report: dict[str, Any] = {
        "records": args.records,
        "seed": args.seed,
        "date": stamp,
        "machine": machine(),
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    report["builds"] = build_all(args.records, args.seed, work, args)
    if not args.no_browser:
        report["browser"] = measure_browser(work / "web", report["builds"], args)
    text = table(report)
    path = OUT / f"bench-{args.records}-{stamp}.json"
    path.write_text(json.dumps({**report, "table": text}, indent=1), encoding="utf-8")
    print(f"\nBenchmark, {args.records:,} records, {stamp}, {report['machine']}\n")
    print(text)
    print(f"\nJSON: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
