// Words for the reconciliation engine's evidence kinds and decision vocabulary (docs/reconciliation.md,
// "Score"). Unknown kinds are shown as they come, with underscores read as spaces.
import type { MatchDecisionKind, MatchDecisionOrigin, StewardshipKind, StewardshipStatus } from '../../src-shared/api/reconciliation.js';

const EVIDENCE_LABELS: Record<string, string> = {
  cloud_instance_id: 'Same cloud instance id',
  opcua_application_uri: 'Same OPC UA application URI',
  vendor_serial: 'Same vendor and serial',
  bacnet_device: 'Same BACnet device',
  weak_serial_mac: 'VM serial and a shared MAC',
  mac: 'Shared MAC',
  additional_mac: 'Another shared MAC',
  serial: 'Same serial (vendor unknown)',
  fqdn: 'Same FQDN',
  hostname: 'Same host name',
  modbus_unit: 'Same Modbus unit behind one gateway',
  ip: 'Shared IP',
  additional_ip: 'Another shared IP',
  weak_serial: 'Same VM/cloud serial (clones share them)',
  weak_mac: 'Shared virtual MAC',
  hostname_conflict: 'Host names differ',
  fqdn_conflict: 'FQDNs differ',
  same_source_other_key: 'Same source, another key',
  class_conflict: 'Classes differ',
};

export function evidenceLabel(kind: string): string {
  return EVIDENCE_LABELS[kind] ?? kind.replace(/_/g, ' ');
}

/** Weights read with their sign, so a penalty is never mistaken for support: "+90", "−10". */
export function formatWeight(weight: number): string {
  const rounded = Math.round(weight * 10) / 10;
  return rounded < 0 ? `−${Math.abs(rounded)}` : `+${rounded}`;
}

export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10);
}

/** Merge and review thresholds of the default configuration (docs/reconciliation.md, "Thresholds"). */
export const MERGE_THRESHOLD = 55;
export const REVIEW_THRESHOLD = 35;

export const DECISION_KIND_LABELS: Record<MatchDecisionKind, string> = {
  force_merge: 'Force merge',
  never_merge: 'Never merge',
};

export const DECISION_ORIGIN_LABELS: Record<MatchDecisionOrigin, string> = {
  force_merge: 'Merge with…',
  unmerge: 'Unmerge',
  stewardship: 'Review queue',
  manual_edit: 'Manual edit',
};

export const STEWARDSHIP_KIND_LABELS: Record<StewardshipKind, string> = {
  review: 'Review',
  conflict: 'Conflict',
};

export const STEWARDSHIP_STATUS_LABELS: Record<StewardshipStatus, string> = {
  open: 'Open',
  deferred: 'Deferred',
  accepted: 'Accepted (merged)',
  rejected: 'Rejected (kept apart)',
  resolved: 'Resolved by later data',
};

/** Weights of the quality score's parts in the default configuration (docs/reconciliation.md, "Quality"). */
export const QUALITY_WEIGHTS = { completeness: 0.4, agreement: 0.35, freshness: 0.25 } as const;
/** Below this a record's quality is flagged (amber, with the word "Low"). */
export const LOW_QUALITY = 0.5;
