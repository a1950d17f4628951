"""The positional arrays Python writes and the worker's modules read are described once, in Python,
and the JavaScript reads the positions in that order."""

from __future__ import annotations

import re

from policy_library.search.data import ROW
from policy_library.search.fragments import FRAGMENT
from policy_library.site.theme import TEMPLATES

WORKER = TEMPLATES / "assets" / "library" / "worker"


def _destructured(source: str, before: str) -> tuple[str, ...]:
    """The names of the array destructured right after `before` in `source`."""
    found = re.search(re.escape(before) + r"\(\[([^\]]+)\]", source)
    assert found, f"no destructuring after {before!r}"
    return tuple(name.strip() for name in found.group(1).split(","))


def test_facets_js_reads_a_row_in_data_py_order() -> None:
    source = (WORKER / "facets.js").read_text(encoding="utf-8")
    assert _destructured(source, "rows.map(") == ROW
    # The rows it rebuilds from columns.py's columns have the same length, text left empty.
    rebuilt = re.search(r"rows\[i\] = \[([^\]]*)\]", source)
    assert rebuilt and len(rebuilt.group(1).split(",")) == len(ROW)


def test_fragments_js_reads_a_fragment_in_fragments_py_order() -> None:
    source = (WORKER / "fragments.js").read_text(encoding="utf-8")
    assert _destructured(source, ".then(") == FRAGMENT
