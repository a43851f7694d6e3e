// The monitoring system's export (servers_cache "monitoring"): hosts as the monitoring team added
// them, by DNS name (full or short, lower case), sometimes by address only. Renames reach it late,
// so it often still uses the old name. It knows the polled address and, where its agent runs, a
// MAC; its class column comes from the template the host uses.
import type { AssetClass } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBMix } from './estate-b-mix.js';
import type { EstateBRecorder } from './estate-b-recorder.js';
import { macAs, type LensClock } from './lens-helpers.js';

const COVERAGE: Partial<Record<TrueEntity['kind'], number>> = { physical_server: 0.85, vm: 0.8, cloud: 0.5, switch: 0.95, router: 0.95, firewall: 1, printer: 0.3, ups: 0.9 };
const TEMPLATE_CLASS: Partial<Record<TrueEntity['kind'], AssetClass>> = { switch: 'network_device', router: 'network_device', firewall: 'firewall', printer: 'printer', ups: 'ups' };

export function seeMonitoring(entities: readonly TrueEntity[], rng: Prng, mix: EstateBMix, clock: LensClock, out: EstateBRecorder): void {
  let hostId = 10_084;
  const exportedAt = clock.daysAgo(0.04, 0.05);
  for (const e of entities) {
    if (e.retired || !rng.chance(COVERAGE[e.kind] ?? 0)) continue;
    const primary = e.nics.find((n) => n.ip && !n.virtual);
    if (!primary?.ip) continue;
    const byAddress = rng.chance(mix.monitoredByAddress);
    if (byAddress) e.hard.add('monitored_by_address');
    const name = e.oldHostname && rng.chance(0.7) ? e.oldHostname : e.hostname;
    const hostname = byAddress || !name ? undefined : e.domain && rng.chance(0.6) ? `${name}.${e.domain}` : name;
    const agentMac = primary.mac && rng.chance(0.3) ? macAs(primary.mac, 'lower-colon') : undefined;
    out.record('monitoring', e, {
      nativeKey: String((hostId += rng.int(1, 3))),
      observedAt: exportedAt,
      // No class column for hosts on the generic OS templates: the import default (server) applies.
      assetClass: TEMPLATE_CLASS[e.kind] ?? 'server',
      fields: { hostname, os_name: e.osName && rng.chance(0.5) ? e.osName : undefined },
      interfaces: [{ ...(agentMac ? { mac: agentMac } : {}), ips: [{ address: primary.ip, ...(primary.network ? { network: primary.network } : {}) }] }],
    });
  }
}
