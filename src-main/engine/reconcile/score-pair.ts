// Scores one candidate pair of records: the sum of the Fellegi–Sunter weights (match-weights.ts) of
// every comparison's outcome, adjusted for how many devices share each agreeing value, with a
// breakdown a steward can read. Also reports the strong identifiers on which the two conflict
// (each a veto), whether a near-duplicate (a one-character serial difference) keeps the pair from
// merging on its own, and whether the pair shares hardware identity or a name (what decides
// between a conflict for review and a replacement). A pure function of the two records, the
// identifier frequencies and the config.
import { BLOCKING_KEY_KINDS, identityKey, identityKeyKind, type IdentifierFrequencies } from './identity-keys.js';
import type { MatchEvidenceKind } from './match-weights.js';
import { isOneEditApart } from './normalise-serial.js';
import { modelsAgree, vendorsAgree } from './normalise-vendor.js';
import type { PreparedIp, PreparedObservation } from './prepare-observation.js';
import type { ReconcileConfig, StrongIdentifierKind } from './reconcile-config.js';

export interface ScoreEvidence {
  kind: MatchEvidenceKind;
  /** Bits; negative evidence counts against. */
  weight: number;
  /** The shared (or conflicting) value, and how common it is when that lowered the weight. */
  detail: string;
}

export interface PairScore {
  score: number;
  breakdown: ScoreEvidence[];
  /** Strong identifiers that both sides have and that differ: never merged. */
  conflicts: StrongIdentifierKind[];
  /** Whether the two share a blocking key; a pair that does not is never an edge. */
  eligible: boolean;
  /** A one-edit serial difference: however high the score, a person decides. */
  nearDuplicate: boolean;
  /** The sum of the evidence for (positive weights only). */
  support: number;
  /** A shared hardware MAC or asset tag: the same hardware, whatever else disagrees. */
  sharesHardware: boolean;
  /** The same host name or FQDN. */
  sharesName: boolean;
}

/** Every frequency counts as 1: for callers that score a pair outside any estate (tests, examples). */
export const NO_FREQUENCIES: IdentifierFrequencies = { frequency: () => 1 };

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/** Host names one typo apart: a letter swapped, added or dropped. A different digit is a different host (web01, web02). */
function namesOneTypoApart(a: string, b: string): boolean {
  const strip = (s: string) => s.replace(/[-_.]/g, '');
  if (strip(a) === strip(b)) return true;
  if (Math.min(a.length, b.length) < 5 || !isOneEditApart(a, b)) return false;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return !/\d/.test(a[i] ?? '') && !/\d/.test(b[i] ?? '');
  }
  return false;
}

/** A name one record goes by (hostname or alias) that the other goes by too. */
function sharedAlias(a: PreparedObservation, b: PreparedObservation): string | null {
  const x = a.ids;
  const y = b.ids;
  if (x.hostAliases.length === 0 && y.hostAliases.length === 0) return null;
  const theirs = new Set([y.hostname, ...y.hostAliases]);
  for (const name of [x.hostname, ...x.hostAliases]) if (name !== null && theirs.has(name)) return name;
  return null;
}

const IP_LEVEL_ORDER: Record<PreparedIp['addressing'], number> = { static: 0, public: 1, unknown: 2, dhcp: 3 };

export function scorePair(a: PreparedObservation, b: PreparedObservation, config: ReconcileConfig, frequencies: IdentifierFrequencies): PairScore {
  const w = config.weights;
  const cap = config.sharedValueFrequency;
  const x = a.ids;
  const y = b.ids;
  const breakdown: ScoreEvidence[] = [];
  const conflicts: StrongIdentifierKind[] = [];
  let nearDuplicate = false;
  let sharesHardware = false;
  let sharesName = false;
  const add = (kind: MatchEvidenceKind, detail: string, weight: number = w[kind]): void => {
    breakdown.push({ kind, weight: round2(weight), detail });
  };
  /** A value many devices of one source share is treated as absent: it neither agrees nor conflicts. */
  const usable = (key: string): boolean => frequencies.frequency(key) < cap;
  /** Agreement on a value, worth less the more devices share it. */
  const agree = (kind: MatchEvidenceKind, key: string, detail: string): void => {
    const f = frequencies.frequency(key);
    add(kind, f > 1 ? `${detail} (on ${f} devices of one source)` : detail, f > 1 ? Math.max(0, w[kind] - Math.log2(f)) : w[kind]);
  };

  if (x.cloudInstanceId && y.cloudInstanceId) {
    if (x.cloudInstanceId === y.cloudInstanceId) agree('cloud_instance_id', identityKey('cloud', x.cloudInstanceId), x.cloudInstanceId);
    else {
      add('cloud_instance_id_conflict', `${x.cloudInstanceId} / ${y.cloudInstanceId}`);
      if (config.vetoOn.includes('cloud_instance_id')) conflicts.push('cloud_instance_id');
    }
  }

  // Serials and BIOS UUIDs: a virtual machine's are copied when it is cloned, so they are weak
  // evidence and never veto; a physical machine's are strong, and a different one vetoes.
  const virtual = x.virtual.isVirtual || y.virtual.isVirtual;
  let virtualCounted = false;
  if (x.serial && y.serial && usable(identityKey('serial', x.serial)) && usable(identityKey('serial', y.serial))) {
    if (virtual) {
      if (x.serial === y.serial) {
        agree('virtual_identity', identityKey('serial', x.serial), x.serial);
        virtualCounted = true;
      } else if (!(x.biosUuid && y.biosUuid)) add('virtual_identity_conflict', `${x.serial} / ${y.serial}`);
    } else if (x.serial === y.serial) agree('serial', identityKey('serial', x.serial), x.serial);
    else if (isOneEditApart(x.serial, y.serial)) {
      add('serial_one_edit', `${x.serial} / ${y.serial}`);
      nearDuplicate = true;
    } else {
      add('serial_conflict', `${x.serial} / ${y.serial}`);
      if (config.vetoOn.includes('serial')) conflicts.push('serial');
    }
  }
  if (!virtual && ((x.serialPlaceholder && y.serial) || (y.serialPlaceholder && x.serial))) {
    add('serial_placeholder', x.serialPlaceholder ? `${x.serialPlaceholder} / ${y.serial ?? ''}` : `${x.serial ?? ''} / ${y.serialPlaceholder ?? ''}`);
  }
  if (x.biosUuid && y.biosUuid && usable(identityKey('uuid', x.biosUuid)) && usable(identityKey('uuid', y.biosUuid))) {
    if (virtual) {
      if (x.biosUuid === y.biosUuid) {
        if (!virtualCounted) agree('virtual_identity', identityKey('uuid', x.biosUuid), x.biosUuid);
      } else add('virtual_identity_conflict', `${x.biosUuid} / ${y.biosUuid}`);
    } else if (x.biosUuid === y.biosUuid) agree('bios_uuid', identityKey('uuid', x.biosUuid), x.biosUuid);
    else {
      add('bios_uuid_conflict', `${x.biosUuid} / ${y.biosUuid}`);
      if (config.vetoOn.includes('bios_uuid')) conflicts.push('bios_uuid');
    }
  }
  if (x.assetTag && y.assetTag) {
    if (x.assetTag === y.assetTag) {
      agree('asset_tag', identityKey('tag', x.assetTag), x.assetTag);
      sharesHardware = true;
    } else add('asset_tag_conflict', `${x.assetTag} / ${y.assetTag}`);
  }

  if (x.opcuaUri && y.opcuaUri) {
    if (x.opcuaUri === y.opcuaUri) agree('opcua_application_uri', identityKey('opcua', x.opcuaUri), x.opcuaUri);
    else {
      add('opcua_application_uri_conflict', `${x.opcuaUri} / ${y.opcuaUri}`);
      if (config.vetoOn.includes('opcua_application_uri')) conflicts.push('opcua_application_uri');
    }
  }
  if (x.bacnet && y.bacnet && x.bacnetNetwork === y.bacnetNetwork) {
    if (x.bacnet === y.bacnet) agree('bacnet_device', identityKey('bacnet', x.bacnet), x.bacnet);
    else {
      add('bacnet_device_conflict', `${x.bacnet} / ${y.bacnet}`);
      if (config.vetoOn.includes('bacnet_device')) conflicts.push('bacnet_device');
    }
  }
  if (x.modbus && y.modbus) {
    if (x.modbus === y.modbus) agree('modbus_unit', identityKey('modbus', x.modbus), x.modbus);
    else if (x.modbus.slice(0, x.modbus.lastIndexOf('#')) === y.modbus.slice(0, y.modbus.lastIndexOf('#'))) {
      // Two unit ids behind one gateway are two devices.
      add('modbus_unit_conflict', `${x.modbus} / ${y.modbus}`);
      if (config.vetoOn.includes('modbus_unit')) conflicts.push('modbus_unit');
    }
  }

  const macs = intersect(x.machineMacs, y.machineMacs).filter((m) => usable(identityKey('mac', m)));
  if (macs.length > 0) {
    agree('mac', identityKey('mac', macs[0] as string), macs[0] as string);
    if (macs.length > 1) add('additional_mac', macs.slice(1).join(' '));
    sharesHardware = true;
  } else {
    const weak = intersect(x.otherMacs, y.otherMacs).filter((m) => usable(identityKey('lmac', m)));
    if (weak.length > 0) agree('weak_mac', identityKey('lmac', weak[0] as string), weak.join(' '));
    else if (x.machineMacs.length > 0 && y.machineMacs.length > 0) add('no_shared_mac', `${x.machineMacs.length} / ${y.machineMacs.length} MACs`);
  }

  const fqdnUsable = x.fqdn !== null && y.fqdn !== null && usable(identityKey('fqdn', x.fqdn)) && usable(identityKey('fqdn', y.fqdn));
  const hostUsable = (x.hostname !== null || x.hostAliases.length > 0) && (y.hostname !== null || y.hostAliases.length > 0);
  if (fqdnUsable && x.fqdn === y.fqdn) {
    agree('fqdn', identityKey('fqdn', x.fqdn as string), x.fqdn as string);
    sharesName = true;
  } else if (hostUsable) {
    const hx = x.hostname;
    const hy = y.hostname;
    const shared = hx !== null && hx === hy ? hx : sharedAlias(a, b);
    if (shared !== null && usable(identityKey('host', shared))) {
      agree('hostname', identityKey('host', shared), shared);
      sharesName = true;
    } else if (shared === null && hx !== null && hy !== null && usable(identityKey('host', hx)) && usable(identityKey('host', hy))) {
      if (namesOneTypoApart(hx, hy)) add('hostname_similar', `${hx} / ${hy}`);
      else if (!x.hostnameFromIp && !y.hostnameFromIp) add('hostname_conflict', `${hx} / ${hy}`);
    }
  }

  // One IP level per pair, the most telling one: a static network's address names a device, a
  // DHCP address only says something when both saw it at about the same time.
  let bestIp: PreparedIp | undefined;
  if (x.ips.length > 0 && y.ips.length > 0) {
    const theirs = new Set(y.ips.map((ip) => ip.key));
    for (const ip of x.ips) {
      if (!theirs.has(ip.key) || !usable(identityKey('ip', ip.key))) continue;
      if (!bestIp || IP_LEVEL_ORDER[ip.addressing] < IP_LEVEL_ORDER[bestIp.addressing]) bestIp = ip;
    }
  }
  if (bestIp) {
    const key = identityKey('ip', bestIp.key);
    if (bestIp.addressing === 'static') agree('ip_static', key, bestIp.key);
    else if (bestIp.addressing === 'public') agree('ip_public', key, bestIp.key);
    else if (bestIp.addressing === 'unknown') agree('ip_unknown', key, bestIp.key);
    else if (Math.abs(a.observedAtMs - b.observedAtMs) <= config.dhcpSameTimeMs) agree('ip_dhcp_same_time', key, bestIp.key);
    else agree('ip_dhcp_other_time', key, bestIp.key);
  }

  // A virtual machine's vendor and model are its hypervisor's (or, for a cloud instance, its
  // provider's and instance type): shared by every VM, and named differently by each source.
  if (!virtual && x.vendorKey && y.vendorKey) {
    if (vendorsAgree(x.vendorKey, y.vendorKey)) add('vendor', x.vendorKey);
    else add('vendor_conflict', `${x.vendorKey} / ${y.vendorKey}`);
  }
  if (!virtual && x.modelKey && y.modelKey) {
    if (modelsAgree(x.modelKey, y.modelKey, x.modelTokens, y.modelTokens)) add('model', x.modelKey);
    else add('model_conflict', `${x.modelKey} / ${y.modelKey}`);
  }

  if (x.classFamily !== 'unknown' && y.classFamily !== 'unknown' && x.classFamily !== y.classFamily) {
    add('class_conflict', `${x.classFamily} / ${y.classFamily}`);
  }
  if (a.sourced.sourceId === b.sourced.sourceId) add('same_source_other_key', a.sourced.sourceId);

  let score = 0;
  let support = 0;
  for (const e of breakdown) {
    score += e.weight;
    if (e.weight > 0) support += e.weight;
  }
  return {
    score: round2(score),
    breakdown,
    conflicts,
    eligible: sharesBlockingKey(a, b, frequencies, cap),
    nearDuplicate,
    support: round2(support),
    sharesHardware,
    sharesName,
  };
}

/** The keys a record is blocked on: identity keys of blocking kinds that fewer than `cap` devices of one source share. */
export function blockingKeysOf(obs: PreparedObservation, frequencies: IdentifierFrequencies, cap: number): string[] {
  return obs.ids.keys.filter((k) => BLOCKING_KEY_KINDS.has(identityKeyKind(k)) && frequencies.frequency(k) < cap);
}

function sharesBlockingKey(a: PreparedObservation, b: PreparedObservation, frequencies: IdentifierFrequencies, cap: number): boolean {
  const theirs = new Set(b.ids.keys);
  for (const k of a.ids.keys) if (theirs.has(k) && BLOCKING_KEY_KINDS.has(identityKeyKind(k)) && frequencies.frequency(k) < cap) return true;
  return false;
}

/**
 * Strong identifiers on which two records disagree: the same vetoes scorePair reports, computed
 * alone (it runs for every pair of members when two groups are about to be joined).
 */
export function strongConflicts(a: PreparedObservation, b: PreparedObservation, config: ReconcileConfig, frequencies: IdentifierFrequencies): StrongIdentifierKind[] {
  const x = a.ids;
  const y = b.ids;
  const veto = config.vetoOn;
  const cap = config.sharedValueFrequency;
  const out: StrongIdentifierKind[] = [];
  const usable = (kind: 'serial' | 'uuid', value: string): boolean => frequencies.frequency(identityKey(kind, value)) < cap;
  if (veto.includes('cloud_instance_id') && x.cloudInstanceId && y.cloudInstanceId && x.cloudInstanceId !== y.cloudInstanceId) out.push('cloud_instance_id');
  const physical = !x.virtual.isVirtual && !y.virtual.isVirtual;
  if (
    physical &&
    veto.includes('serial') &&
    x.serial &&
    y.serial &&
    x.serial !== y.serial &&
    !isOneEditApart(x.serial, y.serial) &&
    usable('serial', x.serial) &&
    usable('serial', y.serial)
  ) {
    out.push('serial');
  }
  if (physical && veto.includes('bios_uuid') && x.biosUuid && y.biosUuid && x.biosUuid !== y.biosUuid && usable('uuid', x.biosUuid) && usable('uuid', y.biosUuid)) {
    out.push('bios_uuid');
  }
  if (veto.includes('opcua_application_uri') && x.opcuaUri && y.opcuaUri && x.opcuaUri !== y.opcuaUri) out.push('opcua_application_uri');
  if (veto.includes('bacnet_device') && x.bacnet && y.bacnet && x.bacnetNetwork === y.bacnetNetwork && x.bacnet !== y.bacnet) out.push('bacnet_device');
  if (veto.includes('modbus_unit') && x.modbus && y.modbus && x.modbus !== y.modbus && x.modbus.slice(0, x.modbus.lastIndexOf('#')) === y.modbus.slice(0, y.modbus.lastIndexOf('#'))) out.push('modbus_unit');
  return out;
}

/**
 * An edge of the identity graph: eligible, and either scoring at least the review threshold, or,
 * despite a conflicting strong identifier, with enough support to matter and something a conflict
 * item or a replacement is about (shared hardware or a shared name). Other conflicting pairs change
 * nothing, so they do not tie their records' reconciliation together.
 */
export function isCandidateEdge(score: PairScore, config: ReconcileConfig): boolean {
  if (!score.eligible) return false;
  if (score.conflicts.length > 0) return score.support >= config.thresholds.merge && (score.sharesHardware || score.sharesName);
  return score.score >= config.thresholds.review;
}
