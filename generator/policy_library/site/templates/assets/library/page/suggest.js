// The suggest page: checks the form as `library check` would, previews the
// record's page, and gives the record's file to copy, download or propose on GitHub.
//
// Rules come from the page (data-suggest-rules, written by the build from the
// checker's own declarations) and every sentence from data-suggest-text. What
// an editor types only ever enters the page as text (textContent, form values):
// never as HTML. Nothing is sent anywhere: the GitHub link is the editor's to follow.

import { checkRecord, fileName, githubNewFile, isHomePage, markdown, prepare, splitUrl } from "./record-form.js";
import { translator } from "./render.js";

const root = document.querySelector("[data-library-suggest]");

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value != null) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

function start() {
  const json = (selector) => JSON.parse(root.querySelector(selector).textContent);
  const rules = json("[data-suggest-rules]");
  const r = prepare(rules);
  const language = root.dataset.language || "en";
  const t = translator(json("[data-suggest-text]"), language);
  const label = (field, many = false) => (many ? field.plural : field.label)[language] || field.label.en;

  const form = root.querySelector("[data-suggest-form]");
  const summary = root.querySelector("[data-error-summary]");
  const preview = root.querySelector("[data-suggest-preview]");
  const output = root.querySelector("[data-suggest-output]");
  const markdownBox = output.querySelector("[data-record-markdown]");
  const nameBox = output.querySelector("[data-record-filename]");
  const github = output.querySelector("[data-github-new]");
  const tooLong = output.querySelector("[data-github-too-long]");
  const status = output.querySelector("[data-suggest-status]");

  // Fields are checked once the editor has left them, and all of them once the form is sent.
  const touched = new Set();
  let submitted = false;
  let current = null;

  const inputs = () => {
    const values = {};
    for (const field of rules.fields) {
      const controls = form.querySelectorAll(`[name="${field.name}"]`);
      values[field.name] = controls.length && controls[0].type === "checkbox" ? [...controls].filter((c) => c.checked).map((c) => c.value) : (controls[0]?.value ?? "");
    }
    return values;
  };

  const monthName = (month) => new Intl.DateTimeFormat(language, { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2000, month - 1, 1)));

  function message(field, problem) {
    const vars = { field: label(field, field.multiple), value: problem.value, help: field.help[language] ?? field.help.en, ...(problem.vars || {}) };
    if (problem.code === "date_day") vars.month_name = monthName(vars.month);
    return t(problem.code, vars);
  }

  // The field's error, linked to its controls (aria-describedby is in the page) and marked on them.
  // A warning (advice the checker gives without refusing) shows in the same place, without marking the field invalid.
  function showField(field, problems, warnings = []) {
    const box = form.querySelector(`[data-error-for="${field.name}"]`);
    const text = problems.length ? message(field, problems[0]) : "";
    box.textContent = text || (warnings.length ? message(field, warnings[0]) : "");
    box.classList.toggle("library-field-warning", !text && warnings.length > 0);
    for (const control of form.querySelectorAll(`[name="${field.name}"]`)) {
      if (text) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    }
  }

  function showSummary(problems) {
    const entries = rules.fields.filter((f) => problems[f.name]);
    summary.hidden = !entries.length;
    if (!entries.length) return;
    summary.querySelector("h2").textContent = t("summary_title", { n: entries.length });
    summary.querySelector("ul").replaceChildren(
      ...entries.map((field) => {
        const target = form.querySelector(`[name="${field.name}"]`);
        const link = el("a", { href: `#${target.id || `suggest-${field.name}`}` }, message(field, problems[field.name][0]));
        link.addEventListener("click", (event) => {
          event.preventDefault();
          target.focus();
        });
        return el("li", {}, link);
      }),
    );
  }

  // --- the preview: the record page's heading, summary, button and facts -----------

  function factValues(field, value) {
    const values = Array.isArray(value) ? value : value ? [value] : [];
    if (field.kind === "choice") return values.map((v) => field.values.find((x) => x.value === v)?.label[language] ?? v);
    if (field.kind === "state") return values.map((v) => (rules.states[language] ?? rules.states.en)[v] ?? v);
    if (field.kind === "language") return values.map((v) => rules.languages[v] ?? v);
    if (field.kind === "date") return values.map(humanDate);
    return values;
  }

  function humanDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    if (!month) return String(year);
    const options = { year: "numeric", month: "long", timeZone: "UTC", ...(day ? { day: "numeric" } : {}) };
    return new Intl.DateTimeFormat(language, options).format(new Date(Date.UTC(year, month - 1, day || 1)));
  }

  function drawPreview(checked) {
    const row = checked.row;
    const typeField = r.fields.get("document_type");
    const kicker = [
      ...(row.document_type ? factValues(typeField, row.document_type) : []),
      ...(row.jurisdiction ? [row.jurisdiction] : []),
      ...(row.date && !checked.problems.date ? [humanDate(row.date)] : []),
    ];
    const parts = [];
    parts.push(el("p", { class: "library-kicker" }, ...kicker.flatMap((k, i) => (i ? [" · ", el("bdi", {}, k)] : [el("bdi", {}, k)]))));
    parts.push(el("h3", { class: "library-preview-title", dir: "auto" }, row.title || t("preview_title")));
    parts.push(el("p", { class: "library-summary", dir: "auto" }, row.summary || t("preview_summary")));
    if (row.source_url && !checked.problems.source_url) {
      const host = (splitUrl(r, row.source_url)?.hostname ?? "").toLowerCase().replace(/^www\./, "");
      const words = isHomePage(r, row.source_url) ? t("home_page") : t("original");
      parts.push(
        el(
          "div",
          { class: "library-actions" },
          el("a", { class: "md-button md-button--primary", href: row.source_url, rel: "noopener noreferrer external" }, `${words} `, el("span", { class: "library-domain" }, `(${host})`)),
        ),
      );
    }
    const facts = el("dl", { class: "library-facts" });
    for (const field of rules.fields) {
      if (rules.own_place.includes(field.name) || checked.problems[field.name]) continue;
      const value = row[field.name];
      const values = factValues(field, value);
      if (!values.length || (field.default && values.length === 1 && value === field.default)) continue;
      facts.append(el("dt", {}, label(field, values.length > 1)), el("dd", {}, ...values.flatMap((v, i) => (i ? [", ", el("bdi", {}, v)] : [el("bdi", {}, v)]))));
    }
    if (facts.childElementCount) parts.push(facts);
    const body = form.elements.body.value.trim();
    if (body) parts.push(el("div", { class: "library-body library-preview-body", dir: "auto" }, ...body.split(/\n\s*\n/).map((p) => el("p", {}, p))));
    preview.replaceChildren(...parts);
  }

  // --- the file ---------------------------------------------------------------------

  function drawOutput(checked) {
    const text = markdown(r, checked.row, form.elements.body.value);
    const name = fileName(r, checked.id);
    current = { text, name: `${checked.id}.md` };
    markdownBox.value = text;
    nameBox.textContent = name;
    if (github) {
      const address = githubNewFile(rules.github, name, text, rules.address_limit);
      github.hidden = !address;
      if (address) github.href = address;
      else github.removeAttribute("href");
      tooLong.hidden = !!address;
      tooLong.textContent = address ? "" : t("too_long", { n: githubNewFile(rules.github, name, text, Infinity).length, limit: rules.address_limit });
    }
  }

  function refresh({ all = false } = {}) {
    const checked = checkRecord(r, inputs());
    for (const field of rules.fields) {
      const shown = all || submitted || touched.has(field.name);
      showField(field, shown ? (checked.problems[field.name] ?? []) : [], shown ? (checked.warnings[field.name] ?? []) : []);
    }
    drawPreview(checked);
    if (submitted) {
      if (!summary.hidden || all) showSummary(checked.problems);
      if (checked.ok) drawOutput(checked);
      output.hidden = !checked.ok;
    }
    return checked;
  }

  form.addEventListener("input", () => refresh());
  form.addEventListener("change", (event) => {
    if (event.target.name) touched.add(event.target.name);
    refresh();
  });
  form.addEventListener("focusout", (event) => {
    if (event.target.name && event.target.type !== "checkbox") touched.add(event.target.name);
    refresh();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // the form is the editor's own: it is never sent
    submitted = true;
    const checked = refresh({ all: true });
    if (!checked.ok) {
      summary.focus();
      return;
    }
    status.textContent = t("ready");
    output.querySelector("h2").focus();
  });

  output.querySelector("[data-copy-record]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(markdownBox.value);
      status.textContent = t("copied");
    } catch {
      markdownBox.focus();
      markdownBox.select();
      status.textContent = t("copy_failed");
    }
  });

  output.querySelector("[data-download-record]").addEventListener("click", () => {
    if (!current) return;
    const address = URL.createObjectURL(new Blob([current.text], { type: "text/markdown;charset=utf-8" }));
    const link = el("a", { href: address, download: current.name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(address), 10000);
    status.textContent = t("downloaded", { name: current.name });
  });

  refresh();
  root.dataset.suggestReady = "true";
}

if (root) start();
