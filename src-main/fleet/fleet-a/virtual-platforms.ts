// How hypervisors and clouds make their machines look to an inventory: the vendor and model the
// BIOS reports, the serial and BIOS UUID formats (clone-prone on hypervisors), the MAC prefixes.
// A VM is often recognisable only from these, when a source gives it class `server` or none.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { CatalogueVendor } from '../fleet-catalogue.js';

export type VmPlatform = 'vmware' | 'hyperv' | 'kvm';
export type CloudProvider = 'aws' | 'azure' | 'gcp';

export interface VirtualIdentity {
  vendor: CatalogueVendor;
  model: string;
  /** '' when the platform reports none. */
  serial: string;
  biosUuid: string;
}

export const VM_PLATFORM_MIX: readonly (readonly [VmPlatform, number])[] = [
  ['vmware', 0.6],
  ['hyperv', 0.25],
  ['kvm', 0.15],
];

export const VM_VENDORS: Record<VmPlatform, CatalogueVendor> = {
  vmware: { spellings: ['VMware, Inc.', 'VMware'], ouis: ['00:50:56'], models: ['VMware Virtual Platform', 'VMware7,1', 'VMware20,1'] },
  hyperv: { spellings: ['Microsoft Corporation', 'Microsoft'], ouis: ['00:15:5d'], models: ['Virtual Machine'] },
  kvm: { spellings: ['QEMU', 'Red Hat'], ouis: ['52:54:00'], models: ['Standard PC (Q35 + ICH9, 2009)', 'Standard PC (i440FX + PIIX, 1996)', 'KVM'] },
};

export const VM_NIC_NAMES: Record<VmPlatform, readonly string[]> = {
  vmware: ['ens192', 'Ethernet0'],
  hyperv: ['eth0', 'Ethernet'],
  kvm: ['eth0', 'enp1s0'],
};

export function randomUuid(rng: Prng): string {
  return `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
}

/** The UUID with the byte order of its first three fields reversed, as some tools print it. */
export function swappedUuid(uuid: string): string {
  const rev = (hex: string): string => (hex.match(/../g) ?? []).reverse().join('');
  const [a = '', b = '', c = '', d = '', e = ''] = uuid.split('-');
  return `${rev(a)}-${rev(b)}-${rev(c)}-${d}-${e}`;
}

/** VMware's serial spells the BIOS UUID's sixteen bytes: "VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8". */
function vmwareSerialOf(uuid: string): string {
  const bytes = uuid.replace(/-/g, '').match(/../g) ?? [];
  return `VMware-${bytes.slice(0, 8).join(' ')}-${bytes.slice(8).join(' ')}`;
}

/** Hyper-V (and so Azure) serials: "0000-0012-3456-7890-1234-5678-90". */
export function hyperVSerial(rng: Prng): string {
  const digits = (n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
  return `0000-00${digits(2)}-${digits(4)}-${digits(4)}-${digits(4)}-${digits(4)}-${digits(2)}`;
}

export function makeVirtualIdentity(rng: Prng, platform: VmPlatform): VirtualIdentity {
  const vendor = VM_VENDORS[platform];
  const model = rng.pick(vendor.models);
  switch (platform) {
    case 'vmware': {
      // vCenter hands out BIOS UUIDs starting 42.
      const biosUuid = `42${rng.hex(6)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
      return { vendor, model, serial: vmwareSerialOf(biosUuid), biosUuid };
    }
    case 'hyperv':
      return { vendor, model, serial: hyperVSerial(rng), biosUuid: randomUuid(rng) };
    default:
      // KVM leaves the serial empty unless the admin sets one.
      return { vendor, model, serial: rng.chance(0.3) ? `${rng.hex(8)}` : '', biosUuid: randomUuid(rng) };
  }
}

export const CLOUD_VENDORS: Record<CloudProvider, CatalogueVendor> = {
  aws: { spellings: ['Amazon EC2', 'Xen'], ouis: [], models: ['HVM domU'] },
  azure: { spellings: ['Microsoft Corporation'], ouis: ['00:0d:3a', '00:22:48', '60:45:bd'], models: ['Virtual Machine'] },
  gcp: { spellings: ['Google'], ouis: [], models: ['Google Compute Engine'] },
};

/** What the guest's BIOS says on each cloud: AWS UUIDs (and serials) start "ec2". */
export function makeCloudIdentity(rng: Prng, provider: CloudProvider): Omit<VirtualIdentity, 'model'> {
  switch (provider) {
    case 'aws': {
      const biosUuid = `ec2${rng.hex(5)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
      return { vendor: CLOUD_VENDORS.aws, serial: biosUuid, biosUuid };
    }
    case 'azure':
      return { vendor: CLOUD_VENDORS.azure, serial: hyperVSerial(rng), biosUuid: randomUuid(rng) };
    default:
      return { vendor: CLOUD_VENDORS.gcp, serial: `GoogleCloud-${rng.hex(32).toUpperCase()}`, biosUuid: randomUuid(rng) };
  }
}

/** A cloud NIC's MAC: AWS ENIs are locally administered, GCP's spell the private address, Azure's are Microsoft's. */
export function cloudMac(rng: Prng, provider: CloudProvider, ip: string, serialNo: number): string {
  if (provider === 'gcp') return `42:01:${ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join(':')}`;
  const tail = (serialNo.toString(16).padStart(8, '0').match(/../g) ?? []).join(':');
  if (provider === 'azure') return `${rng.pick(CLOUD_VENDORS.azure.ouis)}:${tail.slice(3)}`;
  return `${rng.pick(['02', '06', '0a', '0e'])}:${rng.hex(2)}:${tail}`;
}
