// Checks a record against the size limits and for control characters, before validation, so that
// a damaged export (NUL bytes from a wrong encoding, a runaway value, a list of a million entries)
// is refused with the field named instead of reaching the schema, the database or the UI.
//
// The checks are skipped when the record's text proves them unnecessary: no value can be longer
// than the whole record's text, and a JSON text without a `\u00..` or `\b\f\n\r\t` escape holds
// no control character (JSON does not allow them unescaped inside strings).
import { exceedsUtf8Bytes, formatCount, type ImportLimits } from './import-limits.js';
import { SINGLE_LINE_FIELDS } from './import-columns.js';

export interface RecordProblem {
  field: string | null;
  problem: string;
}

/** C0 control characters except tab, line feed and carriage return: never in a value. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
/** All C0 control characters: not in identifying values, where a line break or tab is damage too. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_OR_BREAK = /[\u0000-\u001F]/;
/** A JSON text that could hold a control character in a string. */
const JSON_CONTROL_ESCAPE = /\\(?:u00[01]|[bfnrt])/;

const CONTROL_NAMES: Readonly<Record<number, string>> = { 0: 'NUL', 9: 'tab', 10: 'line feed', 13: 'carriage return', 27: 'ESC' };

export interface BoundsChecks {
  strings: boolean;
  lists: boolean;
}

/** Which checks a JSON record's text calls for. */
export function jsonChecksFor(text: string, limits: ImportLimits): BoundsChecks {
  return {
    strings: exceedsUtf8Bytes(text, limits.maxFieldBytes) || (text.includes('\\') && JSON_CONTROL_ESCAPE.test(text)),
    // n list entries take at least 2n - 1 characters of text.
    lists: text.length >= 2 * limits.maxListEntries + 1,
  };
}

/**
 * Walks a parsed record (the JSON shape) for values over the limits: long or control-character
 * strings (when `checks.strings`), long lists and objects, deep nesting. The walk always runs,
 * because nesting is only visible in the parsed value; it stops at maxNestingDepth.
 */
export function checkRecordBounds(record: unknown, limits: ImportLimits, checks: BoundsChecks): RecordProblem | null {
  const path: (string | number)[] = [];
  const walk = (value: unknown, depth: number): RecordProblem | null => {
    if (typeof value === 'string') return checks.strings ? checkText(value, path, limits) : null;
    if (value === null || typeof value !== 'object') return null;
    if (depth > limits.maxNestingDepth) {
      return { field: formatPath(path), problem: `the value is nested more than ${limits.maxNestingDepth} levels deep; flatten it or leave it out` };
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxListEntries) {
        return { field: formatPath(path), problem: `the list has ${formatCount(value.length)} entries; the limit is ${formatCount(limits.maxListEntries)} per list` };
      }
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === null || (typeof item !== 'object' && typeof item !== 'string')) continue;
        path.push(i);
        const problem = walk(item, depth + 1);
        path.pop();
        if (problem !== null) return problem;
      }
      return null;
    }
    let keys = 0;
    const object = value as Record<string, unknown>;
    for (const key in object) {
      if (++keys > limits.maxListEntries) {
        const what = path.length === 0 ? 'the record has' : 'the object has';
        return { field: formatPath(path), problem: `${what} ${formatCount(Object.keys(object).length)} keys; the limit is ${formatCount(limits.maxListEntries)}` };
      }
      path.push(key);
      const problem = (checks.strings ? checkKey(key, path, limits) : null) ?? walk(object[key], depth + 1);
      path.pop();
      if (problem !== null) return problem;
    }
    return null;
  };
  return walk(record, 1);
}

/** One CSV cell's text, for length and control characters; `field` names its column. */
export function checkCellText(cell: string, field: string, limits: ImportLimits): RecordProblem | null {
  return checkText(cell, [field], limits);
}

/** Whether a CSV row's text may hold a control character in a cell (a tab is the delimiter of a tab-separated file). */
export function csvRowMayHoldControls(text: string, delimiter: string): boolean {
  if (delimiter !== '\t') return CONTROL_OR_BREAK.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09) return true;
  }
  return false;
}

function checkText(text: string, path: readonly (string | number)[], limits: ImportLimits): RecordProblem | null {
  if (exceedsUtf8Bytes(text, limits.maxFieldBytes)) {
    return {
      field: formatPath(path),
      problem: `the value is ${formatCount(Buffer.byteLength(text, 'utf8'))} bytes long; the limit is ${formatCount(limits.maxFieldBytes)} bytes per value`,
    };
  }
  const singleLine = path.length === 1 && SINGLE_LINE_FIELDS.has(String(path[0]));
  const found = (singleLine ? CONTROL_OR_BREAK : CONTROL).exec(text);
  if (found === null) return null;
  return { field: formatPath(path), problem: `the value ${describeControl(found[0].charCodeAt(0), found.index, singleLine)}` };
}

function checkKey(key: string, path: readonly (string | number)[], limits: ImportLimits): RecordProblem | null {
  if (exceedsUtf8Bytes(key, limits.maxFieldBytes)) {
    return { field: formatPath(path.slice(0, -1)), problem: `a key is ${formatCount(Buffer.byteLength(key, 'utf8'))} bytes long; the limit is ${formatCount(limits.maxFieldBytes)} bytes` };
  }
  const found = CONTROL_OR_BREAK.exec(key);
  return found === null ? null : { field: formatPath(path.slice(0, -1)), problem: `the key ${JSON.stringify(key.slice(0, 40))} ${describeControl(found[0].charCodeAt(0), found.index, true)}` };
}

function describeControl(code: number, index: number, singleLine: boolean): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CONTROL_NAMES[code];
  const what = `${hex}${name !== undefined ? ` (${name})` : ''}`;
  const why = code === 0x09 || code === 0x0a || code === 0x0d ? (singleLine ? '; an identifying value must be one line without tabs' : '') : '; such characters are usually a sign of a damaged export or the wrong encoding';
  return `contains the control character ${what} at character ${index + 1}${why}; remove it`;
}

// ['interfaces', 0, 'mac'] → "interfaces[0].mac"
export function formatPath(path: readonly PropertyKey[]): string | null {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out === '' ? null : out;
}
