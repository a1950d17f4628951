// The search page's state map and year histogram: the same search seen by place
// and by time. The worker counts both with the filters (facets.js), so they are
// drawn from the answer that carries the filters' counts, in the same frame.
//
// The map's tiles are written by the build (home.html, from statemap.py's
// layout); this module places them, prints their counts and shades them. Each
// tile toggles its state's filter, as the state's checkbox does. The bars are
// written here, one per year from the first year with results to the last:
// a bar chooses its year, Shift or a drag a range; the year fields stay the
// plain equivalent. Both are toolbars: Tab enters one, the arrow keys move in it.

// The shading steps of policy_library/site/statemap.py's steps(), the build-time
// map's legend: 0, then up to four ranges of counts growing geometrically up to
// `highest` (a test compares the two).
export function steps(highest) {
  const out = [{ low: 0, high: 0 }];
  if (highest <= 0) return out;
  const bounds = [...new Set([1, 2, 3].map((k) => Math.max(1, Math.ceil(highest ** (k / 4)))).concat([highest]))].sort((a, b) => a - b);
  let low = 1;
  for (const high of bounds) {
    if (high < low) continue;
    out.push({ low, high });
    low = high + 1;
  }
  return out;
}

// The tallest bar, in rem; the width of a bar that can print its year and count, in pixels.
const BAR_REM = 5;
const ROOMY_PX = 22;

function stepOf(count, legend) {
  const at = legend.findIndex((step) => step.low <= count && count <= step.high);
  return at < 0 ? legend.length - 1 : at;
}

// One control of a toolbar has tabindex 0: the chosen one, else the one last used, else the first offered.
function rove(controls, preferred) {
  const target = preferred.find(Boolean) || controls[0];
  for (const control of controls) {
    const index = control === target ? "0" : "-1";
    if (control.getAttribute("tabindex") !== index) control.setAttribute("tabindex", index);
  }
}

function moveFocus(from, to) {
  if (!to || to === from) return;
  from.setAttribute("tabindex", "-1");
  to.setAttribute("tabindex", "0");
  to.focus();
}

// `current()`: the page's URL state; `go(next)`: makes `next` the page's state (search-ui.js).
export function startGlance(root, t, current, go, { withFilter }) {
  const box = root.querySelector("[data-glance]");
  if (!box) return { update() {} };
  const map = box.querySelector("[data-tiles-field]");
  const field = map.dataset.tilesField;
  const tiles = [...map.querySelectorAll("[data-state-tile]")];
  const chart = box.querySelector("[data-year-bars]");
  const undated = box.querySelector("[data-year-undated]");
  let bars = []; // in year order
  let lastTile = null;
  let lastBar = null;
  let anchor = null; // the year a Shift range starts from
  let drag = null; // {from, to, pointer} while a drag is on
  let dragged = false; // the click that ends a drag is not a click on a bar
  let width = 0; // the chart's, as last laid out: read by an observer, never while drawing (a keystroke would wait for a layout)

  const roomy = () => chart.classList.toggle("library-bars--roomy", bars.length > 0 && width / bars.length >= ROOMY_PX);
  new ResizeObserver((entries) => {
    width = entries[0].contentRect.width;
    roomy();
  }).observe(chart);

  // The layout is the build's (data-row, data-col); set through the CSSOM, which the page's policy allows.
  // The build writes each tile's code alone: its count, name and state are the search's.
  for (const tile of tiles) {
    tile.style.gridRow = String(Number(tile.dataset.row) + 1);
    tile.style.gridColumn = String(Number(tile.dataset.col) + 1);
    const code = document.createElement("span");
    code.className = "library-tile-code";
    code.textContent = tile.textContent;
    const count = document.createElement("span");
    count.className = "library-tile-count";
    tile.replaceChildren(code, count);
    tile.setAttribute("aria-pressed", "false");
    tile.setAttribute("tabindex", "-1");
  }

  function updateMap(state, facets) {
    const facet = facets.find((f) => f.field === field);
    const counts = new Map(facet ? facet.options.map((option) => [option.value, option.count]) : []);
    const chosen = new Set(state.filters[field] || []);
    let highest = 0;
    for (const n of counts.values()) if (n > highest) highest = n;
    const legend = steps(highest);
    for (const tile of tiles) {
      const code = tile.dataset.stateTile;
      const n = counts.get(code) || 0;
      const step = String(stepOf(n, legend));
      // Only what changed is written: a keystroke then costs no layout of unchanged tiles.
      if (tile.dataset.count !== String(n) || !tile.hasAttribute("aria-label")) {
        tile.dataset.count = String(n);
        tile.querySelector(".library-tile-count").textContent = String(n);
        tile.setAttribute("aria-label", t("state_tile", { state: tile.dataset.name, n }));
      }
      if (tile.dataset.step !== step) tile.dataset.step = step;
      const pressed = String(chosen.has(code));
      if (tile.getAttribute("aria-pressed") !== pressed) tile.setAttribute("aria-pressed", pressed);
      const disabled = n === 0 && !chosen.has(code);
      if (tile.hasAttribute("aria-disabled") !== disabled) {
        if (disabled) tile.setAttribute("aria-disabled", "true");
        else tile.removeAttribute("aria-disabled");
      }
    }
    if (!tiles.includes(document.activeElement)) {
      rove(tiles, [tiles.find((tile) => tile.getAttribute("aria-pressed") === "true"), lastTile, tiles.find((tile) => !tile.hasAttribute("aria-disabled"))]);
    }
  }

  const inRange = (state, year) => (state.yearFrom != null || state.yearTo != null) && (state.yearFrom == null || year >= state.yearFrom) && (state.yearTo == null || year <= state.yearTo);

  function bar(year) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "library-bar";
    button.dataset.yearBar = String(year);
    button.setAttribute("tabindex", "-1");
    const count = document.createElement("span");
    count.className = "library-bar-count";
    count.setAttribute("aria-hidden", "true");
    const fill = document.createElement("span");
    fill.className = "library-bar-fill";
    const label = document.createElement("span");
    label.className = "library-bar-year";
    label.setAttribute("aria-hidden", "true");
    label.textContent = String(year);
    // Narrow bars print every fifth year, and no counts (their names hold both).
    if (year % 5 === 0) button.classList.add("library-bar--tick");
    button.append(count, fill, label);
    return button;
  }

  function updateBars(state, years) {
    const counts = years ? years.counts : [];
    const first = years ? years.first : 0;
    const existing = new Map(bars.map((button) => [Number(button.dataset.yearBar), button]));
    const next = counts.map((_, i) => existing.get(first + i) || bar(first + i));
    if (next.length !== bars.length || next.some((button, i) => button !== bars[i])) {
      chart.replaceChildren(...next);
      bars = next;
      roomy();
      if (lastBar && !bars.includes(lastBar)) lastBar = null;
    }
    let highest = 0;
    for (const n of counts) if (n > highest) highest = n;
    bars.forEach((button, i) => {
      const n = counts[i];
      if (button.dataset.count !== String(n)) {
        button.dataset.count = String(n);
        button.setAttribute("aria-label", t("year_bar", { year: first + i, n }));
        button.querySelector(".library-bar-count").textContent = n ? String(n) : "";
      }
      const height = `${highest ? ((BAR_REM * n) / highest).toFixed(2) : 0}rem`;
      const fill = button.querySelector(".library-bar-fill");
      if (fill.style.height !== height) fill.style.height = height;
      const pressed = String(inRange(state, first + i));
      if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
    });
    if (!bars.includes(document.activeElement)) rove(bars, [bars.find((button) => button.getAttribute("aria-pressed") === "true"), lastBar, bars.findLast((button) => button.dataset.count !== "0")]);
    const bounded = state.yearFrom != null || state.yearTo != null;
    const none = years ? years.undated : 0;
    chart.closest("[data-year-chart]").hidden = bars.length === 0 && none === 0;
    // A Shift range starts from the last year chosen while that year is still in the range.
    if (anchor != null && !inRange(state, anchor)) anchor = null;
    undated.dataset.count = String(none);
    undated.hidden = none === 0;
    const text = none ? t(bounded ? "undated_out" : "undated", { n: none }) : "";
    if (undated.textContent !== text) undated.textContent = text;
  }

  // A click on a tile: its state's filter on or off.
  map.addEventListener("click", (event) => {
    const tile = event.target.closest("[data-state-tile]");
    if (!tile || tile.hasAttribute("aria-disabled")) return;
    lastTile = tile;
    go(withFilter(current(), field, tile.dataset.stateTile, tile.getAttribute("aria-pressed") !== "true"));
  });
  map.addEventListener("keydown", (event) => {
    const tile = event.target.closest("[data-state-tile]");
    if (!tile) return;
    const row = Number(tile.dataset.row);
    const col = Number(tile.dataset.col);
    const at = tiles.indexOf(tile);
    // Up and Down: the nearest tile in the nearest row above or below that has one.
    const vertical = (step) => {
      const rows = [...new Set(tiles.map((other) => Number(other.dataset.row)))].sort((a, b) => step * (a - b)).filter((r) => step * (r - row) > 0);
      for (const r of rows) {
        const near = tiles.filter((other) => Number(other.dataset.row) === r).sort((a, b) => Math.abs(a.dataset.col - col) - Math.abs(b.dataset.col - col));
        if (near.length) return near[0];
      }
      return null;
    };
    const to = { ArrowLeft: tiles[at - 1], ArrowRight: tiles[at + 1], ArrowUp: vertical(-1), ArrowDown: vertical(1), Home: tiles[0], End: tiles.at(-1) }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    lastTile = to || tile;
    moveFocus(tile, to);
  });

  function chooseYears(year, range) {
    const state = current();
    let from = year;
    let to = year;
    if (range) {
      const start = anchor ?? state.yearFrom ?? state.yearTo ?? year;
      from = Math.min(start, year);
      to = Math.max(start, year);
    } else {
      anchor = year;
      // The one year chosen, chosen again: no year bound any more.
      if (state.yearFrom === year && state.yearTo === year) from = to = null;
    }
    go({ ...current(), yearFrom: from, yearTo: to, page: 1 });
  }

  chart.addEventListener("click", (event) => {
    const button = event.target.closest("[data-year-bar]");
    if (dragged) {
      dragged = false;
      return;
    }
    if (!button) return;
    lastBar = button;
    chooseYears(Number(button.dataset.yearBar), event.shiftKey);
  });
  chart.addEventListener("keydown", (event) => {
    const button = event.target.closest("[data-year-bar]");
    if (!button) return;
    if ((event.key === "Enter" || event.key === " ") && event.shiftKey) {
      event.preventDefault();
      lastBar = button;
      chooseYears(Number(button.dataset.yearBar), true);
      return;
    }
    const at = bars.indexOf(button);
    const to = { ArrowLeft: bars[at - 1], ArrowRight: bars[at + 1], Home: bars[0], End: bars.at(-1) }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    lastBar = to || button;
    moveFocus(button, to);
  });

  // A drag across the bars chooses the years it covers; the bars it covers show it while it goes on.
  const barAt = (event) => {
    const under = document.elementFromPoint(event.clientX, event.clientY);
    return under ? under.closest("[data-year-bar]") : null;
  };
  const showDrag = () => {
    const [low, high] = drag ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : [Infinity, -Infinity];
    for (const button of bars) button.classList.toggle("library-bar--dragged", Number(button.dataset.yearBar) >= low && Number(button.dataset.yearBar) <= high);
  };
  chart.addEventListener("pointerdown", (event) => {
    const button = event.target.closest("[data-year-bar]");
    if (!button || event.button !== 0 || event.shiftKey) return;
    const year = Number(button.dataset.yearBar);
    drag = { from: year, to: year, pointer: event.pointerId };
    dragged = false;
  });
  chart.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    const button = barAt(event);
    if (!button) return;
    const year = Number(button.dataset.yearBar);
    if (year === drag.to) return;
    drag.to = year;
    if (!chart.hasPointerCapture(event.pointerId)) chart.setPointerCapture(event.pointerId);
    showDrag();
  });
  const endDrag = (event) => {
    if (!drag || event.pointerId !== drag.pointer) return;
    const { from, to } = drag;
    drag = null;
    showDrag();
    if (event.type !== "pointerup" || from === to) return;
    dragged = true; // the click that follows, on the bar or the chart, is this drag's
    setTimeout(() => {
      dragged = false;
    }, 0);
    anchor = from;
    go({ ...current(), yearFrom: Math.min(from, to), yearTo: Math.max(from, to), page: 1 });
  };
  chart.addEventListener("pointerup", endDrag);
  chart.addEventListener("pointercancel", endDrag);

  return {
    update(state, facets, years) {
      updateMap(state, facets);
      updateBars(state, years);
    },
  };
}
