// A visitor's text as a Lunr query, and the ranking of its results.
// generator/index/query.py is the reference: the tests run both on the same
// index and compare refs, order and scores. The query is built with lunr's
// query API, never its query-string syntax, so `: ~ ^ * + -` are only text.

import { endsInWord, stem, words } from "./text.js";

export const EXACT_BOOST = 10;
export const PREFIX_BOOST = 3;
export const TYPO_BOOST = 1;
export const TYPO_MIN_LENGTH = 5;
export const MAX_WORDS = 12;

// Distinct words; the last one is a prefix while it is being typed.
export function queryWords(q) {
  const found = words(q).slice(0, MAX_WORDS);
  const typing = endsInWord(q);
  const out = [];
  found.forEach((text, i) => {
    const prefix = typing && i === found.length - 1;
    const seen = out.find((w) => w.text === text);
    if (seen) {
      if (prefix) seen.prefix = true;
      return;
    }
    out.push({ text, prefix });
  });
  return out;
}

export function addClauses(lunr, query, word) {
  const stems = [...new Set([stem(lunr, word.text, "en"), stem(lunr, word.text, "es")])];
  const plain = { usePipeline: false };
  for (const s of stems) query.term(s, { ...plain, boost: EXACT_BOOST });
  if (word.text.length >= TYPO_MIN_LENGTH) {
    for (const s of stems) query.term(s, { ...plain, boost: TYPO_BOOST, editDistance: 1 });
  }
  if (word.prefix) {
    query.term(word.text, { ...plain, boost: PREFIX_BOOST, wildcard: lunr.Query.wildcard.TRAILING });
  }
}

// Ranked hits: {ref, score, matched (distinct words matched), terms (index terms matched)}.
export function search(lunr, index, q) {
  const wordList = queryWords(q);
  if (wordList.length === 0) return [];
  const wordTerms = [];
  const results = index.query((query) => {
    for (const word of wordList) {
      const start = query.clauses.length;
      addClauses(lunr, query, word);
      const expanded = new Set();
      for (const clause of query.clauses.slice(start)) {
        for (const term of index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()) expanded.add(term);
      }
      wordTerms.push(expanded);
    }
  });
  const hits = results.map((result) => {
    const terms = Object.keys(result.matchData.metadata);
    const matched = wordTerms.filter((set) => terms.some((t) => set.has(t))).length;
    return { ref: result.ref, score: result.score, matched, terms };
  });
  hits.sort((a, b) => b.matched - a.matched || b.score - a.score || parseInt(a.ref, 36) - parseInt(b.ref, 36));
  return hits;
}
