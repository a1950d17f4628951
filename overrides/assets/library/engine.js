// The search engine, in a module worker so that loading and querying the
// index never blocks typing. The page posts {type: "init"} once, then
// {type: "search", seq, state} on every change; only the newest search is
// answered, as soon as the files it needs have arrived.

import { humanDate, labels, prepare, select } from "./facets.js";
import { Fragments } from "./fragments.js";
import { searchSharded, ShardedIndex } from "./shards.js";
import { spans, stem, words } from "./text.js";

let dataReady = null;
let indexReady = null;
let latest = 0;
let prefetching = null;
const PREFETCH_DELAY_MS = 500;

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// The index is split by term (shards.js): the term list loads at once, and each
// search fetches only the shards of its own terms, not the whole index.
function init({ data, lunr, manifest }) {
  dataReady = fetchJson(data).then((json) => {
    const db = prepare(json);
    db.fragments = new Fragments(db, json, data, fetchJson);
    return db;
  });
  indexReady = Promise.all([import(lunr), fetchJson(manifest)]).then(([module, json]) => {
    const lib = module.default;
    return { lunr: lib, sharded: new ShardedIndex(lib, json, (name) => fetchJson(new URL(name, manifest).href)) };
  });
  // Unhandled until a search needs them; the search reports the error.
  dataReady.catch(() => {});
  indexReady.catch(() => {});
}

// Offsets of the words of `text` whose stem is one of the terms the record matched.
function marks(engine, text, terms, language) {
  if (!terms.size) return [];
  const out = [];
  for (const [start, end] of spans(text)) {
    const hit = words(text.slice(start, end)).some((w) => terms.has(stem(engine.lunr, w, language)));
    if (hit) out.push([start, end]);
  }
  return out;
}

async function answer({ seq, state }) {
  const db = await dataReady;
  const text = words(state.q || "").length > 0;
  const engine = text ? await indexReady : null;
  if (seq !== latest) return;
  const hits = engine ? await searchSharded(engine.sharded, state.q) : null;
  if (seq !== latest) return;
  if (state.sort === "title" || state.sort === "oldest") await db.fragments.allTitles();
  const result = select(db, hits, state);
  await db.fragments.fill(result.shown.map(({ record }) => record));
  if (seq !== latest) return;
  const items = result.shown.map(({ record, hit }) => {
    const terms = new Set(hit ? hit.terms : []);
    return {
      id: record.id,
      url: record.url,
      title: record.title,
      summary: record.summary,
      meta: [...labels(db, record, "document_type"), record.jurisdiction, humanDate(record.date), record.language === "en" ? "" : labels(db, record, "language")[0]].filter(Boolean),
      marks: engine ? { title: marks(engine, record.title, terms, record.language), summary: marks(engine, record.summary, terms, record.language) } : { title: [], summary: [] },
    };
  });
  self.postMessage({ type: "results", seq, total: result.total, page: result.page, pages: result.pages, sort: result.sort, facets: result.facets, items });
  // Once the first result is on screen, the rest of the term list comes in the background, so that typing does not wait for it.
  if (engine && !prefetching) prefetching = setTimeout(() => engine.sharded.prefetchLists().catch(() => {}), PREFETCH_DELAY_MS);
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") init(message);
  if (message.type === "search") {
    latest = message.seq;
    answer(message).catch((error) => self.postMessage({ type: "error", seq: message.seq, message: String(error && error.message ? error.message : error) }));
  }
});
