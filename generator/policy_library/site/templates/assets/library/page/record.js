// A record page's "Copy citation" button and its citation files. Without JavaScript the
// citation is there to select; the button and the files' links appear only when they can work.
// A file is written when asked, from the record's row that the page carries, by cite.js with
// the build's citation description: the same text as site/citations.py writes (a test compares).
// Its sentences come from the page (record.html's data- attributes).

const section = document.querySelector("[data-cite]");

function selectText(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

if (section) {
  const button = section.querySelector("[data-copy-citation]");
  const text = section.querySelector("[data-citation-text]");
  const status = section.querySelector("[data-copy-status]");
  const say = (message) => {
    // Emptied first, so that a second copy is announced again.
    status.textContent = "";
    requestAnimationFrame(() => (status.textContent = message));
  };
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text.textContent.trim());
      say(section.dataset.copied);
    } catch (error) {
      // No clipboard (an insecure address, a refused permission): the text is selected for the keyboard.
      selectText(text);
      say(section.dataset.copyFailed);
    }
  });

  const row = JSON.parse(section.querySelector("[data-cite-row]").textContent);
  let writers = null;
  const load = () =>
    (writers ??= Promise.all([
      import("./cite.js"),
      fetch(section.dataset.citation).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${response.url}`);
        return response.json();
      }),
    ]).catch((error) => {
      writers = null; // a later click tries again
      throw error;
    }));
  const files = section.querySelector("[data-cite-files]");
  files.hidden = false;
  files.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-cite-format]");
    if (!link) return;
    event.preventDefault();
    try {
      const [{ WRITERS }, desc] = await load();
      const url = URL.createObjectURL(new Blob([WRITERS[link.dataset.citeFormat]([row], desc)], { type: desc.types[link.dataset.citeFormat] + ";charset=utf-8" }));
      const save = Object.assign(document.createElement("a"), { href: url, download: link.getAttribute("download") });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error) {
      say(section.dataset.downloadFailed);
    }
  });
}
