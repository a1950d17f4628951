// Saved searches, kept in the visitor's browser alone (localStorage), never sent anywhere.
// One entry per site: sites under one host (github.io/<repo>/) keep theirs apart by the
// site's root path. Each saved search keeps its address, its name, when it was saved and
// the hashes of its results' ids then (the build's id hashes, site/pagefiles.py), to count
// the results that are new since. The privacy page lists and clears exactly this.

const PREFIX = "policy-library.saved-searches:";

export const storageKey = (siteRoot) => PREFIX + new URL(siteRoot, document.baseURI).pathname;

export function readSaved(siteRoot) {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey(siteRoot)) || "[]");
    return Array.isArray(saved) ? saved.filter((entry) => entry && typeof entry.search === "string") : [];
  } catch {
    return []; // storage off, or a value not ours
  }
}

export function writeSaved(siteRoot, saved) {
  const key = storageKey(siteRoot);
  if (saved.length) localStorage.setItem(key, JSON.stringify(saved));
  else localStorage.removeItem(key);
}

export function clearSaved(siteRoot) {
  try {
    localStorage.removeItem(storageKey(siteRoot));
  } catch {
    // storage off: nothing is kept
  }
}

// Sorted, unique hashes as base64 of their little-endian bytes, and back.
export function packHashes(hashes) {
  const sorted = Uint32Array.from(new Set(hashes)).sort();
  const bytes = new Uint8Array(new Uint32Array(sorted).buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return btoa(text);
}

export function unpackHashes(text) {
  const binary = atob(text || "");
  const bytes = new Uint8Array(binary.length - (binary.length % 4));
  for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Set(new Uint32Array(bytes.buffer));
}
