// Identifier values that real devices share by design, listed before any estate is seen (the prior
// half of term-frequency adjustment; the other half counts how many devices share a value in the
// estate itself). A value on this list identifies nothing: it is neither a blocking key nor
// evidence. Each entry says where the behaviour comes from.

/** MAC address ranges that many devices use at once. Matched on the normalised aa:bb:cc:… form. */
export const SHARED_MAC_RANGES: readonly { prefix: string; what: string; reference: string }[] = [
  { prefix: '00:00:5e:00:01:', what: 'VRRP/CARP virtual router (IPv4): the same MAC on every router of a group', reference: 'RFC 5798 §7.3, RFC 7042 §2.1.1' },
  { prefix: '00:00:5e:00:02:', what: 'VRRP virtual router (IPv6)', reference: 'RFC 5798 §7.3' },
  { prefix: '00:00:0c:07:ac:', what: 'Cisco HSRP version 1 virtual MAC', reference: 'Cisco HSRP configuration guide' },
  { prefix: '00:00:0c:9f:f', what: 'Cisco HSRP version 2 virtual MAC', reference: 'Cisco HSRP configuration guide' },
  { prefix: '00:07:b4:00:', what: 'Cisco GLBP virtual forwarder MAC', reference: 'Cisco GLBP configuration guide' },
  { prefix: '02:42:', what: 'Docker bridge and container MACs (derived from the container IP, repeated on every host)', reference: 'Docker networking (docker0, 02:42 prefix)' },
  { prefix: '02:00:4c:4f:4f:50', what: 'Microsoft Loopback Adapter', reference: 'Microsoft KB: loopback adapter MAC 02-00-4C-4F-4F-50' },
  { prefix: '00:05:9a:3c:7a:00', what: 'Cisco AnyConnect virtual adapter, identical on every client', reference: 'Cisco AnyConnect release notes' },
  { prefix: '00:09:0f:fe:00:01', what: 'Fortinet SSL-VPN virtual adapter, identical on every client', reference: 'FortiClient documentation' },
  { prefix: '02:00:54:55:4e:01', what: 'Juniper Network Connect virtual adapter', reference: 'Juniper Network Connect' },
  { prefix: '02:bf:', what: 'Windows Network Load Balancing cluster MAC (unicast mode), shared by every node', reference: 'Microsoft NLB documentation' },
  { prefix: '00:ff:', what: 'TAP-Windows/OpenVPN adapters (installed with a fixed default MAC)', reference: 'OpenVPN tap-windows6' },
  { prefix: '0a:00:27:00:00:', what: 'VirtualBox host-only adapter on the host', reference: 'VirtualBox manual, host-only networking' },
];

/** Serial strings firmware and tools report when the real one is missing (compared upper-case, spaces removed). */
export const PLACEHOLDER_SERIALS: ReadonlySet<string> = new Set([
  'TOBEFILLEDBYO.E.M.',
  'TOBEFILLEDBYOEM',
  'DEFAULTSTRING',
  'SYSTEMSERIALNUMBER',
  'CHASSISSERIALNUMBER',
  'BASEBOARDSERIALNUMBER',
  'SERIALNUMBER',
  'SERIAL',
  'NOTSPECIFIED',
  'NOTAVAILABLE',
  'NOTAPPLICABLE',
  'NOTSET',
  'N/A',
  'NA',
  'NONE',
  'NULL',
  'UNKNOWN',
  'INVALID',
  'OEM',
  'O.E.M.',
  'EMPTY',
  'DEFAULT',
  'XXXXXXXXXX',
  '123456789',
  '0123456789',
  '1234567890',
  '12345678',
  '-',
  '.',
]);

/** SMBIOS UUIDs boards ship when none was programmed (compared lower-case, canonical form). */
export const PLACEHOLDER_BIOS_UUIDS: ReadonlySet<string> = new Set([
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '03000200-0400-0500-0006-000700080009',
  '00020003-0004-0005-0006-000700080009',
  '12345678-1234-5678-90ab-cddeefaabbcc',
]);

/** Host names that ship as operating-system or device defaults and repeat across unrelated machines. */
export const PLACEHOLDER_HOST_NAMES: ReadonlySet<string> = new Set([
  'localhost',
  'localhost.localdomain',
  'unknown',
  'none',
  '(none)',
  'null',
  'n/a',
  '-',
  'default',
  'ubuntu',
  'debian',
  'raspberrypi',
  'kali',
  'centos',
  'fedora',
  'android',
  'iphone',
  'ipad',
  'new-host',
]);

export function isSharedMac(mac: string): boolean {
  for (const range of SHARED_MAC_RANGES) if (mac.startsWith(range.prefix)) return true;
  return false;
}
