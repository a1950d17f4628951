"""The search page's CSV download writes each cell as records.csv does: the same formula guard, the same quoting."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from playwright.sync_api import Page
from policy_library.site.opendata import cell

VALUES: list[object] = [
    "Report",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "\uff1dHYPERLINK(1)",
    "\uff0b1",
    "\uff0d1",
    "\uff20x",
    "\ufe66x",
    "'=1+1",
    "'quoted'",
    "\uff07x",
    "a, b",
    'say "hi"',
    "two\nlines",
    "\U0001d7ce digit",
    "",
    None,
    ["=a", "b"],
    ["'a", "b"],
    [],
]


def python_cell(value: object) -> str:
    out = io.StringIO()
    # A second column, as in records.csv: a lone empty cell would be written as "".
    csv.writer(out, lineterminator="\r\n").writerow([cell(value), "end"])
    return out.getvalue().removesuffix(",end\r\n")


def test_download_cells_match_records_csv(page: Page, sample_url: str, sample_site: Path) -> None:
    module = next(sample_site.glob("assets/library/js.*/page/download.js")).relative_to(sample_site).as_posix()
    page.goto(sample_url)
    written = page.evaluate(
        "async ([url, values]) => { const { cell } = await import(url); return values.map((v) => cell(v)); }", [sample_url + module, VALUES]
    )
    assert written == [python_cell(v) for v in VALUES]
