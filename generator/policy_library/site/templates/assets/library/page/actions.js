// What the search page offers beside its results, loaded once results are on screen so
// that it never delays them: downloads and citations, the feed of a single filter value,
// and saving the search.
export const loaded = Promise.all([import("./download.js"), import("./feed-link.js"), import("./saved.js")]);
