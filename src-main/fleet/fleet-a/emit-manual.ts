// The manual asset register: a person's entry for a server, network device or PLC, keyed by asset tag.
import type { SourceContext } from './fleet-emitter.js';
import { vendorSpelling } from './reported-values.js';
import type { TrueAsset } from './true-asset.js';

export function emitManualEntry(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const eligible = a.assetClass === 'server' || a.assetClass === 'network_device' || a.assetClass === 'firewall' || a.assetClass === 'plc';
  if (!eligible || a.decommissioned || !c.on('src-manual') || !rng.chance(c.noise.manualEdit)) return;
  c.emitter.emit('src-manual', a, {
    nativeKey: a.assetTag ?? `asset-tag-${a.id.slice(-7)}`,
    // Entered some time ago; for new hardware, since it arrived.
    age: a.replaces !== null ? rng.int(1, 15) : rng.int(30, 300),
    assetClass: a.assetClass,
    fields: {
      hostname: a.hostname,
      serial: a.serial,
      asset_tag: a.assetTag ?? undefined,
      vendor: vendorSpelling(rng, a),
      location: rng.pick(['Room 101', 'Hall B', 'Cage 7']),
      contact: rng.pick(['ops@example.com', 'ot-team@example.com']),
    },
    tags: { owner: 'manual-owner', criticality: rng.pick(['high', 'medium']) },
  });
}
