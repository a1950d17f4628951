"""Search timings on the sample library: file sizes, navigation to first results, time per keystroke.

    .venv/bin/python -m bench.search_timing [--site DIR] [--runs 5]

Builds the sample library (unless --site names a built one), serves it with gzip
as GitHub Pages does, and drives the system's headless Chromium with a cold
cache for each navigation. Prints a table and writes bench/out/search_timing.json.
Times come from the page's own clock (performance.now(), zero at navigation
start; a keystroke from its input event to the moment the list says "ready").
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from bench.server import serve
from tests.support import CHROMIUM_ARGS, ROOT, chromium_path, run_mkdocs_build

OUT = ROOT / "bench" / "out" / "search_timing.json"
NAVIGATIONS = ("", "?q=ice+detainer", "?q=asesoria&language=es", "?states=CA&document_type=Ordinance")
TYPED = "sanctuary courthouse detainer policy"

# Installed before any page script: notes when the results list turns "ready" and when each keystroke starts.
PROBE = """
window.__ready = []; window.__keys = [];
document.addEventListener('input', () => window.__keys.push(performance.now()), true);
new MutationObserver(() => {
  const list = document.querySelector('.library-results');
  if (list && list.dataset.searchState === 'ready') window.__ready.push(performance.now());
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-search-state'] });
"""


def sizes(site: Path) -> dict[str, dict[str, int]]:
    home = (site / "index.html").read_text(encoding="utf-8")
    named = dict(re.findall(r'data-(manifest|data|lunr)="([^"]+)"', home))
    out = {}
    for name, path in sorted(named.items()):
        raw = (site / path).read_bytes()
        out[name] = {"raw": len(raw), "gzip": len(gzip.compress(raw, compresslevel=6, mtime=0))}
    return out


def first_results(page: Page, url: str) -> float:
    page.goto(url)
    page.wait_for_selector('.library-results[data-search-state="ready"]')
    return float(page.evaluate("window.__ready[0]"))


def keystrokes(page: Page, url: str) -> list[float]:
    page.goto(url)
    page.wait_for_selector('.library-results[data-search-state="ready"]')
    page.evaluate("window.__ready = []; window.__keys = []")
    box = page.locator('input[name="q"]')
    box.focus()
    times = []
    for char in TYPED:
        page.keyboard.type(char)
        page.wait_for_selector('.library-results[data-search-state="ready"]')
        ready, keys = page.evaluate("[window.__ready.at(-1), window.__keys.at(-1)]")
        times.append(ready - keys)
        time.sleep(0.05)
    return times


def _chromium_version() -> str:
    return subprocess.run([chromium_path(), "--version"], capture_output=True, text=True).stdout.strip()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the sample library)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            built = run_mkdocs_build(ROOT, site)
            if built.returncode != 0:
                print(built.stderr, file=sys.stderr)
                return 1
        report: dict[str, Any] = {
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": f"{platform.machine()}, {platform.system()}, {_chromium_version()}",
            "records": len(list((ROOT / "docs" / "records").glob("*.md"))) if args.site is None else None,
            "files": sizes(site),
            "first_results_ms": {},
        }
        with serve(site) as (base, _counter), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for query in NAVIGATIONS:
                runs = []
                for _ in range(args.runs):
                    context = browser.new_context()  # a cold cache every time
                    page = context.new_page()
                    page.add_init_script(PROBE)
                    runs.append(first_results(page, base + query))
                    context.close()
                report["first_results_ms"][query or "(no text)"] = {"median": statistics.median(runs), "max": max(runs), "runs": runs}
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(PROBE)
            keys = keystrokes(page, base)
            context.close()
            browser.close()
        report["keystroke_ms"] = {"typed": TYPED, "median": statistics.median(keys), "p95": percentile(keys, 95), "max": max(keys), "all": keys}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"Search on the sample library ({report['records']} records), {report['date']}, {report['machine']}")
    print(f"{'file':<8}{'raw bytes':>12}{'gzip bytes':>12}")
    for name, size in report["files"].items():
        print(f"{name:<8}{size['raw']:>12,}{size['gzip']:>12,}")
    print(f"\n{'navigation to first results (cold cache)':<48}{'median ms':>10}{'max ms':>10}")
    for query, t in report["first_results_ms"].items():
        print(f"{query:<48}{t['median']:>10.0f}{t['max']:>10.0f}")
    k = report["keystroke_ms"]
    print(f"\nper keystroke, {len(k['all'])} keys typed ({TYPED!r}): median {k['median']:.1f} ms, p95 {k['p95']:.1f} ms, max {k['max']:.1f} ms")
    print(f"written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
