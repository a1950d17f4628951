// Every page's header, made to work by keyboard and to keep the search across languages.
// A classic script: the search page writes it inline (no request more before its first
// result), every other page loads this file, deferred (partials/header.html).
(function () {
  // material opens the drawer with a <label> for a hidden checkbox, which the mouse can
  // use but the keyboard cannot reach. The label becomes a real button that keeps the
  // checkbox as the drawer's state, so a keyboard opens it (Enter or Space), lands on its
  // first link, and closes it with Escape, back on the button. Without JavaScript the
  // label stays, as material has it.
  var box = document.getElementById("__drawer");
  var label = document.querySelector("[data-library-drawer-label]");
  if (box && label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " library-drawer-button";
    button.innerHTML = label.innerHTML;
    button.setAttribute("aria-label", label.dataset.name);
    button.setAttribute("aria-expanded", String(box.checked));
    label.replaceWith(button);
    var drawer = function () {
      return document.querySelector(".md-sidebar--primary");
    };
    box.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(box.checked));
    });
    button.addEventListener("click", function (event) {
      box.click();
      if (box.checked && event.detail === 0) {
        var first = drawer() && drawer().querySelector("a[href], label[tabindex], input:not(.md-toggle)");
        if (first)
          requestAnimationFrame(function () {
            first.focus();
          });
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !box.checked) return;
      box.click();
      button.focus();
    });
  }

  // The language switch: the search lives in the address, which changes as the visitor
  // searches, so the links take it along when they are about to be followed (pointed at,
  // focused), and a plain click goes there. mkdocs-material takes over clicks on links to a
  // page's <link rel="alternate"> twins (and drops the query string): this click never reaches it.
  var to = function (a) {
    return a.href.split(/[?#]/)[0] + location.search + location.hash;
  };
  var sync = function (event) {
    var a = event.target.closest && event.target.closest("[data-language-switch] a");
    if (a) a.href = to(a);
    return a;
  };
  ["pointerover", "focusin", "pointerdown"].forEach(function (name) {
    document.addEventListener(name, sync);
  });
  document.addEventListener(
    "click",
    function (event) {
      var a = sync(event);
      if (a && event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) {
        event.preventDefault();
        event.stopPropagation();
        location.href = to(a);
      }
    },
    true,
  );
})();
