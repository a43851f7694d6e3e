// MAC addresses in any common notation -> "aa:bb:cc:dd:ee:ff", classified by how unique they are.
// Virtual-platform prefixes and locally administered addresses repeat across machines (clones,
// containers, cloud NICs), so matching treats them as weak evidence.

export const MAC_KINDS = ['universal', 'locally_administered', 'virtual'] as const;
export type MacKind = (typeof MAC_KINDS)[number];

export interface NormalisedMac {
  mac: string;
  kind: MacKind;
  /** The virtual platform a known prefix belongs to. */
  platform: string | null;
}

export const VIRTUAL_MAC_PREFIXES: Readonly<Record<string, string>> = {
  '00:50:56': 'VMware',
  '00:0c:29': 'VMware',
  '00:05:69': 'VMware',
  '00:1c:14': 'VMware',
  '00:15:5d': 'Hyper-V',
  '08:00:27': 'VirtualBox',
  '52:54:00': 'KVM/QEMU',
  '02:42': 'Docker',
  '00:16:3e': 'Xen',
};

/** Platforms that assign a MAC per virtual machine (unlike container bridges, whose MACs repeat on every host). */
export const HYPERVISOR_MAC_PLATFORMS: readonly string[] = ['VMware', 'Hyper-V', 'VirtualBox', 'KVM/QEMU', 'Xen'];

/** Whether the MAC belongs to one machine: universally administered, or assigned per VM by a hypervisor. */
export function isPerMachineMac(mac: NormalisedMac): boolean {
  return mac.kind === 'universal' || (mac.platform !== null && HYPERVISOR_MAC_PLATFORMS.includes(mac.platform));
}

export function normaliseMac(input: string | null | undefined): NormalisedMac | null {
  if (typeof input !== 'string') return null;
  const hex = input.trim().toLowerCase().replace(/[\s:.-]/g, '');
  if (!/^[0-9a-f]{12}$/.test(hex)) return null;
  if (/^0+$/.test(hex) || /^f+$/.test(hex)) return null;
  const firstOctet = parseInt(hex.slice(0, 2), 16);
  // Multicast addresses never name one interface.
  if ((firstOctet & 0x01) === 1) return null;
  const mac = hex.match(/../g)?.join(':') ?? hex;
  const platform = VIRTUAL_MAC_PREFIXES[mac.slice(0, 8)] ?? VIRTUAL_MAC_PREFIXES[mac.slice(0, 5)] ?? null;
  if (platform !== null) return { mac, kind: 'virtual', platform };
  if ((firstOctet & 0x02) === 2) return { mac, kind: 'locally_administered', platform: null };
  return { mac, kind: 'universal', platform: null };
}
