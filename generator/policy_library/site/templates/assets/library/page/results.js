// Every result of a search, for what the page does with a whole search beyond its
// first page (downloads, saved searches). A search worker of its own is started with
// the files the page gives its own worker, asked for the positions of every result in
// the order the search shows them, and stopped: the results are the search's own.
// A position is a row of records.json and of the build's id hashes (same order).

import { effectiveSort } from "./url-state.js";

export const root = document.querySelector("[data-library-search]");
export const list = root && root.querySelector("[data-search-state]");
// The files fetched only when asked for (home.html's data-library-files).
export const files = document.querySelector("[data-library-files]");

export const absolute = (path) => new URL(path, document.baseURI).href;

// A path relative to the site's root (as the build names feeds), as an address.
export const fromSiteRoot = (path) => new URL(path, new URL(files.dataset.siteRoot, document.baseURI)).href;

export async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// A search worker, told about every file the page names in its data- attributes and given the
// index's manifest the page carries (the worker parses it, off this thread); `more` joins the message.
export function startWorker(more = {}) {
  const named = {};
  for (const [name, value] of Object.entries(root.dataset)) if (value) named[name] = absolute(value);
  const worker = new Worker(named.worker, { type: "module" });
  worker.postMessage({ type: "init", ...named, manifestText: root.querySelector("script[data-library-index]").textContent, ...more });
  return worker;
}

function ask(worker, seq, state) {
  return new Promise((resolve, reject) => {
    const listen = (event) => {
      if (event.data.seq !== seq) return;
      worker.removeEventListener("message", listen);
      if (event.data.type === "error") reject(new Error(event.data.message));
      else resolve(event.data.positions);
    };
    worker.addEventListener("message", listen);
    worker.addEventListener("error", (event) => reject(new Error(event.message || "the search worker failed")), { once: true });
    worker.postMessage({ type: "positions", seq, state: { ...state, sort: effectiveSort(state) } });
  });
}

// The positions of every result of each state, one worker for all of them.
export async function positionsOf(states) {
  const worker = startWorker();
  try {
    const out = [];
    for (const [i, state] of states.entries()) out.push(await ask(worker, i + 1, state));
    return out;
  } finally {
    worker.terminate();
  }
}

// The bar above the count where the page offers what to do with the current results.
export function actionBar() {
  let bar = root.querySelector("[data-result-actions]");
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "library-result-actions";
    bar.dataset.resultActions = "";
    root.querySelector(".library-status").before(bar);
  }
  return bar;
}

// Only results that belong to the current URL can be downloaded or saved.
export function whenReady(sync) {
  const run = () => sync(list.dataset.searchState === "ready", Number(list.dataset.resultCount || "0"));
  new MutationObserver(run).observe(list, { attributes: true, attributeFilter: ["data-search-state", "data-result-count"] });
  run();
}

export function saveFile(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
