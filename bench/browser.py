"""Measurements in headless Chromium: first result cold (plain and on a slow link), warm keystrokes, JS heap.

Each system is a page and two small scripts: `done` (are results of the current
query on screen?) and `type` (one keystroke, resolving when its results are
rendered). Time to first result is read inside the page as performance.now()
at the moment a MutationObserver first sees results, so it counts from the
start of navigation. Bytes are counted by the server (bench/server.py).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from urllib.parse import quote

from playwright.sync_api import Browser, Page

from bench.server import ByteCounter

QUERIES = ("detainer", "courthouse arrests", "immigration enforcement policy", "asesoria legal", "warrant")
# 50 keystrokes: three queries typed letter by letter from an empty box.
KEYSTROKES = ("immigration detainer", "courthouse arrests", "asesoria legal")
N_KEYSTROKES = 50
SLOW_LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4

# Sets window.__firstResult (ms since navigation start) and __firstResultWall (Date.now()) once `done()` first holds.
FIRST_RESULT_WATCH = """
(() => {
  const done = %s;
  const check = () => {
    if (window.__firstResult === undefined && document.body && done()) {
      window.__firstResult = performance.now();
      window.__firstResultWall = Date.now();  // the wall clock the server's time.time() reads
    }
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('DOMContentLoaded', check);
})();
"""

# One keystroke: append a character to the box, fire the events a user's typing fires,
# resolve with the milliseconds until the system shows that text's results (`query`, -1 when
# they never come) and until the page next paints a frame after the keystroke (`frame`: how long
# the page's own work on the keystroke keeps the typed letter off the screen).
TYPE_ONE = """
async ({selector, text, scope, settle}) => {
  const input = document.querySelector(selector);
  const root = document.querySelector(scope) || document.body;
  let frame = -1;
  const query = await new Promise((resolve) => {
    let t0;
    const finish = () => { observer.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); };
    const observer = new MutationObserver(() => { if (window.__benchSettled(text)) finish(); });
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    const timer = setTimeout(() => { observer.disconnect(); resolve(-1); }, settle);
    input.focus();
    t0 = performance.now();
    // A task queued from the next animation frame runs once that frame is painted.
    requestAnimationFrame(() => setTimeout(() => { frame = performance.now() - t0; }, 0));
    input.value = text;
    input.dispatchEvent(new InputEvent('input', {bubbles: true, data: text.slice(-1), inputType: 'insertText'}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: text.slice(-1)}));
  });
  while (frame < 0) await new Promise((resolve) => setTimeout(resolve, 5));
  return {query, frame};
}
"""


# The page's JS memory with its Web Workers (needs cross-origin isolation, see bench/server.py).
MEASURE_MEMORY = """
async () => {
  if (!self.crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return null;
  const result = await performance.measureUserAgentSpecificMemory();
  return result.bytes;
}
"""


@dataclass(frozen=True)
class System:
    name: str
    url: str  # with {q} for the quoted query
    done: str  # JS arrow function: are results on screen?
    input: str  # selector of the search box
    scope: str  # selector of the element that results are rendered in
    settled: str  # JS (text) => bool: are the results for `text` rendered?


def project_system(base: str) -> System:
    results = "[data-search-state]"
    return System(
        "this project",
        base + "?q={q}",
        # A first result is on screen once the list shows the query's results: "ready", or
        # "results shown" while the filters' counts are still on their way (search-ui.js).
        f"() => {{ const r = document.querySelector('{results}'); if (!r) return false;"
        " return (r.dataset.searchState === 'ready' || r.dataset.resultsShown === 'true') && !!r.querySelector('[data-record-id]'); }",
        "input[name=q]",
        results,
        # Results of the typed text: the page is ready and its URL state holds the text.
        f"(text) => document.querySelector('{results}').dataset.searchState === 'ready' && new URLSearchParams(location.search).get('q') === text",
    )


def pagefind_system(base: str) -> System:
    return System(
        "Pagefind",
        base + "search.html?q={q}",
        "() => !!document.querySelector('#results li')",
        "#q",
        "#results",
        "(text) => document.querySelector('#results').dataset.query === text",
    )


def material_system(base: str) -> System:
    return System(
        "mkdocs-material search",
        base + "?q={q}",
        "() => !!document.querySelector('.md-search-result__item')",
        ".md-search__input",
        ".md-search-result",
        "(text) => true",
    )


# A page that uses Pagefind's JS API the way its default UI does: search on input,
# then load the fragments (title, summary, URL) of the first five results.
PAGEFIND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head>
<body>
<input id="q" type="search" autocomplete="off">
<ol id="results"></ol>
<script type="module">
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.options({excerptLength: 30});
const box = document.querySelector("#q");
const list = document.querySelector("#results");
let latest = 0;
async function run(text) {
  const mine = ++latest;
  const search = await pagefind.search(text);
  if (mine !== latest || !search) return;
  const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
  if (mine !== latest) return;
  list.replaceChildren(...data.map((d) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = d.url; a.textContent = d.meta.title;
    const p = document.createElement("p"); p.innerHTML = d.excerpt;
    li.append(a, p);
    return li;
  }));
  list.dataset.count = String(search.results.length);
  list.dataset.query = text;
}
box.addEventListener("input", () => run(box.value));
const q = new URLSearchParams(location.search).get("q");
if (q) { box.value = q; run(q); }
</script>
</body></html>
"""


@dataclass
class ColdRun:
    query: str
    first_result_ms: float | None
    bytes: int
    requests: int
    heap_mb: float | None


def wait_first_result(page: Page, timeout_s: float) -> float | None:
    """Milliseconds from navigation to the first result, or None on timeout.

    Polled from here rather than with wait_for_function, whose string predicate
    a page's Content-Security-Policy (no 'unsafe-eval') would refuse.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        first = page.evaluate("window.__firstResult")
        if first is not None:
            return float(first)
        time.sleep(0.02)
    return None


def cold(browser: Browser, system: System, query: str, counter: ByteCounter, *, slow: bool, timeout_s: float) -> ColdRun:
    """One navigation with an empty cache, to the first result of `query`.

    A new browser context starts with an empty cache, as a first visit does; within the navigation the
    cache works as a visitor's does (the server's max-age, as GitHub Pages sends it), so a file the page
    asks for twice (the page's script and the same file started as its worker) crosses the link once.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FIRST_RESULT_WATCH % system.done)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if slow:
            cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        start = time.time()
        page.goto(system.url.format(q=quote(query)), wait_until="commit", timeout=timeout_s * 1000)
        first = wait_first_result(page, timeout_s)
        if first is None:
            sent, asked = counter.between(start, time.time())
            return ColdRun(query, None, sent, asked, None)
        # The moment of the first result on the server's clock (the same machine's): what the
        # page asks for once it shows results is not counted.
        shown = page.evaluate("window.__firstResultWall") / 1000
        sent, asked = counter.between(start, shown)
        heap = cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6
        return ColdRun(query, first, sent, asked, heap)
    finally:
        context.close()


def warm_keystrokes(browser: Browser, system: System, timeout_s: float) -> tuple[list[float], list[float], float | None]:
    """Per-keystroke milliseconds for 50 keystrokes once the page and index are loaded (until the typed text's
    results show, and until the next frame), and the JS memory then.

    `system.url` should point at a cross-origin-isolated server, so that the memory includes Web Workers.
    """
    context = browser.new_context()
    try:
        page: Page = context.new_page()
        page.add_init_script(FIRST_RESULT_WATCH % system.done)
        page.goto(system.url.format(q=quote(QUERIES[0])), timeout=timeout_s * 1000)
        if wait_first_result(page, timeout_s) is None:
            raise TimeoutError(f"{system.name}: no first result within {timeout_s} s")
        page.evaluate(f"window.__benchSettled = {system.settled}")
        timings: list[float] = []
        frames: list[float] = []
        typed = [text[:i] for text in KEYSTROKES for i in range(1, len(text) + 1)][:N_KEYSTROKES]
        for text in typed:
            ms = page.evaluate(TYPE_ONE, {"selector": system.input, "text": text, "scope": system.scope, "settle": 10_000})
            timings.append(ms["query"])
            frames.append(ms["frame"])
        page.wait_for_timeout(500)
        heap = page.evaluate(MEASURE_MEMORY)
        return timings, frames, None if heap is None else heap / 1e6
    finally:
        context.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summarize_keys(timings: list[float], frames: list[float] | None = None) -> dict[str, float | int]:
    ok = [t for t in timings if t >= 0]
    summary: dict[str, float | int] = {
        "p50_ms": statistics.median(ok) if ok else -1,
        "p95_ms": percentile(ok, 95) if ok else -1,
        "timeouts": len(timings) - len(ok),
    }
    if frames:
        summary["frame_p95_ms"] = percentile(frames, 95)
    return summary
