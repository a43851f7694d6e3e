// Turns what a person typed in the scope editor into the API's lists: targets and exclusions (one
// per line, or separated by commas/spaces; "#" starts a comment) and UDP ports. Pure, so the
// parsing rules are unit-tested; the server still validates every entry and says which one is wrong.

export function parseTargetList(text: string): string[] {
  const entries: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const withoutComment = line.replace(/#.*$/, '');
    for (const entry of withoutComment.split(/[\s,;]+/)) {
      if (entry !== '' && !entries.includes(entry)) entries.push(entry);
    }
  }
  return entries;
}

export function formatTargetList(entries: readonly string[]): string {
  return entries.join('\n');
}

export type PortsParse = { ports: number[]; error: null } | { ports: null; error: string };

/**
 * "161, 1161" → [161, 1161]. Ranges are not accepted: every port is one more probe per address.
 * `protocol` names the transport and the well-known port in the message for an empty field.
 */
export function parsePorts(text: string, protocol: { transport: string; label: string; defaultPort: number } = { transport: 'UDP', label: 'SNMP', defaultPort: 161 }): PortsParse {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ports: null, error: `Give at least one ${protocol.transport} port (${protocol.defaultPort} is the ${protocol.label} default).` };
  const ports: number[] = [];
  for (const part of parts) {
    const port = Number(part);
    if (!/^\d+$/.test(part) || port < 1 || port > 65535) return { ports: null, error: `“${part}” is not a port: use whole numbers from 1 to 65535.` };
    if (!ports.includes(port)) ports.push(port);
  }
  if (ports.length > 32) return { ports: null, error: 'At most 32 ports per scope.' };
  return { ports, error: null };
}

/** Moves the item at `index` one place up (-1) or down (+1); out-of-range moves return the list unchanged. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item as T);
  return copy;
}
