// IANA private enterprise numbers of common vendors, for vendor from sysObjectID
// (1.3.6.1.4.1.<pen>...). `kind` is a hint for the class guess, not a verdict.
import { ENTERPRISES_PREFIX } from './snmp-oids.js';

export const VENDOR_KINDS = ['network', 'server', 'ups', 'printer', 'firewall', 'ot', 'software', 'storage', 'mixed'] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];

export interface EnterpriseVendor {
  pen: number;
  vendor: string;
  kind: VendorKind;
}

export const ENTERPRISE_VENDORS: readonly EnterpriseVendor[] = [
  { pen: 9, vendor: 'Cisco', kind: 'network' },
  { pen: 11, vendor: 'HP', kind: 'mixed' },
  { pen: 43, vendor: '3Com', kind: 'network' },
  { pen: 95, vendor: 'Rockwell Automation (Allen-Bradley)', kind: 'ot' },
  { pen: 248, vendor: 'Hirschmann', kind: 'network' },
  { pen: 253, vendor: 'Xerox', kind: 'printer' },
  { pen: 311, vendor: 'Microsoft', kind: 'server' },
  { pen: 318, vendor: 'APC (Schneider Electric)', kind: 'ups' },
  { pen: 534, vendor: 'Eaton', kind: 'ups' },
  { pen: 641, vendor: 'Lexmark', kind: 'printer' },
  { pen: 674, vendor: 'Dell', kind: 'server' },
  { pen: 1588, vendor: 'Brocade', kind: 'network' },
  { pen: 1916, vendor: 'Extreme Networks', kind: 'network' },
  { pen: 2011, vendor: 'Huawei', kind: 'network' },
  { pen: 2435, vendor: 'Brother', kind: 'printer' },
  { pen: 2636, vendor: 'Juniper Networks', kind: 'network' },
  { pen: 3833, vendor: 'Schneider Electric', kind: 'ot' },
  { pen: 4196, vendor: 'Siemens (Automation & Drives)', kind: 'ot' },
  { pen: 4329, vendor: 'Siemens', kind: 'ot' },
  { pen: 4526, vendor: 'Netgear', kind: 'network' },
  { pen: 6876, vendor: 'VMware', kind: 'server' },
  { pen: 8072, vendor: 'Net-SNMP', kind: 'software' },
  { pen: 8691, vendor: 'Moxa', kind: 'network' },
  { pen: 11863, vendor: 'TP-Link', kind: 'network' },
  { pen: 12356, vendor: 'Fortinet', kind: 'firewall' },
  { pen: 14823, vendor: 'Aruba Networks', kind: 'network' },
  { pen: 14988, vendor: 'MikroTik', kind: 'network' },
  { pen: 16838, vendor: 'Omron', kind: 'ot' },
  { pen: 25461, vendor: 'Palo Alto Networks', kind: 'firewall' },
  { pen: 25506, vendor: 'H3C', kind: 'network' },
  { pen: 30065, vendor: 'Arista Networks', kind: 'network' },
  { pen: 41112, vendor: 'Ubiquiti', kind: 'network' },
];

const BY_PEN: ReadonlyMap<number, EnterpriseVendor> = new Map(ENTERPRISE_VENDORS.map((v) => [v.pen, v]));

export function enterpriseNumber(sysObjectID: string | undefined): number | undefined {
  if (!sysObjectID?.startsWith(ENTERPRISES_PREFIX)) return undefined;
  const pen = Number(sysObjectID.slice(ENTERPRISES_PREFIX.length).split('.')[0]);
  return Number.isInteger(pen) ? pen : undefined;
}

export function vendorForSysObjectId(sysObjectID: string | undefined): EnterpriseVendor | undefined {
  const pen = enterpriseNumber(sysObjectID);
  return pen === undefined ? undefined : BY_PEN.get(pen);
}
