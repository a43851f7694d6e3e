// Recognises virtual machines and cloud instances from what any source reports about them —
// vendor, model, serial pattern, MAC prefixes — whatever class the source defaulted to (a server
// inventory files every VM as "server"). A VM's serial and BIOS UUID are copied when it is cloned,
// so they count only together with other evidence.
import type { AssetClass } from '../../../src-shared/model/index.js';
import { HYPERVISOR_MAC_PLATFORMS, type NormalisedMac } from './normalise-mac.js';

export interface VirtualMachineSignal {
  isVirtual: boolean;
  /** The platform recognised (VMware, Hyper-V, KVM/QEMU, Xen, VirtualBox, AWS, Azure, Google Cloud, …). */
  platform: string | null;
  /** What gave it away, for explanations. */
  evidence: string | null;
}

const VENDOR_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\bvmware\b/i, 'VMware'],
  [/\bqemu\b/i, 'KVM/QEMU'],
  [/\bxen(source)?\b/i, 'Xen'],
  [/\binnotek\b/i, 'VirtualBox'],
  [/\bparallels\b/i, 'Parallels'],
  [/amazon ec2/i, 'AWS'],
  [/openstack/i, 'OpenStack'],
  [/\bnutanix\b/i, 'Nutanix AHV'],
  [/\bbochs\b/i, 'KVM/QEMU'],
  [/\bovirt\b/i, 'KVM/QEMU'],
];

const MODEL_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/vmware/i, 'VMware'],
  [/^virtual machine$/i, 'Hyper-V'],
  [/virtualbox/i, 'VirtualBox'],
  [/\bkvm\b/i, 'KVM/QEMU'],
  [/standard pc \((i440fx|q35)/i, 'KVM/QEMU'],
  [/rhev hypervisor|openstack (nova|compute)/i, 'KVM/QEMU'],
  [/hvm domu/i, 'Xen'],
  [/google compute engine/i, 'Google Cloud'],
  [/parallels virtual platform/i, 'Parallels'],
  [/^ahv$/i, 'Nutanix AHV'],
  [/^bhyve$/i, 'bhyve'],
];

const SERIAL_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/^vmware-/i, 'VMware'],
  [/^\d{4}-\d{4}-\d{4}-\d{4}-\d{4}-\d{4}-\d{2}$/, 'Hyper-V'],
  [/^ec2[0-9a-f]{5}/i, 'AWS'],
  [/^googlecloud-/i, 'Google Cloud'],
  [/^parallels-/i, 'Parallels'],
];

const VIRTUAL_CLASSES: ReadonlySet<AssetClass> = new Set(['virtual_machine', 'cloud_instance']);

export interface VirtualMachineHints {
  assetClass: AssetClass | null;
  vendor: string | null;
  model: string | null;
  /** As reported (not normalised), so patterns see the original shape. */
  serial: string | null;
  biosUuid: string | null;
  cloudInstanceId: string | null;
  macs: readonly NormalisedMac[];
}

export function recogniseVirtualMachine(h: VirtualMachineHints): VirtualMachineSignal {
  const found = (platform: string, evidence: string): VirtualMachineSignal => ({ isVirtual: true, platform, evidence });
  if (h.cloudInstanceId) return found(h.assetClass === 'cloud_instance' ? 'cloud' : 'cloud', `cloud instance id ${h.cloudInstanceId}`);
  for (const [re, platform] of SERIAL_PATTERNS) if (h.serial && re.test(h.serial.trim())) return found(platform, `serial ${h.serial.trim()}`);
  for (const [re, platform] of MODEL_PATTERNS) if (h.model && re.test(h.model.trim())) return found(platform, `model ${h.model.trim()}`);
  for (const [re, platform] of VENDOR_PATTERNS) if (h.vendor && re.test(h.vendor)) return found(platform, `vendor ${h.vendor.trim()}`);
  // AWS writes "ec2" at the start of the instance's SMBIOS UUID (or "2ec" in the other byte order).
  if (h.biosUuid && /^(ec2|2ec)/.test(h.biosUuid)) return found('AWS', `BIOS UUID ${h.biosUuid}`);
  if (h.assetClass !== null && VIRTUAL_CLASSES.has(h.assetClass)) return found(h.assetClass === 'cloud_instance' ? 'cloud' : 'virtual', `class ${h.assetClass}`);
  // Only MAC prefixes, and nothing about the hardware: a physical host running a hypervisor has
  // virtual-switch MACs too, but also a vendor, model or serial of its own.
  if (!h.vendor && !h.model && !h.serial && h.macs.length > 0 && h.macs.every((m) => m.platform !== null && HYPERVISOR_MAC_PLATFORMS.includes(m.platform))) {
    return found(h.macs[0]?.platform ?? 'virtual', `MAC ${h.macs[0]?.mac ?? ''}`);
  }
  return { isVirtual: false, platform: null, evidence: null };
}
