"""Warm keystrokes alone, on a generated library: the smallest piece of `make bench` that times typing.

    .venv/bin/python -m bench.keystrokes --records 10000 [--work DIR] [--reuse] [--runs 3] [--web DIR]

Generates N records (bench/generate.py, the same seed as `make bench`), builds this
project's site, serves it with gzip on 127.0.0.1 and types the benchmark's 50
keystrokes (bench/browser.py) in headless Chromium, once per run, each in a fresh
page. Prints p50/p95 per run and over every keystroke of every run. `--reuse`
keeps the generated project of an earlier run in --work and only rebuilds the site;
`--web DIR` measures a site already built in DIR/project (another commit's build, say).
`--handler` also times, in another fresh page per run, the page's own work per keystroke:
the main thread's time in its handlers of the worker's answers and in its animation frame
callbacks (drawing results, filters, map, histogram), which a busy shared machine disturbs
less than the time to results.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, sync_playwright

from bench import browser as b
from bench.builds import mkdocs_build
from bench.generate import library, make_project
from bench.server import serve
from tests.support import CHROMIUM_ARGS, ROOT, chromium_path

# Installed before the page's scripts: the main thread's time in every handler of a worker's "message" events and
# in every animation frame callback (where a page may draw what its worker answered), per keystroke (window.__key).
HANDLER_TIMES = """
(() => {
  window.__handled = {};
  window.__key = 0;
  const timed = (fn) => function (...args) {
    const t0 = performance.now();
    try { return fn.apply(this, args); }
    finally { window.__handled[window.__key] = (window.__handled[window.__key] || 0) + performance.now() - t0; }
  };
  const add = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, listener, options) {
    return add.call(this, type, type === "message" ? timed(listener) : listener, options);
  };
  const frame = window.requestAnimationFrame;
  window.requestAnimationFrame = (callback) => frame.call(window, timed(callback));
})();
"""


def handler_times(chromium: Browser, system: b.System, timeout_s: float) -> list[float]:
    """Main-thread milliseconds spent handling and drawing the worker's answers to each of the benchmark's 50 keystrokes."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.add_init_script(b.FIRST_RESULT_WATCH % system.done)
        page.add_init_script(HANDLER_TIMES)
        page.goto(system.url.format(q=quote(b.QUERIES[0])), timeout=timeout_s * 1000)
        if b.wait_first_result(page, timeout_s) is None:
            raise TimeoutError(f"{system.name}: no first result within {timeout_s} s")
        page.evaluate(f"window.__benchSettled = {system.settled}; window.__handled = {{}}")
        for key, text in enumerate([t[:i] for t in b.KEYSTROKES for i in range(1, len(t) + 1)][: b.N_KEYSTROKES], start=1):
            page.evaluate(f"window.__key = {key}")
            page.evaluate(b.TYPE_ONE, {"selector": system.input, "text": text, "scope": system.scope, "settle": 10_000})
        page.wait_for_timeout(300)
        handled = page.evaluate("window.__handled")
        return [float(ms) for key, ms in handled.items() if key != "0"]
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: bench/out/keystrokes-<N>)")
    parser.add_argument("--reuse", action="store_true", help="keep the generated project already in --work")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--web", type=Path, help="measure the site already built in WEB/project instead of building one")
    parser.add_argument("--handler", action="store_true", help="also time the page's handling of the worker's answers")
    args = parser.parse_args(argv)
    work = (args.work or ROOT / "bench" / "out" / f"keystrokes-{args.records}").resolve()
    project = work / "project"
    web = args.web.resolve() if args.web else work / "web"
    if not args.web:
        if not (args.reuse and (project / "mkdocs.yml").exists()):
            make_project(project, library(args.records, args.seed))
        built = mkdocs_build(project, web / "project", args.timeout * 10)
        if not built.ok:
            print(built.output[-3000:], file=sys.stderr)
            return 1
        print(f"site built in {built.seconds:.1f} s ({args.records:,} records)")
    every: list[float] = []
    every_frame: list[float] = []
    handled: list[float] = []
    with serve(web, isolate=True) as (base, _counter), sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for run in range(1, args.runs + 1):
                timings, frames, _heap = b.warm_keystrokes(chromium, b.project_system(base + "project/"), args.timeout)
                summary = b.summarize_keys(timings, frames)
                every += [t for t in timings if t >= 0]
                every_frame += frames
                print(
                    f"run {run}: {len(timings)} keystrokes, p50 {summary['p50_ms']:.1f} ms, p95 {summary['p95_ms']:.1f} ms,"
                    f" next frame p95 {summary.get('frame_p95_ms', -1):.1f} ms, timeouts {summary['timeouts']}"
                )
                if args.handler:
                    times = handler_times(chromium, b.project_system(base + "project/"), args.timeout)
                    handled += times
                    print(f"run {run}: the page's handling of the answers, p50 {statistics.median(times):.2f} ms, p95 {b.percentile(times, 95):.2f} ms")
        finally:
            chromium.close()
    if every:
        print(
            f"all runs: {len(every)} keystrokes, p50 {statistics.median(every):.1f} ms, p95 {b.percentile(every, 95):.1f} ms,"
            f" next frame p95 {b.percentile(every_frame, 95) if every_frame else -1:.1f} ms"
        )
    if handled:
        p50, p95 = statistics.median(handled), b.percentile(handled, 95)
        print(f"all runs: the page's handling of the answers, {len(handled)} keystrokes, p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
