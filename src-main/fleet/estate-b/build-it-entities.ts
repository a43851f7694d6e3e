// Physical servers, VMs and workstations of generator B. VMs come from three hypervisors with
// their own identity habits (VMware serials derived from the BIOS UUID, Hyper-V's numeric serials
// and per-host MAC pools, KVM with no serial); workstations carry the adapters people actually
// install (VirtualBox, Hyper-V default switch) and the docks they share on hot desks.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { SERVER_PRODUCTS, WHITE_BOX_PRODUCT, WORKSTATION_PRODUCTS } from './estate-b-catalogue.js';
import type { EstateBContext } from './estate-b-context.js';
import type { Nic, TrueEntity } from './estate-b-entity.js';
import { ESTATE_B_DATA_CENTRES, ESTATE_B_OFFICES } from './estate-b-networks.js';

export const SMBIOS_PLACEHOLDER_SERIALS = ['To be filled by O.E.M.', 'Default string', 'System Serial Number', '0123456789'] as const;
export const SMBIOS_PLACEHOLDER_UUIDS = ['03000200-0400-0500-0006-000700080009', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'] as const;
/** VirtualBox's first host-only adapter: the same MAC and address on every host that has one. */
export const VIRTUALBOX_HOST_ONLY = { mac: '0a:00:27:00:00:00', ip: '192.168.56.1' } as const;
const SERVER_OS: readonly (readonly [string, string, 'linux' | 'windows' | 'esxi'])[] = [
  ['Red Hat Enterprise Linux 9.2', '9.2', 'linux'],
  ['Ubuntu 22.04.4 LTS', '22.04', 'linux'],
  ['SUSE Linux Enterprise Server 15 SP5', '15.5', 'linux'],
  ['Rocky Linux 8.9', '8.9', 'linux'],
  ['Microsoft Windows Server 2022 Standard', '10.0.20348', 'windows'],
  ['Microsoft Windows Server 2019 Datacenter', '10.0.17763', 'windows'],
];
const ROLES = ['app', 'web', 'sql', 'etl', 'k8s', 'log', 'ftp', 'dc', 'bkp', 'mq'];
const DOMAIN = 'corp.fieldwise-b.net';

export function osOfServer(rng: Prng, allowEsxi: boolean): readonly [string, string, 'linux' | 'windows' | 'esxi'] {
  if (allowEsxi && rng.chance(0.15)) return ['VMware ESXi 8.0.2', '8.0.2', 'esxi'];
  const linux = rng.chance(0.6);
  return rng.pick(SERVER_OS.filter((o) => (o[2] === 'linux') === linux));
}

function dataCentre(rng: Prng): (typeof ESTATE_B_DATA_CENTRES)[number] {
  return rng.chance(0.6) ? ESTATE_B_DATA_CENTRES[0] : ESTATE_B_DATA_CENTRES[1];
}

function serverName(ctx: EstateBContext, site: string): string {
  return `${site.slice(0, 3)}${ctx.rng.pick(ROLES)}${String(ctx.alloc.next(`host:${site}`)).padStart(4, '0')}`;
}

/** keepalived with use_vmac and Docker: both put shared-by-design addresses on ordinary Linux hosts. */
function linuxExtras(ctx: EstateBContext, e: TrueEntity, site: string, prefix: string): void {
  const { rng, mix } = ctx;
  if (rng.chance(mix.keepalived)) {
    // keepalived's sample configuration uses virtual_router_id 51; many installs keep it.
    const vrid = rng.chance(0.6) ? 51 : rng.int(1, 20);
    e.nics.push({ name: `vrrp.${vrid}`, mac: `00:00:5e:00:01:${vrid.toString(16).padStart(2, '0')}`, ip: ctx.alloc.nextStatic(site, prefix), network: site, virtual: true });
    e.hard.add('keepalived_vrrp_mac');
  }
  if (rng.chance(mix.docker)) {
    e.nics.push({ name: 'docker0', mac: `02:42:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`, ip: '172.17.0.1', network: site, virtual: true });
    if (rng.chance(mix.dockerContainerListed)) {
      // Container MACs are derived from the container's IP (02:42:ac:11:00:02 for 172.17.0.2).
      const n = rng.int(2, 4);
      e.nics.push({ name: `container-${n - 1}`, mac: `02:42:ac:11:00:0${n}`, ip: `172.17.0.${n}`, network: site, virtual: true });
      e.hard.add('docker_container_mac');
    }
  }
}

export function addPhysicalServer(ctx: EstateBContext, fill: Partial<TrueEntity> = {}): TrueEntity {
  const { rng, alloc, mix } = ctx;
  const dc = dataCentre(rng);
  const product = rng.pick(SERVER_PRODUCTS);
  const [osName, osVersion, family] = osOfServer(rng, true);
  const serial = alloc.unique('serial', () => product.serial(rng));
  const e = ctx.add('physical_server', 'server', dc.site, {
    hostname: serverName(ctx, dc.site),
    domain: DOMAIN,
    vendor: product.vendor,
    model: rng.pick(product.models),
    serial,
    smbiosSerial: serial,
    // Dell's SMBIOS UUIDs start with 4c4c4544 ("LLED"); others look random.
    biosUuid: product.vendor.startsWith('Dell') ? `4c4c4544-00${rng.hex(2)}-${rng.hex(4)}-80${rng.hex(2)}-${rng.hex(12)}` : alloc.uuid(),
    assetTag: `AT${alloc.unique('tag', () => String(rng.int(100000, 999999)))}`,
    osName,
    osVersion,
    ...fill,
  });
  e.smbiosUuid = e.biosUuid;
  if (rng.chance(mix.placeholderSerialServer)) {
    e.smbiosSerial = rng.pick(SMBIOS_PLACEHOLDER_SERIALS);
    e.hard.add('placeholder_serial');
  }
  e.nics.push({ name: family === 'windows' ? 'Ethernet' : family === 'esxi' ? 'vmk0' : 'eno1', mac: alloc.mac(rng.pick(product.ouis)), ip: alloc.nextStatic(dc.site, dc.prefix), network: dc.site });
  if (rng.chance(mix.multiHomedServer)) {
    e.nics.push({ name: family === 'windows' ? 'Storage' : 'ens2f0', mac: alloc.mac(rng.pick(product.ouis)), ip: alloc.nextStatic(`${dc.site}-storage`, dc.storage), network: `${dc.site}-storage` });
    if (rng.chance(0.5)) e.nics.push({ name: family === 'windows' ? 'Backup' : 'ens2f1', mac: alloc.mac(rng.pick(product.ouis)), ip: alloc.nextStatic(`${dc.site}-backup`, dc.backup), network: `${dc.site}-backup` });
    e.hard.add('multi_homed');
  }
  if (family === 'linux') linuxExtras(ctx, e, dc.site, dc.prefix);
  return e;
}

export interface HypervisorPools {
  /** Hyper-V hosts' dynamic MAC pools: two bytes from the host's address when the role was installed. */
  hypervHosts: { pool: string; next: number; shared: boolean }[];
  vms: TrueEntity[];
}

function vmwareIdentity(rng: Prng): { uuid: string; serial: string } {
  const bytes = ['42', ...Array.from({ length: 15 }, () => rng.hex(2))];
  const uuid = `${bytes.slice(0, 4).join('')}-${bytes.slice(4, 6).join('')}-${bytes.slice(6, 8).join('')}-${bytes.slice(8, 10).join('')}-${bytes.slice(10).join('')}`;
  // The guest sees uuid.bios as its serial: "VMware-" and the 16 bytes, a dash after the eighth.
  return { uuid, serial: `VMware-${bytes.slice(0, 8).join(' ')}-${bytes.slice(8).join(' ')}` };
}

function hypervSerial(rng: Prng): string {
  const d = (n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  return `${d(4)}-${d(4)}-${d(4)}-${d(4)}-${d(4)}-${d(4)}-${d(2)}`;
}

function hypervMac(ctx: EstateBContext, pools: HypervisorPools): { mac: string; shared: boolean } {
  const { rng } = ctx;
  let host = pools.hypervHosts[pools.hypervHosts.length - 1];
  if (!host || host.next >= 25) {
    const reuse = pools.hypervHosts.length > 0 && rng.chance(ctx.mix.hypervPoolCollision);
    const pool = reuse ? rng.pick(pools.hypervHosts).pool : `${rng.hex(2)}:${rng.hex(2)}`;
    host = { pool, next: 0, shared: reuse };
    if (reuse) for (const h of pools.hypervHosts) if (h.pool === pool) h.shared = true;
    pools.hypervHosts.push(host);
  }
  const mac = `00:15:5d:${host.pool}:${host.next.toString(16).padStart(2, '0')}`;
  host.next += 1;
  return { mac, shared: host.shared };
}

export function addVirtualMachine(ctx: EstateBContext, pools: HypervisorPools): TrueEntity {
  const { rng, alloc, mix } = ctx;
  const dc = dataCentre(rng);
  const [osName, osVersion, family] = osOfServer(rng, false);
  const r = rng.next();
  const hypervisor = r < 0.7 ? 'vmware' : r < 0.9 ? 'hyperv' : 'kvm';
  const e = ctx.add('vm', 'virtual_machine', dc.site, { hostname: serverName(ctx, dc.site), domain: DOMAIN, osName, osVersion });
  let mac: string;
  if (hypervisor === 'vmware') {
    const id = vmwareIdentity(rng);
    Object.assign(e, { vendor: 'VMware, Inc.', model: 'VMware Virtual Platform', serial: id.serial, biosUuid: id.uuid });
    mac = alloc.mac('00:50:56');
  } else if (hypervisor === 'hyperv') {
    Object.assign(e, { vendor: 'Microsoft Corporation', model: 'Virtual Machine', serial: hypervSerial(rng), biosUuid: alloc.uuid() });
    const m = hypervMac(ctx, pools);
    mac = m.mac;
  } else {
    // QEMU leaves the SMBIOS serial empty unless the operator sets one.
    Object.assign(e, { vendor: 'QEMU', model: 'Standard PC (Q35 + ICH9, 2009)', serial: null, biosUuid: alloc.uuid() });
    mac = alloc.mac('52:54:00');
  }
  const template = pools.vms.length > 0 && rng.chance(mix.copiedVm) ? rng.pick(pools.vms.filter((v) => v.vendor === e.vendor)) : undefined;
  if (template && template.serial !== null) {
    // Copied with its configuration: the hypervisor kept uuid.bios, so serial and UUID repeat.
    e.serial = template.serial;
    e.biosUuid = template.biosUuid;
    if (rng.chance(mix.copiedVmKeepsMac) && template.nics[0]?.mac) mac = template.nics[0].mac;
    e.hard.add('copied_vm');
    template.hard.add('copied_vm');
  }
  e.smbiosSerial = e.serial;
  e.smbiosUuid = e.biosUuid;
  e.nics.push({ name: family === 'windows' ? 'Ethernet0' : 'ens192', mac, ip: alloc.nextStatic(dc.site, dc.prefix), network: dc.site });
  if (rng.chance(0.15)) {
    e.nics.push({ name: family === 'windows' ? 'Backup' : 'ens224', mac: hypervisor === 'vmware' ? alloc.mac('00:50:56') : alloc.mac('52:54:00'), ip: alloc.nextStatic(`${dc.site}-backup`, dc.backup), network: `${dc.site}-backup` });
    e.hard.add('multi_homed');
  }
  if (family === 'linux') linuxExtras(ctx, e, dc.site, dc.prefix);
  pools.vms.push(e);
  return e;
}

export interface DockPools {
  /** Per office: the MACs of shared hot-desk docks. */
  hotDesk: Map<string, string[]>;
}

const DEPARTMENTS = ['finance', 'sales', 'engineering', 'logistics', 'quality', 'purchasing'];

export function addWorkstation(ctx: EstateBContext, docks: DockPools, fill: Partial<TrueEntity> = {}): TrueEntity {
  const { rng, alloc, mix } = ctx;
  let r = rng.next();
  const office = ESTATE_B_OFFICES.find((o) => (r -= o.share) < 0) ?? ESTATE_B_OFFICES[0];
  const laptop = rng.chance(0.65);
  const whiteBox = !laptop && rng.chance(mix.placeholderSerialWorkstation / 0.35);
  const product = whiteBox ? WHITE_BOX_PRODUCT : rng.pick(WORKSTATION_PRODUCTS);
  const tag = alloc.unique('tag', () => String(rng.int(100000, 999999)));
  const code = office.site === 'hq-lan' ? 'hq' : office.site.slice(7, 10);
  const long = rng.chance(mix.longHostname);
  const hostname = long ? `${office.site.replace(/^branch-|-lan$/g, '')}-${rng.pick(DEPARTMENTS)}-${laptop ? 'lt' : 'pc'}-${tag.slice(-4)}` : `${code}${laptop ? 'l' : 'd'}${tag}`;
  const serial = alloc.unique('serial', () => product.serial(rng));
  const windows = rng.chance(0.95);
  const e = ctx.add('workstation', 'workstation', office.site, {
    hostname,
    domain: DOMAIN,
    vendor: product.vendor,
    model: rng.pick(product.models),
    serial,
    smbiosSerial: whiteBox ? rng.pick(SMBIOS_PLACEHOLDER_SERIALS) : serial,
    biosUuid: alloc.uuid(),
    assetTag: `AT${tag}`,
    osName: windows ? (rng.chance(0.72) ? 'Microsoft Windows 11 Enterprise' : 'Microsoft Windows 10 Enterprise') : 'Ubuntu 22.04.4 LTS',
    osVersion: windows ? '10.0.22631' : '22.04',
    ...fill,
  });
  if (whiteBox) e.hard.add('placeholder_serial');
  e.smbiosUuid = e.biosUuid;
  if (rng.chance(mix.placeholderUuid)) {
    e.smbiosUuid = rng.pick(SMBIOS_PLACEHOLDER_UUIDS);
    e.hard.add('placeholder_uuid');
  }
  if (long && hostname.length > 15) e.hard.add('netbios_truncated');
  const ip = ctx.lease(office.site, e.label);
  if (!laptop) {
    e.nics.push({ name: 'Ethernet', mac: alloc.mac(rng.pick(product.ouis)), ip, network: office.site });
  } else {
    const docked = rng.chance(0.35);
    e.nics.push({ name: 'Wi-Fi', mac: alloc.mac(rng.pick(['a4:c3:f0', '3c:a9:f4', '70:cd:0d'])), ip: docked ? null : ip, network: office.site });
    if (docked) {
      let mac: string;
      if (rng.chance(mix.hotDeskDock / 0.35)) {
        const pool = docks.hotDesk.get(office.site) ?? [];
        docks.hotDesk.set(office.site, pool);
        // A handful of docks per office serve every hot-desk laptop.
        if (pool.length === 0 || rng.chance(0.3)) pool.push(alloc.mac('00:e0:4c'));
        mac = rng.pick(pool);
        e.hard.add('hot_desk_dock');
      } else {
        mac = alloc.mac('00:e0:4c');
      }
      e.nics.push({ name: 'Ethernet 2', mac, ip, network: office.site });
    }
  }
  addWorkstationAdapters(ctx, e, office.site, ip, windows);
  return e;
}

function addWorkstationAdapters(ctx: EstateBContext, e: TrueEntity, site: string, ip: string, windows: boolean): void {
  const { rng, mix } = ctx;
  if (rng.chance(mix.virtualBox)) {
    e.nics.push({ name: 'VirtualBox Host-Only Network', mac: VIRTUALBOX_HOST_ONLY.mac, ip: VIRTUALBOX_HOST_ONLY.ip, network: site, virtual: true });
    e.hard.add('virtualbox_host_only');
  }
  if (windows && rng.chance(mix.hypervDefaultSwitch)) {
    // Hyper-V derives its MAC pool from the last two octets of the host's address at install time.
    const [, , c, d] = ip.split('.').map(Number) as [number, number, number, number];
    const hex = (n: number): string => n.toString(16).padStart(2, '0');
    e.nics.push({ name: 'vEthernet (Default Switch)', mac: `00:15:5d:${hex(c)}:${hex(d)}:00`, ip: null, network: site, virtual: true } satisfies Nic);
    e.hard.add('hyperv_default_switch');
  }
}
