// The server and desktop inventories (file imports). Both key rows by their own record id (a CMDB
// row, an agent id), so a renamed host re-registered under its new name leaves a stale row with the
// old one, and replaced hardware under the same name gets a row of its own. The server inventory
// also lists cloud instances, each tied to the cloud list by one thing only: the instance id, the
// BIOS UUID, or a host name equal to the console name. Records carry only what the import formats
// hold (docs/import-formats.md): addresses come with the interfaces, not as a primary IP.
import type { AssetClass } from '../../../src-shared/model/index.js';
import { ageOf, type EmittedRecord, type SourceContext } from './fleet-emitter.js';
import { interfacesOf, reportedSerial, reportedUuid, vendorSpelling } from './reported-values.js';
import type { TrueAsset } from './true-asset.js';

/** The class a server inventory gives a VM or cloud instance: often `server`, sometimes none. */
function virtualClassAsReported(c: SourceContext, a: TrueAsset): AssetClass | null {
  const r = c.rng.next();
  if (r < c.noise.vmClassAsServer) return 'server';
  if (r < c.noise.vmClassAsServer + c.noise.vmClassMissing) return null;
  return a.assetClass === 'cloud_instance' && c.rng.chance(0.5) ? 'virtual_machine' : a.assetClass;
}

export function emitServerInventory(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const isCloud = a.assetClass === 'cloud_instance';
  if (!c.on('src-servers') || !(a.assetClass === 'server' || a.assetClass === 'virtual_machine' || isCloud)) return;
  // Gone cloud instances never had the inventory agent long enough to matter; most live ones have it.
  if (isCloud && (a.decommissioned || !rng.chance(0.7))) return;
  const physical = a.platform === 'physical';
  const evidence = a.cloud?.hostEvidence ?? null;
  const record = (hostname: string, age: EmittedRecord['age'], onlyFirstNic: boolean): void => {
    const shown = rng.chance(0.3) ? hostname.toUpperCase() : hostname;
    let serial: string | undefined;
    let biosUuid: string | undefined;
    if (physical) {
      serial = reportedSerial(rng, c.noise, a.serial, true);
      biosUuid = rng.chance(0.6) ? reportedUuid(rng, a.biosUuid) : undefined;
    } else if (!isCloud) {
      serial = a.serial || undefined; // the hypervisor's serial, clone-prone, never mistyped
      biosUuid = rng.chance(0.6) ? reportedUuid(rng, a.biosUuid) : undefined;
    } else if (evidence === 'bios_uuid') {
      // On AWS the serial is the instance UUID too.
      serial = a.platform === 'aws' ? a.serial.toUpperCase() : a.serial;
      biosUuid = a.platform === 'aws' ? (rng.chance(0.5) ? a.biosUuid?.toUpperCase() : (a.biosUuid ?? undefined)) : reportedUuid(rng, a.biosUuid);
    }
    const vendor = vendorSpelling(rng, a);
    c.emitter.emit('src-servers', a, {
      nativeKey: c.recordId('src-servers', () => `CI${rng.hex(10).toUpperCase()}`),
      age,
      assetClass: physical ? 'server' : virtualClassAsReported(c, a),
      fields: {
        hostname: shown,
        fqdn: a.domain && rng.chance(0.8) ? `${hostname}.${a.domain}` : undefined,
        vendor,
        // Xen-era AWS guests say "HVM domU"; Nitro ones give the instance type.
        model: a.platform === 'aws' && vendor === 'Xen' ? 'HVM domU' : a.model,
        serial,
        bios_uuid: biosUuid,
        asset_tag: a.assetTag !== null && rng.chance(0.7) ? a.assetTag : undefined,
        os_name: a.osName,
        os_version: rng.chance(0.5) ? a.osVersion : undefined,
        cpu_cores: rng.pick([4, 8, 16, 32]),
        memory_mb: rng.pick([8192, 16384, 65536]),
        cloud_instance_id: evidence === 'instance_id' ? a.cloud?.instanceId : undefined,
        cloud_provider: evidence === 'instance_id' ? a.cloud?.provider : undefined,
      },
      interfaces: interfacesOf(rng, onlyFirstNic ? a.nics.slice(0, 1) : a.nics),
      software: a.software,
    });
  };
  record(a.hostname, ageOf(rng, a), false);
  if (a.previousHostname) record(a.previousHostname, true, true);
}

export function emitDesktopInventory(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  if (a.assetClass !== 'workstation' || !c.on('src-desktops')) return;
  const record = (hostname: string, age: EmittedRecord['age']): void => {
    c.emitter.emit('src-desktops', a, {
      nativeKey: c.recordId('src-desktops', () => `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`.toUpperCase()),
      age,
      assetClass: 'workstation',
      fields: {
        hostname: hostname.toUpperCase(),
        vendor: vendorSpelling(rng, a),
        model: a.model,
        serial: reportedSerial(rng, c.noise, a.serial, true),
        bios_uuid: rng.chance(0.5) ? reportedUuid(rng, a.biosUuid) : undefined,
        asset_tag: a.assetTag !== null && rng.chance(0.5) ? a.assetTag : undefined,
        os_name: a.osName,
        os_version: a.osBuild !== null && rng.chance(0.5) ? `${a.osVersion}.${a.osBuild.split('.')[1] ?? ''}` : undefined,
      },
      interfaces: interfacesOf(rng, a.nics),
      software: a.software,
    });
  };
  record(a.hostname, ageOf(rng, a));
  if (a.previousHostname) record(a.previousHostname, true);
}
