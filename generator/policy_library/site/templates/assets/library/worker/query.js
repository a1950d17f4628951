// A visitor's text as a search plan: what must match, what must not, and the
// Lunr clauses that score it. tests/reference/query.py mirrors the
// clauses (its lunr.py scores are compared with these); tests/reference/
// catalogue.py is the reference of what a plan selects. The clauses are built with
// lunr's query API, never its query-string syntax, so `: ~ ^ * +` are only text.
//
// - Every word must match: each is a requirement, met by any of its terms
//   (English or Spanish stem, one typo for long words, a prefix for the word
//   being typed) or by another member of its glossary group.
// - `-word` excludes the records holding it; `"two words"` must appear as a
//   phrase (adjacent, in order; a stop word inside holds one place).
// - Stop words are not in the index: they are no requirement, except the word
//   still being typed, which may be the start of a longer word.

import { endsInWord, stem, words } from "./text.js";

export const EXACT_BOOST = 10;
export const GLOSSARY_BOOST = 6; // a little below the visitor's own words
export const PREFIX_BOOST = 3;
export const TYPO_BOOST = 1;
export const TYPO_MIN_LENGTH = 5;
export const MAX_WORDS = 12;

// A quoted phrase (its closing quote optional), or a run of anything but spaces and quotes.
const TOKENS = /"([^"]*)"?|[^ \t\n\r\f\v\u00a0"]+/g;

function stemKey(lunr, text) {
  return stem(lunr, text, "en");
}

// The glossary's groups, each member as its folded words: {members: [[word, ...], ...]}.
// Each member keeps the editor's spelling as `text`, which a result names when it was found through it.
export function prepareGlossary(groups) {
  const member = (text) => Object.assign(words(text), { text: text.trim() });
  return (groups || []).map((group) => group.map(member).filter((ws) => ws.length > 0)).filter((members) => members.length > 1);
}

// The plan of `q`: {groups: [{label, alternatives: [{words: [{text, prefix, exact, boost} | null], phrase, glossary}]}], excluded: [word]}.
// `stops`: a Set of the index's stop words; `glossary`: prepareGlossary's groups.
export function parseQuery(lunr, q, stops, glossary = []) {
  const plain = []; // {text, prefix}
  const phrases = []; // {words, typing}: typing, its last word is still being typed
  const excluded = [];
  let budget = MAX_WORDS;
  let last = null; // what the last token added: a plain word or a phrase of one chunk
  for (const match of (q || "").matchAll(TOKENS)) {
    last = null;
    if (match[1] !== undefined) {
      const found = words(match[1]).slice(0, Math.max(budget, 0));
      budget -= found.length;
      if (found.length) phrases.push({ words: found, typing: false });
      continue;
    }
    const chunk = match[0];
    const found = words(chunk).slice(0, Math.max(budget, 0));
    budget -= found.length;
    if (chunk[0] === "-") excluded.push(...found);
    else if (found.length > 1) {
      // Words joined by punctuation (S-Comm, 287(g), ice:detainer) stand together: a phrase.
      last = { words: found, typing: false };
      phrases.push(last);
    } else if (found.length) {
      last = { text: found[0], prefix: false };
      plain.push(last);
    }
  }
  if (last && endsInWord(q)) {
    if (last.words) last.typing = true;
    else last.prefix = true;
  }

  const groups = [];
  const own = (text, prefix, exact) => ({ text, prefix, exact, boost: EXACT_BOOST });
  const seen = new Map();
  plain.forEach(({ text, prefix }, i) => {
    if (stops.has(text) && !prefix) return;
    const known = seen.get(text);
    if (known) {
      if (prefix) known.alternatives[0].words[0].prefix = true;
      return;
    }
    const group = { label: text, texts: [text], start: i, alternatives: [{ words: [own(text, prefix, false)], phrase: false, glossary: null }] };
    seen.set(text, group);
    groups.push(group);
  });
  for (const { words: phrase, typing } of phrases) {
    // Stop words hold a place inside a phrase; at its ends they constrain nothing (but the word being typed).
    let from = 0;
    let to = phrase.length;
    while (from < to && stops.has(phrase[from])) from++;
    while (to > from && stops.has(phrase[to - 1]) && !(typing && to === phrase.length)) to--;
    const kept = phrase.slice(from, to);
    if (!kept.length) continue;
    const typed = typing && to === phrase.length ? kept.length - 1 : -1;
    const ws = kept.map((text, k) => (k === typed ? own(text, true, false) : stops.has(text) ? null : own(text, false, true)));
    groups.push({ label: kept.join(" "), texts: kept, alternatives: [{ words: ws, phrase: ws.length > 1, glossary: null }] });
  }
  if (glossary.length) expandGlossary(lunr, groups, plain, stops, glossary);
  return { groups, excluded: [...new Set(excluded)].filter((text) => !stops.has(text)) };
}

// Another member of a word's or a phrase's glossary group meets its requirement too (a
// member of several words as a phrase). Plain words in a row that spell a member become
// one requirement: all of them, or another member.
function expandGlossary(lunr, groups, plain, stops, glossary) {
  const keyOf = (ws) => ws.map((w) => stemKey(lunr, w)).join(" ");
  const byKey = new Map();
  glossary.forEach((members, g) => members.forEach((member, m) => byKey.set(keyOf(member), [g, m])));
  const alternativesFor = ([g, m]) =>
    glossary[g]
      .filter((_, k) => k !== m)
      .map((member) => {
        const ws = member.map((text) => (stops.has(text) ? null : { text, prefix: false, exact: true, boost: GLOSSARY_BOOST }));
        return { words: ws, phrase: ws.length > 1, glossary: [member.text, glossary[g][m].text] };
      })
      .filter((alternative) => alternative.words.some(Boolean));
  // Runs of plain words, longest first, that spell a member of several words.
  const texts = plain.map((w) => w.text);
  const taken = new Set();
  for (let length = Math.min(texts.length, 8); length >= 2; length--) {
    for (let i = 0; i + length <= texts.length; i++) {
      if ([...Array(length).keys()].some((k) => taken.has(i + k))) continue;
      const found = byKey.get(keyOf(texts.slice(i, i + length)));
      if (!found) continue;
      const run = new Set(texts.slice(i, i + length));
      const members = groups.filter((group) => group.start !== undefined && run.has(group.label));
      if (!members.length) continue;
      for (let k = 0; k < length; k++) taken.add(i + k);
      const merged = {
        label: texts.slice(i, i + length).join(" "),
        texts: texts.slice(i, i + length),
        alternatives: [{ words: members.map((group) => group.alternatives[0].words[0]), phrase: false, glossary: null }, ...alternativesFor(found)],
      };
      const at = groups.indexOf(members[0]);
      for (const group of members) groups.splice(groups.indexOf(group), 1);
      groups.splice(at, 0, merged);
    }
  }
  for (const group of groups) {
    if (group.alternatives.length > 1) continue;
    const found = byKey.get(keyOf(group.texts));
    if (found) group.alternatives.push(...alternativesFor(found));
  }
}

// The clauses of one word: its stems exactly, then one typo away and as a prefix unless `exact`.
export function addClauses(lunr, query, word) {
  const stems = [...new Set([stem(lunr, word.text, "en"), stem(lunr, word.text, "es")])];
  const plain = { usePipeline: false };
  for (const s of stems) query.term(s, { ...plain, boost: word.boost });
  if (word.exact) return;
  if (word.text.length >= TYPO_MIN_LENGTH) {
    for (const s of stems) query.term(s, { ...plain, boost: TYPO_BOOST, editDistance: 1 });
  }
  if (word.prefix) {
    query.term(word.text, { ...plain, boost: PREFIX_BOOST, wildcard: lunr.Query.wildcard.TRAILING });
  }
}

// Every scoring clause of a plan, with the requirement slot each belongs to:
// `slots[k]` is {group, alternative, word} of clause k's word.
export function planClauses(lunr, query, plan) {
  const slots = [];
  plan.groups.forEach((group, g) =>
    group.alternatives.forEach((alternative, a) =>
      alternative.words.forEach((word, w) => {
        if (!word) return;
        addClauses(lunr, query, word);
        while (slots.length < query.clauses.length) slots.push({ group: g, alternative: a, word: w });
      }),
    ),
  );
  return slots;
}

// The exact stems of an excluded word.
export function exclusionTerms(lunr, text) {
  return [...new Set([stem(lunr, text, "en"), stem(lunr, text, "es")])];
}

// The records the clauses of `q` touch on a whole lunr.js index, with lunr's own scores, best
// first (shards.js's `scored` on the index split by term; the tests compare them with lunr.py's).
export function scoredOn(lunr, index, q, stops, glossary = []) {
  const plan = parseQuery(lunr, q, stops, prepareGlossary(glossary));
  let clauses = 0;
  const results = index.query((query) => {
    planClauses(lunr, query, plan);
    clauses = query.clauses.length;
  });
  if (!clauses) return [];
  return results.map((r) => ({ ref: r.ref, score: r.score })).sort((a, b) => b.score - a.score || parseInt(a.ref, 36) - parseInt(b.ref, 36));
}
