// The privacy page's account of what this site keeps in this browser (its saved
// searches, saved-store.js), and the button that clears it. Its sentences come from
// the page (privacy.html's data- attributes).

import { clearSaved, readSaved } from "./saved-store.js";

const section = document.querySelector("[data-saved-privacy]");

function show() {
  const saved = readSaved(section.dataset.siteRoot);
  const status = section.querySelector("[data-saved-privacy-status]");
  const list = section.querySelector("[data-saved-privacy-list]");
  const button = section.querySelector("[data-clear-saved-searches]");
  const plural = new Intl.PluralRules(document.documentElement.lang || "en").select(saved.length);
  status.textContent = saved.length ? (plural === "one" ? section.dataset.someOne : section.dataset.someOther).replace("{n}", String(saved.length)) : section.dataset.none;
  list.replaceChildren(...saved.map((entry) => Object.assign(document.createElement("li"), { textContent: entry.name })));
  list.hidden = saved.length === 0;
  button.hidden = saved.length === 0;
}

if (section) {
  section.querySelector("[data-clear-saved-searches]").addEventListener("click", () => {
    clearSaved(section.dataset.siteRoot);
    show();
    const done = section.querySelector("[data-saved-privacy-done]");
    done.textContent = section.dataset.cleared;
    done.tabIndex = -1;
    done.focus(); // the button is gone: the keyboard goes on from the message
  });
  show();
}
