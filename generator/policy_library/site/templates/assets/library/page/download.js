// "Download these results" on the search page: as CSV, and their citations as RIS and BibTeX.
//
// The search shows one page of results at a time, but a download holds all of them, in the
// order shown (results.js asks a search worker of its own for their positions). records.json
// (the open data, site/opendata.py) lists the records in the same order as the search's record
// data (newest first), so a position is a row of it: the CSV has records.csv's columns and form,
// with cells a spreadsheet would run as formulas neutralised; the citations are written from the
// same rows by cite.js, with the build's citation description. Nothing leaves the browser.
// A file's name says what the search was: policy-library-detainer-WA.csv.

import { WRITERS } from "./cite.js";
import { translator } from "./render.js";
import { absolute, actionBar, fetchJson, files, list, positionsOf, root, saveFile, whenReady } from "./results.js";
import { activeFilters, parse } from "./url-state.js";

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

// Letters and digits of any script folded to ASCII where they have an accent; the rest one hyphen.
const slug = (text) =>
  String(text)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
const MAX_NAME = 100;

// The site's name, then the search's words, filter values and years: "policy-library-detainer-WA".
export function fileStem(state, siteName) {
  const parts = [slug(siteName).toLowerCase() || "library", slug(state.q)];
  for (const filter of activeFilters(state)) if (filter.field !== "year_from" && filter.field !== "year_to") parts.push(slug(filter.value));
  if (state.yearFrom != null || state.yearTo != null) parts.push([state.yearFrom, state.yearTo].filter((y) => y != null).join("-"));
  return parts.filter(Boolean).join("-").slice(0, MAX_NAME).replace(/-+$/, "");
}

let records = null;
const loadRecords = () => (records ??= fetchJson(absolute(root.dataset.openData)));
let citation = null;
const loadCitation = () => (citation ??= fetchJson(absolute(files.dataset.citation)));

const KINDS = [
  { key: "download_csv", suffix: ".csv", type: "text/csv;charset=utf-8", write: (rows) => toCsv(rows.length ? Object.keys(rows[0]) : [], rows) },
  { key: "download_ris", format: "ris", type: "application/x-research-info-systems;charset=utf-8" },
  { key: "download_bibtex", format: "bibtex", type: "application/x-bibtex;charset=utf-8" },
];

function start() {
  const t = translator(JSON.parse(root.querySelector("[data-library-text]").textContent), document.documentElement.lang);
  const bar = actionBar();
  const box = document.createElement("p");
  box.className = "library-download";
  const failed = document.createElement("span");
  failed.setAttribute("aria-live", "polite"); // a live region of its own: the page's one status is the count
  const buttons = KINDS.map((kind) => {
    const button = Object.assign(document.createElement("button"), { type: "button", className: "md-button library-download-button", textContent: t(kind.key) });
    if (kind.format) button.dataset.downloadCitations = kind.format;
    else button.dataset.downloadCsv = "";
    button.disabled = true;
    button.addEventListener("click", () => download(kind, button));
    return button;
  });
  box.append(...buttons, failed);
  bar.prepend(box);

  let ready = false;
  let count = 0;
  const sync = () => {
    for (const button of buttons) button.disabled = !ready || count === 0;
  };
  whenReady((isReady, total) => {
    ready = isReady;
    count = total;
    sync();
  });

  async function download(kind, button) {
    button.disabled = true;
    failed.textContent = "";
    try {
      const state = parse(location.search);
      const [[positions], rows, desc] = await Promise.all([positionsOf([state]), loadRecords(), kind.format ? loadCitation() : null]);
      const chosen = positions.map((n) => rows[n]).filter(Boolean);
      const suffix = kind.suffix || desc.suffixes[kind.format];
      const text = kind.format ? WRITERS[kind.format](chosen, desc) : kind.write(chosen);
      saveFile(text, fileStem(state, files.dataset.siteName) + suffix, kind.type);
    } catch (error) {
      console.error("library download:", error);
      failed.textContent = ` ${t("download_failed")}`;
    } finally {
      sync();
    }
  }
}

if (root && list) start();
