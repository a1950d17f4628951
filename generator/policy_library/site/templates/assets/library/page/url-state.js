// The search's state lives in the URL query string, so every search can be
// bookmarked, shared and reloaded, and Back and Forward work. The filter fields
// (the URL parameters besides q, years, sort and page) are the build's: the page
// names them in data-filter-fields, from the library's field registry, and the
// state carries them, so that every state written back keeps their order.

export const SORTS = ["relevance", "newest", "oldest", "title"];

// At most this many values of one filter are read from a URL, the first ones: more than a visitor
// ticks, few enough that a crafted link of tens of thousands is answered at once.
export const MAX_VALUES = 200;

function year(value) {
  if (value == null || !/^\s*\d{1,4}\s*$/.test(value)) return null;
  return Number(value);
}

export function defaultSort(state) {
  return state.q && state.q.trim() ? "relevance" : "newest";
}

export function effectiveSort(state) {
  return state.sort || defaultSort(state);
}

// The page's filter fields, as the build wrote them.
export function filterFields(doc = document) {
  const holder = doc.querySelector("[data-filter-fields]");
  return holder ? holder.dataset.filterFields.split(" ").filter(Boolean) : [];
}

export function parse(search, fields = filterFields()) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const field of fields) {
    const values = [...new Set(params.getAll(field).filter((v) => v !== ""))].slice(0, MAX_VALUES);
    if (values.length) filters[field] = values;
  }
  const state = { q: params.get("q") || "", fields, filters, yearFrom: year(params.get("year_from")), yearTo: year(params.get("year_to")), sort: null, page: 1 };
  const sort = params.get("sort");
  // Only a chosen sort is kept: the default follows the text (relevance with text, newest without).
  state.sort = SORTS.includes(sort) ? sort : null;
  const page = Number(params.get("page"));
  state.page = Number.isInteger(page) && page > 1 ? page : 1;
  return state;
}

// The query string of a state, "?..." or "" (defaults are left out).
export function serialize(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const field of state.fields) for (const value of state.filters[field] || []) params.append(field, value);
  if (state.yearFrom != null) params.set("year_from", String(state.yearFrom));
  if (state.yearTo != null) params.set("year_to", String(state.yearTo));
  if (state.sort && state.sort !== defaultSort(state)) params.set("sort", state.sort);
  if (state.page > 1) params.set("page", String(state.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function withFilter(state, field, value, on) {
  const values = (state.filters[field] || []).filter((v) => v !== value);
  if (on) values.push(value);
  const filters = { ...state.filters, [field]: values };
  if (!values.length) delete filters[field];
  return { ...state, filters, page: 1 };
}

// Every single filter that is set, for "remove this filter" buttons.
export function activeFilters(state) {
  const out = [];
  for (const field of state.fields) for (const value of state.filters[field] || []) out.push({ field, value });
  if (state.yearFrom != null) out.push({ field: "year_from", value: String(state.yearFrom) });
  if (state.yearTo != null) out.push({ field: "year_to", value: String(state.yearTo) });
  return out;
}

export function without(state, filter) {
  if (filter.field === "year_from") return { ...state, yearFrom: null, page: 1 };
  if (filter.field === "year_to") return { ...state, yearTo: null, page: 1 };
  return withFilter(state, filter.field, filter.value, false);
}
