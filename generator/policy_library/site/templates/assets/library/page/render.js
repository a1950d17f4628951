// Drawing results, filters, pages and messages. Record text only ever enters
// the page as text nodes (textContent, createTextNode): it is never parsed as HTML.
// Every sentence comes from the page (home.html's data-library-text, from the
// page's catalogue), and so do the names of filters and values in its language:
// values themselves stay canonical (the URL's, the data's).

import { activeFilters } from "./url-state.js";

// Long filter lists show this many values until "Show all" is pressed.
export const SHORT_LIST = 10;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, "");
    else if (value !== false && value != null) node.setAttribute(name, String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

// The page's sentences: t(key, {n, ...}) fills {name} slots; a {one, other}
// entry is chosen by the number n in the page's language.
export function translator(strings, language) {
  const plural = new Intl.PluralRules(language || "en");
  return (key, vars = {}) => {
    let text = strings[key];
    if (text == null) return key;
    if (typeof text === "object") text = text[plural.select(vars.n ?? 0)] ?? text.other;
    return text.replace(/\{(\w+)\}/g, (slot, name) => (name in vars ? String(vars[name]) : slot));
  };
}

// Text with the given [start, end) ranges wrapped in <mark>.
export function marked(text, ranges) {
  const out = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) out.append(document.createTextNode(text.slice(at, start)));
    out.append(el("mark", {}, document.createTextNode(text.slice(start, end))));
    at = end;
  }
  if (at < text.length) out.append(document.createTextNode(text.slice(at)));
  return out;
}

// A value as the page's language calls it (text.labels, from the field registry), else as it is.
export function valueLabel(labels, field, value) {
  const names = labels && labels[field] && labels[field].values;
  return (names && names[value]) || value;
}

// One formatter per language and precision: making one costs far more than formatting a date with it.
const formats = new Map();
function dateFormat(language, withDay) {
  const key = `${language}|${withDay}`;
  let format = formats.get(key);
  if (!format) {
    const options = withDay ? { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" } : { year: "numeric", month: "long", timeZone: "UTC" };
    format = new Intl.DateTimeFormat(language, options);
    formats.set(key, format);
  }
  return format;
}

// A date number (YYYYMMDD, 0 for none; search/data.py) as the page's language writes it, as
// Babel writes it on the pages the build makes: "2018", "March 2018", "8 de marzo de 2018".
export function dateText(key, language) {
  if (!key) return "";
  const year = Math.floor(key / 10000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;
  if (!month) return String(year);
  return dateFormat(language, Boolean(day)).format(new Date(Date.UTC(year, month - 1, day || 1)));
}

// The line under a result's title from its fragment's parts (search/fragments.py): text as it
// is, a date number, or [field, value] pairs named in the page's language.
export function metaText(meta, text) {
  return meta.map((part) => {
    if (typeof part === "number") return dateText(part, text.language);
    if (Array.isArray(part)) return part.map(([field, value]) => valueLabel(text.labels, field, value)).join(", ");
    return part;
  });
}

// The same element as partials/result.html writes on browse and record pages. A record's own
// text is marked with its language; the line under its title speaks the page's.
function resultElement(item, text, t) {
  return el(
    "li",
    { class: "library-result", "data-record-id": item.id },
    el("a", { class: "library-result-title", href: item.url, dir: "auto", lang: item.language }, marked(item.title, item.marks.title)),
    el("p", { class: "library-meta" }, ...metaText(item.meta, text).flatMap((part, i) => (i ? [" · ", el("bdi", {}, part)] : [el("bdi", {}, part)]))),
    el("p", { class: "library-summary-text", dir: "auto", lang: item.language }, marked(item.summary, item.marks.summary)),
    ...whyItMatched(item, t),
  );
}

// Each list's drawn rows, by what they show: a row drawn the same is kept, not redrawn.
const drawnRows = new WeakMap();

// Results are drawn in place: a keystroke that shows the same records the same way changes
// nothing on screen, and one that changes a few rows costs the layout of those rows only.
export function renderResults(list, items, text, t) {
  const before = drawnRows.get(list) || new Map();
  const after = new Map();
  const rows = items.map((item) => {
    const key = JSON.stringify(item);
    const node = before.get(key) || resultElement(item, text, t);
    before.delete(key);
    after.set(key, node);
    return node;
  });
  drawnRows.set(list, after);
  rows.forEach((node, i) => {
    if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
  });
  while (list.children.length > rows.length) list.lastElementChild.remove();
}

// The passage that shows why a result matched (its source named when it is the attached
// document), and the glossary members it was found through.
function whyItMatched(item, t) {
  const out = [];
  const { excerpt } = item;
  if (excerpt) {
    const text = el("p", { class: "library-excerpt", dir: "auto", "data-excerpt": excerpt.source ? "attachment" : "body" });
    if (excerpt.source) text.append(el("span", { class: "library-excerpt-source" }, t("attachment", { kind: t(`kind_${excerpt.source}`) })), " ");
    const passage = el("span", { lang: item.language }, excerpt.before ? "…" : "", marked(excerpt.text, excerpt.marks), excerpt.after ? "…" : "");
    text.append(passage);
    out.push(text);
  }
  for (const note of item.notes || []) out.push(el("p", { class: "library-match-note", "data-glossary": true }, note));
  return out;
}

// What the text search says beyond its count: that no record matched every word, and the
// library's nearest word for one it does not hold.
const drawnNotes = new WeakMap();

export function renderTextNotes(box, text, hrefOf, t) {
  const partial = text && !text.complete && text.matched > 0 ? t("partial", { n: text.required, required: text.required, matched: text.matched }) : null;
  const suggestion = text && text.suggestion ? [text.suggestion, hrefOf(text.suggestion)] : null;
  // Most keystrokes say nothing here, or the same as the last one: then nothing is redrawn.
  const key = JSON.stringify([partial, suggestion]);
  if (drawnNotes.get(box) === key) return;
  drawnNotes.set(box, key);
  const notes = [];
  if (partial) notes.push(el("p", { "data-partial-match": true }, partial));
  if (suggestion) {
    const [before, after] = t("suggest").split("{suggestion}");
    notes.push(el("p", { "data-suggestion": true }, before, el("a", { href: suggestion[1] }, suggestion[0]), after ?? ""));
  }
  box.replaceChildren(...notes);
  box.hidden = notes.length === 0;
}

function optionElement(field, option) {
  const input = el("input", { type: "checkbox", name: field, value: option.value });
  return el("label", { class: "library-option", "data-value": option.value }, input, el("span", { class: "library-option-label", dir: "auto" }), " ", el("span", { class: "library-count" }));
}

// Accents and case ignored, as the search itself does.
const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

// A long list: its box to narrow it, and its "Show all" button.
function longListControls(fieldset, facet, t) {
  const within = el("input", {
    type: "search",
    class: "library-within",
    "data-filter-within": facet.field,
    "aria-label": t("filter_within", { field: facet.label }),
    placeholder: t("filter_within", { field: facet.label }),
    autocomplete: "off",
    spellcheck: "false",
  });
  const more = el("button", { type: "button", class: "library-more", "data-show-all": facet.field, "aria-expanded": "false" });
  const none = el("p", { class: "library-muted library-no-options", hidden: true });
  fieldset.querySelector("legend").after(within);
  fieldset.append(none, more);
}

// Which options of a long list are visible: those that contain the text typed in
// its box; without text, the SHORT_LIST with the most results and the chosen ones,
// unless the list is expanded; and always the one that has the keyboard focus.
export function narrow(fieldset, facet, t) {
  const within = fieldset.querySelector("[data-filter-within]");
  const more = fieldset.querySelector("[data-show-all]");
  const none = fieldset.querySelector(".library-no-options");
  const nodes = [...fieldset.querySelectorAll(".library-option")];
  const text = fold(within.value.trim());
  const expanded = more.getAttribute("aria-expanded") === "true";
  let keep;
  if (text) keep = (node) => fold(node.querySelector(".library-option-label").textContent).includes(text);
  else if (expanded) keep = () => true;
  else {
    const top = new Set(
      facet.options
        .map((option, i) => ({ option, i }))
        .sort((a, b) => b.option.count - a.option.count || a.i - b.i)
        .slice(0, SHORT_LIST)
        .map(({ option }) => option.value),
    );
    keep = (node) => top.has(node.dataset.value);
  }
  let shown = 0;
  for (const node of nodes) {
    const visible = keep(node) || (!text && node.querySelector("input").checked) || node.contains(document.activeElement);
    if (node.hidden === visible) node.hidden = !visible;
    if (visible) shown++;
  }
  // Only what changed is written: a keystroke in the search box then costs no layout here.
  const label = expanded ? t("show_fewer") : t("show_all", { n: nodes.length });
  if (more.hidden !== Boolean(text)) more.hidden = Boolean(text);
  if (more.textContent !== label) more.textContent = label;
  const nothing = Boolean(text) && shown === 0;
  if (none.hidden !== !nothing) none.hidden = !nothing;
  const said = nothing ? t("no_options", { field: facet.label, text: within.value.trim() }) : "";
  if (nothing && none.textContent !== said) none.textContent = said;
}

// Filters are updated in place, so that the control a keyboard user is on keeps its focus.
export function renderFacets(form, facets, t) {
  for (const facet of facets) {
    let fieldset = form.querySelector(`fieldset[data-field="${facet.field}"]`);
    if (!fieldset) {
      fieldset = el("fieldset", { class: "library-facet", "data-field": facet.field }, el("legend", {}, facet.label), el("div", { class: "library-options" }));
      form.insertBefore(fieldset, form.querySelector(".library-years"));
    }
    const box = fieldset.querySelector(".library-options");
    const existing = new Map([...box.children].map((node) => [node.dataset.value, node]));
    facet.options.forEach((option, i) => {
      const node = existing.get(option.value) || optionElement(facet.field, option);
      existing.delete(option.value);
      const input = node.querySelector("input");
      if (input.checked !== option.selected) input.checked = option.selected;
      // Only what changed is written: a keystroke then costs no layout of unchanged filters.
      if (input.dataset.count !== String(option.count)) {
        input.dataset.count = String(option.count);
        node.querySelector(".library-count").textContent = `(${option.count})`;
        node.classList.toggle("library-option--none", option.count === 0);
      }
      const label = node.querySelector(".library-option-label");
      if (label.textContent !== option.label) label.textContent = option.label;
      if (box.children[i] !== node) box.insertBefore(node, box.children[i] || null);
    });
    for (const node of existing.values()) if (!node.contains(document.activeElement)) node.remove();
    if (fieldset.hidden !== (facet.options.length === 0)) fieldset.hidden = facet.options.length === 0;
    const long = facet.options.length > SHORT_LIST;
    if (long && !fieldset.querySelector("[data-filter-within]")) longListControls(fieldset, facet, t);
    fieldset.classList.toggle("library-facet--long", long);
    if (long) narrow(fieldset, facet, t);
    else for (const node of box.children) if (node.hidden) node.hidden = false;
  }
}

const drawnPagers = new WeakMap();

export function renderPager(nav, page, pages, hrefOf, t) {
  if (nav.hidden !== pages <= 1) nav.hidden = pages <= 1;
  const links = [];
  if (pages > 1) {
    if (page > 1) links.push([page - 1, t("previous"), t("previous_page", { n: page - 1 })]);
    const first = Math.max(1, Math.min(page - 2, pages - 4));
    for (let n = first; n <= Math.min(pages, first + 4); n++) links.push([n, String(n), t("page", { n })]);
    if (page < pages) links.push([page + 1, t("next"), t("next_page", { n: page + 1 })]);
  }
  // The same pages as before (a keystroke mostly keeps them): only their addresses change.
  const key = JSON.stringify([page, links]);
  if (drawnPagers.get(nav) === key) {
    nav.querySelectorAll("a[data-page]").forEach((a, i) => {
      const href = hrefOf(links[i][0]);
      if (a.getAttribute("href") !== href) a.setAttribute("href", href);
    });
    return;
  }
  drawnPagers.set(nav, key);
  nav.replaceChildren();
  if (!links.length) return;
  const list = el("ul");
  for (const [n, text, label] of links) {
    const attrs = { href: hrefOf(n), "data-page": n, "aria-label": label };
    if (n === page) attrs["aria-current"] = "page";
    list.append(el("li", {}, el("a", attrs, text)));
  }
  nav.append(list);
}

// "State: Washington", "from 2010": a filter as people read it.
export function filterName(facets, filter, t) {
  if (filter.field === "year_from") return t("year_from", { year: filter.value });
  if (filter.field === "year_to") return t("year_to", { year: filter.value });
  const facet = facets.find((f) => f.field === filter.field);
  const option = facet && facet.options.find((o) => o.value === filter.value);
  return t("filter_name", { field: facet ? facet.label : filter.field, value: option ? option.label : filter.value });
}

// The filters in force, each a button that takes it back.
export function renderChips(box, state, facets, t) {
  const filters = activeFilters(state);
  const list = box.querySelector("ul");
  if (!filters.length && box.hidden && !list.firstChild) return; // none before, none now
  box.hidden = filters.length === 0;
  const key = (filter) => `${filter.field}=${filter.value}`;
  const existing = new Map([...list.children].map((node) => [node.firstChild.dataset.removeFilter, node]));
  const rows = filters.map((filter) => {
    const name = filterName(facets, filter, t);
    let row = existing.get(key(filter));
    if (!row) row = el("li", {}, el("button", { type: "button", class: "library-chip", "data-remove-filter": key(filter) }, el("span"), el("span", { "aria-hidden": "true", class: "library-chip-x" }, "×")));
    const button = row.firstChild;
    button.setAttribute("aria-label", t("remove_chip", { name }));
    if (button.firstChild.textContent !== name) button.firstChild.textContent = name;
    return row;
  });
  list.replaceChildren(...rows);
}

// An empty result says so and offers to take back each filter, one by one.
export function renderEmpty(box, state, facets, total, t) {
  if (total > 0 && box.hidden && !box.firstChild) return; // results before, results now
  box.replaceChildren();
  box.hidden = total > 0;
  if (total > 0) return;
  box.append(el("p", {}, t("empty")));
  const actions = el("ul", { class: "library-undo" });
  for (const filter of activeFilters(state)) {
    actions.append(el("li", {}, el("button", { type: "button", class: "md-button", "data-remove-field": filter.field, "data-remove-value": filter.value }, t("remove_filter", { name: filterName(facets, filter, t) }))));
  }
  if (state.q) actions.append(el("li", {}, el("button", { type: "button", class: "md-button", "data-clear-text": true }, t("clear_text"))));
  if (actions.children.length) box.append(actions);
}

export function statusText(state, total, page, pages, t) {
  const records = t("records", { n: total });
  const filtered = activeFilters(state).length > 0;
  let text;
  if (!state.q.trim() && !filtered) text = t("all", { records, n: total });
  else if (total === 0) text = t("none");
  else text = t("found", { records, n: total });
  if (pages > 1) text += ` ${t("page_of", { page, pages })}`;
  return text;
}

// The tab's title names the search, so that tabs and history tell searches apart.
export function titleText(state, facets, site, t) {
  const parts = [];
  if (state.q.trim()) parts.push(t("title_query", { q: state.q.trim() }));
  for (const filter of activeFilters(state)) parts.push(filterName(facets, filter, t));
  return parts.length ? t("title", { search: parts.join(", "), site }) : site;
}
