// Guesses the asset class from what SNMP tells: vendor of the sysObjectID, sysServices layers,
// sysDescr words and the presence of HOST-RESOURCES. A guess; reconciliation may override it.
import type { AssetClass } from '../../../src-shared/model/asset-classes.js';
import { vendorForSysObjectId } from './enterprise-vendors.js';
import { HR_DEVICE_PRINTER } from './snmp-oids.js';
import type { SnmpHostRecord } from './snmp-host-record.js';

const WORDS: ReadonlyArray<readonly [RegExp, AssetClass]> = [
  [/\b(ups|smart-ups|powerware|uninterruptible)\b/i, 'ups'],
  [/\b(printer|laserjet|jetdirect|officejet|mfp|imagerunner|workcentre)\b/i, 'printer'],
  [/\b(fortigate|pan-os|firewall|asa\b|srx)\b/i, 'firewall'],
  [/\b(plc|simatic|s7-\d{3,4}|controllogix|compactlogix|modicon|m580|m340)\b/i, 'plc'],
  [/\b(switch|router|ios|nx-os|junos|eos|routeros|scalance|catalyst|procurve|edgeswitch)\b/i, 'network_device'],
  [/\b(nas|storage|synology|qnap|netapp)\b/i, 'storage'],
  [/\b(windows .*workstation|windows (10|11))\b/i, 'workstation'],
  [/\b(linux|freebsd|windows|esxi|solaris|aix)\b/i, 'server'],
];

export function guessAssetClass(record: Pick<SnmpHostRecord, 'system' | 'hostResources'>): AssetClass {
  const { sysDescr = '', sysObjectID, sysServices } = record.system;
  const vendor = vendorForSysObjectId(sysObjectID);
  if (vendor?.kind === 'ups') return 'ups';
  if (vendor?.kind === 'firewall') return 'firewall';
  if (vendor?.kind === 'printer') return 'printer';
  if (record.hostResources?.devices.some((d) => d.type === HR_DEVICE_PRINTER) && !/linux|windows/i.test(sysDescr)) return 'printer';
  for (const [pattern, assetClass] of WORDS) if (pattern.test(sysDescr)) return assetClass;
  if (vendor?.kind === 'network') return 'network_device';
  if (vendor?.kind === 'ot') return 'plc';
  if (record.hostResources) return 'server';
  if (sysServices !== undefined) {
    const layer2or3 = (sysServices & 0b110) !== 0;
    const applications = (sysServices & 0b1000000) !== 0;
    if (layer2or3 && !applications) return 'network_device';
    if (applications) return 'server';
  }
  return vendor?.kind === 'server' ? 'server' : 'unknown';
}
