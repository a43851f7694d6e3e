// Identity keys: one string per identifier value a record carries ("mac:00:1b:21:3a:4f:10",
// "host:plc-07", "ip:plant-a/192.168.10.2"). They index records for blocking (only records sharing a
// key are ever compared), count how many devices share a value (term-frequency adjustment), resolve
// relation targets, and let a person find an asset by any identifier. The prefix is the kind.

export const IDENTITY_KEY_KINDS = ['cloud', 'serial', 'uuid', 'tag', 'mac', 'lmac', 'host', 'fqdn', 'ip', 'opcua', 'bacnet', 'modbus'] as const;
export type IdentityKeyKind = (typeof IDENTITY_KEY_KINDS)[number];

export function identityKey(kind: IdentityKeyKind, value: string): string {
  return `${kind}:${value}`;
}

export function identityKeyKind(key: string): IdentityKeyKind {
  return key.slice(0, key.indexOf(':')) as IdentityKeyKind;
}

/** Key kinds that place records in blocks. Locally administered MACs repeat too often to block on. */
export const BLOCKING_KEY_KINDS: ReadonlySet<IdentityKeyKind> = new Set(['cloud', 'serial', 'uuid', 'tag', 'mac', 'host', 'fqdn', 'ip', 'opcua', 'bacnet', 'modbus']);

/**
 * How many distinct devices share an identifier value: the most records any one source reports
 * with it (one source seldom lists one device twice, while several sources listing one device each
 * are the normal case). 1 for a value seen on one device.
 */
export interface IdentifierFrequencies {
  frequency(key: string): number;
}

/** A value shared by this many devices (or more) in one source identifies nothing and blocks nothing. */
export const SHARED_VALUE_FREQUENCY = 8;

/**
 * A value on more records than this, whatever the sources, is shared too: one device is seen by a
 * handful of sources, not by dozens. It also bounds the work of one value's block (records sharing a
 * value are compared pairwise), so a private address reused by every site costs nothing.
 */
export const MAX_RECORDS_PER_VALUE = 64;

/** The frequency of a value from its per-source counts (see IdentifierFrequencies and MAX_RECORDS_PER_VALUE). */
export function valueFrequency(maxInOneSource: number, totalRecords: number, sharedAt: number): number {
  return totalRecords > MAX_RECORDS_PER_VALUE ? Math.max(sharedAt, maxInOneSource) : Math.max(1, maxInOneSource);
}

/** Frequencies counted over a complete set of records: for each key, the largest count in one source. */
export function countIdentifierFrequencies(records: Iterable<{ sourceId: string; keys: readonly string[] }>, sharedAt = SHARED_VALUE_FREQUENCY): IdentifierFrequencies {
  const perSource = new Map<string, Map<string, number>>();
  for (const r of records) {
    for (const key of r.keys) {
      let bySource = perSource.get(key);
      if (!bySource) {
        bySource = new Map();
        perSource.set(key, bySource);
      }
      bySource.set(r.sourceId, (bySource.get(r.sourceId) ?? 0) + 1);
    }
  }
  const frequency = new Map<string, number>();
  for (const [key, bySource] of perSource) {
    let m = 0;
    let total = 0;
    for (const n of bySource.values()) {
      if (n > m) m = n;
      total += n;
    }
    frequency.set(key, valueFrequency(m, total, sharedAt));
  }
  return { frequency: (key) => frequency.get(key) ?? 1 };
}
