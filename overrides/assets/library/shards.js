// A Lunr index split by term (generator/index/shards.py): the term list once,
// then only the shards of the terms a query touches. For each query it builds
// a lunr.Index from those shards alone; lunr.js scores it exactly as the
// whole index, because a score only reads the query's own terms from the
// field vectors and their global numbers and BM25 weights are kept.

import { addClauses, queryWords, search } from "./query.js";

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

// First position in sorted `terms` whose term is >= `text`.
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

export class ShardedIndex {
  // `fetchJson(name)` returns a shard's JSON; names are those in the manifest.
  constructor(lunr, manifest, fetchJson) {
    this.lunr = lunr;
    this.manifest = manifest;
    this.fetchJson = fetchJson;
    this.terms = frontDecode(manifest.terms);
    this.position = new Map(this.terms.map((t, i) => [t, i]));
    this.byLength = new Map();
    for (const term of this.terms) {
      const list = this.byLength.get(term.length);
      if (list) list.push(term);
      else this.byLength.set(term.length, [term]);
    }
    this.shards = new Map(); // shard number -> Promise of its entries
    this.pipeline = lunr.Pipeline.load(manifest.pipeline);
  }

  // Terms that may match `clause` (a superset of lunr's own expansion), sorted.
  candidates(clause) {
    const term = clause.term;
    if (clause.wildcard & this.lunr.Query.wildcard.TRAILING) {
      const stem = term.replace(/\*+$/, "");
      const out = [];
      for (let i = lowerBound(this.terms, stem); i < this.terms.length && this.terms[i].startsWith(stem); i++) out.push(this.terms[i]);
      return out;
    }
    if (clause.editDistance > 0) {
      // One edit keeps the length within one, and keeps the first or the last letter of a word of three or more.
      const out = [];
      const d = clause.editDistance;
      for (let n = Math.max(0, term.length - d); n <= term.length + d; n++) {
        for (const t of this.byLength.get(n) || []) {
          if (d > 1 || term.length < 3 || t[0] === term[0] || t[t.length - 1] === term[term.length - 1]) out.push(t);
        }
      }
      return out.sort();
    }
    return this.position.has(term) ? [term] : [];
  }

  // lunr's own expansion of `clause`, computed on the candidates only.
  expand(clause) {
    const found = this.candidates(clause);
    if (found.length === 0) return [];
    const { TokenSet } = this.lunr;
    return TokenSet.fromArray(found).intersect(TokenSet.fromClause(clause)).toArray();
  }

  shardOf(term) {
    const bounds = this.manifest.bounds;
    const at = this.position.get(term);
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  shard(number) {
    let promise = this.shards.get(number);
    if (!promise) {
      promise = this.fetchJson(this.manifest.shards[number]);
      this.shards.set(number, promise);
      promise.catch(() => this.shards.delete(number)); // a failed fetch may be retried by the next query
    }
    return promise;
  }

  // A lunr.Index holding exactly the terms that `clauses` expand to, with their postings and vector entries.
  async indexFor(clauses) {
    const wanted = new Set();
    for (const clause of clauses) for (const term of this.expand(clause)) wanted.add(term);
    const numbers = [...new Set([...wanted].map((t) => this.shardOf(t)))];
    const loaded = await Promise.all(numbers.map((n) => this.shard(n)));
    const { fields } = this.manifest;
    const invertedIndex = Object.create(null);
    const elements = new Map(); // "field/ref" -> [[termIndex, score], ...]
    for (const entries of loaded) {
      for (const [term, termIndex, ...postings] of entries) {
        if (!wanted.has(term)) continue;
        const posting = { _index: termIndex };
        for (const field of fields) posting[field] = Object.create(null);
        for (const [fieldNo, refs, scores] of postings) {
          const field = fields[fieldNo];
          refs.forEach((ref, i) => {
            posting[field][ref] = {};
            const key = `${field}/${ref}`;
            const list = elements.get(key);
            if (list) list.push([termIndex, scores[i]]);
            else elements.set(key, [[termIndex, scores[i]]]);
          });
        }
        invertedIndex[term] = posting;
      }
    }
    const fieldVectors = Object.create(null);
    for (const [key, pairs] of elements) {
      pairs.sort((a, b) => a[0] - b[0]); // lunr.Vector's dot product walks indices in order
      fieldVectors[key] = new this.lunr.Vector(pairs.flat());
    }
    const tokenSet = this.lunr.TokenSet.fromArray([...wanted].sort());
    return new this.lunr.Index({ invertedIndex, fieldVectors, tokenSet, fields, pipeline: this.pipeline });
  }
}

// query.js's ranked hits for `q`, computed on the shards its words need.
export async function searchSharded(sharded, q) {
  const { lunr } = sharded;
  const query = new lunr.Query(sharded.manifest.fields);
  for (const word of queryWords(q)) addClauses(lunr, query, word);
  if (query.clauses.length === 0) return [];
  return search(lunr, await sharded.indexFor(query.clauses), q);
}
