// The cloud instance list (a cloud_manual file): instance id, console name (when tagged), type,
// state and private addresses. No host name, DNS name or MAC: the file format has none, so the
// console name is all that ties it to a host name elsewhere.
import type { SourceContext } from './fleet-emitter.js';
import type { TrueAsset } from './true-asset.js';

export function emitCloudList(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const cloud = a.cloud;
  const primary = a.nics[0];
  if (!cloud || !c.on('src-cloud')) return;
  c.emitter.emit('src-cloud', a, {
    // The import keys a cloud instance by provider, account and instance id.
    nativeKey: `${cloud.provider}:${cloud.account}:${cloud.instanceId}`,
    age: a.decommissioned,
    assetClass: 'cloud_instance',
    required: ['cloud_provider', 'cloud_account', 'primary_ip'],
    fields: {
      cloud_instance_id: cloud.instanceId,
      cloud_provider: cloud.provider,
      cloud_region: cloud.region,
      cloud_account: cloud.account,
      instance_type: cloud.instanceType,
      power_state: a.decommissioned ? 'terminated' : 'running',
      name: cloud.name ?? undefined,
      // The import takes the first private address as the primary one.
      primary_ip: primary?.ip ?? undefined,
    },
    interfaces: primary?.ip ? [{ ips: [{ address: primary.ip, network: primary.network }] }] : [],
    tags: { env: rng.pick(['prod', 'staging', 'dev']), owner: rng.pick(['team-a', 'team-b', 'team-c']), ...(cloud.name ? { Name: cloud.name } : {}) },
  });
}
