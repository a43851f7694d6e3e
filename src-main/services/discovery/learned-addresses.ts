// Addresses an agent told us about (ARP pairs, LLDP chassis MACs, CDP addresses, FDB MACs), from the
// observation's raw SnmpHostRecord. They are recorded with whether they fall inside the run's
// scope; the sweep only ever probes its own plan, so an address outside it is never contacted.
import type { LearnedAddressRow } from '../../db/discovery-runs-repository.js';

interface RawLearned {
  arp?: { ip?: unknown; mac?: unknown }[];
  lldp?: { chassisIdSubtype?: unknown; chassisId?: unknown }[];
  cdp?: { address?: unknown }[];
  fdb?: { mac?: unknown }[];
}

const LLDP_CHASSIS_MAC = 4;
const MAX_PER_HOST = 5000;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : null;
}

export function learnedAddressesOf(
  raw: unknown,
  context: { assetId: string | null; network: string | null; inScope: (ip: string) => boolean },
): LearnedAddressRow[] {
  if (!raw || typeof raw !== 'object') return [];
  const record = raw as RawLearned;
  const rows: LearnedAddressRow[] = [];
  const push = (ip: string | null, mac: string | null, via: LearnedAddressRow['via']) => {
    if ((!ip && !mac) || rows.length >= MAX_PER_HOST) return;
    rows.push({
      ip,
      mac: mac?.toLowerCase() ?? null,
      via,
      learnedFromAssetId: context.assetId,
      inScope: ip ? context.inScope(ip) : false,
      network: context.network,
    });
  };
  for (const e of Array.isArray(record.arp) ? record.arp : []) push(text(e.ip), text(e.mac), 'arp');
  for (const n of Array.isArray(record.lldp) ? record.lldp : []) if (n.chassisIdSubtype === LLDP_CHASSIS_MAC) push(null, text(n.chassisId), 'lldp');
  for (const c of Array.isArray(record.cdp) ? record.cdp : []) push(text(c.address), null, 'cdp');
  for (const f of Array.isArray(record.fdb) ? record.fdb : []) push(null, text(f.mac), 'fdb');
  return rows;
}
