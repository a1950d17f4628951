"""A tile-grid map of the United States as inline SVG, built at build time.

One square per state, DC and territory in the familiar tile-map layout.
Shading is a single-hue ramp whose steps differ in lightness, so it reads in
grey scale and for every kind of colour blindness; each tile also prints its
code and count, so nothing depends on colour at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from policy_library.model.taxonomy import STATES
from policy_library.site.i18n import Messages

# (row, column) of each tile.
LAYOUT: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (0, 10),
    "VT": (1, 9), "NH": (1, 10),
    "WA": (2, 0), "ID": (2, 1), "MT": (2, 2), "ND": (2, 3), "MN": (2, 4), "IL": (2, 5), "WI": (2, 6), "MI": (2, 7), "NY": (2, 8), "RI": (2, 9), "MA": (2, 10),
    "OR": (3, 0), "NV": (3, 1), "WY": (3, 2), "SD": (3, 3), "IA": (3, 4), "IN": (3, 5), "OH": (3, 6), "PA": (3, 7), "NJ": (3, 8), "CT": (3, 9),
    "CA": (4, 0), "UT": (4, 1), "CO": (4, 2), "NE": (4, 3), "MO": (4, 4), "KY": (4, 5), "WV": (4, 6), "VA": (4, 7), "MD": (4, 8), "DE": (4, 9),
    "AZ": (5, 1), "NM": (5, 2), "KS": (5, 3), "AR": (5, 4), "TN": (5, 5), "NC": (5, 6), "SC": (5, 7), "DC": (5, 8),
    "GU": (6, 0), "MP": (6, 1), "OK": (6, 3), "LA": (6, 4), "MS": (6, 5), "AL": (6, 6), "GA": (6, 7),
    "HI": (7, 0), "AS": (7, 1), "UM": (7, 2), "TX": (7, 3), "FL": (7, 8), "PR": (7, 10), "VI": (7, 11),
}  # fmt: skip

TILE = 44
GAP = 4
# ColorBrewer "Blues": each step darker than the last; text switches to white
# where the tile is dark, keeping a contrast ratio of 4.5:1 or more.
SHADES = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
TEXT = ("#1a1a1a", "#1a1a1a", "#000000", "#ffffff", "#ffffff")


@dataclass(frozen=True)
class Step:
    low: int
    high: int
    fill: str
    text: str

    @property
    def label(self) -> str:
        if self.low == self.high:
            return str(self.low)
        return f"{self.low}\u2013{self.high}"


def steps(highest: int) -> list[Step]:
    """The legend: 0, then up to four ranges of counts growing geometrically up to `highest`."""
    result = [Step(0, 0, SHADES[0], TEXT[0])]
    if highest <= 0:
        return result
    bounds = sorted({max(1, math.ceil(highest ** (k / 4))) for k in (1, 2, 3)} | {highest})
    low = 1
    for high in bounds:
        if high < low:
            continue
        n = len(result)
        result.append(Step(low, high, SHADES[n], TEXT[n]))
        low = high + 1
    return result


def step_of(count: int, legend: list[Step]) -> Step:
    for step in legend:
        if step.low <= count <= step.high:
            return step
    return legend[-1]


def tile_map(counts: Mapping[str, int], href: Callable[[str], str | None], messages: Messages | None = None, name: Callable[[str], str] | None = None) -> str:
    """The SVG markup, in the language of `messages` and `name(code)` (English without).

    `href(code)` gives the link of a state with records (already relative to the page)."""
    messages = messages or Messages("en")
    name_of = name or (lambda code: STATES[code])
    title = messages.gettext("Records by state")
    legend = steps(max(counts.values(), default=0))
    rows = 1 + max(r for r, _ in LAYOUT.values())
    cols = 1 + max(c for _, c in LAYOUT.values())
    width, height = cols * (TILE + GAP), rows * (TILE + GAP)
    parts = [
        f'<svg class="library-map" viewBox="0 0 {width} {height}" role="group" aria-labelledby="library-map-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="library-map-title">{escape(title)}</title>',
    ]
    for code, (row, col) in LAYOUT.items():
        count = counts.get(code, 0)
        step = step_of(count, legend)
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        state = name_of(code)
        tile = (
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3" fill="{step.fill}" stroke="#5c5c5c" stroke-width="1"'
            + (' stroke-dasharray="3 2"' if count == 0 else "")
            + "/>"
            f'<text x="{x + TILE / 2:g}" y="{y + 19}" style="fill: {step.text}" text-anchor="middle" font-size="14" font-weight="700">{code}</text>'
            f'<text x="{x + TILE / 2:g}" y="{y + 36}" style="fill: {step.text}" text-anchor="middle" font-size="12">{count}</text>'
        )
        link = href(code) if count else None
        label = escape(messages.ngettext("{state}: {n} record", "{state}: {n} records", count, state=state))
        if link:
            parts.append(f'<a href="{escape(link)}" aria-label="{label}" data-state="{code}" data-count="{count}"><title>{label}</title>{tile}</a>')
        else:
            # Screen readers get the states without records from the table beside the map, not as 50 empty tiles.
            parts.append(f'<g aria-hidden="true" data-label="{label}" data-state="{code}" data-count="{count}"><title>{label}</title>{tile}</g>')
    parts.append("</svg>")
    return "".join(parts)


def legend_steps(counts: Mapping[str, int]) -> list[Step]:
    return steps(max(counts.values(), default=0))


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    row: int
    col: int


def tiles(name: Callable[[str], str]) -> list[Tile]:
    """The tiles in reading order (row by row), for the search page's live map; `name(code)` names a state."""
    return [Tile(code, name(code), row, col) for code, (row, col) in sorted(LAYOUT.items(), key=lambda item: item[1])]


def palette_style() -> str:
    """The shading ramp as CSS custom properties, for the search page's live map (library.css uses them by step)."""
    return "; ".join(f"--library-shade-{i}: {fill}; --library-ink-{i}: {ink}" for i, (fill, ink) in enumerate(zip(SHADES, TEXT, strict=True)))
