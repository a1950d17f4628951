// Citations of records as BibTeX, RIS and CSL-JSON, written in the browser for the
// search page's downloads. The rows are records.json's; the description (which field
// goes where, each document type's kind of item, BibTeX's escapes) is the build's
// (site/citations.py's description(), from the field registry), shipped in the page.
// site/citations.py writes every record page's files the same way from the same
// description; a test compares both byte for byte.

// Runs of these are one space in every format (a RIS value is one line).
const SPACE = /[\t\n\v\f\r ]+/g;
const clean = (text) => text.replace(SPACE, " ").trim();

function values(row, field) {
  const raw = row[field.column];
  const items = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
  const labels = field.labels || {};
  return items.map((v) => clean(Object.hasOwn(labels, String(v)) ? labels[String(v)] : String(v))).filter(Boolean);
}

// [target, form, values] in the description's order; fields with one target share it, without repeats.
export function collected(row, desc, format) {
  const found = new Map();
  for (const field of desc.fields) {
    const target = field[format];
    const list = target ? values(row, field) : [];
    if (!list.length) continue;
    if (!found.has(target)) found.set(target, [field.form, []]);
    const kept = found.get(target)[1];
    for (const value of list) if (!kept.includes(value)) kept.push(value);
  }
  return [...found].map(([target, [form, list]]) => [target, form, list]);
}

function itemType(row, desc) {
  const kinds = desc.type;
  const value = row[kinds.column] || "";
  return Object.hasOwn(kinds.values, value) ? kinds.values[value] : kinds.default;
}

const dateParts = (iso) => iso.split("-").map((part) => Number.parseInt(part, 10));

// --- BibTeX

const ASCII_LETTER = /^[A-Za-z]$/;

export function bibtexText(text, desc) {
  const table = desc.bibtex;
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (Object.hasOwn(table.escapes, char)) out += table.escapes[char];
    else if (Object.hasOwn(table.letters, char)) out += table.letters[char];
    else if (char.codePointAt(0) < 128) out += char;
    else {
      const parts = [...char.normalize("NFD")];
      const base = parts[0];
      const marks = parts.slice(1).join("");
      if (ASCII_LETTER.test(base) && parts.length === 2 && Object.hasOwn(table.accents, marks)) {
        const letter = base === "i" ? "\\i" : base === "j" ? "\\j" : base;
        out += "{" + table.accents[marks] + letter + "}";
      } else out += char;
    }
  }
  return out;
}

function bibtexEntry(row, desc) {
  const table = desc.bibtex;
  const lines = [];
  for (const [target, form, list] of collected(row, desc, "bibtex")) {
    if (form === "date") {
      const parts = dateParts(list[0]);
      lines.push(["year", `{${parts[0]}}`]);
      if (parts.length > 1) lines.push(["month", table.months[parts[1] - 1]]);
      lines.push([target, `{${list[0]}}`]);
    } else if (form === "url") {
      lines.push([target, "{" + [...list[0]].map((c) => (Object.hasOwn(table.url, c) ? table.url[c] : c)).join("") + "}"]);
    } else if (form === "name") {
      lines.push([target, list.map((v) => "{{" + bibtexText(v, desc) + "}}").join(" and ")]);
    } else if (table.protect.includes(target)) {
      lines.push([target, "{{" + bibtexText(list.join("; "), desc) + "}}"]);
    } else {
      lines.push([target, "{" + bibtexText(list.join(", "), desc) + "}"]);
    }
  }
  const body = lines.map(([name, value]) => `  ${name} = ${value}`).join(",\n");
  return `@${itemType(row, desc).bibtex}{${row.id},\n${body}\n}\n`;
}

export const bibtex = (rows, desc) => rows.map((row) => bibtexEntry(row, desc)).join("\n");

// --- RIS

function risEntry(row, desc) {
  const lines = [`TY  - ${itemType(row, desc).ris}`, `ID  - ${row.id}`];
  for (const [target, form, list] of collected(row, desc, "ris")) {
    if (form === "date") {
      const parts = [...list[0].split("-"), "", ""];
      lines.push(`PY  - ${parts[0]}`);
      lines.push(`${target}  - ${parts[0]}/${parts[1]}/${parts[2]}/`);
    } else for (const value of list) lines.push(`${target}  - ${value}`);
  }
  lines.push("ER  - ");
  return lines.map((line) => line + "\r\n").join("");
}

export const ris = (rows, desc) => rows.map((row) => risEntry(row, desc)).join("\r\n");

// --- CSL-JSON

export function cslItem(row, desc) {
  const item = { id: row.id, type: itemType(row, desc).csl };
  for (const [target, form, list] of collected(row, desc, "csl")) {
    if (form === "name") item[target] = list.map((literal) => ({ literal }));
    else if (form === "date") item[target] = { "date-parts": [dateParts(list[0])] };
    else if (form === "list") item[target] = list.join(", ");
    else item[target] = list.join("; ");
  }
  return item;
}

export const cslJson = (rows, desc) => JSON.stringify(rows.map((row) => cslItem(row, desc)), null, 2) + "\n";

export const WRITERS = { bibtex, ris, "csl-json": cslJson };
