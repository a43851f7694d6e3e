import { describe, expect, it } from 'vitest';
import type { AssetFieldName } from '../../../src-shared/model/index.js';
import { naturalKeyOf, stableStringify } from '../../engine/reconcile/index.js';
import { ESTATE_B_MIX } from './estate-b-mix.js';
import { ESTATE_B_SOURCES } from './estate-b-sources.js';
import { generateEstateB } from './generate-estate-b.js';

/** Fields each file kind's import format has a column for (docs/import-formats.md plus the host identity columns). */
const FILE_FIELDS: Record<string, ReadonlySet<AssetFieldName>> = {
  servers_cache: new Set(['hostname', 'fqdn', 'serial', 'vendor', 'model', 'os_name', 'os_version', 'cpu', 'cpu_cores', 'memory_mb', 'location', 'bios_uuid', 'cloud_provider', 'cloud_account', 'cloud_instance_id', 'firmware', 'asset_tag', 'domain']),
  cloud_manual: new Set(['name', 'cloud_provider', 'cloud_account', 'cloud_region', 'cloud_instance_id', 'instance_type', 'power_state', 'public_ips', 'primary_ip']),
};
FILE_FIELDS.desktop_cache = FILE_FIELDS.servers_cache as ReadonlySet<AssetFieldName>;

describe('generateEstateB', () => {
  const estate = generateEstateB({ seed: 7, trueAssets: 10_000 });
  const key = (o: (typeof estate.observations)[number]): string => naturalKeyOf(o.sourceId, o.observation.nativeKey);
  const labelOf = (o: (typeof estate.observations)[number]): string => estate.truth.get(key(o)) as string;

  it('is a function of its seed', () => {
    const a = generateEstateB({ seed: 3, trueAssets: 1500 });
    const b = generateEstateB({ seed: 3, trueAssets: 1500 });
    expect(stableStringify(a.observations)).toBe(stableStringify(b.observations));
    expect([...a.truth]).toEqual([...b.truth]);
    expect(a.networks).toEqual(b.networks);
    expect(stableStringify(generateEstateB({ seed: 4, trueAssets: 1500 }).observations)).not.toBe(stableStringify(a.observations));
  });

  it('labels every observation with a true entity, under unique natural keys', () => {
    const keys = estate.observations.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(estate.truth.size).toBe(keys.length);
    const labels = new Set(estate.entities.map((e) => e.label));
    for (const k of keys) expect(labels.has(estate.truth.get(k) as string)).toBe(true);
    expect(new Set(estate.observations.map((o) => o.sourceId))).toEqual(new Set(ESTATE_B_SOURCES.map((s) => s.name)));
    const kindOf = new Map(ESTATE_B_SOURCES.map((s) => [s.name as string, s.kind]));
    for (const o of estate.observations) expect(o.sourceKind).toBe(kindOf.get(o.sourceId));
    expect(estate.entities.length).toBeGreaterThan(9_800);
    expect(estate.entities.length).toBeLessThan(10_800);
  });

  it('declares the addressing of every network it names', () => {
    for (const o of estate.observations) for (const i of o.observation.interfaces) for (const ip of i.ips) if (ip.network) expect(estate.networks[ip.network]).toBeDefined();
    expect(estate.networks['plant-north']).toBe('static');
    expect(estate.networks['hq-lan']).toBe('dhcp');
    expect(estate.networks['plant-east']).toBe('unknown');
  });

  it('keeps file-kind records within what their import format can carry', () => {
    for (const o of estate.observations) {
      const allowed = FILE_FIELDS[o.sourceKind];
      if (!allowed) continue;
      for (const field of Object.keys(o.observation.fields)) expect(allowed.has(field as AssetFieldName), `${o.sourceId} ${field}`).toBe(true);
      if (o.sourceKind === 'cloud_manual') expect(o.observation.nativeKey).toBe(`${o.observation.fields.cloud_provider}:${o.observation.fields.cloud_account}:${o.observation.fields.cloud_instance_id}`);
    }
  });

  it('has its kinds in the intended proportions', () => {
    const current = estate.entities.filter((e) => !e.retired);
    for (const [kind, share] of Object.entries(ESTATE_B_MIX.kinds)) {
      const n = current.filter((e) => e.kind === kind).length;
      expect(Math.abs(n / 10_000 - share), kind).toBeLessThan(0.012);
    }
  });

  it('plants each hard case at about its intended rate', () => {
    const of = (kinds: string[]): number => estate.entities.filter((e) => kinds.includes(e.kind) && !e.retired).length;
    const h = estate.facts.hardCases;
    const near = (value: number, expected: number, tolerance: number, what: string): void => expect(Math.abs(value - expected), `${what}: ${value}`).toBeLessThan(tolerance);
    near(h.renamed / of(['physical_server', 'vm', 'workstation']), ESTATE_B_MIX.renamed, 0.015, 'renamed');
    near(h.replaced_new / of(['physical_server', 'workstation']), ESTATE_B_MIX.replaced, 0.012, 'replaced');
    near(h.placeholder_serial / of(['physical_server', 'workstation']), ESTATE_B_MIX.placeholderSerialWorkstation * 0.9, 0.02, 'placeholder serial');
    near(h.placeholder_uuid / of(['workstation']), ESTATE_B_MIX.placeholderUuid, 0.012, 'placeholder uuid');
    near(h.virtualbox_host_only / of(['workstation']), ESTATE_B_MIX.virtualBox, 0.015, 'virtualbox');
    near(h.hot_desk_dock / of(['workstation']), ESTATE_B_MIX.hotDeskDock * 0.65, 0.02, 'hot-desk dock');
    near(h.retired_workstation / of(['workstation']), ESTATE_B_MIX.retiredWorkstation, 0.01, 'retired workstations');
    near(h.cloud_in_cmdb / of(['cloud']), ESTATE_B_MIX.cloudInCmdb, 0.05, 'cloud in CMDB');
    near(h.monitored_by_address / estate.observations.filter((o) => o.sourceId === 'monitoring').length, ESTATE_B_MIX.monitoredByAddress, 0.03, 'monitored by address');
    for (const present of ['copied_vm', 'hyperv_pool_collision', 'keepalived_vrrp_mac', 'docker_container_mac', 'hyperv_default_switch', 'serial_typo', 'stale_dhcp_lease', 'reimaged', 'netbios_truncated', 'ghost_server', 'multi_homed', 'aws_default_vpc', 'terminated_instance', 'vrrp_pair', 'hsrp_pair', 'firewall_ha_vmac', 'behind_modbus_gateway', 'plant_ip_overlap', 'ot_ip_only'] as const) {
      expect(h[present], present).toBeGreaterThan(0);
    }
  });

  it('shows the traps in what the sources report, not only in the facts', () => {
    const owners = (pred: (o: (typeof estate.observations)[number]) => boolean): Set<string> => new Set(estate.observations.filter(pred).map(labelOf));
    const hasMac = (mac: string) => (o: (typeof estate.observations)[number]) => o.observation.interfaces.some((i) => i.mac?.toLowerCase().replace(/-/g, ':') === mac);
    expect(owners(hasMac('00:00:5e:00:01:33')).size).toBeGreaterThan(5); // keepalived VRID 51 on unrelated hosts
    expect(owners(hasMac('0a:00:27:00:00:00')).size).toBeGreaterThan(50); // VirtualBox host-only adapter
    expect(owners(hasMac('00:00:0c:07:ac:01')).size).toBeGreaterThan(2); // HSRP group 1
    expect(owners(hasMac('00:09:0f:09:00:00')).size).toBeGreaterThan(2); // FortiGate HA group 0
    // Placeholder serials come from the endpoint tool; the CMDB row of the same machine has the real one.
    const placeholder = estate.observations.filter((o) => o.sourceId === 'endpoint-mgmt' && ['To be filled by O.E.M.', 'Default string', 'System Serial Number', '0123456789'].includes(String(o.observation.fields.serial)));
    expect(placeholder.length).toBeGreaterThan(50);
    const cmdbSerial = new Map(estate.observations.filter((o) => o.sourceId === 'cmdb' && o.observation.fields.serial).map((o) => [labelOf(o), String(o.observation.fields.serial)]));
    expect(placeholder.some((o) => (cmdbSerial.get(labelOf(o))?.length ?? 0) > 8)).toBe(true);
    // The same plant address on two plants belongs to two devices.
    const plantIps = new Map<string, Set<string>>();
    for (const o of estate.observations.filter((x) => x.sourceId === 'ot-seed-list')) for (const i of o.observation.interfaces) for (const ip of i.ips) (plantIps.get(ip.address) ?? plantIps.set(ip.address, new Set()).get(ip.address))?.add(`${ip.network}|${labelOf(o)}`);
    expect([...plantIps.values()].some((s) => new Set([...s].map((x) => x.split('|')[0])).size > 1)).toBe(true);
    // DHCP reuse: a CMDB desktop row's address is another desktop's address in the endpoint tool.
    const endpointIp = new Map<string, string>();
    for (const o of estate.observations.filter((x) => x.sourceId === 'endpoint-mgmt')) for (const i of o.observation.interfaces) for (const ip of i.ips) if (ip.address.startsWith('10.6')) endpointIp.set(`${ip.network}/${ip.address}`, labelOf(o));
    const reused = estate.observations.filter((o) => o.sourceId === 'cmdb' && o.observation.assetClass === 'workstation' && o.observation.interfaces.some((i) => i.ips.some((ip) => { const other = endpointIp.get(`${ip.network}/${ip.address}`); return other !== undefined && other !== labelOf(o); })));
    expect(reused.length).toBeGreaterThan(100);
    // Cloud identity formats.
    for (const o of estate.observations.filter((x) => x.sourceId === 'aws-inventory')) expect(String(o.observation.fields.cloud_instance_id)).toMatch(/^i-0[0-9a-f]{16}$/);
    for (const o of estate.observations.filter((x) => x.sourceId === 'gcp-inventory')) expect(String(o.observation.fields.cloud_instance_id)).toMatch(/^[1-9][0-9]{18}$/);
    expect(estate.observations.filter((o) => o.sourceId === 'azure-inventory').every((o) => /\/resourceGroups\/[A-Z0-9-]+\/providers\/Microsoft\.Compute\/virtualMachines\//.test(String(o.observation.fields.cloud_instance_id)))).toBe(true);
    expect(estate.observations.some((o) => o.sourceId === 'cmdb' && String(o.observation.fields.bios_uuid ?? '').startsWith('ec2'))).toBe(true);
    // Azure agents in the CMDB report the VM's GUID (vmId) as often as the resource id.
    expect(estate.observations.some((o) => o.sourceId === 'cmdb' && o.observation.fields.cloud_provider === 'azure' && /^[0-9a-f]{8}-[0-9a-f]{4}-4/.test(String(o.observation.fields.cloud_instance_id)))).toBe(true);
    // VMware serials follow uuid.bios; copied VMs share them.
    const vmware = estate.observations.filter((o) => o.sourceId === 'cmdb' && String(o.observation.fields.serial ?? '').startsWith('VMware-'));
    for (const o of vmware) expect(String(o.observation.fields.serial)).toMatch(/^VMware-42( [0-9a-f]{2}){7}-[0-9a-f]{2}( [0-9a-f]{2}){7}$/);
    const bySerial = new Map<string, Set<string>>();
    for (const o of vmware) (bySerial.get(String(o.observation.fields.serial)) ?? bySerial.set(String(o.observation.fields.serial), new Set()).get(String(o.observation.fields.serial)))?.add(labelOf(o));
    expect([...bySerial.values()].some((s) => s.size > 1)).toBe(true);
    // Drives behind one gateway: one address, several units, several entities.
    const units = new Map<string, Set<string>>();
    for (const o of estate.observations.filter((x) => x.sourceId === 'modbus')) (units.get(String(o.observation.fields.primary_ip) + o.observation.interfaces[0]?.ips[0]?.network) ?? units.set(String(o.observation.fields.primary_ip) + o.observation.interfaces[0]?.ips[0]?.network, new Set()).get(String(o.observation.fields.primary_ip) + o.observation.interfaces[0]?.ips[0]?.network))?.add(labelOf(o));
    expect([...units.values()].some((s) => s.size > 2)).toBe(true);
    // Replaced hardware: one host name, two entities with different serials.
    const byName = new Map<string, Set<string>>();
    for (const o of estate.observations.filter((x) => x.sourceId === 'cmdb' && x.observation.fields.serial && x.observation.fields.hostname)) (byName.get(String(o.observation.fields.hostname).toLowerCase()) ?? byName.set(String(o.observation.fields.hostname).toLowerCase(), new Set()).get(String(o.observation.fields.hostname).toLowerCase()))?.add(labelOf(o));
    expect([...byName.values()].some((s) => s.size > 1)).toBe(true);
  });
});
