// The search engine, run by the worker (worker.js), which hands it the page's
// {type: "search", seq, state} messages. Only the newest search is answered, as
// soon as the files it needs have arrived.
//
// A text search with no filter, in the relevance order, needs only the index
// and the fragments of the results on screen: it is answered with
// `facets: null` first (its first few results, then the whole page), and the
// filters' counts follow in a {type: "facets"} answer once every record's
// codes (records.json, which grows with the library) are in. Any other search
// waits for the codes and is answered once.

import { PAGE_SIZE, prepare, select } from "./facets.js";
import { Fragments, loadTitles } from "./fragments.js";
import { ShardedIndex } from "./shards.js";
import { spans, stem, words } from "./text.js";

const PREFETCH_DELAY_MS = 500;
const FIRST_FEW = 5;
// A search that stays on screen this long has its next page's text fetched, so that "Next" shows at once;
// a keystroke within it fetches nothing for a page nobody will see.
const NEXT_PAGE_DELAY_MS = 1000;
// The rest of a page waits for the page to say it has drawn the first few; no longer than this, should it never say.
const DRAWN_WAIT_MS = 1000;

// Offsets of the words of `text` whose stem is one of the terms the record matched.
function marks(lunr, text, terms, language) {
  if (!terms.size) return [];
  const out = [];
  for (const [start, end] of spans(text)) {
    const hit = words(text.slice(start, end)).some((w) => terms.has(stem(lunr, w, language)));
    if (hit) out.push([start, end]);
  }
  return out;
}

const EXCERPT_WORDS = 30; // about two lines
const EXCERPT_BEFORE = 8; // words shown before the first matched one

// The passage of `text` around its matched words: the run of EXCERPT_WORDS words holding the
// most of the distinct matched terms (the first such run), with its marks; null when none is held.
function excerpt(lunr, text, terms, language) {
  const found = [...spans(text)].map(([start, end]) => ({ start, end, term: words(text.slice(start, end)).map((w) => stem(lunr, w, language)).find((t) => terms.has(t)) }));
  const hits = found.map((span, i) => (span.term ? i : -1)).filter((i) => i >= 0);
  if (!hits.length) return null;
  let best = null;
  for (const first of hits) {
    const inside = new Set(hits.filter((i) => i >= first && i < first + EXCERPT_WORDS - EXCERPT_BEFORE).map((i) => found[i].term));
    if (!best || inside.size > best.size) best = { first, size: inside.size };
  }
  const from = Math.max(0, best.first - EXCERPT_BEFORE);
  const to = Math.min(found.length, from + EXCERPT_WORDS);
  const start = found[from].start;
  const end = found[to - 1].end;
  const marked = found.slice(from, to).filter((span) => span.term).map((span) => [span.start - start, span.end - start]);
  return { text: text.slice(start, end), marks: marked, before: from > 0, after: to < found.length, terms: new Set(found.slice(from, to).map((span) => span.term).filter(Boolean)) };
}

// A result's excerpt from its body or its attached document, when it shows a matched word its
// title and summary do not; and the glossary members it was found through.
function excerptOf(lunr, hit, fragment, passage, terms) {
  const notes = (hit.glossary || []).map(([member, own]) => `${own} = ${member}`);
  if (!passage) return { excerpt: null, notes };
  const shown = new Set([fragment.title, fragment.summary].flatMap((text) => words(text).map((w) => stem(lunr, w, fragment.language))));
  for (const field of ["body", "attachment"]) {
    if (!passage[field]) continue;
    const cut = excerpt(lunr, passage[field], terms, fragment.language);
    if (!cut || [...cut.terms].every((t) => shown.has(t))) continue;
    // The page names the source in its own language: "attachment" and the document's kind ("pdf", "text").
    const source = field === "attachment" ? passage.kind || "text" : null;
    return { excerpt: { text: cut.text, marks: cut.marks, before: cut.before, after: cut.after, source }, notes };
  }
  return { excerpt: null, notes };
}

// What the page draws for each shown record: its fragment, with the words the search matched
// marked, and (once `passages` are in) the excerpt that shows why it matched.
function items(lunr, shown, fragments, passages = null) {
  return fragments.map((fragment, i) => {
    const hit = shown[i];
    const terms = new Set(hit ? hit.terms : []);
    const mark = (text) => (hit ? marks(lunr, text, terms, fragment.language) : []);
    const why = hit && passages ? excerptOf(lunr, hit, fragment, passages[i], terms) : { excerpt: null, notes: [] };
    return { id: fragment.id, url: fragment.url, title: fragment.title, summary: fragment.summary, meta: fragment.meta, language: fragment.language, marks: { title: mark(fragment.title), summary: mark(fragment.summary) }, ...why };
  });
}

// What the page says about the text beyond its results: whether they match every word.
// `suggestion`: the query with each word that matched nothing replaced by the library's nearest word.
function textNotes(found, q) {
  let suggestion = null;
  found.unknown.forEach((word, i) => {
    const better = found.suggestions[i];
    if (!better) return;
    const base = suggestion ?? q;
    const at = words(base).indexOf(word);
    if (at < 0) return;
    // Replace the at-th word of the visitor's own text, keeping everything around it.
    let k = -1;
    suggestion = base.replace(/[\p{L}\p{N}\p{M}]+/gu, (match) => (words(match).length && ++k === at ? better : match));
  });
  return { required: found.required, matched: found.matched, complete: found.complete, suggestion };
}

// Does this search need every record's codes before it can show its results?
function needsCodes(state) {
  const filtered = Object.values(state.filters || {}).some((values) => values.length > 0);
  return filtered || state.yearFrom != null || state.yearTo != null || state.sort !== "relevance";
}

// `files`: the URLs the page named; `early`: what worker.js started (manifest, lunr, codes(), fetchJson); `post`: answers go here.
export function start(files, early, post) {
  const fetchJson = early.fetchJson;
  const fragments = new Fragments(files.text, fetchJson);
  let latest = 0;
  let prefetching = null;
  let codes = null;
  let loaded = null; // the prepared codes, once they have arrived
  const drawing = new Map(); // seq -> resolves once the page has drawn that search's first few results
  const drawn = (seq) =>
    new Promise((resolve) => {
      drawing.set(seq, resolve);
      setTimeout(resolve, DRAWN_WAIT_MS);
    }).then(() => drawing.delete(seq));
  const records = () => {
    if (!codes) {
      codes = early.codes().then((json) => {
        const db = prepare(json);
        db.titlesUrl = new URL(json.fragments.titles, files.data).href;
        loaded = db;
        return db;
      });
      codes.catch(() => {
        codes = null; // a failed fetch may be retried by the next search
      });
    }
    return codes;
  };
  // The index is split by term (shards.js): the term list loads at once, and each
  // search fetches only the shards of its own terms, not the whole index.
  // Once lunr and the manifest have arrived, the index is `opened`: lunr and the ShardedIndex.
  const index = Promise.all([early.lunr, early.manifest]).then(([module, manifest]) => {
    const lunr = module.default;
    return { lunr, sharded: new ShardedIndex(lunr, manifest, (name) => fetchJson(new URL(name, files.manifest).href)) };
  });
  index.catch(() => {}); // reported by the search that needs it

  // Once a first result is on screen, the rest of the term list comes in the background, so that typing does not wait for it.
  function prefetch(opened) {
    if (!prefetching) prefetching = setTimeout(() => opened.sharded.prefetchLists().catch(() => {}), PREFETCH_DELAY_MS);
  }

  // The text of the page after the one shown (fragments and passages), once the search has stayed the current one a while.
  function prefetchNextPage(seq, refs) {
    if (!refs.length) return;
    setTimeout(() => {
      if (seq !== latest || fragments.hasPassages(refs)) return;
      fragments.get(refs).catch(() => {});
      fragments.passages(refs).catch(() => {});
    }, NEXT_PAGE_DELAY_MS);
  }

  async function firstResults(seq, state, opened, found) {
    const hits = found.hits;
    const pages = Math.max(1, Math.ceil(hits.length / PAGE_SIZE));
    const page = Math.min(Math.max(1, state.page || 1), pages);
    const shown = hits.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const refs = shown.map((hit) => hit.ref);
    const answer = { type: "results", seq, total: hits.length, page, pages, sort: "relevance", facets: null, text: textNotes(found, state.q) };
    // While the page loads, the best few first, alone: the top results are what a visitor reads
    // first, and nothing else competes with them for the connection (a phone fetches about six
    // files at a time). The rest of the page is asked for once they are on screen. Once every
    // record's codes are in (the visitor is typing), the whole page's text is asked for at once
    // and drawn once: waiting for the first few to be drawn would hold up every keystroke's results.
    const waiting = !fragments.has(refs) || !fragments.hasPassages(refs);
    if (waiting && shown.length > FIRST_FEW && !loaded) {
      const top = await fragments.get(refs.slice(0, FIRST_FEW));
      if (seq !== latest) return;
      // `partial`: more of this page follows (download.js waits for the whole page).
      post({ ...answer, partial: true, items: items(opened.lunr, shown, top) });
      // Nothing else is asked for until they are on screen: on a slow phone the connection
      // and the processor are the first few's alone until then.
      await drawn(seq);
      if (seq !== latest) return;
    }
    const all = fragments.get(refs);
    // The excerpts' text and every record's codes only now: they do not hold up the first few.
    const passages = fragments.passages(refs);
    if (!loaded) records().catch(() => {}); // reported by the answer below that needs them
    // With the codes in (every keystroke after the first search), the counts are made while the text is on its way.
    const counting = loaded ? select(loaded, hits, state) : null;
    const [texts, cuts] = await Promise.all([all, passages]);
    if (seq !== latest) return;
    prefetch(opened);
    prefetchNextPage(seq, hits.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((hit) => hit.ref));
    const full = items(opened.lunr, shown, texts, cuts);
    // Once the codes are in, one answer carries both.
    const counted = counting ?? (loaded ? select(loaded, hits, state) : null);
    if (counted) {
      post({ ...answer, items: full, facets: counted.facets, years: counted.years });
      return;
    }
    post({ ...answer, items: full });
    const db = await records();
    if (seq !== latest) return;
    const { facets, total, years } = select(db, hits, state);
    post({ type: "facets", seq, facets, total, years });
  }

  // What a search selects (a page of `size` results, or all of them, and the filter counts) once the
  // codes, the index and, for sorting by title or date, the titles are in; null once `current()` fails.
  async function selection(state, size, current = () => true) {
    const db = await records();
    const opened = words(state.q || "").length > 0 ? await index : null;
    if (!current()) return null;
    const found = opened ? await opened.sharded.search(state.q) : null;
    if (!current()) return null;
    if (state.sort === "title" || state.sort === "oldest") await loadTitles(db, db.titlesUrl, fetchJson);
    let hits = found ? found.hits : null;
    if (found && !hits && found.excluded.some(Boolean)) hits = db.records.map((record, n) => ({ number: n, ref: n.toString(36) })).filter(({ number }) => !found.excluded[number]);
    return { opened, found, result: select(db, hits, state, size) };
  }

  async function answer({ seq, state }) {
    const current = () => seq === latest;
    if (words(state.q || "").length > 0 && !needsCodes(state)) {
      const opened = await index;
      const found = await opened.sharded.search(state.q);
      if (!current()) return;
      if (found.hits) return firstResults(seq, state, opened, found);
    }
    const found = await selection(state, PAGE_SIZE, current);
    if (!found) return;
    const { opened, result } = found;
    const shown = result.shown.map(({ hit }) => hit);
    const refs = result.shown.map(({ record, hit }) => (hit ? hit.ref : record.position.toString(36)));
    const [texts, cuts] = await Promise.all([fragments.get(refs), opened ? fragments.passages(refs) : null]);
    if (!current()) return;
    const text = found.found ? textNotes(found.found, state.q) : null;
    post({ type: "results", seq, total: result.total, page: result.page, pages: result.pages, sort: result.sort, facets: result.facets, years: result.years, text, items: items(opened && opened.lunr, shown, texts, cuts) });
    if (opened) prefetch(opened);
  }

  // Every result of a search, in the order the search shows them, as positions in
  // the record data (download.js): no text, so no fragments to fetch.
  async function positions({ seq, state }) {
    const { result } = await selection(state, Infinity);
    post({ type: "positions", seq, positions: result.shown.map(({ record }) => record.position) });
  }

  function receive(message) {
    const fail = (error) => post({ type: "error", seq: message.seq, message: String(error && error.message ? error.message : error) });
    if (message.type === "drawn") return drawing.get(message.seq)?.();
    if (message.type === "positions") positions(message).catch(fail);
    if (message.type !== "search") return;
    latest = message.seq;
    answer(message).catch(fail);
  }

  return { receive };
}
