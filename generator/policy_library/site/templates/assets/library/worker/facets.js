// Filters, disjunctive counts, sorting and pages, computed outside Lunr from
// the compact record data (policy_library/search/data.py writes it).

export const PAGE_SIZE = 20;
// "¡Conozca…" files under C, not before the digits: punctuation and spaces are ignored.
const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true, ignorePunctuation: true });

// The record data with each facet's value -> position lookup.
export function prepare(data) {
  const facets = data.facets.map((facet) => ({ ...facet, position: new Map(facet.values.map((v, i) => [v, i])) }));
  const field = Object.fromEntries(facets.map((facet, i) => [facet.field, i]));
  const rows = data.columns ? unpack(data.columns) : data.records;
  // A row's positions are data.py's ROW.
  const records = rows.map(([id, title, summary, jurisdiction, date, codes], position) => ({
    position,
    id,
    url: data.url.replace("{id}", id),
    title,
    summary,
    jurisdiction,
    date,
    codes,
    language: facets[field.language].values[codes[field.language][0]] || "en",
  }));
  // How many records of the whole library carry each value: values of no record are not offered.
  const present = facets.map((facet) => new Uint32Array(facet.values.length));
  for (const record of records) record.codes.forEach((codes, f) => codes.forEach((c) => present[f][c]++));
  // The years the histogram can show: from the library's first dated year to its last.
  let firstYear = Infinity;
  let lastYear = -Infinity;
  for (const record of records) {
    if (!record.date) continue;
    const y = year(record);
    if (y < firstYear) firstYear = y;
    if (y > lastYear) lastYear = y;
  }
  const db = { facets, field, records, present, firstYear, lastYear };
  db.flat = flatten(db);
  return db;
}

// The rows of policy_library/search/columns.py's columns (text comes from fragments.js).
function unpack({ count, dates, codes }) {
  const rows = new Array(count);
  let date = 0;
  for (let i = 0; i < count; i++) {
    date -= dates[i];
    const values = codes.map((column) => {
      if (column.one) return column.one[i] ? [column.one[i] - 1] : [];
      if (column.mask) {
        const out = [];
        for (let bits = column.mask[i], v = 0; bits; bits >>>= 1, v++) if (bits & 1) out.push(v);
        return out;
      }
      return column.lists[i];
    });
    rows[i] = [null, null, null, null, date, values];
  }
  return rows;
}

const year = (record) => Math.floor(record.date / 10000);

function sorter(sort) {
  const byTitle = (a, b) => collator.compare(a.title, b.title) || a.position - b.position;
  if (sort === "title") return byTitle;
  if (sort === "oldest") {
    // Undated records go last whichever way dates are sorted.
    return (a, b) => (!a.date - !b.date) || a.date - b.date || byTitle(a, b);
  }
  // Records are stored newest first (undated last), so their position is that order.
  return (a, b) => a.position - b.position;
}

// state: {filters: {field: [values]}, yearFrom, yearTo, sort, page}; hits: ranked Lunr hits or null without text.
// It runs on every keystroke over up to every record, so it walks flat typed arrays (db.flat) and allocates little.
// `size`: results per page (Infinity: every result on one page).
export function select(db, hits, state, size = PAGE_SIZE) {
  const { facets, records } = db;
  const { flat } = db;
  const wanted = facets.map((facet) => {
    const values = state.filters[facet.field] || [];
    if (!values.length) return null;
    // A value the library does not know (an old link) selects nothing, and stays visible as selected.
    const flags = new Uint8Array(facet.values.length);
    for (const v of values) if (facet.position.has(v)) flags[facet.position.get(v)] = 1;
    return flags;
  });
  const bounded = state.yearFrom != null || state.yearTo != null;
  const counts = facets.map((facet) => new Uint32Array(facet.values.length));
  // The histogram's counts: every filter applied but the years (its own), as the filters' counts are.
  const perYear = new Uint32Array(db.lastYear >= db.firstYear ? db.lastYear - db.firstYear + 1 : 0);
  let undated = 0;
  const total = hits ? hits.length : records.length;
  const kept = [];
  for (let i = 0; i < total; i++) {
    const n = hits ? (hits[i].number ?? parseInt(hits[i].ref, 36)) : i;
    const record = records[n];
    if (!record) continue;
    let outside = false;
    if (bounded) {
      outside = !record.date || (state.yearFrom != null && year(record) < state.yearFrom) || (state.yearTo != null && year(record) > state.yearTo);
    }
    let failed = -1;
    let failures = 0;
    for (let f = 0; f < facets.length; f++) {
      const flags = wanted[f];
      if (!flags) continue;
      const { start, values } = flat[f];
      let hit = false;
      for (let k = start[n]; k < start[n + 1]; k++) {
        if (flags[values[k]]) {
          hit = true;
          break;
        }
      }
      if (!hit) {
        failures++;
        failed = f;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    if (failures === 0) {
      if (record.date) perYear[year(record) - db.firstYear]++;
      else undated++;
    }
    if (outside) continue;
    // Disjunctive counts: a filter's counts apply every other filter but not its own.
    for (let f = 0; f < facets.length; f++) {
      if (failures === 0 || failed === f) {
        const { start, values } = flat[f];
        const count = counts[f];
        for (let k = start[n]; k < start[n + 1]; k++) count[values[k]]++;
      }
    }
    if (failures === 0) kept.push(i);
  }
  const sort = state.sort === "relevance" && !hits ? "newest" : state.sort;
  const candidate = (i) => (hits ? { record: records[hits[i].number ?? parseInt(hits[i].ref, 36)], hit: hits[i] } : { record: records[i], hit: null });
  const pages = Math.max(1, Math.ceil(kept.length / size));
  const page = Math.min(Math.max(1, state.page || 1), pages);
  const [from, to] = size === Infinity ? [0, kept.length] : [(page - 1) * size, page * size];
  let shown;
  if (sort === "relevance") shown = kept.slice(from, to).map(candidate);
  else {
    const compare = sorter(sort);
    shown = kept
      .map(candidate)
      .sort((a, b) => compare(a.record, b.record))
      .slice(from, to);
  }
  return {
    total: kept.length,
    page,
    pages,
    sort,
    shown,
    facets: facets.map((facet, f) => options(db, facet, f, counts[f], state.filters[facet.field] || [])),
    years: yearSpan(db, perYear, undated),
  };
}

// The histogram's bars: one count per year from the first year with a result to the last, and the undated apart.
function yearSpan(db, perYear, undated) {
  let from = 0;
  let to = perYear.length;
  while (from < to && !perYear[from]) from++;
  while (to > from && !perYear[to - 1]) to--;
  return { first: db.firstYear + from, counts: Array.from(perYear.subarray(from, to)), undated };
}

// Each facet's codes of every record in one typed array, record n's at values[start[n]..start[n + 1]).
function flatten(db) {
  return db.facets.map((_, f) => {
    const start = new Uint32Array(db.records.length + 1);
    db.records.forEach((record, n) => {
      start[n + 1] = start[n] + record.codes[f].length;
    });
    // Codes are positions in the field's values: 16 bits while they fit, else 32 (a library may name 70,000 organizations).
    const Codes = db.facets[f].values.length > 0x10000 ? Uint32Array : Uint16Array;
    const values = new Codes(start[db.records.length]);
    db.records.forEach((record, n) => values.set(record.codes[f], start[n]));
    return { start, values };
  });
}

function options(db, facet, f, counts, selected) {
  const chosen = new Set(selected);
  const out = [];
  facet.values.forEach((value, i) => {
    if (db.present[f][i] || chosen.has(value)) out.push({ value, label: facet.labels[i], count: counts[i], selected: chosen.has(value) });
  });
  // Selected values the library does not know, once each (a Set: a crafted link may carry thousands).
  for (const value of chosen) if (!facet.position.has(value)) out.push({ value, label: value, count: 0, selected: true });
  return { field: facet.field, label: facet.label, options: out };
}
