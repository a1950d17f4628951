// The search worker's entry. It imports nothing up front: it starts lunr and reads
// the index's manifest (written into the page) as soon as the page says "init",
// then starts the engine (engine.js), and hands every message to the
// engine once it is running. The site runs it
// from one file holding every module it reaches (policy_library/search/bundle.py),
// so importing the engine costs no request; the modules are also shipped as they
// are, in a folder named by their hash, so relative names mean this deploy's files.

let running = null; // the started engine (engine.js), once its modules have arrived

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// Does the page's first search need every record's codes before it can show
// anything (no text, or a filter or a sort)? Then they start now; a plain text
// search shows its results first and fetches them afterwards. A guess, which
// only changes when the codes start: engine.js decides exactly.
function codesFirst(search) {
  const params = new URLSearchParams(search || "");
  if (!/[\p{L}\p{N}]/u.test(params.get("q") || "")) return true;
  return [...params].some(([name, value]) => name !== "q" && name !== "page" && !(name === "sort" && value === "relevance"));
}

function init(files) {
  let codes = null;
  const early = {
    manifest: Promise.resolve(files.manifestText).then(JSON.parse),
    lunr: import("./lunr.js"),
    codes: () => {
      if (!codes) {
        codes = fetchJson(files.data);
        codes.catch(() => {
          codes = null; // a failed fetch may be retried by the next search
        });
      }
      return codes;
    },
    fetchJson,
  };
  // Unhandled until a search needs them; that search reports the error.
  early.manifest.catch(() => {});
  early.lunr.catch(() => {});
  if (codesFirst(files.search)) early.codes().catch(() => {});
  running = import("./engine.js").then((module) => module.start(files, early, (answer) => self.postMessage(answer)));
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") init(message);
  else if (running) {
    running.then(
      (engine) => engine.receive(message),
      (error) => self.postMessage({ type: "error", seq: message.seq, message: String(error && error.message ? error.message : error) }),
    );
  }
});
