// The naive identity rule the engine has to beat: two records are one thing if they share any
// serial, BIOS UUID, MAC, cloud instance id or short host name, transitively (union-find). It knows
// nothing of placeholders, virtual MACs, clones or renames on purpose: it is the baseline a
// spreadsheet user would build, so beating it is the least a scoring engine must do.
import type { ObservationInput } from '../../src-shared/model/index.js';
import { naturalKeyOf, type NaturalKey, type SourcedObservation } from '../engine/reconcile/index.js';

/** Identifier values a record is joined on, each prefixed with its kind so kinds never collide. */
export function naiveIdentifiers(o: ObservationInput): string[] {
  const out: string[] = [];
  const text = (v: unknown): string | null => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : null) || null;
  const serial = text(o.fields.serial);
  if (serial) out.push(`serial:${serial.toUpperCase()}`);
  const uuid = text(o.fields.bios_uuid);
  if (uuid) out.push(`uuid:${uuid.toLowerCase()}`);
  const instance = text(o.fields.cloud_instance_id);
  if (instance) out.push(`instance:${instance}`);
  const host = text(o.fields.hostname) ?? text(o.fields.fqdn);
  const short = host?.toLowerCase().split('.')[0];
  if (short) out.push(`host:${short}`);
  for (const i of o.interfaces) {
    const mac = naiveMac(i.mac);
    if (mac) out.push(`mac:${mac}`);
  }
  return out;
}

/** Any notation (colons, hyphens, Cisco dots, bare hex) → aa:bb:cc:dd:ee:ff; anything else → null. */
export function naiveMac(mac: string | undefined): string | null {
  if (mac === undefined) return null;
  const hex = mac.replace(/[\s:.-]/g, '').toLowerCase();
  return /^[0-9a-f]{12}$/.test(hex) ? (hex.match(/../g) ?? []).join(':') : null;
}

/** naturalKey -> cluster id (the smallest natural key of the cluster). */
export function naiveUnionPartition(observations: Iterable<SourcedObservation>): Map<NaturalKey, string> {
  const keys: NaturalKey[] = [];
  const index = new Map<NaturalKey, number>();
  const parent: number[] = [];
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[i] !== root) {
      const next = parent[i] as number;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstWith = new Map<string, number>();
  for (const o of observations) {
    const key = naturalKeyOf(o.sourceId, o.observation.nativeKey);
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      keys.push(key);
      index.set(key, i);
      parent.push(i);
    }
    for (const id of naiveIdentifiers(o.observation)) {
      const j = firstWith.get(id);
      if (j === undefined) firstWith.set(id, i);
      else union(i, j);
    }
  }
  const smallest = new Map<number, NaturalKey>();
  keys.forEach((key, i) => {
    const root = find(i);
    const current = smallest.get(root);
    if (current === undefined || key < current) smallest.set(root, key);
  });
  return new Map(keys.map((key, i) => [key, smallest.get(find(i)) as NaturalKey]));
}
