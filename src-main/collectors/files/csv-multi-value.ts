// The hand-writable notation for multi-valued CSV cells (see docs/import-formats.md):
//   interfaces  name=mac@ip+ip#vlan;...     e.g. eth0=00:11:22:33:44:55@10.0.0.5+10.0.0.6#20
//   software    name|version|vendor;...     e.g. TIA Portal|V18|Siemens;7-Zip|23.01
//   tags        key=value;...               e.g. role=historian;zone=L3
//   IP lists    10.0.0.1;10.0.0.2           (commas and spaces also separate)
// A backslash makes the next character literal, for the rare name that contains ; = @ + # |.
// Parsing here is purely syntactic: the record schema validates MACs, IPs and numbers afterwards.

/** Splits on every unescaped `separator`; escapes stay in the parts so nested splits still see them. */
export function splitEscaped(text: string, separator: string): string[] {
  if (!text.includes('\\')) return text.split(separator);
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the first unescaped `ch`, or -1. */
function indexOfUnescaped(text: string, ch: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === ch) return i;
  }
  return -1;
}

function lastIndexOfUnescaped(text: string, ch: string): number {
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === ch) found = i;
  }
  return found;
}

export function unescapeValue(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/g, '$1').trim() : text.trim();
}

function entries(cell: string): string[] {
  return splitEscaped(cell, ';').filter((entry) => entry.trim() !== '');
}

export interface CsvInterface {
  name?: string;
  mac?: string;
  ips: string[];
  vlan?: string;
}

export function parseInterfacesCell(cell: string): CsvInterface[] {
  return entries(cell).map((entry) => {
    let rest = entry;
    const result: CsvInterface = { ips: [] };
    const eq = indexOfUnescaped(rest, '=');
    if (eq >= 0) {
      const name = unescapeValue(rest.slice(0, eq));
      if (name !== '') result.name = name;
      rest = rest.slice(eq + 1);
    }
    const hash = lastIndexOfUnescaped(rest, '#');
    if (hash >= 0) {
      const vlan = rest.slice(hash + 1).trim().replace(/^vlan\s*/i, '');
      if (vlan !== '') result.vlan = vlan;
      rest = rest.slice(0, hash);
    }
    const at = indexOfUnescaped(rest, '@');
    const mac = unescapeValue(at >= 0 ? rest.slice(0, at) : rest);
    if (mac !== '') result.mac = mac;
    if (at >= 0) result.ips = splitEscaped(rest.slice(at + 1), '+').map(unescapeValue).filter((ip) => ip !== '');
    return result;
  });
}

export interface CsvSoftware {
  name: string;
  version?: string;
  vendor?: string;
}

export function parseSoftwareCell(cell: string): CsvSoftware[] {
  return entries(cell).map((entry) => {
    const [name = '', version = '', vendor = ''] = splitEscaped(entry, '|').map(unescapeValue);
    return { name, ...(version !== '' && { version }), ...(vendor !== '' && { vendor }) };
  });
}

/** Returns the tags, or the first entry that has no `=` (the caller reports it). */
export function parseTagsCell(cell: string): { tags: Record<string, string> } | { badEntry: string } {
  const tags: Record<string, string> = {};
  for (const entry of entries(cell)) {
    const eq = indexOfUnescaped(entry, '=');
    const key = eq >= 0 ? unescapeValue(entry.slice(0, eq)) : '';
    if (key === '') return { badEntry: entry.trim() };
    tags[key] = unescapeValue(entry.slice(eq + 1));
  }
  return { tags };
}

export function parseIpListCell(cell: string): string[] {
  return cell.split(/[;,\s]+/).filter((ip) => ip !== '');
}

/** The inverse of the parsers above, for writers: escapes the characters that are syntax. */
export function escapeValue(text: string): string {
  return /[\\;=@+#|]/.test(text) ? text.replace(/[\\;=@+#|]/g, '\\$&') : text;
}
