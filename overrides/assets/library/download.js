// "Download these results (CSV)" on the search page.
//
// The search shows one page of results at a time, but the download holds all
// of them, in the order shown: on click it runs the same selection the search
// worker runs (facets.js, query.js) on the current URL, page by page, then
// writes each record's row from records.json in the columns and form of
// records.csv (generator/opendata.py), neutralising cells a spreadsheet would
// run as formulas. Nothing leaves the browser.

import { prepare, select } from "./facets.js";
import { search } from "./query.js";
import { words } from "./text.js";
import { effectiveSort, parse } from "./url-state.js";

const root = document.querySelector("[data-library-search]");
const list = root && root.querySelector("[data-search-state]");
if (root && list) start();

const FORMULA = /^[=+\-@\t\r]/;
const LIST_SEPARATOR = "; ";

export function cell(value) {
  let text = value == null ? "" : Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
  if (FORMULA.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns, rows) {
  const lines = [columns.map(cell).join(","), ...rows.map((row) => columns.map((c) => cell(row[c])).join(","))];
  return "\ufeff" + lines.map((line) => line + "\r\n").join("");
}

const absolute = (path) => new URL(path, document.baseURI).href;
const fetchJson = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
};

let loaded = null;
function load() {
  loaded ??= Promise.all([fetchJson(absolute(root.dataset.data)).then(prepare), fetchJson(new URL("../../records.json", import.meta.url).href)]);
  return loaded;
}

let engine = null;
function lunrEngine() {
  engine ??= Promise.all([import(absolute(root.dataset.lunr)), fetchJson(absolute(root.dataset.index))]).then(([module, json]) => ({
    lunr: module.default,
    index: module.default.Index.load(json),
  }));
  return engine;
}

// Every result of the current URL's search, in the order the search shows them.
async function currentIds() {
  const state = parse(location.search);
  const [db] = await load();
  let hits = null;
  if (words(state.q || "").length > 0) {
    const { lunr, index } = await lunrEngine();
    hits = search(lunr, index, state.q);
  }
  const ids = [];
  const first = select(db, hits, { ...state, sort: effectiveSort(state), page: 1 });
  for (let page = 1; page <= first.pages; page++) {
    const result = page === 1 ? first : select(db, hits, { ...state, sort: effectiveSort(state), page });
    for (const { record } of result.shown) ids.push(record.id);
  }
  return ids;
}

function save(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function start() {
  const box = document.createElement("p");
  box.className = "library-download";
  const button = Object.assign(document.createElement("button"), { type: "button", className: "md-button library-download-button", textContent: "Download these results (CSV)" });
  button.disabled = true;
  box.append(button);
  list.before(box);

  // Only results that belong to the current URL can be downloaded.
  const sync = () => {
    const ready = list.dataset.searchState === "ready";
    button.disabled = !ready || list.dataset.resultCount === "0";
  };
  new MutationObserver(sync).observe(list, { attributes: true, attributeFilter: ["data-search-state", "data-result-count"] });
  sync();

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const [ids, [, rows]] = await Promise.all([currentIds(), load()]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      const columns = rows.length ? Object.keys(rows[0]) : [];
      save(toCsv(columns, ids.map((id) => byId.get(id)).filter(Boolean)), "policy-library-results.csv");
    } catch (error) {
      console.error("library download:", error);
      box.append(" The download failed; the whole library is on the Open data page.");
    } finally {
      sync();
    }
  });
}
