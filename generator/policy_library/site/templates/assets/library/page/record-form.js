// A record's rules, as `library check` applies them, and its file, as `library import` writes it.
//
// Everything here reads the rules the build writes into the page (model/form_rules.py
// makes them from the checker's own declarations: the registry, the id and date
// patterns, the vocabularies, the states, how text is cleaned and how YAML reads a
// word). No DOM and no sentence: problems are codes with values, which the page puts
// into its own words. tests/browser/test_suggest_agreement.py holds this module and
// the checker to the same answers.

const compiled = new WeakMap();

// The rules with their patterns made into regular expressions, once per rules object.
export function prepare(rules) {
  let r = compiled.get(rules);
  if (r) return r;
  const re = (source, flags = "u") => new RegExp(source, flags);
  r = {
    rules,
    fields: new Map(rules.fields.map((f) => [f.name, f])),
    id: re(rules.id.pattern),
    controls: re(rules.text.controls, "gu"),
    bidi: re(rules.text.bidi, "gu"),
    space: re(rules.text.whitespace + "+", "gu"),
    edgeSpace: re(`^${rules.text.whitespace}+|${rules.text.whitespace}+$`, "gu"),
    combining: re(rules.text.combining, "gu"),
    separator: re(rules.list_separator, "u"),
    date: re(rules.date.pattern),
    homePage: re(`^(?:${rules.url.home_page})$`, "iu"),
    plain: re(rules.yaml.plain),
    unreadable: re(rules.yaml.unreadable, "gu"),
    words: rules.yaml.words.filter((w) => w.tag !== "str").map((w) => ({ first: new Set(w.first), pattern: re(w.pattern) })),
    quoted: new Set(rules.yaml.quoted),
    casefold: rules.text.casefold,
  };
  compiled.set(rules, r);
  return r;
}

// --- text ---------------------------------------------------------------------

const isAscii = (text) => /^[\x00-\x7f]*$/.test(text);

// Python's str.strip() and " ".join(text.split()): Python's own idea of whitespace.
const strip = (r, text) => text.replace(r.edgeSpace, "");
const collapse = (r, text) => strip(r, text.replace(r.space, " "));

// A value as the checker reads it from a file import wrote: on one line (tabular.record_text),
// then cleaned (records._Fields._clean). null when the file could not be read: a lone
// surrogate, or a character YAML refuses that JSON's escapes do not cover (DEL, C1 controls).
export function clean(r, text) {
  text = collapse(r, String(text));
  if (!text.isWellFormed() || unreadable(r, text)) return null;
  if (!isAscii(text)) text = text.replace(r.bidi, "").normalize("NFC");
  return collapse(r, text.replace(r.controls, ""));
}

const unreadable = (r, text) => [...text.matchAll(r.unreadable)].some(([c]) => c > "\x1f");

// taxonomy.comparable: NFKD, no combining marks, case folded.
export function fold(r, text) {
  let out = "";
  for (const char of text.normalize("NFKD").replace(r.combining, "")) out += r.casefold[char] ?? char.toLowerCase();
  return out;
}

// Several values typed in one box: `a; b` or `a, b`, empty ones dropped.
export function split(r, text) {
  return String(text)
    .split(r.separator)
    .map((part) => strip(r, part))
    .filter(Boolean);
}

// --- ids ----------------------------------------------------------------------

// The id `library new` and import make from a title: records.suggest_id, then short_id.
export function recordId(r, title) {
  const { id } = r.rules;
  let slug = fold(r, String(title))
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (id.reserved.includes(slug)) slug += id.reserved_suffix;
  slug ||= id.fallback;
  if (slug.length > id.length) {
    const cut = slug.slice(0, id.length);
    slug = cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
  }
  return slug;
}

export const fileName = (r, id) => `${r.rules.id.records_dir}/${id}.md`;

// --- one value of each kind ----------------------------------------------------

// taxonomy.Vocabulary.resolve: the value, or its English label, forgiving case and accents; then a label in another language.
function choice(r, field, raw) {
  const values = field.values;
  if (values.some((v) => v.value === raw)) return raw;
  const wanted = fold(r, strip(r, raw));
  let found = values.find((v) => fold(r, v.value) === wanted || fold(r, v.label.en) === wanted);
  for (const language of Object.keys(r.rules.languages)) found ??= values.find((v) => fold(r, v.label[language]) === wanted);
  return found ? found.value : null;
}

// taxonomy.resolve_state: a postal code in any case, or a state's name in any of the site's languages.
function state(r, raw) {
  const text = strip(r, raw);
  const names = r.rules.states;
  if (Object.hasOwn(names.en, text.toUpperCase())) return text.toUpperCase();
  const wanted = fold(r, text).replaceAll(".", "");
  for (const states of Object.values(names)) for (const [code, name] of Object.entries(states)) if (fold(r, name).replaceAll(".", "") === wanted) return code;
  return null;
}

// What YAML's resolver takes for a calendar date (PyYAML's and libyaml's timestamp, without a time).
const yamlDate = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

// dates.PartialDate.parse of a string: the form, then a year, month and day that exist.
export function date(r, raw) {
  const match = r.date.exec(strip(r, raw));
  if (!match) return { problem: "date_form" };
  const [year, month, day] = match.slice(1).map((g) => (g ? Number(g) : 0));
  const { first_year: first, last_year: last } = r.rules.date;
  if (year < first || year > last) return { problem: "date_year", vars: { year, first, last } };
  // Written YYYY-MM-DD, a date is one YAML reads as a calendar date (records._load_yaml): its month and day
  // must exist, so 2019-05-00 is refused where 2019-05, 2019 and 2019-5-0 stand for a month or a year.
  const withDay = yamlDate.test(strip(r, raw));
  if ((month || withDay) && (month < 1 || month > 12)) return { problem: "date_month", vars: { month } };
  const days = month ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if ((day || withDay) && (day < 1 || day > days)) return { problem: "date_day", vars: { year, month, day } };
  const pad = (n) => String(n).padStart(2, "0");
  return { value: [String(year).padStart(4, "0"), ...(month ? [pad(month)] : []), ...(month && day ? [pad(day)] : [])].join("-"), year, month, day };
}

// urllib.parse.urlsplit, as far as the checker looks: the scheme, the host, the path and query.
// null where urlsplit raises ValueError.
export function splitUrl(r, url) {
  url = url.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
  let scheme = "";
  const colon = url.indexOf(":");
  if (colon > 0 && /^[A-Za-z]/.test(url) && [...url.slice(0, colon)].every((c) => r.rules.url.scheme_chars.includes(c))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  let netloc = "";
  if (url.startsWith("//")) {
    const end = url.slice(2).search(/[/?#]/);
    netloc = end < 0 ? url.slice(2) : url.slice(2, 2 + end);
    url = end < 0 ? "" : url.slice(2 + end);
    const open = netloc.includes("["),
      close = netloc.includes("]");
    if (open !== close) return null;
    if (open && !bracketedHost(netloc.split("[")[1].split("]")[0])) return null;
  }
  let fragment = "",
    query = "";
  if (url.includes("#")) [url, fragment] = [url.slice(0, url.indexOf("#")), url.slice(url.indexOf("#") + 1)];
  if (url.includes("?")) [url, query] = [url.slice(0, url.indexOf("?")), url.slice(url.indexOf("?") + 1)];
  if (netloc && !isAscii(netloc)) {
    const bare = netloc.replace(/[@:#?]/g, "");
    const folded = bare.normalize("NFKC");
    if (folded !== bare && /[/?#@:]/.test(folded)) return null;
  }
  const hostinfo = netloc.slice(netloc.lastIndexOf("@") + 1);
  const bracket = hostinfo.indexOf("[");
  const hostname = bracket >= 0 ? hostinfo.slice(bracket + 1).split("]")[0] : hostinfo.split(":")[0];
  return { scheme, netloc, path: url, query, fragment, hostname };
}

// urlsplit's test of a host in brackets: an IPv6 address (with a zone after %), or an IPvFuture one.
function bracketedHost(host) {
  if (host.startsWith("v")) return /^v[a-fA-F0-9]+\..+$/su.test(host);
  const [address, ...zone] = host.split("%");
  if (zone.length && !zone.join("%")) return false;
  try {
    return new URL(`http://[${address}]/`).hostname.length > 2 && !/^[0-9.]+$/.test(address);
  } catch {
    return false;
  }
}

function url(r, raw) {
  const parts = splitUrl(r, raw);
  if (parts === null) return { problem: "url_incomplete" };
  if (!r.rules.url.schemes.includes(parts.scheme)) return { problem: "url_scheme", vars: { scheme: parts.scheme } };
  if (!parts.hostname || raw.includes(" ")) return { problem: "url_incomplete" };
  return { value: raw };
}

// model/addresses.is_home_page: only a publisher's home page, not a document.
export function isHomePage(r, address) {
  const parts = address ? splitUrl(r, strip(r, address)) : null;
  if (!parts || !parts.hostname || parts.query) return false;
  const path = parts.path.replace(/^\/+|\/+$/g, "");
  return !path || r.homePage.test(path);
}

function otherId(r, raw, ownId) {
  let id = raw.endsWith(".md") ? raw.slice(0, -3) : raw;
  id = id.replace(/^\/+|\/+$/g, "");
  id = id.slice(id.lastIndexOf("/") + 1);
  if (!r.id.test(id)) return { problem: "not_id" };
  if (id === ownId) return { problem: "self" };
  return { value: id };
}

// A date as the checker reads it: on one line, not cleaned (dates.PartialDate.parse).
function readable(r, raw) {
  const text = collapse(r, raw);
  return text.isWellFormed() && !unreadable(r, text) ? text : null;
}

// One value of a field, checked for its kind: {value} or {problem, vars}.
export function checkOne(r, field, raw, ownId = "") {
  switch (field.kind) {
    case "choice": {
      const value = choice(r, field, raw);
      return value === null ? { problem: "not_choice" } : { value };
    }
    case "state": {
      const value = state(r, raw);
      return value === null ? { problem: "not_state" } : { value };
    }
    case "language": {
      const value = raw.toLowerCase();
      return Object.hasOwn(r.rules.languages, value) ? { value } : { problem: "not_language" };
    }
    case "date":
      return date(r, raw);
    case "url":
      return url(r, raw);
    case "record":
      return otherId(r, raw, ownId);
    default:
      return { value: raw };
  }
}

// A field as the form gives it (the text of a box, or the values of a group of
// checkboxes): its value for the record (text, or a list) and its problems, each
// {code, value, vars}. `ownId`: the record's own id, which `related` may not name.
export function checkField(r, field, input, ownId = "") {
  const problems = [];
  const raws = Array.isArray(input) ? input.map(String) : field.multiple ? split(r, input ?? "") : [String(input ?? "")];
  const values = [];
  for (const raw of raws) {
    // A date is read as written (dates.PartialDate.parse): only other text is cleaned first.
    const text = field.kind === "date" ? readable(r, raw) : clean(r, raw);
    if (text === null) {
      problems.push({ code: "not_text", value: raw });
      break;
    }
    if (!text) continue;
    const one = checkOne(r, field, text, ownId);
    if (one.problem) problems.push({ code: one.problem, value: text, vars: one.vars || {} });
    else if (!values.includes(one.value)) values.push(one.value);
  }
  if (field.required && !values.length && !problems.length) problems.push({ code: "missing", value: "" });
  const value = field.multiple ? values : (values[0] ?? "");
  return { value, problems, warnings: problems.length ? [] : warnings(r, field, values) };
}

// What the checker warns about without refusing: a keyword that is a sentence, a summary of more than three.
function warnings(r, field, values) {
  if (field.long_item) {
    const long = values.find((v) => [...v].length > field.long_item); // code points, as Python counts
    if (long) return [{ code: "long_item", value: long }];
  }
  if (field.sentences && values[0]) {
    const count = values[0].split(new RegExp(field.sentences.break, "u")).filter((s) => s.trim()).length;
    if (count > field.sentences.most) return [{ code: "long_summary", value: "", vars: { most: field.sentences.most } }];
  }
  return [];
}

// Every field of the form: the record's id, its row (field name to value), and the problems by field.
export function checkRecord(r, inputs) {
  const title = clean(r, inputs.title ?? "") ?? "";
  const id = recordId(r, title);
  const row = {};
  const problems = {};
  const warnings = {};
  for (const field of r.rules.fields) {
    const checked = checkField(r, field, inputs[field.name] ?? (field.multiple ? [] : ""), id);
    row[field.name] = checked.value;
    if (checked.problems.length) problems[field.name] = checked.problems;
    if (checked.warnings.length) warnings[field.name] = checked.warnings;
  }
  return { id, row, problems, warnings, ok: !Object.keys(problems).length };
}

// --- the file ---------------------------------------------------------------------

// tabular.yaml_scalar: a word as written plainly when YAML reads it back as the same text, else in double quotes.
export function isPlain(r, text) {
  if (!r.plain.test(text) || text.search(r.unreadable) >= 0) return false;
  return !r.words.some((w) => (w.first.has(text[0]) || w.first.has("*")) && w.pattern.test(text));
}

// In double quotes, JSON's escapes are YAML's.
export const scalar = (r, text, quoted = false) => (!quoted && isPlain(r, text) ? text : JSON.stringify(text));

const isoDate = /^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/;

// tabular.record_text: the record file, fields in the registry's order, empty optional
// fields and a default value left out, then the body.
export function markdown(r, row, body = "") {
  const lines = ["---"];
  for (const field of r.rules.fields) {
    const value = row[field.name];
    if (field.multiple) {
      const items = (value || []).filter(Boolean);
      if (items.length || field.required) lines.push(`${field.name}: [${items.map((item) => scalar(r, item)).join(", ")}]`);
      continue;
    }
    const text = value ?? "";
    if (field.default && text.toLowerCase() === field.default) continue;
    if (!text && !field.required) continue;
    if (field.kind === "date" && isoDate.test(text) && !date(r, text).problem) {
      lines.push(`${field.name}: ${text}`);
      continue;
    }
    lines.push(`${field.name}: ${scalar(r, text, r.quoted.has(field.name) || !text)}`);
  }
  lines.push("---");
  let text = String(body).replace(/\r\n?/g, "\n");
  // The body as the checker reads it back (records.normalize): without bidirectional controls, in NFC.
  if (!isAscii(text)) text = text.replace(r.bidi, "").normalize("NFC");
  text = text.replace(/^\n+|\n+$/g, "");
  // A body of nothing but whitespace (U+0085 too) is no body: the checker's reader takes it for the frontmatter's end.
  if (!text.replace(r.space, "")) text = "";
  return lines.join("\n") + "\n" + (text ? "\n" + text + "\n" : "");
}

// GitHub's page for a new file in the repository, filled in; null when the address would be longer than `limit`.
export function githubNewFile(github, path, text, limit) {
  const address = `${github.new}?filename=${encodeURIComponent(github.folder + path)}&value=${encodeURIComponent(text)}`;
  return address.length <= limit ? address : null;
}
