// A Lunr index split by term (generator/index/shards.py): the term lists a
// query's words can expand into, then only the shards of the terms found. A query is scored on
// those shards alone exactly as lunr.js scores the whole index, because a
// score only reads the query's own terms from the field vectors and their
// global numbers and BM25 weights are kept (see ShardedIndex.search).

import { exclusionTerms, parseQuery, planClauses, prepareGlossary } from "./query.js";

const FRONT_CODE_BASE = 48;

export function frontDecode(coded) {
  const terms = [];
  let previous = "";
  if (!coded) return terms;
  for (const entry of coded.split("\n")) {
    const term = previous.slice(0, entry.charCodeAt(0) - FRONT_CODE_BASE) + entry.slice(1);
    terms.push(term);
    previous = term;
  }
  return terms;
}

// First position in sorted `terms` (strings, or numbers in a typed array) whose value is >= `text`.
function lowerBound(terms, text) {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (terms[mid] < text) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The order of lunr.TokenSet.prototype.toArray on a set built from sorted terms
// (a depth-first walk that pops the last edge first): a term before its
// extensions, otherwise descending. A record's score adds its fields in the order
// lunr meets them, so scores equal lunr's to the last bit only in this order.
function tokenSetOrder(a, b) {
  if (b.startsWith(a)) return -1;
  if (a.startsWith(b)) return 1;
  return a < b ? 1 : -1;
}

const SHORT = 3;
// The typos of a word this long (its stem) that change its last letter may be looked for in shards.
const RANGE_TYPO_MIN = 5;

// Could one edit (a letter inserted, deleted or changed, or two neighbours swapped) turn `a` into `b`?
// One edit leaves every letter before it and every letter after it in place, so the two words'
// common start and common end together cover all but at most two letters of the longer. A cheap
// test that never refuses a word one edit away: the exact test (lunr's automaton) then runs on
// a few candidates instead of thousands.
function nearlyAligned(a, b) {
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && a[start] === b[start]) start++;
  let end = 0;
  while (end < shorter - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return start + end >= Math.max(a.length, b.length) - 2;
}

export class ShardedIndex {
  // `fetchJson(name)` returns a shard's or a term list's JSON; names are those in the manifest.
  constructor(lunr, manifest, fetchJson) {
    this.lunr = lunr;
    this.manifest = manifest;
    this.fetchJson = fetchJson;
    this.lists = new Map(); // term list key -> Promise of its sorted terms
    this.known = new Map(); // term list key -> its sorted terms, once arrived
    this.shards = new Map(); // shard number -> Promise, settled once its postings are in this.postings
    this.postings = new Map(); // term -> {index, lists: [{field, refs, scores}]}
    this.expansions = new Map(); // clause -> its expanded terms
    this.names = []; // record number -> its ref as the index spells it
    this.size = 0;
    this.work = null;
    this.byLength = null; // term length -> terms, once prefetchLists has every term
    this.pipeline = lunr.Pipeline.load(manifest.pipeline);
    this.stops = new Set((manifest.stop || "").split(" "));
    this.glossary = prepareGlossary(manifest.glossary);
    this.shardTerms = new Map(); // shard number -> its terms, in the order of its entries
    this.positionFiles = new Map(); // shard number -> Promise, settled once its terms' positions are in this.positions
    this.positions = new Map(); // term -> per field list (as in postings), per record: its word positions
    this.dictionary = new Map(); // dictionary file name -> Promise of {words, counts}
    this.firstLetterLists = Object.keys(manifest.lists).filter((key) => key[0] === "h"); // every term is in one of these
  }

  // Where the terms `clause` may expand to are listed: `keys` names term lists (shards.py's list_keys),
  // `starts` texts whose terms are read from the shards that hold them, `terms` single terms read
  // from theirs. A shard holds every term from its first to the next shard's, so the shards of
  // the query's own words list most of what it expands to, in files it needs anyway: a word's own
  // stem, a prefix (the terms it starts), and the typos of a word that change its last letter
  // (the last letter changed, dropped or added to: they start with every letter but the last;
  // or the last two swapped). Only the typos that keep the last letter come from a term list
  // ("t<last>.<n>"): they may change any other letter, the first too. `free`: the shards the
  // query fetches anyway, or has; a typo's shards must all be among them, since one more shard
  // costs a request as the list does, and several times its bytes.
  sourcesFor(clause, free = null) {
    const term = clause.term.replace(/\*+$/, "");
    const { TRAILING } = this.lunr.Query.wildcard;
    if (!term || clause.editDistance > 1 || clause.wildcard & ~TRAILING || term.includes("*") || (clause.wildcard && clause.editDistance)) {
      return { keys: this.firstLetterLists, starts: [], terms: [] };
    }
    if (clause.wildcard) return { keys: [], starts: [term], terms: [] };
    if (!clause.editDistance) return { keys: [], starts: [], terms: [term] };
    if (this.byLength) return { keys: [], starts: [], terms: [] }; // every term has arrived: candidates come from this.byLength
    const n = term.length;
    const last = `t${term.charCodeAt(n - 1)}.${n}`;
    if (n >= RANGE_TYPO_MIN && free) {
      const kept = term.slice(0, n - 1);
      const swapped = term.slice(0, n - 2) + term[n - 1] + term[n - 2];
      if ([...this.span(kept), ...this.holding(swapped)].every((k) => free.has(k) || this.shards.has(k))) return { keys: [last], starts: [kept], terms: [swapped] };
    }
    // One list holds every term of n-1 to n+1 letters with this last letter (shards.py's list_keys).
    return { keys: [`h${term.charCodeAt(0)}`, n < SHORT ? "s" : last], starts: [], terms: [] };
  }

  // The numbers of the shards that hold the terms starting with `text`, in order: the shard its place
  // in the alphabet names, unless that shard ends before it, up to the last one starting at or before its last term.
  span(text) {
    const out = [];
    let n = this.shardOf(text);
    if (this.endsBefore(n, text)) n++;
    for (const last = this.shardOf(`${text}\uffff`); n <= last; n++) out.push(n);
    return out;
  }

  // Does shard `n` end before `term` (which is then no term of the index, if `n` is its place)?
  endsBefore(n, term) {
    const lasts = this.manifest.lasts;
    return Boolean(lasts) && lasts[n] < term;
  }

  // The shards that may hold `term`: the one its place names, none when that one ends before it.
  holding(term) {
    const n = this.shardOf(term);
    return this.endsBefore(n, term) ? [] : [n];
  }

  // The terms starting with `text`, in index order; the shards of its span have arrived.
  termsStarting(text) {
    const out = [];
    for (const n of this.span(text)) for (const term of this.shardTerms.get(n)) if (term.startsWith(text)) out.push(term);
    return out;
  }

  termList(key) {
    let promise = this.lists.get(key);
    if (!promise) {
      const name = this.manifest.lists[key];
      promise = name
        ? this.fetchJson(name).then((coded) => {
            const terms = frontDecode(coded);
            this.known.set(key, terms);
            return terms;
          })
        : Promise.resolve([]);
      if (!name) this.known.set(key, []);
      this.lists.set(key, promise);
      promise.catch(() => this.lists.delete(key)); // a failed fetch may be retried by the next query
    }
    return promise;
  }

  // Every first-letter list, which the worker fetches once a first result is shown: typos
  // (whose lists change with every letter typed) then wait for no more fetches.
  async prefetchLists() {
    const keys = this.firstLetterLists;
    const queue = [...keys];
    // Two at a time, so that the fetches of a search typed meanwhile are not queued behind them.
    const next = async () => {
      while (queue.length) await this.termList(queue.shift());
    };
    await Promise.all([next(), next()]);
    const byLength = new Map();
    for (const key of keys) {
      for (const term of this.known.get(key)) {
        const list = byLength.get(term.length);
        if (list) list.push(term);
        else byLength.set(term.length, [term]);
      }
    }
    this.byLength = byLength;
  }

  // Terms that may match `clause` (a superset of lunr's own expansion), sorted; its sources have arrived.
  candidates(clause) {
    const term = clause.term;
    const { keys, starts, terms } = clause.sources || this.sourcesFor(clause);
    const held = terms.filter((t) => this.postings.has(t));
    if (!clause.wildcard && !clause.editDistance && !keys.length) return held;
    const lists = [...keys.map((key) => this.known.get(key)), ...starts.map((text) => this.termsStarting(text)), held];
    if (clause.wildcard & this.lunr.Query.wildcard.TRAILING) {
      const stem = term.replace(/\*+$/, "");
      const out = [];
      for (const terms of lists) for (let i = lowerBound(terms, stem); i < terms.length && terms[i].startsWith(stem); i++) out.push(terms[i]);
      return out.sort();
    }
    if (clause.editDistance > 0) {
      // One edit keeps the length within one, and keeps the first or the last letter of a word of three or more.
      const out = new Set();
      const d = clause.editDistance;
      const pools = this.byLength && d === 1 ? [term.length - 1, term.length, term.length + 1].map((n) => this.byLength.get(n) || []) : lists;
      for (const terms of pools) {
        for (const t of terms) {
          if (Math.abs(t.length - term.length) > d) continue;
          if (d > 1 || term.length < 3 || ((t[0] === term[0] || t[t.length - 1] === term[term.length - 1]) && nearlyAligned(t, term))) out.add(t);
        }
      }
      return [...out].sort();
    }
    return lists.some((terms) => terms[lowerBound(terms, term)] === term) ? [term] : [];
  }

  // lunr's own expansion of `clause`, computed on the candidates only, once per clause:
  // typing "detaine" then "detainer" asks for most of the same clauses again.
  expand(clause) {
    const key = `${clause.wildcard}|${clause.editDistance}|${clause.term}`;
    let found = this.expansions.get(key);
    if (!found) {
      found = this.expandOnce(clause);
      this.expansions.set(key, found);
    }
    return found;
  }

  expandOnce(clause) {
    const found = this.candidates(clause);
    if (found.length === 0) return [];
    // A trailing wildcard alone matches exactly the terms that start with its text.
    const prefix = clause.wildcard === this.lunr.Query.wildcard.TRAILING && !clause.editDistance && !clause.term.replace(/\*+$/, "").includes("*");
    if (prefix) return found.sort(tokenSetOrder);
    if (!clause.wildcard && !clause.editDistance) return found;
    const { TokenSet } = this.lunr;
    return TokenSet.fromArray(found).intersect(TokenSet.fromClause(clause)).toArray();
  }

  shardOf(term) {
    const firsts = this.manifest.firsts;
    let lo = 0;
    let hi = firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // A shard's entries become typed arrays once, when it arrives: a query then walks numbers, not JSON.
  shard(number) {
    let promise = this.shards.get(number);
    if (!promise) {
      promise = this.fetchJson(this.manifest.shards[number]).then((entries) => {
        for (const [term, index, ...lists] of entries) this.postings.set(term, { index, lists: lists.map((list) => this.list(list)) });
        this.shardTerms.set(number, entries.map((entry) => entry[0]));
      });
      this.shards.set(number, promise);
      promise.catch(() => this.shards.delete(number)); // a failed fetch may be retried by the next query
    }
    return promise;
  }

  // One field's postings of a term: record numbers in ascending order with their vector entries.
  // The shard writes each number as its gap from the one before (the first as it is); a record's
  // ref is its number in base 36.
  list([field, gaps, values]) {
    const refs = new Int32Array(gaps.length);
    let n = 0;
    gaps.forEach((gap, i) => {
      n += gap;
      if (this.names[n] === undefined) this.names[n] = n.toString(36);
      refs[i] = n;
      if (n >= this.size) this.size = n + 1;
    });
    let scores = Float64Array.from(values);
    if (refs.some((n, i) => i > 0 && refs[i - 1] > n)) {
      const order = [...refs.keys()].sort((a, b) => refs[a] - refs[b]);
      scores = Float64Array.from(order, (i) => scores[i]);
      return { field, refs: Int32Array.from(order, (i) => refs[i]), scores, order };
    }
    return { field, refs, scores, order: null };
  }

  // The word positions of a shard's terms (only a phrase needs them): per term, per field
  // list, per record, the gaps between its positions (the first from 0).
  positionsOf(number) {
    let promise = this.positionFiles.get(number);
    if (!promise) {
      promise = Promise.all([this.shard(number), this.fetchJson(this.manifest.positions[number])]).then(([, entries]) => {
        this.shardTerms.get(number).forEach((term, i) => {
          const lists = this.postings.get(term).lists;
          this.positions.set(
            term,
            entries[i].map((gaps, l) => {
              const order = lists[l].order;
              return order ? order.map((k) => gaps[k]) : gaps;
            }),
          );
        });
      });
      this.positionFiles.set(number, promise);
      promise.catch(() => this.positionFiles.delete(number));
    }
    return promise;
  }

  // Where `term` stands in field `field` of record `n`: its positions, ascending (none: empty).
  wordPositions(term, field, n) {
    const entry = this.postings.get(term);
    if (!entry) return [];
    const l = entry.lists.findIndex((list) => list.field === field);
    if (l < 0) return [];
    const { refs } = entry.lists[l];
    const i = lowerBound(refs, n);
    if (i >= refs.length || refs[i] !== n) return [];
    const out = [];
    let at = 0;
    for (const gap of this.positions.get(term)[l][i]) out.push((at += gap));
    return out;
  }

  scratch() {
    const fields = this.manifest.fields.length;
    if (!this.work || this.work.size < this.size) {
      const size = this.size;
      this.work = { size, seen: new Uint32Array(size), count: new Uint8Array(size), order: new Uint8Array(size * fields), dots: new Float64Array(size * fields) };
    }
    return this.work;
  }

  // Every record the clauses of `q` touch, with lunr.js's score: lunr.Index.prototype.query
  // done on the shards' typed arrays, with the same arithmetic in the same order: the query
  // vector holds each expanded term's summed boosts (the same in every field), a field's
  // score is the dot product over term numbers in ascending order divided by the query
  // vector's magnitude only, and a record's score adds its fields' scores in the order lunr
  // first meets them (clause, expanded term, field). Sorted by score, then record.
  async scored(q) {
    const { query, expansions } = await this.prepare(parseQuery(this.lunr, q, this.stops, this.glossary));
    return this.rank(query.clauses, expansions);
  }

  // A plan's lunr query, each clause's expansion, and the terms it excludes, with their shards in.
  async prepare(plan) {
    const { lunr } = this;
    const query = new lunr.Query(this.manifest.fields);
    const slots = planClauses(lunr, query, plan);
    const exclusions = plan.excluded.flatMap((text) => exclusionTerms(lunr, text)).map((term) => ({ term, wildcard: 0, editDistance: 0 }));
    const all = [...query.clauses, ...exclusions];
    // The term lists and the shards that list what each clause may expand to, all at once: one round trip.
    // Words and prefixes first: the shards they need decide where their typos are looked for.
    const keys = new Set();
    const numbers = new Set();
    const take = (clause, sources) => {
      clause.sources = sources; // expand() reads the same sources
      for (const key of sources.keys) keys.add(key);
      for (const text of sources.starts) for (const n of this.span(text)) numbers.add(n);
      for (const term of sources.terms) for (const n of this.holding(term)) numbers.add(n);
    };
    for (const clause of all) if (!clause.editDistance) take(clause, this.sourcesFor(clause));
    const free = new Set(numbers);
    for (const clause of all) if (clause.editDistance) take(clause, this.sourcesFor(clause, free));
    // A phrase's words as written (a glossary member's are only that) are known terms or none: their
    // positions come with the shards, not a round trip after them (those of typos and prefixes follow below).
    const placed = new Set();
    if (this.manifest.positions) {
      slots.forEach(({ group, alternative }, c) => {
        const clause = query.clauses[c];
        if (!plan.groups[group].alternatives[alternative].phrase || clause.editDistance || clause.wildcard) return;
        for (const n of this.holding(clause.term)) placed.add(n);
      });
    }
    await Promise.all([...[...keys].map((key) => this.termList(key)), ...[...numbers].map((n) => this.shard(n)), ...[...placed].map((n) => this.positionsOf(n))]);
    const expansions = query.clauses.map((clause) => this.expand(clause));
    const excluded = exclusions.flatMap((clause) => this.expand(clause));
    numbers.clear();
    for (const terms of [...expansions, excluded]) for (const term of terms) numbers.add(this.shardOf(term));
    await Promise.all([...numbers].map((n) => this.shard(n)));
    // A phrase needs the positions of its words' terms, and only a phrase.
    const phrased = new Set();
    slots.forEach(({ group, alternative }, c) => {
      if (plan.groups[group].alternatives[alternative].phrase) for (const term of expansions[c]) phrased.add(this.shardOf(term));
    });
    if (phrased.size && this.manifest.positions) await Promise.all([...phrased].map((n) => this.positionsOf(n)));
    return { query, slots, expansions, excluded };
  }

  // The search of `q`: {hits, required, matched, complete, unknown} (hits null: no word is required, every record
  // but those marked in `excluded` matches). Hits match every
  // requirement (query.js) and no excluded word, best first; when no record matches them all,
  // the hits are the records that match the most (`matched` of `required`, `complete` false).
  // `unknown`: the visitor's own words that no record holds in any form.
  async search(q) {
    const plan = parseQuery(this.lunr, q, this.stops, this.glossary);
    const { query, slots, expansions, excluded } = await this.prepare(plan);
    const required = plan.groups.length;
    const unknown = [];
    plan.groups.forEach((group, g) => {
      if (group.alternatives.length > 1 || group.alternatives[0].phrase) return;
      const own = slots.map((slot, c) => (slot.group === g ? expansions[c].length : 0));
      if (own.every((n) => n === 0)) unknown.push(group.alternatives[0].words[0].text);
    });
    const out = this.holders(new Set(excluded), this.size);
    // No word to require (only stop words, or only exclusions): every record but the excluded.
    if (!required) return { hits: null, excluded: out, required, matched: 0, complete: true, unknown, suggestions: [], plan };
    const scored = this.rank(query.clauses, expansions);
    // Which records hold each word of each alternative: one mark per record per slot.
    const slotTerms = new Map();
    slots.forEach(({ group, alternative, word }, c) => {
      const key = `${group}.${alternative}.${word}`;
      if (!slotTerms.has(key)) slotTerms.set(key, new Set());
      for (const term of expansions[c]) slotTerms.get(key).add(term);
    });
    const size = this.size;
    const marks = new Map();
    for (const [key, terms] of slotTerms) marks.set(key, this.holders(terms, size));
    const counted = [];
    let best = 0;
    for (const hit of scored) {
      if (out[hit.number]) continue;
      let matched = 0;
      const through = [];
      plan.groups.forEach((group, g) => {
        const met = group.alternatives.findIndex((alternative, a) => {
          const held = alternative.words.every((word, w) => !word || marks.get(`${g}.${a}.${w}`)[hit.number]);
          return held && (!alternative.phrase || this.hasPhrase(hit.number, alternative.words, slotTerms, g, a));
        });
        if (met >= 0) matched++;
        // Found through the glossary alone: the result names the member it holds.
        if (met > 0 && group.alternatives[met].glossary) through.push(group.alternatives[met].glossary);
      });
      hit.glossary = through;
      hit.matched = matched;
      if (matched > best) best = matched;
      counted.push(hit);
    }
    const hits = best ? counted.filter((hit) => hit.matched === best) : [];
    const suggestions = await this.suggest(unknown);
    return { hits, required, matched: best, complete: best === required, unknown, suggestions, plan };
  }

  // For each word that matched nothing, the library's nearest word (up to two edits; ties go to
  // the word more records hold, then the first): null if none. Words are looked for among those
  // starting with the typed word's first or second letter, which covers a wrong letter anywhere
  // but the first, two first letters swapped and a stray letter typed before the word, while
  // fetching at most two of the dictionary's lists.
  async suggest(unknown) {
    const lists = this.manifest.words || {};
    return Promise.all(
      unknown.map(async (text) => {
        const names = [...new Set([text.charCodeAt(0), text.charCodeAt(1)].filter((code) => !Number.isNaN(code)).map((code) => lists[String(code)]))];
        let best = null;
        for (const name of names.filter(Boolean)) {
          const { words, counts } = await this.dictionaryList(name);
          words.forEach((word, i) => {
            if (Math.abs(word.length - text.length) > 2 || word === text) return;
            const d = editDistance(text, word);
            if (d > 2) return;
            if (!best || d < best.d || (d === best.d && counts[i] > best.count)) best = { word, d, count: counts[i] };
          });
        }
        return best ? best.word : null;
      }),
    );
  }

  dictionaryList(name) {
    let promise = this.dictionary.get(name);
    if (!promise) {
      promise = this.fetchJson(name).then(([coded, counts]) => ({ words: frontDecode(coded), counts }));
      promise.catch(() => this.dictionary.delete(name));
      this.dictionary.set(name, promise);
    }
    return promise;
  }

  // Marks of the records holding any of `terms`, in any field.
  holders(terms, size) {
    const out = new Uint8Array(Math.max(size, this.size));
    for (const term of terms) {
      const entry = this.postings.get(term);
      if (!entry) continue;
      for (const { refs } of entry.lists) for (let i = 0; i < refs.length; i++) out[refs[i]] = 1;
    }
    return out;
  }

  // Does record `n` hold alternative `a` of group `g` as a phrase: its words adjacent and in
  // order in one field (a null word, a stop word, holds one place)?
  hasPhrase(n, words, slotTerms, g, a) {
    const termsOf = words.map((word, w) => (word ? [...slotTerms.get(`${g}.${a}.${w}`)] : null));
    for (let field = 0; field < this.manifest.fields.length; field++) {
      const sets = termsOf.map((terms) => (terms ? new Set(terms.flatMap((term) => this.wordPositions(term, field, n))) : null));
      for (const start of sets[0]) {
        if (sets.every((set, k) => !set || set.has(start + k))) return true;
      }
    }
    return false;
  }

  rank(clauses, expansions) {
    const nFields = this.manifest.fields.length;
    const terms = new Map(); // term -> {term, entry, boost}
    const met = []; // terms in the order lunr first meets them
    clauses.forEach((clause, c) => {
      for (const term of expansions[c]) {
        const known = terms.get(term);
        if (known) known.boost = known.boost + clause.boost;
        else {
          const info = { term, entry: this.postings.get(term), boost: clause.boost };
          terms.set(term, info);
          met.push(info);
        }
      }
    });
    const { seen, count, order, dots } = this.scratch();
    const touched = [];
    for (const { entry } of met) {
      for (const { field, refs } of entry.lists) {
        const bit = 1 << field;
        for (let i = 0; i < refs.length; i++) {
          const n = refs[i];
          const had = seen[n];
          if (!(had & bit)) {
            if (!had) touched.push(n);
            seen[n] = had | bit;
            order[n * nFields + count[n]++] = field;
          }
        }
      }
    }
    const byIndex = [...met].sort((a, b) => a.entry.index - b.entry.index);
    let sumOfSquares = 0;
    for (const { boost } of byIndex) sumOfSquares += boost * boost;
    const magnitude = Math.sqrt(sumOfSquares);
    for (const { entry, boost } of byIndex) {
      for (const { field, refs, scores } of entry.lists) {
        for (let i = 0; i < refs.length; i++) dots[refs[i] * nFields + field] += boost * scores[i];
      }
    }
    const hits = [];
    for (const n of touched) {
      let score = 0;
      for (let k = 0; k < count[n]; k++) {
        const similarity = dots[n * nFields + order[n * nFields + k]] / magnitude || 0;
        score = k === 0 ? similarity : score + similarity;
      }
      hits.push(new Hit(this.names[n], n, score, met));
      // The scratch arrays are left zeroed for the next query.
      seen[n] = 0;
      count[n] = 0;
      dots.fill(0, n * nFields, (n + 1) * nFields);
    }
    hits.sort((a, b) => b.score - a.score || a.number - b.number);
    return hits;
  }
}

// A ranked record; the index terms it matched (for highlighting) are looked up only when asked.
class Hit {
  constructor(ref, number, score, met) {
    this.ref = ref;
    this.number = number;
    this.score = score;
    this.matched = 0;
    this.met = met;
  }

  get terms() {
    const out = [];
    for (const { term, entry } of this.met) {
      if (entry.lists.some(({ refs }) => contains(refs, this.number))) out.push(term);
    }
    return out;
  }
}

// Edits (insertion, deletion, substitution, or two neighbours swapped) from `a` to `b`.
export function editDistance(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

function contains(sorted, n) {
  const i = lowerBound(sorted, n);
  return i < sorted.length && sorted[i] === n;
}
