// Drawing results, filters, pages and messages. Record text only ever enters
// the page as text nodes (textContent, createTextNode): it is never parsed as HTML.

import { activeFilters } from "./url-state.js";

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) node.setAttribute(name, "");
    else if (value !== false && value != null) node.setAttribute(name, String(value));
  }
  for (const child of children) node.append(child);
  return node;
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

export function renderResults(list, items) {
  const rows = items.map((item) =>
    el(
      "li",
      { class: "library-result", "data-record-id": item.id },
      el("a", { href: item.url, dir: "auto" }, marked(item.title, item.marks.title)),
      el("p", { class: "library-meta" }, ...item.meta.flatMap((part, i) => (i ? [" · ", el("bdi", {}, part)] : [el("bdi", {}, part)]))),
      el("p", { class: "library-summary-text", dir: "auto" }, marked(item.summary, item.marks.summary)),
      ...whyItMatched(item),
    ),
  );
  list.replaceChildren(...rows);
}

// The passage that shows why a result matched (its source named when it is the attached
// document), and the glossary members it was found through.
function whyItMatched(item) {
  const out = [];
  const { excerpt } = item;
  if (excerpt) {
    const text = el("p", { class: "library-excerpt", dir: "auto", "data-excerpt": excerpt.source ? "attachment" : "body" });
    if (excerpt.source) text.append(el("span", { class: "library-excerpt-source" }, excerpt.source), " ");
    text.append(excerpt.before ? "…" : "", marked(excerpt.text, excerpt.marks), excerpt.after ? "…" : "");
    out.push(text);
  }
  for (const note of item.notes || []) out.push(el("p", { class: "library-match-note", "data-glossary": true }, note));
  return out;
}

// What the text search says beyond its count: that no record matched every word, and the
// library's nearest word for one it does not hold. Its sentences come from the build (`messages`).
export function renderTextNotes(box, text, hrefOf) {
  const notes = [];
  if (text && !text.complete && text.matched > 0) {
    notes.push(el("p", { "data-partial-match": true }, (text.messages.partial || "").replace("{required}", text.required).replace("{matched}", text.matched)));
  }
  if (text && text.suggestion) {
    notes.push(el("p", { "data-suggestion": true }, `${text.messages.suggest || ""} `, el("a", { href: hrefOf(text.suggestion) }, text.suggestion), "?"));
  }
  box.replaceChildren(...notes);
  box.hidden = notes.length === 0;
}

function optionElement(field, option) {
  const input = el("input", { type: "checkbox", name: field, value: option.value });
  return el("label", { class: "library-option", "data-value": option.value }, input, el("span", { class: "library-option-label", dir: "auto" }), " ", el("span", { class: "library-count" }));
}

// Filters are updated in place, so that the control a keyboard user is on keeps its focus.
export function renderFacets(form, facets) {
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
      input.checked = option.selected;
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
    fieldset.hidden = facet.options.length === 0;
  }
}

export function renderPager(nav, page, pages, hrefOf) {
  nav.replaceChildren();
  nav.hidden = pages <= 1;
  if (pages <= 1) return;
  const list = el("ul");
  const link = (n, text, label) => {
    const attrs = { href: hrefOf(n), "data-page": n, "aria-label": label };
    if (n === page) attrs["aria-current"] = "page";
    return el("li", {}, el("a", attrs, text));
  };
  if (page > 1) list.append(link(page - 1, "Previous", `Previous page, ${page - 1}`));
  const first = Math.max(1, Math.min(page - 2, pages - 4));
  for (let n = first; n <= Math.min(pages, first + 4); n++) list.append(link(n, String(n), `Page ${n}`));
  if (page < pages) list.append(link(page + 1, "Next", `Next page, ${page + 1}`));
  nav.append(list);
}

function filterName(facets, filter) {
  if (filter.field === "year_from") return `from ${filter.value}`;
  if (filter.field === "year_to") return `up to ${filter.value}`;
  const facet = facets.find((f) => f.field === filter.field);
  const option = facet && facet.options.find((o) => o.value === filter.value);
  return `${facet ? facet.label : filter.field}: ${option ? option.label : filter.value}`;
}

// An empty result says so and offers to take back each filter, one by one.
export function renderEmpty(box, state, facets, total) {
  box.replaceChildren();
  box.hidden = total > 0;
  if (total > 0) return;
  box.append(el("p", {}, "No records match this search."));
  const actions = el("ul", { class: "library-undo" });
  for (const filter of activeFilters(state)) {
    actions.append(el("li", {}, el("button", { type: "button", class: "md-button", "data-remove-field": filter.field, "data-remove-value": filter.value }, `Remove filter ${filterName(facets, filter)}`)));
  }
  if (state.q) actions.append(el("li", {}, el("button", { type: "button", class: "md-button", "data-clear-text": true }, "Clear the search text")));
  if (actions.children.length) box.append(actions);
}

export function statusText(state, total, page, pages) {
  const count = total === 1 ? "1 record" : `${total} records`;
  const filtered = activeFilters(state).length > 0;
  let text;
  if (!state.q.trim() && !filtered) text = `All ${count}.`;
  else if (total === 0) text = "No records match.";
  else text = `${count} found.`;
  if (pages > 1) text += ` Page ${page} of ${pages}.`;
  return text;
}
