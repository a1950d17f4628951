// The search page: URL state <-> controls <-> search worker <-> results.
// search.js has started the worker; this module draws what it answers. The
// served HTML lists the newest records and says data-search-state="loading";
// "ready" is said only once the results of the current URL, and their filters'
// counts, are shown. A text search may show its results before the counts:
// the list then says data-results-shown="true" while still "loading".

import { renderEmpty, renderFacets, renderPager, renderResults, renderTextNotes, statusText } from "./render.js";
import { activeFilters, effectiveSort, parse, serialize, withFilter, without } from "./url-state.js";

export function start(root, worker) {
  const q = root.querySelector('input[name="q"]');
  const textForm = q.form;
  const filters = root.querySelector(".library-filters");
  const toggle = root.querySelector(".library-filters-toggle");
  const sort = root.querySelector('select[name="sort"]');
  const yearFrom = root.querySelector('input[name="year_from"]');
  const yearTo = root.querySelector('input[name="year_to"]');
  const status = root.querySelector(".library-status");
  const list = root.querySelector(".library-results");
  const empty = root.querySelector(".library-empty");
  // Where a text search says it matched only some of its words, or offers a nearer word.
  const notes = document.createElement("div");
  notes.className = "library-text-notes";
  notes.hidden = true;
  list.before(notes);
  const pager = root.querySelector(".library-pages");

  let state = parse(location.search);
  let seq = 0;
  let download = null;

  function fail(message) {
    list.dataset.searchState = "error";
    list.removeAttribute("aria-busy");
    status.textContent =
      list.dataset.resultsShown === "true"
        ? "The filters could not load. Reload the page to try again."
        : "The search could not load; the list shows the newest records. Reload the page to try again.";
    console.error("library search:", message);
  }

  function run() {
    seq += 1;
    list.dataset.searchState = "loading";
    delete list.dataset.resultsShown;
    list.setAttribute("aria-busy", "true");
    worker.postMessage({ type: "search", seq, state: { ...state, sort: effectiveSort(state) } });
  }

  function showFacets(facets, total) {
    renderFacets(filters, facets);
    renderEmpty(empty, state, facets, total);
    list.dataset.resultCount = String(total);
    list.dataset.searchState = "ready";
  }

  worker.addEventListener("message", (event) => {
    const answer = event.data;
    if (answer.seq !== seq) return; // an older search, overtaken by typing
    if (answer.type === "error") return fail(answer.message);
    if (answer.type === "facets") return showFacets(answer.facets, answer.total);
    renderResults(list, answer.items);
    renderTextNotes(notes, answer.text, (q) => serialize({ ...state, q, page: 1 }) || "./");
    renderPager(pager, answer.page, answer.pages, (n) => serialize({ ...state, page: n }) || "./");
    // Written once per search: a partial answer (the first few results) and the whole page say the same.
    const text = statusText(state, answer.total, answer.page, answer.pages);
    if (status.textContent !== text) status.textContent = text;
    const active = activeFilters(state).length;
    toggle.textContent = active ? `Filters (${active})` : "Filters";
    list.dataset.resultsShown = "true";
    if (!answer.partial) list.removeAttribute("aria-busy");
    if (answer.facets) showFacets(answer.facets, answer.total);
    else renderEmpty(empty, state, [], answer.total); // a text search without filters: nothing to name but the text
    // "Download these results (CSV)" is added once results are on screen: it never delays them.
    if (!download) download = import("./download.js").catch((error) => console.error("library download:", error));
  });
  worker.addEventListener("error", (event) => fail(event.message || "the search worker failed"));

  function syncControls() {
    if (q.value !== state.q) q.value = state.q;
    sort.value = effectiveSort(state);
    yearFrom.value = state.yearFrom ?? "";
    yearTo.value = state.yearTo ?? "";
    for (const box of filters.querySelectorAll('input[type="checkbox"]')) {
      box.checked = (state.filters[box.name] || []).includes(box.value);
    }
  }

  // Typing replaces the current history entry, so Back is not flooded with keystrokes.
  function go(next, { typing = false } = {}) {
    state = next;
    const url = serialize(state) || location.pathname;
    if (typing && history.state && history.state.typing) history.replaceState({ typing: true }, "", url);
    else history.pushState({ typing }, "", url);
    syncControls();
    run();
  }

  q.addEventListener("input", () => go({ ...state, q: q.value, page: 1 }, { typing: true }));
  textForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (q.value !== state.q) go({ ...state, q: q.value, page: 1 });
    else history.replaceState({ typing: false }, "", location.href); // the next keystroke starts a new entry
  });
  filters.addEventListener("submit", (event) => event.preventDefault());
  filters.addEventListener("change", (event) => {
    const input = event.target;
    if (input.type === "checkbox") go(withFilter(state, input.name, input.value, input.checked));
    if (input === yearFrom || input === yearTo) {
      const value = input.value.trim() === "" ? null : Number.parseInt(input.value, 10);
      const year = Number.isFinite(value) ? value : null;
      go({ ...state, [input === yearFrom ? "yearFrom" : "yearTo"]: year, page: 1 });
    }
  });
  sort.addEventListener("change", () => go({ ...state, sort: sort.value, page: 1 }));
  pager.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-page]");
    if (!link) return;
    event.preventDefault();
    go({ ...state, page: Number(link.dataset.page) });
    status.focus();
    root.querySelector(".library-main").scrollIntoView({ block: "start" });
  });
  empty.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-clear-text")) go({ ...state, q: "", page: 1 });
    else go(without(state, { field: button.dataset.removeField, value: button.dataset.removeValue }));
    status.focus();
  });
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    root.classList.toggle("library-filters-open", open);
  });
  window.addEventListener("popstate", () => {
    state = parse(location.search);
    syncControls();
    run();
  });

  root.classList.add("library-enhanced");
  syncControls();
  run();
}
