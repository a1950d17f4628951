"""The page's and the worker's ES modules joined at build time into one file.

A browser finds a module's imports only once the module has arrived: one round
trip per level of imports, and one request per module. So the build joins
every module an entry point reaches (its static imports and its `import("./x.js")`
of a literal name, followed to the end) into one file, each module in a scope of
its own (a function, evaluated once, when first imported, in the order ES modules
are), and the page loads that file; started as the page's worker, the same file
runs the worker's entry. The sources stay plain ES modules, shipped beside the
bundle, and a module added to the page or the worker is bundled as soon as
something imports it.

Only the module syntax the page's modules use is understood: `import {a, b as c}
from "./x.js"`, `import * as m from "./x.js"`, `export` before a declaration,
`export {a, b as c}`, and `import("./x.js")`. Anything else with `import` or
`export` in a module fails the build with the module's name, never a bundle that
behaves differently from its sources. An import of anything but a relative name
(`import(url)`) is left as it is: the browser loads it.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

# `import {a, b as c} from "./x.js";` and `import * as m from "./x.js";`
_IMPORT = re.compile(r'^import\s*(\{[^}]*\}|\*\s*as\s+[A-Za-z_$][\w$]*)\s*from\s*"(\.{1,2}/[^"]+)";?[ \t]*$', re.M)
# `export function f`, `export async function f`, `export function* f`, `export class C`, `export const X`
_EXPORT_DECLARATION = re.compile(r"^export\s+((?:async\s+)?function\s*\*?|class|const|let|var)\s*([A-Za-z_$][\w$]*)", re.M)
# `export { a, b as c };`
_EXPORT_LIST = re.compile(r"^export\s*\{([^}]*)\};?[ \t]*$", re.M)
# `import("./x.js")` of a literal relative name.
_DYNAMIC = re.compile(r'\bimport\(\s*"(\.{1,2}/[^"]+)"\s*\)')
# Whatever is left that looks like module syntax (at the start of a line), which this joiner does not understand.
_LEFT = re.compile(r"^\s*(?:import\s*[\w{*\"']|export\b).*$", re.M)
_NAME = re.compile(r"[A-Za-z_$][\w$]*$")

LOADER = """// Generated at build time from the modules named below (policy_library/search/bundle.py): each
// module runs in its own scope, once, when first imported, as the ES module itself would.
const definitions = new Map();
const evaluated = new Map();
function __load__(name) {
  if (!evaluated.has(name)) {
    const exports = {};
    evaluated.set(name, exports);
    Object.assign(exports, definitions.get(name)());
  }
  return evaluated.get(name);
}
"""
_NOW_LOADER = """const __loadLater__ = (name) => Promise.resolve().then(() => __load__(name));
"""


def _without_comment_lines(code: str) -> str:
    """`code` without indentation, blank lines and lines that are only a `//` comment: about a quarter of
    what a visitor downloads, and nothing the browser runs (the sources beside the bundles keep them).

    Where blanks could be part of a value, nothing is taken out: a module with a line holding an odd
    number of backticks (a template literal spanning lines, or a quoted backtick) is kept whole, and
    so is a line after one ending in a backslash (a string continued on the next line).
    """
    lines = code.split("\n")
    if any(line.replace("\\`", "").count("`") % 2 for line in lines):
        return code
    out: list[str] = []
    continued = False
    for line in lines:
        if continued:
            out.append(line)
        elif (text := line.lstrip(" \t")) and not text.startswith("//"):
            out.append(text)
        continued = line.endswith("\\")
    return "\n".join(out)


class BundleError(ValueError):
    """A module the joiner cannot join faithfully (module syntax it does not understand, an import cycle, a missing module)."""


def _resolve(importer: str, spec: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec))


def _bindings(spec: str, module: str) -> str:
    """`{a, b as c}` as a destructuring pattern (`{ a, b: c }`), `* as m` as `m`."""
    spec = spec.strip()
    if spec.startswith("*"):
        return spec.split("as", 1)[1].strip()
    parts = []
    for item in spec.strip("{} \n").split(","):
        item = " ".join(item.split())
        if not item:
            continue
        names = [n.strip() for n in item.split(" as ")]
        if not all(_NAME.match(n) for n in names) or len(names) > 2:
            raise BundleError(f"{module}: cannot bundle the import of {item!r}")
        parts.append(f"{names[0]}: {names[1]}" if len(names) == 2 else names[0])
    return "{ " + ", ".join(parts) + " }"


def _rewrite(name: str, source: str) -> tuple[str, list[str], list[str]]:
    """The module's code as a function body, the modules it imports statically, and those it imports later."""
    static: list[str] = []
    later: list[str] = []
    exported: list[str] = []

    hoisted: list[str] = []

    def on_import(match: re.Match[str]) -> str:
        # An ES module's imports are evaluated before any of its code, wherever they are written.
        target = _resolve(name, match.group(2))
        static.append(target)
        hoisted.append(f"const {_bindings(match.group(1), name)} = __load__({json.dumps(target)});")
        return ""

    def on_dynamic(match: re.Match[str]) -> str:
        target = _resolve(name, match.group(1))
        later.append(target)
        return f"__loadLater__({json.dumps(target)})"

    def on_declaration(match: re.Match[str]) -> str:
        exported.append(match.group(2))
        return match.group(0).removeprefix("export").lstrip()

    def on_list(match: re.Match[str]) -> str:
        for item in match.group(1).split(","):
            names = [n.strip() for n in " ".join(item.split()).split(" as ")]
            if names == [""]:
                continue
            if not all(_NAME.match(n) for n in names) or len(names) > 2:
                raise BundleError(f"{name}: cannot bundle the export of {item.strip()!r}")
            exported.append(f"{names[1]}: {names[0]}" if len(names) == 2 else names[0])
        return ""

    code = _IMPORT.sub(on_import, source)
    code = _DYNAMIC.sub(on_dynamic, code)
    code = _EXPORT_DECLARATION.sub(on_declaration, code)
    code = _EXPORT_LIST.sub(on_list, code)
    left = [m.group(0).strip() for m in _LEFT.finditer(code)]
    if left:
        raise BundleError(f"{name}: cannot bundle {left[0]!r} (only named imports and exports of relative modules are joined)")
    code = "\n".join([*hoisted, code.rstrip()])
    body = f"{code}\nreturn {{ {', '.join(exported)} }};" if exported else code
    return body, static, later


class Bundle(NamedTuple):
    text: str  # the file the page loads
    order: list[str]  # the modules in it, in the order they are written
    later: str | None = None  # the file of the modules imported only after the page's first work (`bundle`'s `later`)
    later_order: tuple[str, ...] = ()


def bundle(modules: Mapping[str, str], entry: str, worker_entry: str | None = None, later: Sequence[str] = (), later_file: str = "later.js") -> Bundle:
    """One ES module running `entry` (a key of `modules`, e.g. "page/search.js") with every module it
    reaches; and the names of those modules, in the order they are written.

    With `worker_entry`, the same file also holds that entry and what it reaches, and runs it instead
    when it is loaded as a Web Worker: a page that starts its worker from its own file fetches one file,
    and the worker's copy comes from the browser's cache (one request and one round trip fewer).

    `later` names modules that the page imports (`import("./x.js")`) only once its first work is
    done: they, and what only they reach, are written to a second file, `later_file` (a name beside
    the first file), which the first one asks for when one of them is first imported.
    """
    order: list[str] = []
    bodies: dict[str, str] = {}
    visiting: list[str] = []
    held: list[tuple[str, str]] = []  # imports of `later` modules, followed once the first file is complete

    # Modules imported later (import("./x.js")), by their importer; the worker's entry is one more.
    pending: list[tuple[str, str]] = [(entry, entry)] + ([(worker_entry, worker_entry)] if worker_entry else [])

    def visit(name: str, importer: str) -> None:
        if name in bodies:
            return
        if name in visiting:
            raise BundleError(f"{importer}: import cycle {' -> '.join([*visiting[visiting.index(name) :], name])}")
        if name not in modules:
            raise BundleError(f"{importer}: imports {name}, which is not one of the page's modules")
        visiting.append(name)
        body, static, imported_later = _rewrite(name, _without_comment_lines(modules[name]))
        for target in static:
            visit(target, name)
        visiting.pop()
        bodies[name] = body
        order.append(name)
        for target in imported_later:
            (held if target in later else pending).append((target, name))

    while pending:
        visit(*pending.pop(0))
    first = list(order)
    # What only the `later` modules reach: the second file.
    pending = [(target, importer) for target, importer in held if target not in bodies]
    while pending:
        visit(*pending.pop(0))
    second = order[len(first) :]
    parts = [LOADER, _LATER_LOADER % json.dumps("./" + later_file) if second else _NOW_LOADER]
    parts.extend(_defined(name, bodies[name]) for name in first)
    # WorkerGlobalScope exists only inside a worker.
    run = f'typeof WorkerGlobalScope === "undefined" ? {json.dumps(entry)} : {json.dumps(worker_entry)}' if worker_entry else json.dumps(entry)
    parts.append(f"\n__load__({run});\n")
    if not second:
        return Bundle("".join(parts), first)
    rest = "".join([_LATER_HEAD, *(_defined(name, bodies[name]) for name in second), "}\n"])
    return Bundle("".join(parts), first, rest, tuple(second))


def _defined(name: str, body: str) -> str:
    return f"\n// {name}\ndefinitions.set({json.dumps(name)}, () => {{\n{body}\n}});\n"


# The first file asks for the second when a module of it is first imported, and hands it its loader.
_LATER_LOADER = """let __laterFile__ = null;
function __loadLaterFile__() {
  __laterFile__ ??= import(new URL(%s, import.meta.url)).then(
    (file) => file.define(definitions, __load__, __loadLater__),
    (error) => {
      __laterFile__ = null; // asked for again by the next import
      throw error;
    },
  );
  return __laterFile__;
}
const __loadLater__ = (name) => (definitions.has(name) ? Promise.resolve() : __loadLaterFile__()).then(() => __load__(name));
"""
_LATER_HEAD = """// Generated at build time (policy_library/search/bundle.py): the modules the page imports only after its first
// work, which the file beside this one asks for when one of them is first imported.
export function define(definitions, __load__, __loadLater__) {
"""
