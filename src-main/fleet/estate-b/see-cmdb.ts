// The CMDB (servers_cache "cmdb"): a ServiceNow-style register fed by discovery and by people.
// Names are CI names (often upper case), serials come from purchase records and are sometimes
// typed by hand, VMs are filed as servers as often as not, workstation rows keep the address of an
// older lease, and decommissioned CIs stay until someone retires them.
import type { AssetClass, ObservedInterface } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBMix } from './estate-b-mix.js';
import type { EstateBRecorder } from './estate-b-recorder.js';
import { interfacesOf, typoOf, type LensClock } from './lens-helpers.js';

const COVERAGE: Partial<Record<TrueEntity['kind'], number>> = { physical_server: 0.97, vm: 0.9, switch: 0.7, router: 0.7, firewall: 0.8, printer: 0.5, ups: 0.6 };

function classInCmdb(rng: Prng, e: TrueEntity): AssetClass | null {
  if (e.kind === 'vm') return rng.chance(0.45) ? 'virtual_machine' : rng.chance(0.73) ? 'server' : null;
  if (e.kind === 'cloud') return rng.chance(0.5) ? 'virtual_machine' : rng.chance(0.6) ? 'server' : 'cloud_instance';
  return e.assetClass;
}

export function seeCmdb(entities: readonly TrueEntity[], rng: Prng, mix: EstateBMix, clock: LensClock, out: EstateBRecorder): void {
  for (const e of entities) {
    if (!inCmdb(rng, e, mix)) continue;
    const stale = e.retired;
    const isWorkstation = e.kind === 'workstation';
    // Servers get renamed in the CMDB by the change process; the asset register of desktops lags.
    const name = isWorkstation && e.oldHostname && rng.chance(0.7) ? e.oldHostname : e.hostname;
    const shown = name && rng.chance(0.6) ? name.toUpperCase() : name;
    let serial = e.kind === 'cloud' ? null : e.kind === 'vm' ? (rng.chance(0.8) ? e.serial : null) : e.serial;
    if (serial && e.kind !== 'vm' && rng.chance(mix.serialTypo)) {
      serial = typoOf(rng, serial);
      e.hard.add('serial_typo');
    }
    const discovered = !isWorkstation && rng.chance(0.7);
    const cls = classInCmdb(rng, e);
    const c = e.cloud;
    out.record('cmdb', e, {
      nativeKey: rng.hex(32),
      observedAt: stale ? clock.daysAgo(60, 400) : clock.daysAgo(0, 10),
      // An empty class column imports as the file kind's default.
      assetClass: cls ?? 'server',
      fields: {
        hostname: shown ?? undefined,
        fqdn: name && e.domain && rng.chance(0.5) ? `${name}.${e.domain}` : undefined,
        domain: e.domain && rng.chance(0.4) ? e.domain : undefined,
        serial: serial ?? undefined,
        bios_uuid: discovered && e.biosUuid && rng.chance(0.85) ? e.biosUuid : undefined,
        asset_tag: e.assetTag && rng.chance(0.8) ? e.assetTag : undefined,
        vendor: e.vendor || undefined,
        model: e.model || undefined,
        firmware: e.firmware ?? undefined,
        os_name: e.osName ?? undefined,
        os_version: e.osVersion && rng.chance(0.5) ? e.osVersion : undefined,
        location: e.site,
        cloud_provider: c?.provider,
        cloud_account: c?.account,
        cloud_instance_id: c && rng.chance(0.8) ? cmdbInstanceId(rng, c) : undefined,
      },
      interfaces: cmdbInterfaces(rng, e, discovered),
    });
  }
}

function inCmdb(rng: Prng, e: TrueEntity, mix: EstateBMix): boolean {
  if (e.hard.has('ghost_server')) return true;
  if (e.kind === 'workstation') return rng.chance(e.retired ? 0.3 : mix.cmdbWorkstations);
  if (e.kind === 'cloud') return !e.retired && e.hard.has('cloud_in_cmdb');
  return rng.chance(COVERAGE[e.kind] ?? 0);
}

// Discovery sees every adapter; hand-made rows carry the primary adapter at most, and a desktop's
// row keeps whatever address it had when someone last edited it.
function cmdbInterfaces(rng: Prng, e: TrueEntity, discovered: boolean): ObservedInterface[] {
  if (discovered) return interfacesOf(e.nics, 'upper-colon');
  if (e.kind !== 'workstation') return interfacesOf(e.nics.slice(0, 1), 'upper-colon');
  const ip = e.staleIp ?? e.nics.find((n) => n.ip)?.ip ?? null;
  const wired = e.nics.find((n) => n.name.startsWith('Ethernet') && n.mac);
  const mac = wired?.mac && rng.chance(0.4) ? { mac: wired.mac.toUpperCase() } : {};
  return ip || mac.mac ? [{ ...mac, ips: ip ? [{ address: ip, network: e.site }] : [] }] : [];
}

// Azure agents report either the resource id as the VM was created or the VM's unique id (vmId).
function cmdbInstanceId(rng: Prng, c: NonNullable<TrueEntity['cloud']>): string {
  if (c.provider !== 'azure') return c.instanceId;
  return c.vmId && rng.chance(0.4) ? c.vmId : (c.createdResourceId ?? c.instanceId);
}
