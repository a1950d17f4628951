"""The page's and the worker's modules joined into one file (search/bundle.py): every module either
entry reaches is in it, and the joined file behaves as the modules do, in the page and in a worker."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from policy_library.search.bundle import BundleError, bundle

# Without Node the joined file is still run in Chromium by the browser tests (test_page_files), not here.
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the joined file is not run outside the browser here")
_IMPORTED = re.compile(r'(?:from\s*|import\(\s*)"(\.{1,2}/[^"]+)"')


def reachable(modules: dict[str, str], entry: str) -> set[str]:
    """The modules `entry` imports, statically or later, followed to the end (read independently of bundle.py)."""
    seen = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        folder = name.rsplit("/", 1)[0]
        for spec in _IMPORTED.findall(modules[name]):
            parts = [*folder.split("/"), *spec.split("/")]
            out: list[str] = []
            for part in parts:
                if part == "..":
                    out.pop()
                elif part != ".":
                    out.append(part)
            todo.append("/".join(out))
    return seen


def test_the_bundle_holds_every_module_either_entry_reaches_and_the_built_page_runs_it_for_both(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    page = re.search(r'<script type="module" async src="(assets/library/js\.[0-9a-f]{12}/)bundle/search\.js"', home)
    worker = re.search(r'data-worker="(assets/library/js\.[0-9a-f]{12}/)bundle/search\.js"', home)
    assert page and worker and page.group(1) == worker.group(1)
    folder = sample_site / page.group(1)
    sources = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.glob("*/*.js")}
    joined = (folder / "bundle" / "search.js").read_text(encoding="utf-8")
    inside = set(re.findall(r'^definitions\.set\("([^"]+)"', joined, re.M))
    # What the page imports once its results are shown is in a second file, and only there.
    later = set(re.findall(r'^definitions\.set\("([^"]+)"', (folder / "bundle" / "later.js").read_text(encoding="utf-8"), re.M))
    assert inside | later == reachable(sources, "page/search.js") | reachable(sources, "worker/worker.js") and not inside & later
    assert {"page/actions.js", "page/download.js", "page/saved.js"} <= later
    assert {"page/search-ui.js", "page/render.js", "worker/shards.js"} <= inside
    for entry in ("page/search.js", "worker/worker.js"):
        # What the browser runs, without the sources' comment lines: "// The ..." opens most modules.
        assert "// The " in sources[entry] and "\n// The " not in joined
    assert reachable(sources, "worker/worker.js") >= {"worker/engine.js", "worker/shards.js", "worker/query.js", "worker/text.js"}
    assert reachable(sources, "page/search.js") >= {"page/search-ui.js", "page/render.js", "page/url-state.js", "page/download.js"}


MODULES = {
    # Two modules with top-level names of the same spelling: each keeps its own.
    "page/a.js": 'import { label as b, count } from "./b.js";\nimport * as c from "../lib/c.js";\n'
    'const label = "a";\nexport function show() { return [label, b, count(), c.twice(3)].join(" "); }\n'
    'console.log("a runs");\n',
    "page/b.js": 'console.log("b runs");\nconst label = "b";\nlet n = 0;\nexport { label };\nexport const count = () => ++n;\n',
    "lib/c.js": 'console.log("c runs");\nexport function* pairs() { yield 1; }\nexport class Thing {}\nexport const twice = (x) => x * 2;\n',
    # Its import written after its code is still evaluated first, as an ES module's imports are.
    "page/later.js": 'console.log("later runs", count());\nexport const value = 7;\nimport { count } from "./b.js";\n',
    "page/main.js": 'import { show } from "./a.js";\nconsole.log(show());\n'
    'import("./later.js").then((m) => console.log("later says", m.value, typeof import("node:path")));\n'
    'import { poem } from "./text.js";\nimport { joined } from "./continued.js";\nconsole.log(JSON.stringify([poem, joined]));\n',
    # The bundle leaves out indentation and comment lines, but never where blanks are part of a value:
    # a template literal over several lines, a string continued with a backslash.
    "page/text.js": "    // kept: a module with a literal over several lines is left whole\n"
    "export const poem = `first\n    // kept: inside the literal\n  indented`;\n",
    "page/continued.js": '    // a comment\n    export const joined = "one \\\n   // two";\n',
}


@needs_node
def test_a_bundle_prints_what_its_modules_print_run_as_es_modules(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node
    sources = tmp_path / "sources"
    for name, text in MODULES.items():
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_text(text, encoding="utf-8")
    (sources / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    joined, order, *_ = bundle(MODULES, "page/main.js")
    assert set(order) == set(MODULES)
    (sources / "page" / "bundle.js").write_text(joined, encoding="utf-8")
    as_modules = subprocess.run([node, "page/main.js"], cwd=sources, capture_output=True, text=True, timeout=60)
    as_bundle = subprocess.run([node, "page/bundle.js"], cwd=sources, capture_output=True, text=True, timeout=60)
    assert as_modules.returncode == 0, as_modules.stderr
    assert as_bundle.returncode == 0, as_bundle.stderr
    assert as_bundle.stdout == as_modules.stdout
    assert as_modules.stdout.splitlines() == [
        "b runs",
        "c runs",
        "a runs",
        "a b 1 6",
        '["first\\n    // kept: inside the literal\\n  indented","one    // two"]',
        "later runs 2",
        "later says 7 object",
    ]
    assert "// a comment" not in joined and "// kept: a module" in joined


@needs_node
def test_modules_imported_later_can_be_a_second_file_that_shares_the_first_ones_modules(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node
    made = bundle(MODULES, "page/main.js", later=["page/later.js"], later_file="second.js")
    assert made.later_order == ("page/later.js",) and "page/later.js" not in made.order
    assert made.later is not None and "page/b.js" not in made.later_order  # shared: b.js keeps one count
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (tmp_path / "bundle.js").write_text(made.text, encoding="utf-8")
    (tmp_path / "second.js").write_text(made.later, encoding="utf-8")
    run = subprocess.run([node, "bundle.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-2:] == ["later runs 2", "later says 7 object"]
    # Without the second file the first one still runs up to the import that needs it, which fails.
    (tmp_path / "second.js").unlink()
    gone = subprocess.run([node, "bundle.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "later runs" not in gone.stdout and "second.js" in gone.stderr


@needs_node
def test_a_bundle_with_a_worker_entry_runs_that_entry_alone_inside_a_worker(tmp_path: Path) -> None:
    """Node's worker_threads stand in for a Web Worker: the file is started as a worker, with the one global a
    browser's worker has and a page does not (WorkerGlobalScope); run directly, it is the page's entry."""
    node = shutil.which("node")
    assert node
    modules = {
        **MODULES,
        "worker/main.js": 'import { count } from "../page/b.js";\nconsole.log("worker runs", count());\n',
    }
    joined, order, *_ = bundle(modules, "page/main.js", "worker/main.js")
    assert set(order) == set(modules)
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    (tmp_path / "bundle.js").write_text(joined, encoding="utf-8")
    (tmp_path / "start-worker.js").write_text(
        'import { Worker } from "node:worker_threads";\n'
        'new Worker(new URL("./bundle.js", import.meta.url), { eval: false, execArgv: ["--import", "./as-worker.js"] });\n',
        encoding="utf-8",
    )
    (tmp_path / "as-worker.js").write_text("globalThis.WorkerGlobalScope = class {};\n", encoding="utf-8")
    as_page = subprocess.run([node, "bundle.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    as_worker = subprocess.run([node, "start-worker.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert as_page.returncode == 0 and as_worker.returncode == 0, as_page.stderr + as_worker.stderr
    assert as_page.stdout.splitlines()[:4] == ["b runs", "c runs", "a runs", "a b 1 6"]
    assert "worker runs" not in as_page.stdout
    # Inside the worker only the worker's entry and what it imports run.
    assert as_worker.stdout.splitlines() == ["b runs", "worker runs 1"]


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ("export default function f() {}\n", "export default"),
        ('import lunr from "./lunr.js";\n', "import lunr"),
        ('export * from "./b.js";\n', "export *"),
    ],
)
def test_module_syntax_it_cannot_join_faithfully_fails_the_build_naming_the_module(source: str, named: str) -> None:
    with pytest.raises(BundleError, match=rf"page/x\.js: cannot bundle .*{re.escape(named)}"):
        bundle({"page/x.js": source, "page/b.js": "export const b = 1;\n"}, "page/x.js")


def test_an_import_cycle_or_a_missing_module_fails_the_build() -> None:
    with pytest.raises(BundleError, match=re.escape("import cycle page/a.js -> page/b.js -> page/a.js")):
        bundle({"page/a.js": 'import { b } from "./b.js";\n', "page/b.js": 'import { a } from "./a.js";\n'}, "page/a.js")
    with pytest.raises(BundleError, match=re.escape("page/a.js: imports page/gone.js")):
        bundle({"page/a.js": 'import { b } from "./gone.js";\n'}, "page/a.js")
    # A module imported later may import its importer: that is no cycle at load.
    _, order, *_ = bundle({"page/a.js": 'export const a = 1;\nimport("./b.js");\n', "page/b.js": 'import { a } from "./a.js";\n'}, "page/a.js")
    assert order == ["page/a.js", "page/b.js"]
