// "Save this search" and the home page's list of saved searches, each with the number of
// its results that are new since it was saved. Kept in this browser alone (saved-store.js):
// nothing is sent anywhere. A saved search keeps the hashes of its results' ids; its new
// results are those of the same search now whose hash it did not keep (records added since,
// or changed so that they now match).

import { translator } from "./render.js";
import { actionBar, files, list, positionsOf, root, whenReady } from "./results.js";
import { packHashes, readSaved, unpackHashes, writeSaved } from "./saved-store.js";
import { parse, serialize } from "./url-state.js";

// At most this many saved searches; saving another drops the oldest.
const MAX_SAVED = 50;

let idHashes = null;
async function loadIds() {
  idHashes ??= fetch(new URL(files.dataset.ids, document.baseURI).href).then(async (response) => {
    if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
    return new Uint32Array(await response.arrayBuffer());
  });
  return idHashes;
}

const hashesOf = (positions, ids) => positions.map((n) => ids[n]).filter((h) => h !== undefined);

// The search's address without its page: a saved search opens at its first page.
const addressOf = (search) => serialize({ ...parse(search), page: 1 });

function el(tag, attributes = {}, ...children) {
  const node = Object.assign(document.createElement(tag), attributes);
  node.append(...children);
  return node;
}

function start() {
  const t = translator(JSON.parse(root.querySelector("[data-library-text]").textContent), document.documentElement.lang);
  const siteRoot = files.dataset.siteRoot;
  const section = document.querySelector("[data-saved-search]");
  const shown = section && section.querySelector("ul");
  const language = document.documentElement.lang || "en";
  try {
    localStorage.length; // throws where storage is off: then nothing can be saved
  } catch {
    return;
  }

  // The search as the page names it: its words, then its filters as their chips say them.
  function nameOf(state) {
    const parts = [];
    if (state.q.trim()) parts.push(t("title_query", { q: state.q.trim() }));
    for (const chip of root.querySelectorAll(".library-chips [data-remove-filter] span:first-child")) parts.push(chip.textContent);
    return parts.length ? parts.join(", ") : t("saved_all");
  }

  const button = el("button", { type: "button", className: "md-button library-save-button", textContent: t("save") });
  button.dataset.saveSearch = "";
  button.disabled = true;
  const status = el("span", { className: "library-muted" });
  status.setAttribute("aria-live", "polite"); // not role=status: the page's one status is the count
  actionBar().append(el("p", { className: "library-save" }, button, " ", status));

  let ready = false;
  const sync = () => {
    const saved = readSaved(siteRoot).some((entry) => entry.search === addressOf(location.search));
    button.disabled = !ready;
    button.textContent = saved ? t("save_again") : t("save");
  };
  whenReady((isReady) => {
    ready = isReady;
    if (!isReady) status.textContent = "";
    sync();
  });

  button.addEventListener("click", async () => {
    button.disabled = true;
    const search = addressOf(location.search);
    const state = parse(search);
    try {
      const [[positions], ids] = await Promise.all([positionsOf([state]), loadIds()]);
      const entry = { search, name: nameOf(state), saved: new Date().toISOString(), seen: packHashes(hashesOf(positions, ids)) };
      const others = readSaved(siteRoot).filter((old) => old.search !== search);
      writeSaved(siteRoot, [entry, ...others].slice(0, MAX_SAVED));
      status.textContent = t("saved");
      render();
    } catch (error) {
      console.error("library saved searches:", error);
      status.textContent = t("save_failed");
    } finally {
      sync();
    }
  });

  let counting = 0;
  async function render() {
    if (!section) return;
    const saved = readSaved(siteRoot);
    section.hidden = saved.length === 0;
    const dates = new Intl.DateTimeFormat(language, { dateStyle: "medium" });
    const rows = saved.map((entry) => {
      const when = new Date(entry.saved);
      const count = el("span", { className: "library-saved-new", textContent: t("saved_counting") });
      const remove = el("button", { type: "button", className: "library-saved-remove", textContent: t("remove_saved") });
      remove.setAttribute("aria-label", t("remove_saved_name", { name: entry.name }));
      remove.addEventListener("click", () => {
        writeSaved(siteRoot, readSaved(siteRoot).filter((old) => old.search !== entry.search));
        render();
        sync();
        (section.querySelector("a") || root.querySelector("input[name=q]")).focus();
      });
      const row = el(
        "li",
        {},
        el("a", { href: entry.search || "./", textContent: entry.name }),
        " ",
        el("span", { className: "library-muted", textContent: Number.isNaN(when.getTime()) ? "" : t("saved_on", { date: dates.format(when) }) }),
        " ",
        count,
        " ",
        remove,
      );
      row.dataset.savedEntry = entry.search;
      return { row, count, entry };
    });
    shown.replaceChildren(...rows.map(({ row }) => row));
    if (!rows.length) return;
    // What is new: the same searches now, against the hashes kept when they were saved.
    const turn = ++counting;
    try {
      const [answers, ids] = await Promise.all([positionsOf(rows.map(({ entry }) => parse(entry.search))), loadIds()]);
      if (turn !== counting) return;
      rows.forEach(({ count, entry }, i) => {
        const seen = unpackHashes(entry.seen);
        const fresh = hashesOf(answers[i], ids).filter((h) => !seen.has(h)).length;
        count.dataset.newCount = String(fresh);
        count.textContent = fresh ? t("saved_new", { n: fresh }) : t("saved_none_new");
      });
    } catch (error) {
      console.error("library saved searches:", error);
      if (turn === counting) for (const { count } of rows) count.textContent = "";
    }
  }
  render();
}

if (root && list && files) start();
