// Generator A's shape and traps: deterministic, exact ground truth, and each trap present at about
// its configured rate. Nothing here runs the engine: the tuning estate must not know how it is scored.
import { describe, expect, it } from 'vitest';
import type { ObservationInput } from '../../src-shared/model/index.js';
import { naturalKeyOf, stableStringify, type SourcedObservation } from '../engine/reconcile/index.js';
import { DEFAULT_FLEET_NOISE, type FleetNoise } from './fleet-a/fleet-noise.js';
import { PLACEHOLDER_SERIALS } from './fleet-a/reported-values.js';
import { DOCKER_MACS, VIRTUALBOX_HOST_ONLY_MACS, VPN_CLIENTS } from './fleet-a/shared-virtual-adapters.js';
import { fleetAsEstate } from './fleet-as-estate.js';
import { FLEET_SOURCES, generateFleet, type GeneratedFleet, type TrueAsset } from './generate-fleet.js';
import { naiveMac } from './naive-union.js';
import { renderEstateFiles } from './render-estate-files.js';

const DAY_MS = 86_400_000;

/** hits / total is within four standard deviations (plus a little, plus `slack`) of `rate`. */
function expectRate(label: string, hits: number, total: number, rate: number, slack = 0): void {
  expect(total, `${label}: too few cases to measure`).toBeGreaterThanOrEqual(30);
  const tolerance = 4 * Math.sqrt((rate * (1 - rate)) / total) + 0.01 + slack;
  expect(Math.abs(hits / total - rate), `${label}: ${hits}/${total} = ${(hits / total).toFixed(3)}, configured ${rate}`).toBeLessThanOrEqual(tolerance);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length] ?? 0;
}

interface Indexed {
  fleet: GeneratedFleet;
  asset: Map<string, TrueAsset>;
  entityOf(o: SourcedObservation): string;
  recordsOf(id: string, sourceId?: string): SourcedObservation[];
  from(sourceId: string): SourcedObservation[];
}

function indexFleet(fleet: GeneratedFleet): Indexed {
  const asset = new Map(fleet.assets.map((a) => [a.id, a]));
  const entityOf = (o: SourcedObservation): string => fleet.truth.get(naturalKeyOf(o.sourceId, o.observation.nativeKey)) ?? '?';
  const byEntity = new Map<string, SourcedObservation[]>();
  for (const o of fleet.observations) byEntity.set(entityOf(o), [...(byEntity.get(entityOf(o)) ?? []), o]);
  return {
    fleet,
    asset,
    entityOf,
    recordsOf: (id, sourceId) => (byEntity.get(id) ?? []).filter((o) => sourceId === undefined || o.sourceId === sourceId),
    from: (sourceId) => fleet.observations.filter((o) => o.sourceId === sourceId),
  };
}

const text = (o: ObservationInput, field: keyof ObservationInput['fields']): string | null => {
  const v = o.fields[field];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
};
const macsOf = (o: ObservationInput): string[] => o.interfaces.map((i) => naiveMac(i.mac)).filter((m): m is string => m !== null);
const ipsOf = (o: ObservationInput): { address: string; network?: string }[] => o.interfaces.flatMap((i) => i.ips);
const count = <T,>(list: readonly T[], test: (x: T) => boolean): number => list.reduce((n, x) => n + (test(x) ? 1 : 0), 0);
const noise = DEFAULT_FLEET_NOISE;

describe('generateFleet', () => {
  const fx = indexFleet(generateFleet({ seed: 11, trueAssets: 8000 }));
  const { fleet } = fx;
  const current = fleet.assets.filter((a) => !a.decommissioned);
  const ofClass = (...classes: string[]): TrueAsset[] => current.filter((a) => classes.includes(a.assetClass));

  it('is a function of its seed', () => {
    const again = generateFleet({ seed: 11, trueAssets: 300 });
    expect(stableStringify(again.observations)).toBe(stableStringify(generateFleet({ seed: 11, trueAssets: 300 }).observations));
    expect(stableStringify(generateFleet({ seed: 12, trueAssets: 300 }).observations)).not.toBe(stableStringify(again.observations));
  });

  it('labels every observation with a true entity, under unique natural keys, from every source', () => {
    const keys = fleet.observations.map((o) => naturalKeyOf(o.sourceId, o.observation.nativeKey));
    expect(new Set(keys).size).toBe(keys.length);
    expect(fleet.truth.size).toBe(keys.length);
    for (const k of keys) expect(fx.asset.has(fleet.truth.get(k) ?? '?')).toBe(true);
    expect(new Set(fleet.observations.map((o) => o.sourceId))).toEqual(new Set(FLEET_SOURCES.map((s) => s.sourceId)));
    expect(new Set(fleet.assets.map((a) => a.id)).size).toBe(fleet.assets.length);
  });

  it('shares an identifier between true entities only where a trap says so', () => {
    const holders = (keyOf: (a: TrueAsset) => string[]): Map<string, TrueAsset[]> => {
      const out = new Map<string, TrueAsset[]>();
      for (const a of fleet.assets) for (const k of new Set(keyOf(a))) out.set(k, [...(out.get(k) ?? []), a]);
      return new Map([...out].filter(([, list]) => list.length > 1));
    };
    const rootOf = (a: TrueAsset): string => (a.cloneOf ? rootOf(fx.asset.get(a.cloneOf) as TrueAsset) : a.id);
    for (const [serial, list] of holders((a) => (a.serial ? [a.serial] : []))) expect(new Set(list.map(rootOf)).size, serial).toBe(1);
    for (const [mac, list] of holders((a) => a.nics.filter((n) => n.sharedMac === undefined).map((n) => n.mac))) {
      // Only a GCP NIC's MAC spells its address, which a gone instance's successor took over.
      expect(list.every((a) => a.platform === 'gcp') && list.filter((a) => !a.decommissioned).length, mac).toBe(1);
    }
    const staticAddresses = (a: TrueAsset): string[] => (a.decommissioned ? [] : a.nics.filter((n) => n.ip && n.sharedMac === undefined && /^(dc\d|plant-)/.test(n.network)).map((n) => `${n.network}/${n.ip}`));
    expect([...holders(staticAddresses).keys()]).toEqual([]);
  });

  it('puts shared virtual MACs on many unrelated hosts', () => {
    const hosts = ofClass('server', 'virtual_machine', 'cloud_instance');
    expectRate('docker0', count(hosts, (a) => a.nics.some((n) => n.sharedMac === 'docker')), hosts.length, noise.dockerMac);
    const desktops = ofClass('workstation');
    expectRate('Hyper-V default switch', count(desktops, (a) => a.nics.some((n) => n.sharedMac === 'hyperv-default-switch')), desktops.length, noise.hyperVDefaultSwitch);
    expectRate('VirtualBox host-only', count(desktops, (a) => a.nics.some((n) => n.sharedMac === 'virtualbox-host-only')), desktops.length, noise.virtualBoxHostOnly);
    expectRate('VPN client', count(desktops, (a) => a.nics.some((n) => n.sharedMac === 'vpn-client')), desktops.length, noise.vpnClientAdapter);
    // Pairs form among the chosen devices of one network; an odd one out stays alone.
    const gear = ofClass('network_device', 'firewall');
    expectRate('HSRP / VRRP pairs', count(gear, (a) => a.redundancyPeer !== null), gear.length, noise.firstHopRedundancy, 0.05);
    const servers = ofClass('server', 'virtual_machine');
    expectRate('keepalived pairs', count(servers, (a) => a.redundancyPeer !== null), servers.length, noise.keepalivedPair, 0.01);

    // As the sources report them: one MAC, many entities.
    const entitiesWith = (mac: string, sourceId?: string): number =>
      new Set(fleet.observations.filter((o) => (sourceId === undefined || o.sourceId === sourceId) && macsOf(o.observation).includes(mac)).map(fx.entityOf)).size;
    expect(entitiesWith(DOCKER_MACS[0] ?? '', 'src-servers')).toBeGreaterThan(50);
    expect(entitiesWith(VIRTUALBOX_HOST_ONLY_MACS[0] ?? '', 'src-desktops')).toBeGreaterThan(10);
    expect(Math.max(...VPN_CLIENTS.map((c) => entitiesWith(c.mac, 'src-desktops')))).toBeGreaterThan(100);
    expect(entitiesWith('00:00:5e:00:01:01', 'src-snmp-dc')).toBeGreaterThan(10);
    expect(entitiesWith('00:00:0c:07:ac:01')).toBeGreaterThan(5);
    expect(entitiesWith('00:00:5e:00:01:33', 'src-servers')).toBeGreaterThan(2); // keepalived's VRID 51
    // Both members of a pair report the virtual address.
    const pair = gear.find((a) => a.redundancyPeer !== null) as TrueAsset;
    const vip = pair.nics.find((n) => n.sharedMac !== undefined)?.ip;
    expect(fx.asset.get(pair.redundancyPeer ?? '')?.nics.some((n) => n.ip === vip)).toBe(true);
  });

  it('clones VMs with their BIOS serial and UUID, and reports VMs as servers or classless', () => {
    const vms = ofClass('virtual_machine');
    const clones = vms.filter((a) => a.cloneOf !== null);
    expectRate('clones', clones.length, vms.length, noise.vmClone);
    for (const clone of clones) {
      const template = fx.asset.get(clone.cloneOf ?? '') as TrueAsset;
      expect([clone.serial, clone.biosUuid]).toEqual([template.serial, template.biosUuid]);
    }
    const records = fleet.observations.filter((o) => o.sourceId === 'src-servers' && fx.asset.get(fx.entityOf(o))?.assetClass === 'virtual_machine');
    expectRate('VM as server', count(records, (o) => o.observation.assetClass === 'server'), records.length, noise.vmClassAsServer);
    expectRate('VM without class', count(records, (o) => o.observation.assetClass === null), records.length, noise.vmClassMissing);
    const serials = records.map((o) => text(o.observation, 'serial') ?? '');
    expect(serials.some((s) => /^VMware-42( [0-9a-f]{2}){7}-[0-9a-f]{2}( [0-9a-f]{2}){7}$/.test(s))).toBe(true);
    expect(serials.some((s) => /^0000-00\d\d-\d{4}-\d{4}-\d{4}-\d{4}-\d\d$/.test(s))).toBe(true);
    // Clones seen by the server inventory repeat a serial under two entities.
    const entitiesBySerial = new Map<string, Set<string>>();
    for (const o of records) {
      const s = text(o.observation, 'serial');
      if (s) entitiesBySerial.set(s, (entitiesBySerial.get(s) ?? new Set()).add(fx.entityOf(o)));
    }
    expect(count([...entitiesBySerial.values()], (e) => e.size > 1)).toBeGreaterThan(10);
  });

  it('ties a cloud instance to the server inventory by one identifier only', () => {
    const records = fx.from('src-servers').filter((o) => fx.asset.get(fx.entityOf(o))?.assetClass === 'cloud_instance');
    const withId = records.filter((o) => text(o.observation, 'cloud_instance_id') !== null);
    const withUuidOnly = records.filter((o) => text(o.observation, 'cloud_instance_id') === null && text(o.observation, 'bios_uuid') !== null);
    const nameOnly = records.filter((o) => text(o.observation, 'cloud_instance_id') === null && text(o.observation, 'bios_uuid') === null);
    expectRate('instance id', withId.length, records.length, noise.cloudHostInstanceId);
    expectRate('BIOS UUID only', withUuidOnly.length, records.length, noise.cloudHostBiosUuid * (1 - noise.missingField), 0.02);
    for (const o of withUuidOnly) {
      const a = fx.asset.get(fx.entityOf(o)) as TrueAsset;
      if (a.platform === 'aws') expect(text(o.observation, 'bios_uuid')?.toLowerCase().startsWith('ec2')).toBe(true);
    }
    let named = 0;
    for (const o of nameOnly) {
      const a = fx.asset.get(fx.entityOf(o)) as TrueAsset;
      if (a.cloud?.hostEvidence !== 'hostname') continue; // the UUID was left out as noise
      named++;
      expect(text(o.observation, 'serial')).toBeNull();
      if (text(o.observation, 'hostname') !== null) expect(text(o.observation, 'hostname')?.toLowerCase()).toBe(a.cloud.name);
    }
    expect(named).toBeGreaterThan(30);
    // The cloud list names instances but gives no host name: the console name is the only link.
    const list = fx.from('src-cloud');
    for (const o of list) {
      expect(o.sourceKind).toBe('cloud_manual');
      expect([text(o.observation, 'hostname'), text(o.observation, 'fqdn'), macsOf(o.observation)]).toEqual([null, null, []]);
      const name = text(o.observation, 'name');
      if (name !== null) expect(name).toBe(fx.asset.get(fx.entityOf(o))?.cloud?.name);
    }
  });

  it('joins OT devices only by plant address plus vendor and model, on two plants with one address plan', () => {
    const seed = fx.from('src-ot-seed');
    const modbus = fx.from('src-modbus');
    for (const o of [...seed, ...modbus]) {
      expect(text(o.observation, 'hostname')).toBeNull();
      expect(macsOf(o.observation)).toEqual([]);
      expect(ipsOf(o.observation).map((ip) => ip.network?.startsWith('plant-'))).toEqual([true]);
      expect(ipsOf(o.observation)[0]?.address).toBe(text(o.observation, 'primary_ip') ?? ipsOf(o.observation)[0]?.address);
    }
    expect(seed.every((o) => o.sourceKind === 'servers_cache' && ['plc', 'hmi', 'drive', 'io_module'].includes(o.observation.assetClass ?? ''))).toBe(true);
    expect(modbus.every((o) => o.sourceKind === 'modbus' && text(o.observation, 'modbus_unit') !== null && text(o.observation, 'serial') === null)).toBe(true);

    const addressed = ofClass('plc', 'hmi', 'drive', 'io_module').filter((a) => a.fieldbus === null);
    expectRate('seed list coverage', count(addressed, (a) => fx.recordsOf(a.id, 'src-ot-seed').length > 0), addressed.length, noise.otSeedCoverage);
    expectRate('seed list serials', count(seed, (o) => text(o.observation, 'serial') !== null), seed.length, noise.otSeedSerial * (1 - noise.missingField));
    const speaksModbus = current.filter((a) => a.modbusUnit !== null);
    expectRate('Modbus coverage', count(speaksModbus, (a) => fx.recordsOf(a.id, 'src-modbus').length > 0), speaksModbus.length, noise.modbusCoverage);
    const drives = ofClass('drive');
    expectRate('drives behind a gateway', count(drives, (a) => a.fieldbus !== null), drives.length, noise.driveBehindGateway);
    const opcuaCapable = ofClass('plc', 'hmi');
    expectRate('OPC UA coverage', count(opcuaCapable, (a) => fx.recordsOf(a.id, 'src-opcua').length > 0), opcuaCapable.length, noise.opcuaCoverage);

    // The same address on both plants, naming a different device on each.
    const addressesOn = (plant: string): Set<string> => new Set(seed.flatMap((o) => ipsOf(o.observation).filter((ip) => ip.network === plant).map((ip) => ip.address)));
    const a = addressesOn('plant-a');
    expect(count([...addressesOn('plant-b')], (ip) => a.has(ip))).toBeGreaterThan(0.5 * Math.min(a.size, addressesOn('plant-b').size));
    // Drives behind one gateway: one address, several units, several entities.
    const unitsByAddress = new Map<string, Set<string>>();
    for (const o of modbus) {
      const at = `${ipsOf(o.observation)[0]?.network}/${text(o.observation, 'primary_ip')}`;
      unitsByAddress.set(at, (unitsByAddress.get(at) ?? new Set()).add(fx.entityOf(o)));
    }
    expect(count([...unitsByAddress.values()], (e) => e.size > 1)).toBeGreaterThan(5);
  });

  it('renames hosts, misreports serials and replaces hardware under the same name and address', () => {
    const hosts = ofClass('server', 'virtual_machine', 'workstation');
    const renamed = hosts.filter((a) => a.previousHostname !== null);
    expectRate('renamed', renamed.length, hosts.length, noise.rename);
    for (const a of renamed) {
      const rows = fx.recordsOf(a.id).filter((o) => o.sourceId === 'src-servers' || o.sourceId === 'src-desktops');
      const stale = rows.filter((o) => text(o.observation, 'hostname')?.toLowerCase() === a.previousHostname);
      expect(rows.length, a.id).toBe(2); // one row per name
      for (const o of stale) expect(Date.parse(fleet.now) - Date.parse(o.observation.observedAt)).toBeGreaterThan(40 * DAY_MS);
    }

    const inventory = [...fx.from('src-servers'), ...fx.from('src-desktops')].filter((o) => fx.asset.get(fx.entityOf(o))?.platform === 'physical');
    const placeholders = count(inventory, (o) => PLACEHOLDER_SERIALS.includes(text(o.observation, 'serial') ?? ''));
    expectRate('placeholder serials', placeholders, inventory.length, noise.placeholderSerial * (1 - noise.missingField));

    let real = 0;
    let typos = 0;
    for (const o of fleet.observations) {
      const a = fx.asset.get(fx.entityOf(o)) as TrueAsset;
      const reported = text(o.observation, 'serial')?.trim().toUpperCase();
      if (a.platform !== 'physical' || o.sourceId === 'src-manual' || reported === undefined || PLACEHOLDER_SERIALS.map((p) => p.toUpperCase()).includes(reported)) continue;
      real++;
      if (reported !== a.serial.toUpperCase()) {
        typos++;
        expect(editDistance(reported, a.serial.toUpperCase()), `${reported} for ${a.serial}`).toBe(1);
      }
    }
    expectRate('serial typos', typos, real, noise.serialTypo);

    const replaceable = ofClass('server', 'workstation').filter((a) => a.previousHostname === null);
    const replacing = replaceable.filter((a) => a.replaces !== null);
    expectRate('replaced hardware', replacing.length, replaceable.length, noise.hardwareReplaced);
    for (const a of replacing) {
      const old = fx.asset.get(a.replaces ?? '') as TrueAsset;
      expect([old.hostname, old.nics[0]?.ip, old.replacedBy]).toEqual([a.hostname, a.nics[0]?.ip, a.id]);
      expect(old.serial).not.toBe(a.serial);
      const lastOld = Math.max(...fx.recordsOf(old.id).map((o) => Date.parse(o.observation.observedAt)));
      const firstNew = Math.min(...fx.recordsOf(a.id).map((o) => Date.parse(o.observation.observedAt)));
      expect(fx.recordsOf(old.id).length).toBeGreaterThan(0);
      expect(lastOld, `${old.id} seen after ${a.id} appeared`).toBeLessThan(firstNew);
    }
  });

  it('moves DHCP leases from one desktop to another over time, and multi-homes servers', () => {
    const desktops = ofClass('workstation');
    expectRate('desktops whose lease moved on', count(desktops, (a) => a.lastSeenDaysAgo !== null), desktops.length, noise.dhcpIpReuse, 0.01);
    const byAddress = new Map<string, { entity: string; at: number }[]>();
    for (const o of fx.from('src-desktops')) {
      for (const ip of ipsOf(o.observation).filter((i) => i.network?.startsWith('office'))) {
        const at = `${ip.network}/${ip.address}`;
        byAddress.set(at, [...(byAddress.get(at) ?? []), { entity: fx.entityOf(o), at: Date.parse(o.observation.observedAt) }]);
      }
    }
    const moved = [...byAddress.values()].filter((seen) => new Set(seen.map((s) => s.entity)).size > 1 && Math.max(...seen.map((s) => s.at)) - Math.min(...seen.map((s) => s.at)) > 4 * DAY_MS);
    expect(moved.length).toBeGreaterThan(0.5 * noise.dhcpIpReuse * desktops.length);
    const multiHomed = fx.from('src-servers').filter((o) => new Set(ipsOf(o.observation).filter((ip) => ip.network?.startsWith('dc')).map((ip) => ip.network)).size > 1);
    expect(multiHomed.length).toBeGreaterThan(100);
  });

  it('keeps file-kind records within what their import format can carry', () => {
    const hostFields = new Set(['hostname', 'fqdn', 'domain', 'serial', 'bios_uuid', 'asset_tag', 'vendor', 'model', 'firmware', 'os_name', 'os_version', 'cpu', 'cpu_cores', 'memory_mb', 'location', 'cloud_provider', 'cloud_account', 'cloud_instance_id']);
    const cloudFields = new Set(['cloud_provider', 'cloud_account', 'cloud_region', 'cloud_instance_id', 'name', 'instance_type', 'power_state', 'public_ips', 'primary_ip']);
    for (const o of fleet.observations) {
      const allowed = o.sourceKind === 'cloud_manual' ? cloudFields : o.sourceKind === 'servers_cache' || o.sourceKind === 'desktop_cache' ? hostFields : null;
      if (allowed === null) continue;
      for (const field of Object.keys(o.observation.fields)) expect(allowed.has(field), `${o.sourceId} ${field}`).toBe(true);
    }
  });

  it('declares the addressing of every network it puts an address on', () => {
    const estate = fleetAsEstate(fleet, 'estate-a-test');
    const expected = (network: string): string =>
      /^(dc\d|plant-)/.test(network) ? 'static' : /^(office|vpc-|vpn-)/.test(network) ? 'dhcp' : 'unknown';
    for (const o of fleet.observations) {
      const ips = ipsOf(o.observation);
      for (const ip of ips) {
        expect(ip.network, `${o.sourceId} ${o.observation.nativeKey}`).toBeDefined();
        expect(estate.networks[ip.network ?? '']).toBe(expected(ip.network ?? ''));
      }
      const primary = text(o.observation, 'primary_ip');
      if (primary !== null) expect(ips.map((ip) => ip.address), `${o.sourceId} ${o.observation.nativeKey}`).toContain(primary);
    }
    expect(Object.values(estate.networks)).toEqual(expect.arrayContaining(['static', 'dhcp', 'unknown']));
    const { manifest } = renderEstateFiles(estate);
    expect(manifest.reduce((n, f) => n + f.records, 0)).toBe(fleet.observations.length);
  });

  it('turns every trap off, and up, through its rate', () => {
    const off: FleetNoise = { ...DEFAULT_FLEET_NOISE };
    for (const k of Object.keys(off) as (keyof FleetNoise)[]) if (!k.endsWith('Coverage')) off[k] = 0;
    const clean = indexFleet(generateFleet({ seed: 5, trueAssets: 3000, noise: off }));
    const a = clean.fleet.assets;
    expect(a.filter((x) => x.decommissioned || x.previousHostname || x.cloneOf || x.redundancyPeer || x.lastSeenDaysAgo !== null || x.fieldbus)).toEqual([]);
    expect(a.flatMap((x) => x.nics).filter((n) => n.sharedMac !== undefined)).toEqual([]);
    expect(clean.fleet.observations.filter((o) => PLACEHOLDER_SERIALS.includes(text(o.observation, 'serial') ?? ''))).toEqual([]);
    expect(new Set(clean.fleet.observations.filter((o) => o.observation.assetClass === null).map((o) => o.sourceKind))).not.toContain('servers_cache');

    const up = indexFleet(generateFleet({ seed: 5, trueAssets: 3000, noise: { vmClone: 0.4, dockerMac: 0.6, otSeedCoverage: 0.3 } }));
    const vms = up.fleet.assets.filter((x) => x.assetClass === 'virtual_machine');
    expectRate('clones, turned up', count(vms, (x) => x.cloneOf !== null), vms.length, 0.4);
    const hosts = up.fleet.assets.filter((x) => !x.decommissioned && ['server', 'virtual_machine', 'cloud_instance'].includes(x.assetClass));
    expectRate('docker0, turned up', count(hosts, (x) => x.nics.some((n) => n.sharedMac === 'docker')), hosts.length, 0.6);
    const ot = up.fleet.assets.filter((x) => ['plc', 'hmi', 'drive', 'io_module'].includes(x.assetClass) && x.fieldbus === null);
    expectRate('seed list, turned down', count(ot, (x) => up.recordsOf(x.id, 'src-ot-seed').length > 0), ot.length, 0.3);
  });
});
