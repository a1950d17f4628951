// The search page's entry. It starts the search worker before anything else,
// so that the index and its engine download while the page's own modules
// (search-ui.js) arrive, instead of after them.

const root = document.querySelector("[data-library-search]");

if (root) {
  const absolute = (path) => new URL(path, document.baseURI).href;
  // Every file the page names in its data- attributes, as download.js tells its own worker.
  const files = {};
  for (const [name, value] of Object.entries(root.dataset)) if (value) files[name] = absolute(value);
  // The index's manifest is in the page; the worker parses it, off this thread.
  const index = root.querySelector("script[data-library-index]");
  const worker = new Worker(files.worker, { type: "module" });
  worker.postMessage({ type: "init", ...files, manifestText: index ? index.textContent : "", search: location.search });
  import("./search-ui.js").then(
    ({ start }) => start(root, worker),
    (error) => {
      const list = root.querySelector("[data-search-state]");
      if (list) list.dataset.searchState = "error";
      console.error("library search:", error);
    },
  );
}
