// The text of results, loaded when they are shown (policy_library/search/fragments.py):
// one small file per record, named by its index ref, holding what a result shows.

export class Fragments {
  // `base`: the URL of the folder of fragments, ending in "/".
  constructor(base, fetchJson) {
    this.base = base;
    this.fetchJson = fetchJson;
    this.cache = new Map(); // ref -> Promise of the record's fragment
    this.arrived = new Set(); // refs whose fragment has arrived
  }

  // The fragments of the records with these refs, in the same order.
  get(refs) {
    return Promise.all(refs.map((ref) => this.one(ref)));
  }

  // Have the fragments of these refs all arrived already?
  has(refs) {
    return refs.every((ref) => this.arrived.has(ref));
  }

  // The text each record's excerpt is cut from (fragments.py's passages), in the same order.
  passages(refs) {
    return Promise.all(
      refs.map((ref) => {
        let promise = this.cache.get(`${ref}.passage`);
        if (!promise) {
          promise = this.fetchJson(new URL(`${ref}.passage.json`, this.base).href).then((passage) => {
            this.arrived.add(`${ref}.passage`);
            return passage;
          });
          promise.catch(() => this.cache.delete(`${ref}.passage`));
          this.cache.set(`${ref}.passage`, promise);
        }
        return promise;
      }),
    );
  }

  // Have the passages of these refs all arrived already?
  hasPassages(refs) {
    return refs.every((ref) => this.arrived.has(`${ref}.passage`));
  }

  one(ref) {
    let promise = this.cache.get(ref);
    if (!promise) {
      // A fragment's positions are fragments.py's FRAGMENT.
      promise = this.fetchJson(new URL(`${ref}.json`, this.base).href).then(([id, url, title, summary, meta, language]) => {
        this.arrived.add(ref);
        return { id, url, title, summary, meta, language };
      });
      promise.catch(() => this.cache.delete(ref)); // retried by the next search
      this.cache.set(ref, promise);
    }
    return promise;
  }
}

// Every record's title into db.records, which sorting by title (and by date, for ties) compares.
export function loadTitles(db, url, fetchJson) {
  if (!db.titles) {
    db.titles = fetchJson(url).then((titles) => {
      titles.forEach((title, i) => {
        db.records[i].title = title;
      });
    });
    db.titles.catch(() => {
      db.titles = null;
    });
  }
  return db.titles;
}
