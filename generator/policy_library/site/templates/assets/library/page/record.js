// A record page's "Copy citation" button. Without JavaScript the citation is there to
// select and its files to download; the button appears only when it can work.
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
}
