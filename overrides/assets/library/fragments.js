// The text of results, loaded when they are shown (generator/index/fragments.py):
// the record data holds every record's codes, and the id, title, summary and
// jurisdiction of a record come in a fragment of consecutive records.

export class Fragments {
  // `data` is the record data as fetched; `base` the URL its file names are relative to.
  constructor(db, data, base, fetchJson) {
    this.db = db;
    this.info = data.fragments || null;
    this.url = data.url;
    this.base = base;
    this.fetchJson = fetchJson;
    this.chunks = new Map();
    this.titles = null;
  }

  load(name) {
    return this.fetchJson(new URL(name, this.base).href);
  }

  // Fill in the text of `records` (from db.records) that do not have it yet.
  async fill(records) {
    if (!this.info) return;
    const size = this.info.size;
    const wanted = new Set(records.filter((r) => r.id == null).map((r) => Math.floor(r.position / size)));
    await Promise.all(
      [...wanted].map((chunk) => {
        let promise = this.chunks.get(chunk);
        if (!promise) {
          promise = this.load(this.info.files[chunk]).then((rows) => {
            rows.forEach(([id, title, summary, jurisdiction], i) => {
              Object.assign(this.db.records[chunk * size + i], { id, title, summary, jurisdiction, url: this.url.replace("{id}", id) });
            });
          });
          promise.catch(() => this.chunks.delete(chunk)); // retried by the next search
          this.chunks.set(chunk, promise);
        }
        return promise;
      }),
    );
  }

  // Every record's title, which sorting by title (and by date, for ties) compares.
  async allTitles() {
    if (!this.info) return;
    if (!this.titles) {
      this.titles = this.load(this.info.titles).then((titles) => {
        titles.forEach((title, i) => {
          this.db.records[i].title = title;
        });
      });
      this.titles.catch(() => {
        this.titles = null;
      });
    }
    await this.titles;
  }
}
