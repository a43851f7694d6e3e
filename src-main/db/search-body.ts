// The text indexed for free-text search of one asset: every identifying value, and its parts split
// at separators, so that "plant-a" finds "hist-01.plant-a.example" and "10.0.4" finds "10.0.4.1".
const SEPARATORS = /[.\-:_/\s]+/;

export function buildSearchBody(values: readonly (string | null | undefined)[]): string {
  const terms = new Set<string>();
  for (const raw of values) {
    if (!raw) continue;
    const value = raw.toLowerCase().trim();
    if (!value) continue;
    for (const word of value.split(/\s+/)) {
      terms.add(word);
      for (const part of word.split(SEPARATORS)) if (part) terms.add(part);
    }
  }
  return [...terms].join(' ');
}

/** Turns what a person typed into an FTS5 query: every word must match as a prefix. */
export function toSearchQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}
