// The three cloud providers' instance lists (cloud_manual "aws-inventory", "azure-inventory",
// "gcp-inventory"), as their consoles or CLIs export them: the provider's instance id, account,
// region, type, state, private and public addresses, tags. Terminated instances linger in the list
// for a while; the Azure export writes resource ids with the resource group upper-cased.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBRecorder } from './estate-b-recorder.js';
import type { LensClock } from './lens-helpers.js';

export function seeCloudInventories(entities: readonly TrueEntity[], rng: Prng, clock: LensClock, out: EstateBRecorder): void {
  const exportedAt = clock.daysAgo(0.08, 0.1);
  for (const e of entities) {
    const c = e.cloud;
    if (!c || !rng.chance(0.97)) continue;
    const nic = e.nics[0];
    out.record(`${c.provider}-inventory`, e, {
      nativeKey: `${c.provider}:${c.account}:${c.instanceId}`,
      observedAt: exportedAt,
      assetClass: 'cloud_instance',
      fields: {
        name: c.name,
        cloud_provider: c.provider,
        cloud_account: c.account,
        cloud_region: c.region,
        cloud_instance_id: c.instanceId,
        instance_type: c.instanceType,
        power_state: c.state,
        public_ips: c.publicIp ?? undefined,
        primary_ip: nic?.ip ?? undefined,
      },
      interfaces: nic?.ip ? [{ ips: [{ address: nic.ip, ...(nic.network ? { network: nic.network } : {}) }] }] : [],
      tags: { env: c.name.split('-')[1] ?? 'prod', app: c.name.split('-')[0] ?? 'app' },
    });
  }
}
