// The search page: URL state <-> controls <-> search worker <-> results.
// search.js has started the worker; this module draws what it answers. The
// served HTML lists the newest records and says data-search-state="loading";
// "ready" is said only once the results of the current URL, and their filters'
// counts, are shown. A text search may show its results before the counts:
// the list then says data-results-shown="true" while still "loading".
//
// A keystroke costs the page little: it posts the search to the worker and
// returns. The worker's answers are drawn in the next animation frame, one
// draw for whatever arrived meanwhile, none for a search typing has already
// overtaken; each part is redrawn only where its data changed. The address
// follows the typing once per draw (or when the page is idle), never later
// than the results it names.

import { narrow, renderChips, renderEmpty, renderFacets, renderPager, renderResults, renderTextNotes, statusText, titleText, translator, valueLabel } from "./render.js";
import { activeFilters, effectiveSort, parse, serialize, withFilter, without } from "./url-state.js";
import { startGlance } from "./glance.js";
import { runHeldScripts } from "./held-scripts.js";

// A screen reader hears the count once typing has paused this long, not at every keystroke.
const SETTLE_MS = 900;
// The width below which library.css folds the filters away (a phone).
const PHONE = "(max-width: 44.9375em)";

export function start(root, worker) {
  const words = JSON.parse(root.querySelector("[data-library-text]").textContent);
  const t = translator(words, words.language || document.documentElement.lang);
  const q = root.querySelector('input[name="q"]');
  const textForm = q.form;
  const filters = root.querySelector(".library-filters");
  const sidebar = root.querySelector(".library-sidebar");
  const toggle = root.querySelector("[data-open-filters]");
  const dialog = root.querySelector(".library-filters-dialog");
  const showResults = root.querySelector("[data-show-results]");
  const chips = root.querySelector(".library-chips");
  const sort = root.querySelector('select[name="sort"]');
  const yearFrom = root.querySelector('input[name="year_from"]');
  const yearTo = root.querySelector('input[name="year_to"]');
  const status = root.querySelector(".library-status");
  const announcer = root.querySelector("[data-announce]");
  const list = root.querySelector(".library-results");
  const empty = root.querySelector(".library-empty");
  // Where a text search says it matched only some of its words, or offers a nearer word.
  const notes = document.createElement("div");
  notes.className = "library-text-notes";
  notes.hidden = true;
  list.before(notes);
  const pager = root.querySelector(".library-pages");
  const site = document.title;

  let state = parse(location.search);
  let seq = 0;
  let actions = null;
  let facets = []; // the last filters' options, for naming chips
  let drawnFacets = null; // what they were drawn from, so that the same counts are not drawn again
  let typing = false; // is the search on screen the answer to a keystroke?
  let settle = null;
  let address = null; // {url, push}: the address typing has made and history does not hold yet
  let idle = null;
  let pending = { results: null, facets: null }; // the newest search's answers, not yet drawn
  let frame = 0;
  let echoing = false; // has a keystroke happened that the screen does not show yet?

  // The count is shown at once, and spoken once: after typing pauses, or at once for any other change.
  function announce(text) {
    clearTimeout(settle);
    const speak = () => {
      if (announcer.textContent !== text) announcer.textContent = text;
    };
    if (typing) settle = setTimeout(speak, SETTLE_MS);
    else speak();
  }

  const whenIdle = window.requestIdleCallback ? (fn) => window.requestIdleCallback(fn, { timeout: 300 }) : (fn) => setTimeout(fn, 50);
  const cancelIdle = window.cancelIdleCallback ? (id) => window.cancelIdleCallback(id) : (id) => clearTimeout(id);

  // The typed address into history: the first keystroke of a run adds an entry, the next ones replace it.
  function writeAddress() {
    if (!address) return;
    const { url, push } = address;
    address = null;
    cancelIdle(idle);
    if (push) history.pushState({ typing: true }, "", url);
    else history.replaceState({ typing: true }, "", url);
  }

  // Resolves once the frame being drawn is on the screen (a task queued from an animation frame runs then).
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

  function fail(message) {
    // Results that came before the failure (the filters' data failing after the text) are still shown.
    if (pending.results) showAnswer(pending.results);
    pending = { results: null, facets: null };
    writeAddress();
    list.dataset.searchState = "error";
    list.removeAttribute("aria-busy");
    root.classList.remove("library-pending");
    status.textContent = list.dataset.resultsShown === "true" ? t("filters_failed") : t("failed");
    announce(status.textContent);
    console.error("library search:", message);
    runHeldScripts();
  }

  function run() {
    seq += 1;
    pending = { results: null, facets: null };
    if (list.dataset.searchState !== "loading") list.dataset.searchState = "loading";
    if (list.dataset.resultsShown) delete list.dataset.resultsShown;
    if (list.getAttribute("aria-busy") !== "true") list.setAttribute("aria-busy", "true");
    worker.postMessage({ type: "search", seq, state: { ...state, sort: effectiveSort(state) } });
  }

  // The worker names filters and values as the data does; the page, in its own language.
  function relabel(next) {
    return next.map((facet) => {
      const names = (words.labels || {})[facet.field];
      if (!names) return facet;
      return { ...facet, label: names.label || facet.label, options: facet.options.map((option) => ({ ...option, label: valueLabel(words.labels, facet.field, option.value) })) };
    });
  }

  function showTitle() {
    const title = titleText(state, facets, site, t);
    if (document.title !== title) document.title = title;
  }

  function showFacets(next, total, years) {
    // The same counts for the same filters (most keystrokes within a word): the filters, map and bars stay as they are.
    const key = JSON.stringify([next, years, state.filters, state.yearFrom, state.yearTo]);
    if (key !== drawnFacets) {
      drawnFacets = key;
      facets = relabel(next);
      renderFacets(filters, facets, t);
      glance.update(state, facets, years);
    }
    renderEmpty(empty, state, facets, total, t);
    renderChips(chips, state, facets, t);
    showTitle();
    if (list.dataset.resultCount !== String(total)) list.dataset.resultCount = String(total);
    list.dataset.searchState = "ready";
  }

  function showCount(total) {
    const active = activeFilters(state).length;
    const filtersText = active ? t("filters_active", { n: active }) : t("filters");
    if (toggle.textContent !== filtersText) toggle.textContent = filtersText;
    const resultsText = t("show_results", { n: total });
    if (showResults.textContent !== resultsText) showResults.textContent = resultsText;
  }

  // Whatever the worker answered since the last frame, drawn once; an answer to a search typing has overtaken is never drawn.
  function draw() {
    frame = 0;
    const { results, facets: counts } = pending;
    pending = { results: null, facets: null };
    if (!results && !counts) return;
    writeAddress(); // the results shown are the address's
    if (results) showAnswer(results);
    if (counts) showFacets(counts.facets, counts.total, counts.years);
  }

  worker.addEventListener("message", (event) => {
    const answer = event.data;
    if (answer.seq !== seq) return; // an older search, overtaken by typing
    if (answer.type === "error") return fail(answer.message);
    if (answer.type === "facets") pending.facets = answer;
    else pending.results = answer; // the whole page supersedes its first few results
    schedule();
  });

  // One draw per frame. The frame that shows a typed letter draws nothing else: an answer that
  // comes before it is drawn in the next one, so that the letter is never kept off the screen.
  function schedule() {
    if (echoing || frame) return;
    // A hidden page draws no frames: it draws at once, so that it is current when shown.
    if (document.hidden) draw();
    else frame = requestAnimationFrame(draw);
  }
  function echo() {
    if (echoing) return;
    echoing = true;
    // A task queued from an animation frame runs once that frame is on the screen. The address and
    // the tab's title (each a few milliseconds of the browser's own work) follow the letter there,
    // while the worker searches, rather than in the frame that draws the results.
    requestAnimationFrame(() =>
      setTimeout(() => {
        echoing = false;
        writeAddress();
        showTitle();
        if (pending.results || pending.facets) schedule();
      }, 0),
    );
  }

  function showAnswer(answer) {
    root.classList.remove("library-pending");
    renderResults(list, answer.items, words, t);
    renderTextNotes(notes, answer.text, (q) => serialize({ ...state, q, page: 1 }) || "./", t);
    renderPager(pager, answer.page, answer.pages, (n) => serialize({ ...state, page: n }) || "./", t);
    // Written once per search: a partial answer (the first few results) and the whole page say the same.
    const text = statusText(state, answer.total, answer.page, answer.pages, t);
    if (status.textContent !== text) status.textContent = text;
    if (!answer.partial) announce(text);
    showCount(answer.total);
    list.dataset.resultsShown = "true";
    if (!answer.partial) list.removeAttribute("aria-busy");
    // Drawn inside an animation frame: the worker asks for the rest of the page once this frame is painted.
    else setTimeout(() => worker.postMessage({ type: "drawn", seq: answer.seq }));
    if (answer.facets) showFacets(answer.facets, answer.total, answer.years);
    else {
      // A text search without filters: nothing to name but the text.
      renderEmpty(empty, state, [], answer.total, t);
      renderChips(chips, state, facets, t);
      showTitle();
    }
    // Downloads, citations, a filter's feed, saving the search and the theme's scripts come once results are on
    // screen (after the frame that paints them): they never delay them.
    if (!actions)
      actions = painted()
        .then(() => {
          runHeldScripts();
          return import("./actions.js");
        })
        .catch((error) => console.error("library actions:", error));
  }
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

  // Typing replaces the current history entry, so Back is not flooded with keystrokes. A keystroke
  // only notes its address (written with its results, or when the page is idle) and changes no
  // other control; any other change goes into history at once, after the typing before it.
  function go(next, { typed = false } = {}) {
    state = next;
    typing = typed;
    const url = serialize(state) || location.pathname;
    if (typed) {
      const push = address ? address.push : !(history.state && history.state.typing);
      if (!address) idle = whenIdle(writeAddress);
      address = { url, push };
    } else {
      writeAddress();
      history.pushState({ typing: false }, "", url);
      syncControls();
    }
    run();
  }

  // The state map and the year histogram: each sets filters as the form does.
  const glance = startGlance(root, t, () => state, go, { withFilter });

  // After a control that the redraw removes (a chip, an empty state's button): the keyboard goes on from the count.
  function refocus() {
    status.focus();
  }

  q.addEventListener("input", () => {
    clearTimeout(settle); // a count not yet spoken is out of date once typing goes on
    if (!document.hidden) echo();
    go({ ...state, q: q.value, page: 1 }, { typed: true });
  });
  // Enter in the box: the keyboard goes on to the results, past the filters.
  textForm.addEventListener("submit", (event) => {
    event.preventDefault();
    if (q.value !== state.q) go({ ...state, q: q.value, page: 1 });
    else {
      writeAddress();
      history.replaceState({ typing: false }, "", location.href); // the next keystroke starts a new entry
    }
    refocus();
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
  // A long list's box narrows its options; "Show all" lists every one of them.
  const facetOf = (fieldset) => facets.find((facet) => facet.field === fieldset.dataset.field);
  filters.addEventListener("input", (event) => {
    const fieldset = event.target.closest("fieldset");
    if (event.target.matches("[data-filter-within]") && facetOf(fieldset)) narrow(fieldset, facetOf(fieldset), t);
  });
  filters.addEventListener("keydown", (event) => {
    // Enter in a list's box has nothing to submit.
    if (!event.target.matches("[data-filter-within]")) return;
    if (event.key === "Enter") event.preventDefault();
  });
  filters.addEventListener("click", (event) => {
    const more = event.target.closest("[data-show-all]");
    if (!more) return;
    const fieldset = more.closest("fieldset");
    more.setAttribute("aria-expanded", String(more.getAttribute("aria-expanded") !== "true"));
    if (facetOf(fieldset)) narrow(fieldset, facetOf(fieldset), t);
  });
  sort.addEventListener("change", () => go({ ...state, sort: sort.value, page: 1 }));
  pager.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-page]");
    if (!link) return;
    event.preventDefault();
    go({ ...state, page: Number(link.dataset.page) });
    refocus();
    root.querySelector(".library-main").scrollIntoView({ block: "start" });
  });
  empty.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-clear-text")) go({ ...state, q: "", page: 1 });
    else go(without(state, { field: button.dataset.removeField, value: button.dataset.removeValue }));
    refocus();
  });
  chips.addEventListener("click", (event) => {
    const chip = event.target.closest("[data-remove-filter]");
    if (chip) {
      const at = chip.dataset.removeFilter.indexOf("=");
      go(without(state, { field: chip.dataset.removeFilter.slice(0, at), value: chip.dataset.removeFilter.slice(at + 1) }));
    } else if (event.target.closest("[data-clear-filters]")) {
      go({ ...state, filters: {}, yearFrom: null, yearTo: null, page: 1 });
    } else return;
    refocus();
  });

  // On a phone the filters open in a modal dialog: the form moves into it, and back when it closes.
  const phone = window.matchMedia(PHONE);
  // The map and the histogram start folded on a phone, so that the results stay in view.
  const folded = root.querySelector("[data-glance]");
  if (folded && phone.matches) folded.open = false;
  toggle.addEventListener("click", () => {
    dialog.querySelector(".library-dialog-body").append(filters);
    dialog.showModal();
    toggle.setAttribute("aria-expanded", "true");
  });
  dialog.addEventListener("close", () => {
    sidebar.append(filters);
    toggle.setAttribute("aria-expanded", "false");
  });
  for (const close of dialog.querySelectorAll("[data-show-results], [data-close-filters]")) close.addEventListener("click", () => dialog.close());
  phone.addEventListener("change", () => {
    if (!phone.matches && dialog.open) dialog.close();
  });

  window.addEventListener("popstate", () => {
    address = null; // history has moved: what typing had not written yet is not written
    cancelIdle(idle);
    state = parse(location.search);
    typing = false;
    syncControls();
    run();
  });

  root.classList.add("library-enhanced");
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "library-filters");
  syncControls();
  run();
}
