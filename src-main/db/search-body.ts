// The text indexed for free-text search of one asset: every identifying value, and each of its tails
// that starts after a separator, so that the prefix queries of toSearchQuery find a value by any run
// of its parts: "plant-a" finds "hist-01.plant-a.example" (tail "plant-a.example"), "plant" and
// "example" find it too, and "10.0.4" finds "10.0.4.1".
const SEPARATOR = /[.\-:_/]+/g;

export function buildSearchBody(values: readonly (string | null | undefined)[]): string {
  const terms = new Set<string>();
  for (const raw of values) {
    if (!raw) continue;
    const value = raw.toLowerCase().trim();
    if (!value) continue;
    for (const word of value.split(/\s+/)) {
      terms.add(word);
      for (const match of word.matchAll(SEPARATOR)) {
        const tail = word.slice(match.index + match[0].length);
        if (tail) terms.add(tail);
      }
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

/** FNV-1a, 64 bits, as 16 hex digits: short, stable tokens for values the tokenizer would split. */
function fnv64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * The search token of a tag: `key` alone (any value) or `key=value`. Tags are matched exactly, so
 * they are indexed as one opaque token each rather than as words.
 */
export function tagToken(key: string, value?: string | null): string {
  const k = key.trim().toLowerCase();
  return value === undefined || value === null ? `tagk_${fnv64(k)}` : `tagkv_${fnv64(`${k}\u0000${value.trim().toLowerCase()}`)}`;
}
