// The search page's entry. It starts the search worker before anything else,
// so that the index and its engine download while the page's own modules
// (search-ui.js) arrive, instead of after them.

import { runHeldScripts } from "./held-scripts.js";
import { root, startWorker } from "./results.js";

if (root) {
  const worker = startWorker({ search: location.search });
  import("./search-ui.js").then(
    ({ start }) => start(root, worker),
    (error) => {
      const list = root.querySelector("[data-search-state]");
      if (list) list.dataset.searchState = "error";
      console.error("library search:", error);
      runHeldScripts();
    },
  );
}
