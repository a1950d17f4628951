// "Download these results (CSV)" on the search page.
//
// The search shows one page of results at a time, but the download holds all
// of them, in the order shown. On click it starts its own copy of the search
// worker, with the same files the page gives its worker, and asks it for the
// positions of every result of the current URL's search: the results are the
// search's own, whatever the engine does inside. records.json (the open data,
// generator/opendata.py) lists the records in the same order as the search's
// record data (newest first), so a position is a row of it, in the columns and
// form of records.csv, with cells a spreadsheet would run as formulas
// neutralised. Nothing leaves the browser.

import { effectiveSort, parse } from "./url-state.js";

const root = document.querySelector("[data-library-search]");
const list = root && root.querySelector("[data-search-state]");

// As records.csv (opendata.neutralise): the first character as a spreadsheet folds it
// (NFKC: full-width = is =), and an apostrophe of the cell's own also gets one more.
const NEUTRALISED = /^[=+\-@\t\r']/;
const LIST_SEPARATOR = "; ";

export function cell(value) {
  let text = value == null ? "" : Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
  if (text && NEUTRALISED.test(String.fromCodePoint(text.codePointAt(0)).normalize("NFKC"))) text = "'" + text;
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

let records = null;
const loadRecords = () => (records ??= fetchJson(absolute(root.dataset.openData)));

// The worker is told about every file the page names in its data- attributes, as search.js tells its own.
function startWorker() {
  const files = {};
  for (const [name, value] of Object.entries(root.dataset)) if (value) files[name] = absolute(value);
  const worker = new Worker(files.worker, { type: "module" });
  worker.postMessage({ type: "init", ...files });
  return worker;
}

function ask(worker, seq, state) {
  return new Promise((resolve, reject) => {
    const listen = (event) => {
      if (event.data.seq !== seq) return;
      worker.removeEventListener("message", listen);
      if (event.data.type === "error") reject(new Error(event.data.message));
      else resolve(event.data);
    };
    worker.addEventListener("message", listen);
    worker.addEventListener("error", (event) => reject(new Error(event.message || "the search worker failed")), { once: true });
    worker.postMessage({ type: "positions", seq, state });
  });
}

// Every result of the current URL's search, in the order the search shows them, as rows of records.json.
async function currentPositions() {
  const state = parse(location.search);
  const worker = startWorker();
  try {
    return (await ask(worker, 1, { ...state, sort: effectiveSort(state) })).positions;
  } finally {
    worker.terminate();
  }
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
      const [positions, rows] = await Promise.all([currentPositions(), loadRecords()]);
      const columns = rows.length ? Object.keys(rows[0]) : [];
      save(toCsv(columns, positions.map((n) => rows[n]).filter(Boolean)), "policy-library-results.csv");
    } catch (error) {
      console.error("library download:", error);
      box.append(" The download failed; the whole library is on the Open data page.");
    } finally {
      sync();
    }
  });
}

if (root && list) start();
