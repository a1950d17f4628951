"""lunr.js and lunr-languages, as shipped inside the installed `mkdocs` package.

Nothing third-party is committed to the project or fetched from a CDN: the
build copies these files into the site. The browser loads them as one ES
module of the search worker's (so that the worker can be a module worker, and
its bundle holds lunr too): each file keeps its
own licence notices and runs inside a small CommonJS-style wrapper, which
lunr's UMD headers recognise. Their documentation comments and indentation,
about half of what a visitor would download, are left out (`shipped`).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import mkdocs.contrib.search

_SEARCH = Path(mkdocs.contrib.search.__file__).parent
LUNR_JS = _SEARCH / "templates" / "search" / "lunr.js"
LANGUAGE_DIR = _SEARCH / "lunr-language"
# lunr.es.js needs the Snowball runtime of lunr.stemmer.support.js.
LANGUAGE_FILES = ("lunr.stemmer.support.js", "lunr.es.js")


# A comment that starts its own line: a file's opening comment and `/*! ... */` notices
# (licences) are kept, other block comments and `//` lines go. lunr's files have no template literals or
# multi-line strings, so a line's leading blanks are never part of a value.
# The body excludes "*/", so a comment followed by code on its last line is kept whole.
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?!!)(?:(?!\*/).)*\*/[ \t]*\n", re.MULTILINE | re.DOTALL)
_LEADING_COMMENT = re.compile(r"\s*/\*(?:(?!\*/).)*\*/[ \t]*\n", re.DOTALL)
_LINE_COMMENT = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n\s*\n")


def shipped(source: str) -> str:
    """`source` without its own-line comments (its header and notices kept), indentation and blank lines."""
    header = _LEADING_COMMENT.match(source)
    start = header.end() if header else 0
    text = _BLOCK_COMMENT.sub("", source[start:])
    text = _LINE_COMMENT.sub("", text)
    text = _INDENT.sub("", text)
    return source[:start] + _BLANK_LINES.sub("\n", text)


def lunr_module() -> str:
    """One ES module whose default export is lunr with its Spanish stemmer attached."""
    parts = [
        "// lunr.js and lunr-languages, copied at build time from the installed mkdocs package.",
        "const module = { exports: {} };",
        "(function (module, exports) {",
        shipped(LUNR_JS.read_text(encoding="utf-8")),
        "})(module, module.exports);",
        "const lunr = module.exports;",
    ]
    for name in LANGUAGE_FILES:
        parts += [
            "{",
            "  const plugin = { exports: {} };",
            "  (function (module, exports) {",
            shipped((LANGUAGE_DIR / name).read_text(encoding="utf-8")),
            "  })(plugin, plugin.exports);",
            "  plugin.exports(lunr);",
            "}",
        ]
    # A named default, the one form of default export the build's module joiner (bundle.py) understands.
    parts.append("export { lunr as default };\n")
    return "\n".join(parts)


@functools.cache
def spanish_stop_words() -> tuple[str, ...]:
    """The stop words of lunr.es.js, read from the file itself so the two never drift apart."""
    text = (LANGUAGE_DIR / "lunr.es.js").read_text(encoding="utf-8")
    match = re.search(r"lunr\.es\.stopWordFilter\s*=\s*lunr\.generateStopWordFilter\('([^']*)'", text)
    if match is None:
        raise RuntimeError(f"cannot find the Spanish stop words in {LANGUAGE_DIR / 'lunr.es.js'}")
    return tuple(match.group(1).split())
