// The endpoint-management tool (desktop_cache "endpoint-mgmt"), SCCM/Intune-like: one record per
// client it ever enrolled, keyed by its own resource id. It reads identity from the machine itself:
// the NetBIOS name (upper case, at most 15 characters), the SMBIOS serial and UUID (placeholders
// included) and every adapter Windows lists, virtual ones too. Retired and re-imaged machines
// leave stale records behind.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBRecorder } from './estate-b-recorder.js';
import { interfacesOf, type LensClock } from './lens-helpers.js';

export function seeEndpointMgmt(entities: readonly TrueEntity[], rng: Prng, clock: LensClock, out: EstateBRecorder): void {
  // Resource ids count up as clients enrol.
  let resourceId = 16_777_216 + 1000;
  for (const e of entities) {
    if (e.kind !== 'workstation' || !rng.chance(e.retired ? 0.9 : 0.97)) continue;
    const record = (hostname: string, stale: boolean): void => {
      out.record('endpoint-mgmt', e, {
        nativeKey: String((resourceId += rng.int(1, 4))),
        observedAt: stale ? clock.daysAgo(30, 200) : clock.daysAgo(0, 4),
        assetClass: 'workstation',
        fields: {
          hostname: hostname.toUpperCase().slice(0, 15),
          fqdn: e.domain && rng.chance(0.7) ? `${hostname}.${e.domain}` : undefined,
          domain: e.domain ?? undefined,
          serial: e.smbiosSerial ?? undefined,
          bios_uuid: e.smbiosUuid?.toUpperCase(),
          vendor: e.vendor,
          model: e.model,
          os_name: e.osName ?? undefined,
          os_version: e.osVersion ?? undefined,
          asset_tag: e.assetTag && rng.chance(0.3) ? e.assetTag : undefined,
        },
        interfaces: interfacesOf(e.nics, 'upper-hyphen'),
      });
    };
    record(e.hostname ?? e.label, e.retired);
    // Re-imaged: the tool enrolled the same hardware again under a new resource id.
    if (e.hard.has('reimaged')) record(e.oldHostname ?? e.hostname ?? e.label, true);
  }
}
