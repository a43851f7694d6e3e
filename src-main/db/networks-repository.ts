// The networks (sites) IPs are qualified by: those declared with an addressing, and those that only
// appear in records' identity keys ("ip:<network>/<address>"), with how many records are on each.
import type { NetworkInfo } from '../../src-shared/api/reconciliation.js';
import type { Database } from './database.js';

/** Records without a network are keyed under "?"; public addresses under "public". */
const UNNAMED = new Set(['?', 'public']);

export function listNetworks(db: Database): NetworkInfo[] {
  const declared = new Map(
    (db.prepare('SELECT name, addressing, updated_at FROM networks').all() as { name: string; addressing: NetworkInfo['addressing']; updated_at: string }[]).map((r) => [r.name.toLowerCase(), r]),
  );
  const firstKeyFrom = db.prepare("SELECT key FROM record_keys WHERE key >= ? AND key < 'ip;' ORDER BY key LIMIT 1").pluck();
  const recordsOn = db.prepare('SELECT count(DISTINCT record_id) FROM record_keys WHERE key >= ? AND key < ?').pluck();
  const seen = new Map<string, number>();
  // A loose index scan: one seek per network rather than a pass over every IP key.
  let from = 'ip:';
  for (;;) {
    const key = firstKeyFrom.get(from) as string | undefined;
    if (key === undefined) break;
    const slash = key.indexOf('/', 3);
    if (slash < 0) break;
    const network = key.slice(3, slash);
    seen.set(network, recordsOn.get(`ip:${network}/`, `ip:${network}0`) as number);
    from = `ip:${network}0`;
  }
  const names = new Set([...declared.keys(), ...[...seen.keys()].filter((n) => !UNNAMED.has(n))]);
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const d = declared.get(name);
      return { name: d?.name ?? name, addressing: d?.addressing ?? 'unknown', updatedAt: d?.updated_at ?? null, records: seen.get(name) ?? 0 };
    });
}
