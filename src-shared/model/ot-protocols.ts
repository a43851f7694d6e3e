// The protocols an OT seed list can hint at for an endpoint, their well-known ports, and the one
// written form of a hint list ("modbus:502;opcua:4840") that seed observations carry in their
// `protocols` tag and that active collectors read back as default targets.
export const OT_SEED_PROTOCOLS = ['modbus', 'bacnet', 'opcua', 'snmp'] as const;
export type OtSeedProtocol = (typeof OT_SEED_PROTOCOLS)[number];

export const OT_SEED_PROTOCOL_LABELS: Record<OtSeedProtocol, string> = {
  modbus: 'Modbus TCP',
  bacnet: 'BACnet/IP',
  opcua: 'OPC UA',
  snmp: 'SNMP',
};

/** Modbus TCP 502, BACnet/IP 47808 (0xBAC0, UDP), OPC UA 4840, SNMP 161 (UDP). */
export const OT_DEFAULT_PORTS: Record<OtSeedProtocol, number> = { modbus: 502, bacnet: 47808, opcua: 4840, snmp: 161 };

/** The tag of a seed observation that holds its protocol hints. */
export const SEED_PROTOCOLS_TAG = 'protocols';
/** The tag of a seed observation that holds its OPC UA endpoint URL. */
export const SEED_OPCUA_ENDPOINT_TAG = 'opcua_endpoint';

export interface ProtocolHint {
  protocol: OtSeedProtocol;
  port: number;
}

// Spellings found in engineering documents, compacted (lower case, letters and digits only).
const ALIASES: Readonly<Record<string, OtSeedProtocol>> = {
  modbus: 'modbus',
  modbustcp: 'modbus',
  mbtcp: 'modbus',
  bacnet: 'bacnet',
  bacnetip: 'bacnet',
  opcua: 'opcua',
  opcuatcp: 'opcua',
  ua: 'opcua',
  snmp: 'snmp',
};

/** A protocol name as people write it ("Modbus TCP", "BACnet/IP", "OPC-UA") → its id, or null. */
export function parseOtProtocol(text: string): OtSeedProtocol | null {
  return ALIASES[text.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? null;
}

/** The protocol a well-known port stands for, when a seed gives a port and no protocol. */
export function protocolOfPort(port: number): OtSeedProtocol | null {
  for (const protocol of OT_SEED_PROTOCOLS) if (OT_DEFAULT_PORTS[protocol] === port) return protocol;
  return null;
}

/**
 * Parses one hint entry, `name` or `name:port` ("modbus", "opcua:4841"): the hint, or what is
 * wrong with it.
 */
export function parseProtocolHint(entry: string, defaultPort: number | null): ProtocolHint | { problem: string } {
  const text = entry.trim();
  const colon = text.lastIndexOf(':');
  const name = colon > 0 ? text.slice(0, colon) : text;
  const portText = colon > 0 ? text.slice(colon + 1).trim() : null;
  const protocol = parseOtProtocol(name);
  if (protocol === null) return { problem: `expected a protocol: one of ${OT_SEED_PROTOCOLS.join(', ')} (optionally with a port, such as modbus:5020), got ${JSON.stringify(text)}` };
  if (portText === null) return { protocol, port: defaultPort ?? OT_DEFAULT_PORTS[protocol] };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) return { problem: `expected a port from 1 to 65535 after "${name}:", got ${JSON.stringify(portText)}` };
  return { protocol, port };
}

/** The stored form of a hint list: sorted by protocol, one entry per protocol, "modbus:502;opcua:4840". */
export function formatProtocolHints(hints: readonly ProtocolHint[]): string {
  const byProtocol = new Map<OtSeedProtocol, number>();
  for (const h of hints) if (!byProtocol.has(h.protocol)) byProtocol.set(h.protocol, h.port);
  return OT_SEED_PROTOCOLS.filter((p) => byProtocol.has(p))
    .map((p) => `${p}:${byProtocol.get(p) as number}`)
    .join(';');
}

/** Reads the stored form back (entries that do not parse are skipped: a person may have edited the tag). */
export function readProtocolHints(text: string | undefined): ProtocolHint[] {
  if (!text) return [];
  const out: ProtocolHint[] = [];
  for (const entry of text.split(/[;,\s]+/)) {
    if (entry === '') continue;
    const hint = parseProtocolHint(entry, null);
    if ('protocol' in hint) out.push(hint);
  }
  return out;
}
