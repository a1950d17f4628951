// Runs the scripts a page holds in <template data-library-held> (the search page holds the theme's
// until its first results are on screen): the files in the order the page names them, an inline
// script as soon as it is added. The theme starts on DOMContentLoaded, long past by then: the
// document announces it again once the files have run.

let started = false;

export function runHeldScripts(doc = document) {
  if (started) return;
  started = true;
  const held = [...doc.querySelectorAll("template[data-library-held]")].flatMap((template) => [...template.content.querySelectorAll("script")]);
  let loading = 0;
  const announce = () => doc.dispatchEvent(new Event("DOMContentLoaded"));
  for (const source of held) {
    // A script the page's parser did not insert runs only when made anew.
    const script = doc.createElement("script");
    for (const { name, value } of source.attributes) script.setAttribute(name, value);
    script.textContent = source.textContent;
    if (script.src) {
      script.async = false; // in order, after the ones before it
      loading += 1;
      const done = () => {
        loading -= 1;
        if (!loading) announce();
      };
      script.addEventListener("load", done);
      script.addEventListener("error", done);
    }
    doc.body.append(script);
  }
  if (held.length && !loading) announce();
}
