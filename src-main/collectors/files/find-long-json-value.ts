// For a JSON record too large to keep, finds from its kept beginning which top-level field holds a
// value longer than the per-value limit, so the rejection can name it ("hostname") rather than only
// say the record is too large. Error path only: a plain character scan is fine here.
import { exceedsUtf8Bytes } from './import-limits.js';

/** The top-level key whose value contains a string over `maxFieldBytes`, or null. `text` may be cut anywhere. */
export function findLongJsonValue(text: string, maxFieldBytes: number): string | null {
  let depth = 0;
  let key: string | null = null;
  // At depth 1 of an object, the next string is a key after "{" or ",", a value after ":".
  let expectKey = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const body = text.slice(i + 1, Math.min(end, text.length));
      if (depth === 1 && expectKey) {
        key = body;
        expectKey = false;
      } else if (exceedsUtf8Bytes(body, maxFieldBytes)) {
        return key;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = c === '{';
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
    i++;
  }
  return null;
}
