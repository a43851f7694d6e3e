// How a relation a source reports names its target (an LLDP neighbour by chassis MAC or system
// name, an ARP entry by IP, ...) as identity keys: the same keys records are indexed by, so the
// target resolves to whichever asset holds a record with that identifier now. Resolution happens
// when relations are read, so it follows every merge and unmerge. Keys are tried in order; a key
// that names no asset, or several, resolves nothing.
import type { ObservedRelation } from '../../../src-shared/model/index.js';
import { IDENTITY_KEY_KINDS, identityKey } from './identity-keys.js';
import { isSharedMac } from './known-shared-identifiers.js';
import { normaliseFqdn, normaliseHostname } from './normalise-host-name.js';
import { normaliseIp } from './normalise-ip.js';
import { isPerMachineMac, normaliseMac } from './normalise-mac.js';
import { normaliseSerial } from './normalise-serial.js';

/** The keys a relation target can be found by, most specific first ([] when it names nothing usable). */
export function relationTargetKeys(target: ObservedRelation['target'], observerNetwork: string | null): string[] {
  const value = target.value.trim();
  if (!value) return [];
  switch (target.kind) {
    case 'mac': {
      const mac = normaliseMac(value);
      if (!mac || isSharedMac(mac.mac)) return [];
      return [identityKey(isPerMachineMac(mac) ? 'mac' : 'lmac', mac.mac)];
    }
    case 'sys_name':
    case 'hostname': {
      const out: string[] = [];
      const fqdn = normaliseFqdn(value);
      if (fqdn) out.push(identityKey('fqdn', fqdn));
      const host = normaliseHostname(value);
      if (host) out.push(identityKey('host', host));
      return out;
    }
    case 'ip': {
      const ip = normaliseIp(value, target.network ?? observerNetwork);
      return ip ? [identityKey('ip', ip.key)] : [];
    }
    case 'serial': {
      const serial = normaliseSerial(value);
      return serial ? [identityKey('serial', serial)] : [];
    }
    case 'native_key':
      return [`native:${value}`];
    case 'identity_key': {
      // A key chosen from the target's own records (a person naming a parent asset): used as it is.
      const colon = value.indexOf(':');
      return colon > 0 && (IDENTITY_KEY_KINDS as readonly string[]).includes(value.slice(0, colon)) ? [value] : [];
    }
  }
}
