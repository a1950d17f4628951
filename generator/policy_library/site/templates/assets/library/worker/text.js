// Words and stems: the same rules as policy_library/search/text.py, step for step,
// so a typed word becomes exactly the term the build wrote into the index.

const MARKS = /[\u0300-\u036f]/g;
// Invisible characters that can sit inside a word: removed first, as text.py does, so they never split or hide one.
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
// Runs of word characters in original text, marks and invisible characters included so offsets stay in the text shown.
const SPANS = /[\p{L}\p{N}\p{M}\u00ad\u200b-\u200d\u2060\ufeff]+/gu;

export function fold(text) {
  return text.replace(INVISIBLE, "").normalize("NFD").replace(MARKS, "").toLowerCase();
}

export function words(text) {
  return fold(text).split(SEPARATORS).filter(Boolean);
}

export function endsInWord(text) {
  return ENDS_IN_WORD.test(fold(text));
}

export function* spans(text) {
  for (const match of text.matchAll(SPANS)) yield [match.index, match.index + match[0].length];
}

// Stemming is the costly part of a keystroke on long summaries: remember results.
const cache = { en: new Map(), es: new Map() };

export function stem(lunr, word, language) {
  const memo = cache[language === "es" ? "es" : "en"];
  let out = memo.get(word);
  if (out === undefined) {
    const fn = language === "es" ? lunr.es.stemmer : lunr.stemmer;
    out = fn(new lunr.Token(word)).toString();
    memo.set(word, out);
  }
  return out;
}
