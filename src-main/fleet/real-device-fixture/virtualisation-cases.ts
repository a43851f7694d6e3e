// Cases about virtual machines: VMware serials derived from uuid.bios, VMs copied with their
// configuration (so serial and UUID repeat, and with "I moved it" the MAC too), Hyper-V's numeric
// BIOS serials, and KVM guests with no serial at all.
import type { RealDeviceCase } from './fixture-case.js';

const VMWARE_SERIAL = { title: 'Converting between guest OS serial number and VM UUID (VMware-<uuid.bios>); array-based clones share UUIDs', url: 'https://enterpriseadmins.org/blog/scripting/converting-between-guest-os-serial-number-at-vm-uuid/' };
const VMWARE_MOVED = { title: 'Broadcom KB 320246: changing or keeping a UUID for a moved virtual machine ("I moved it" / "I copied it")', url: 'https://knowledge.broadcom.com/external/article/320246/changing-or-keeping-a-uuid-for-a-moved-v.html' };
const HYPERV_SERIAL = { title: 'How to uniquely identify a virtual machine in Hyper-V: BIOSSerialNumber "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XX"', url: 'https://blogs.technet.microsoft.com/jhoward/2008/09/16/how-to-use-uniquely-identify-a-virtual-machine-in-hyper-v/' };
const SERIAL = 'VMware-42 02 30 81 33 1b 58 e1-27 30 ca 56 07 89 e5 51';
const UUID = '42023081-331b-58e1-2730-ca560789e551';

export const VIRTUALISATION_CASES: readonly RealDeviceCase[] = [
  {
    id: 'vmware-array-clone',
    behaviour: 'Two VMs registered from a storage-array clone of one VM: same uuid.bios, so the same BIOS UUID and "VMware-42 02 30 81 …" serial; vCenter gave the clone a new MAC.',
    expected: 'Two VMs (different names, MACs and addresses).',
    references: [VMWARE_SERIAL, { title: 'Broadcom KB 344089: virtual machine UUID format (uuid.bios)', url: 'https://knowledge.broadcom.com/external/article/344089/virtual-machine-uuid-format.html' }],
    networks: { 'fra-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'd3f5a7c9e1b3d5f7a9c1e3b5d7f9a1b1', entity: 'vm01', assetClass: 'virtual_machine', fields: { hostname: 'h207-vm-01', serial: SERIAL, bios_uuid: UUID, vendor: 'VMware, Inc.', model: 'VMware Virtual Platform' }, nics: [['ens192', '00:50:56:a1:00:01', '10.20.9.1', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'e4a6b8d0f2a4c6e8b0d2f4a6c8e0a2c2', entity: 'vm02', assetClass: 'virtual_machine', fields: { hostname: 'h207-vm-02', serial: SERIAL, bios_uuid: UUID, vendor: 'VMware, Inc.', model: 'VMware Virtual Platform' }, nics: [['ens192', '00:50:56:a1:00:02', '10.20.9.2', 'fra-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10600', entity: 'vm01', fields: { hostname: 'h207-vm-01' }, nics: [[null, null, '10.20.9.1', 'fra-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10601', entity: 'vm02', fields: { hostname: 'h207-vm-02' }, nics: [[null, null, '10.20.9.2', 'fra-dc']] },
    ],
  },
  {
    id: 'vmware-moved-copy-keeps-mac',
    behaviour: 'A VM copied to another datastore and answered "I moved it": UUID, serial and MAC are all kept, and both copies run (on different port groups).',
    expected: 'Two VMs, told apart only by name and address.',
    references: [VMWARE_MOVED, { title: 'VMware Fusion 101: a moved VM keeps its UUID and MAC addresses', url: 'http://blogs.vmware.com/teamfusion/2008/10/vmware-fusion-3.html' }],
    networks: { 'fra-dc': 'static', 'ams-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'f5b7d9f1a3c5e7b9d1f3a5c7e9b1d3d3', entity: 'orig', assetClass: 'server', fields: { hostname: 'frabi0007', serial: 'VMware-42 1a 5c 77 09 e2 4b 10-9f 3d 21 c8 6e 05 b4 7a', bios_uuid: '421a5c77-09e2-4b10-9f3d-21c86e05b47a' }, nics: [['ens192', '00:50:56:9a:3c:11', '10.20.9.40', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4e4', entity: 'copy', assetClass: 'server', fields: { hostname: 'amsbi0007', serial: 'VMware-42 1a 5c 77 09 e2 4b 10-9f 3d 21 c8 6e 05 b4 7a', bios_uuid: '421a5c77-09e2-4b10-9f3d-21c86e05b47a' }, nics: [['ens192', '00:50:56:9a:3c:11', '10.30.9.40', 'ams-dc']] },
    ],
  },
  {
    id: 'vmware-vm-three-views',
    behaviour: 'One VMware VM as the CMDB files it (class server, VMware serial), as monitoring names it (FQDN) and as its Net-SNMP agent reports it (00:50:56 MAC).',
    expected: 'One VM.',
    references: [VMWARE_SERIAL],
    networks: { 'ams-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5f5', entity: 'vm', assetClass: 'server', fields: { hostname: 'AMSETL0012', serial: 'VMware-42 3c 9d 10 aa 51 72 e0-4b 88 0c 19 d2 3e 6f 01', vendor: 'VMware, Inc.' }, nics: [['ens192', '00:50:56:80:3c:12', '10.30.2.12', 'ams-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10700', entity: 'vm', fields: { hostname: 'amsetl0012.corp.fieldwise-b.net' }, nics: [[null, null, '10.30.2.12', 'ams-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f88804e2f1a0b9c8d7e6f', entity: 'vm', fields: { hostname: 'amsetl0012' }, nics: [['ens192', '00:50:56:80:3c:12', '10.30.2.12', 'ams-dc']] },
    ],
  },
  {
    id: 'hyperv-exported-vm-serial',
    behaviour: 'Hyper-V keeps BIOSSerialNumber in the VM configuration; a VM exported and imported as a copy keeps it, so two VMs report the same numeric serial.',
    expected: 'Two VMs.',
    references: [HYPERV_SERIAL],
    networks: { 'fra-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'c8e0a2c4e6b8d0f2a4c6e8b0d2f4a6a6', entity: 'a', assetClass: 'virtual_machine', fields: { hostname: 'FRAAPP0210', serial: '4478-1290-3355-6120-8841-2276-03', vendor: 'Microsoft Corporation', model: 'Virtual Machine' }, nics: [['Ethernet', '00:15:5D:14:01:07', '10.20.4.10', 'fra-dc']] },
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'd9f1b3d5f7a9c1e3b5d7f9a1c3e5b7b7', entity: 'b', assetClass: 'virtual_machine', fields: { hostname: 'FRAAPP0211', serial: '4478-1290-3355-6120-8841-2276-03', vendor: 'Microsoft Corporation', model: 'Virtual Machine' }, nics: [['Ethernet', '00:15:5D:14:01:08', '10.20.4.11', 'fra-dc']] },
    ],
  },
  {
    id: 'kvm-guest-without-serial',
    behaviour: 'QEMU/KVM guests have an empty SMBIOS serial unless the operator sets one; the CMDB row, the monitoring host and the SNMP agent meet on name, MAC and address.',
    expected: 'One VM.',
    references: [{ title: 'Get Linux system UID: product_serial works on VMware and bare metal, fails on KVM', url: 'https://gist.github.com/ggrandes/9353295' }],
    networks: { 'ams-dc': 'static' },
    records: [
      { source: 'cmdb', kind: 'servers_cache', nativeKey: 'e0a2c4e6b8d0f2a4c6e8b0d2f4a6c8c8', entity: 'vm', assetClass: 'virtual_machine', fields: { hostname: 'amsmq0003', vendor: 'QEMU', model: 'Standard PC (Q35 + ICH9, 2009)' }, nics: [['eth0', '52:54:00:6b:1c:03', '10.30.6.3', 'ams-dc']] },
      { source: 'monitoring', kind: 'servers_cache', nativeKey: '10800', entity: 'vm', fields: { hostname: 'amsmq0003' }, nics: [[null, '52:54:00:6b:1c:03', '10.30.6.3', 'ams-dc']] },
      { source: 'snmp', kind: 'snmp', nativeKey: 'snmp:engine:80001f8880a0b1c2d3e4f5a6b7', entity: 'vm', fields: { hostname: 'amsmq0003.corp.fieldwise-b.net' }, nics: [['eth0', '52:54:00:6b:1c:03', '10.30.6.3', 'ams-dc']] },
    ],
  },
];
