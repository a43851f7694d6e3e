// Scores one candidate pair of observations: a sum of weighted evidence with a breakdown, plus the
// strong identifiers on which the two conflict (each a veto). A pure function of the two
// observations and the config, so scoring never depends on which other observations exist.
import type { MatchEvidenceKind, ReconcileConfig, StrongIdentifierKind } from './reconcile-config.js';
import type { PreparedObservation } from './prepare-observation.js';

export interface ScoreEvidence {
  kind: MatchEvidenceKind;
  weight: number;
  /** The shared (or conflicting) value, for explanations. */
  detail: string;
}

export interface PairScore {
  score: number;
  breakdown: ScoreEvidence[];
  /** Strong identifiers that both sides have and that differ. */
  conflicts: StrongIdentifierKind[];
  /** Whether the two share a blocking key; a pair that does not is never an edge. */
  eligible: boolean;
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  if (a.length === 0 || b.length === 0) return [];
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

function vendorsCompatible(a: PreparedObservation, b: PreparedObservation): boolean {
  return a.ids.vendorKey === null || b.ids.vendorKey === null || a.ids.vendorKey === b.ids.vendorKey;
}

/** Strong identifiers on which two observations disagree. */
export function strongConflicts(a: PreparedObservation, b: PreparedObservation, config: ReconcileConfig): StrongIdentifierKind[] {
  const out: StrongIdentifierKind[] = [];
  const x = a.ids;
  const y = b.ids;
  const veto = config.vetoOn;
  if (veto.includes('cloud_instance_id') && x.cloudInstanceId && y.cloudInstanceId && x.cloudInstanceId !== y.cloudInstanceId) out.push('cloud_instance_id');
  if (veto.includes('serial') && x.serial && y.serial && !x.serialIsWeak && !y.serialIsWeak && x.serial !== y.serial && vendorsCompatible(a, b)) out.push('serial');
  if (veto.includes('opcua_application_uri') && x.opcuaUri && y.opcuaUri && x.opcuaUri !== y.opcuaUri) out.push('opcua_application_uri');
  if (veto.includes('bacnet_device') && x.bacnet && y.bacnet && x.bacnetNetwork === y.bacnetNetwork && x.bacnet !== y.bacnet) out.push('bacnet_device');
  return out;
}

export function scorePair(a: PreparedObservation, b: PreparedObservation, config: ReconcileConfig): PairScore {
  const w = config.weights;
  const x = a.ids;
  const y = b.ids;
  const breakdown: ScoreEvidence[] = [];
  const add = (kind: MatchEvidenceKind, detail: string): void => {
    breakdown.push({ kind, weight: w[kind], detail });
  };

  if (x.cloudInstanceId && x.cloudInstanceId === y.cloudInstanceId) add('cloud_instance_id', x.cloudInstanceId);
  const macs = intersect(x.universalMacs, y.universalMacs);
  const weakMacs = intersect(x.weakMacs, y.weakMacs);
  if (x.serial && x.serial === y.serial) {
    if (x.serialIsWeak || y.serialIsWeak) {
      const sharedMac = intersect(x.machineMacs, y.machineMacs)[0];
      if (x.serialIsWeak && y.serialIsWeak && sharedMac !== undefined) add('weak_serial_mac', `${x.serial} + ${sharedMac}`);
      else add('weak_serial', x.serial);
    }
    else if (x.vendorKey && x.vendorKey === y.vendorKey) add('vendor_serial', `${x.vendorKey}:${x.serial}`);
    else if (vendorsCompatible(a, b)) add('serial', x.serial);
  }
  if (x.opcuaUri && x.opcuaUri === y.opcuaUri) add('opcua_application_uri', x.opcuaUri);
  if (x.bacnet && x.bacnet === y.bacnet) add('bacnet_device', x.bacnet);
  if (x.modbus && x.modbus === y.modbus) add('modbus_unit', x.modbus);

  if (macs.length > 0) {
    add('mac', macs[0] ?? '');
    if (macs.length > 1) add('additional_mac', macs.slice(1).join(' '));
  }
  if (weakMacs.length > 0) add('weak_mac', weakMacs.join(' '));

  if (x.fqdn && y.fqdn) {
    if (x.fqdn === y.fqdn) add('fqdn', x.fqdn);
    else if (x.hostname === y.hostname) add('hostname', x.hostname ?? '');
    else add('fqdn_conflict', `${x.fqdn} / ${y.fqdn}`);
  } else if (x.hostname && y.hostname) {
    if (x.hostname === y.hostname) add('hostname', x.hostname);
    else add('hostname_conflict', `${x.hostname} / ${y.hostname}`);
  }

  const ips = intersect(x.ips, y.ips);
  if (ips.length > 0) {
    add('ip', ips[0] ?? '');
    if (ips.length > 1) add('additional_ip', ips.slice(1).join(' '));
  }

  if (x.classFamily !== 'unknown' && y.classFamily !== 'unknown' && x.classFamily !== y.classFamily) {
    add('class_conflict', `${x.classFamily} / ${y.classFamily}`);
  }
  if (a.sourced.sourceId === b.sourced.sourceId) add('same_source_other_key', a.sourced.sourceId);

  let score = 0;
  for (const e of breakdown) score += e.weight;
  return {
    score,
    breakdown,
    conflicts: strongConflicts(a, b, config),
    eligible: intersect(x.blockingKeys, y.blockingKeys).length > 0,
  };
}

/** An edge of the identity graph: eligible and at least the review threshold (conflicts are resolved when clustering). */
export function isCandidateEdge(score: PairScore, config: ReconcileConfig): boolean {
  return score.eligible && score.score >= config.thresholds.review;
}
