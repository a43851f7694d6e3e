// How sources mangle true values on the way in: MAC notations, swapped characters in host names,
// BIOS placeholder serials, one-character serial typos, UUID byte order and firmware spellings.
import type { ObservedInterface } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { FleetNoise } from './fleet-noise.js';
import type { Nic, TrueAsset } from './true-asset.js';
import { swappedUuid } from './virtual-platforms.js';

export const PLACEHOLDER_SERIALS: readonly string[] = ['To be filled by O.E.M.', 'Default string', 'System Serial Number', '0', 'N/A', 'None', '123456789'];

export function macNotation(rng: Prng, mac: string): string {
  const hex = mac.replace(/:/g, '');
  switch (rng.int(0, 4)) {
    case 0:
      return mac.toUpperCase();
    case 1:
      return mac.replace(/:/g, '-').toUpperCase();
    case 2:
      return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
    case 3:
      return hex;
    default:
      return mac;
  }
}

export function interfacesOf(rng: Prng, nics: readonly Nic[]): ObservedInterface[] {
  return nics.map((nic) => ({ name: nic.name, mac: macNotation(rng, nic.mac), ips: nic.ip ? [{ address: nic.ip, network: nic.network }] : [] }));
}

/** Two neighbouring characters swapped (or one added when swapping changes nothing). */
export function hostnameTypo(rng: Prng, name: string): string {
  const i = rng.int(1, Math.max(1, name.length - 2));
  const swapped = name.slice(0, i) + (name[i + 1] ?? '') + (name[i] ?? '') + name.slice(i + 2);
  return swapped === name ? `${name}x` : swapped;
}

const LOOK_ALIKE: Readonly<Record<string, string>> = { '0': 'O', O: '0', '1': 'I', I: '1', '5': 'S', S: '5', '8': 'B', B: '8', '2': 'Z', Z: '2' };
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** One character wrong: a look-alike, another character, or one dropped. Never the same serial. */
export function serialTypo(rng: Prng, serial: string): string {
  const positions = [...serial].map((ch, i) => (/[A-Za-z0-9]/.test(ch) ? i : -1)).filter((i) => i >= 0);
  if (positions.length < 2) return `${serial}X`;
  const i = rng.pick(positions);
  const ch = (serial[i] ?? '').toUpperCase();
  const r = rng.next();
  if (r < 0.15) return serial.slice(0, i) + serial.slice(i + 1);
  let replacement = r < 0.6 ? (LOOK_ALIKE[ch] ?? '') : '';
  while (replacement === '' || replacement === ch) replacement = rng.pick([...ALNUM]);
  return serial.slice(0, i) + replacement + serial.slice(i + 1);
}

/**
 * A hardware serial as a source reports it: sometimes with a typo; from a host's own BIOS
 * (`fromBios`) sometimes a placeholder, or padded and lower-cased by the export.
 */
export function reportedSerial(rng: Prng, noise: FleetNoise, serial: string, fromBios: boolean): string | undefined {
  if (serial === '') return undefined;
  if (fromBios && rng.chance(noise.placeholderSerial)) return rng.pick(PLACEHOLDER_SERIALS);
  const value = rng.chance(noise.serialTypo) ? serialTypo(rng, serial) : serial;
  return fromBios && rng.chance(0.2) ? ` ${value.toLowerCase()} ` : value;
}

/** Tools disagree on the byte order of a BIOS UUID's first three fields, and on case. */
export function reportedUuid(rng: Prng, uuid: string | null): string | undefined {
  if (uuid === null) return undefined;
  const ordered = rng.chance(0.3) ? swappedUuid(uuid) : uuid;
  return rng.chance(0.4) ? ordered.toUpperCase() : ordered;
}

export function vendorSpelling(rng: Prng, a: TrueAsset): string | undefined {
  return a.vendor ? rng.pick(a.vendor.spellings) : undefined;
}

/** A model as a person writes it in a hand-kept list. */
export function modelAlias(rng: Prng, a: TrueAsset, share: number): string {
  const aliases = a.vendor?.modelAliases?.[a.model];
  return aliases && aliases.length > 0 && rng.chance(share) ? rng.pick(aliases) : a.model;
}

/** Firmware "2.3.4" as each protocol spells it: OPC UA "V2.3.4", SNMP either, Modbus MajorMinorRevision "V2.03". */
export function firmwareAs(rng: Prng, firmware: string | null, protocol: 'opcua' | 'snmp' | 'modbus'): string | undefined {
  if (firmware === null) return undefined;
  const [major = '0', minor = '0'] = firmware.split('.');
  switch (protocol) {
    case 'opcua':
      return `V${firmware}`;
    case 'snmp':
      return rng.chance(0.5) ? `V${firmware}` : firmware;
    default:
      return `V${major}.${minor.padStart(2, '0')}`;
  }
}
