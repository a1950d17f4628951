// The feed of a search with exactly one filter value: a link beside the results and a
// <link rel="alternate"> for feed readers, both following the filters as they change.
// The feed holds that value's newest records (its browse page's feed), whatever the text
// or years of the search, so the link names the value, not the search. The link's
// data-search-feed says which search it was last decided for (its query string).

import { translator } from "./render.js";
import { absolute, actionBar, fetchJson, files, fromSiteRoot, list, root, whenReady } from "./results.js";
import { activeFilters, parse } from "./url-state.js";

let feeds = null;
const loadFeeds = () => (feeds ??= fetchJson(absolute(files.dataset.feeds)));

function start() {
  const t = translator(JSON.parse(root.querySelector("[data-library-text]").textContent), document.documentElement.lang);
  const link = Object.assign(document.createElement("a"), { className: "library-feed-link", type: "application/atom+xml", hidden: true });
  link.dataset.searchFeed = "-";
  const alternate = Object.assign(document.createElement("link"), { rel: "alternate", type: "application/atom+xml" });
  alternate.dataset.searchFeed = "";
  actionBar().append(link);

  const hide = (search) => {
    link.hidden = true;
    link.removeAttribute("href");
    alternate.remove();
    link.dataset.searchFeed = search;
  };

  whenReady(async (ready) => {
    if (!ready) return;
    const search = location.search;
    const chosen = activeFilters(parse(search)).filter((f) => f.field !== "year_from" && f.field !== "year_to");
    if (chosen.length !== 1) return hide(search);
    const [{ field, value }] = chosen;
    let href;
    try {
      href = ((await loadFeeds())[field] || {})[value];
    } catch (error) {
      console.error("library feed:", error);
    }
    if (location.search !== search) return; // the search changed meanwhile; its own turn comes
    if (!href) return hide(search);
    // The filter as its chip names it ("State: Washington").
    const chip = root.querySelector(`[data-remove-filter="${CSS.escape(`${field}=${value}`)}"] span`);
    const name = chip ? chip.textContent : `${field}: ${value}`;
    link.href = alternate.href = fromSiteRoot(href);
    link.textContent = t("feed", { name });
    alternate.title = link.textContent;
    link.hidden = false;
    if (!alternate.isConnected) document.head.append(alternate);
    link.dataset.searchFeed = search;
  });
}

if (root && list && files) start();
