// Fellegi–Sunter match weights. Each comparison of two records has a few outcomes ("levels"); each
// level has m, the probability of seeing it when the two records are the same device, and u, the
// probability when they are different devices. Its weight is log2(m/u) bits: how many times more
// likely the outcome is under "same device". A pair's score is the sum of its levels' weights.
// Agreement on a value that many devices share is worth less (term-frequency adjustment, see
// score-pair.ts): the weight drops by log2 of the number of devices one source reports with it.
//
// The m and u below were calibrated on generator A (src-main/fleet/generate-fleet.ts, the tuning
// estate) with bench/calibrate-match-weights.ts, which counts each level among true and false
// candidate pairs, then rounded and checked against what is known of real estates (see
// docs/reconciliation.md, "Weights"). They are never estimated from the estate being reconciled:
// that would make one record's result depend on every other record.

import { MATCH_EVIDENCE_KINDS, type MatchEvidenceKind } from '../../../src-shared/model/match-evidence.js';

export { MATCH_EVIDENCE_KINDS, MATCH_EVIDENCE_LABELS, type MatchEvidenceKind } from '../../../src-shared/model/match-evidence.js';

export interface LevelProbabilities {
  /** P(level | same device). */
  m: number;
  /** P(level | different devices). */
  u: number;
}

export type MatchLevelTable = Record<MatchEvidenceKind, LevelProbabilities>;

/**
 * Defaults; see the header. Where a level is rare on both sides (an identical cloud instance id on
 * two different devices) u is a floor rather than a measured rate: it bounds how much one
 * identifier can weigh.
 */
export const DEFAULT_MATCH_LEVELS: MatchLevelTable = {
  cloud_instance_id: { m: 0.95, u: 1e-6 },
  cloud_instance_id_conflict: { m: 0.005, u: 0.99 },
  serial: { m: 0.9, u: 2e-5 },
  serial_one_edit: { m: 0.02, u: 2e-4 },
  serial_conflict: { m: 0.01, u: 0.99 },
  // Shown so a person sees why a serial did not count; a placeholder says nothing either way.
  serial_placeholder: { m: 0.05, u: 0.05 },
  bios_uuid: { m: 0.9, u: 2e-5 },
  bios_uuid_conflict: { m: 0.02, u: 0.99 },
  virtual_identity: { m: 0.6, u: 0.02 },
  virtual_identity_conflict: { m: 0.15, u: 0.95 },
  asset_tag: { m: 0.9, u: 1e-4 },
  asset_tag_conflict: { m: 0.05, u: 0.95 },
  mac: { m: 0.6, u: 2e-5 },
  additional_mac: { m: 0.4, u: 0.1 },
  weak_mac: { m: 0.1, u: 0.05 },
  no_shared_mac: { m: 0.25, u: 0.95 },
  fqdn: { m: 0.8, u: 2e-4 },
  hostname: { m: 0.75, u: 6e-4 },
  hostname_similar: { m: 0.04, u: 0.004 },
  hostname_conflict: { m: 0.12, u: 0.98 },
  ip_static: { m: 0.85, u: 1e-3 },
  ip_unknown: { m: 0.7, u: 5e-3 },
  ip_public: { m: 0.7, u: 2e-3 },
  ip_dhcp_same_time: { m: 0.5, u: 0.02 },
  ip_dhcp_other_time: { m: 0.2, u: 0.08 },
  vendor: { m: 0.95, u: 0.15 },
  vendor_conflict: { m: 0.04, u: 0.8 },
  model: { m: 0.85, u: 0.08 },
  // Sources name models differently (an order code, a marketing name, a family): disagreement is weak.
  model_conflict: { m: 0.35, u: 0.95 },
  opcua_application_uri: { m: 0.95, u: 1e-6 },
  opcua_application_uri_conflict: { m: 0.005, u: 0.99 },
  bacnet_device: { m: 0.95, u: 1e-5 },
  bacnet_device_conflict: { m: 0.01, u: 0.99 },
  modbus_unit: { m: 0.6, u: 0.01 },
  modbus_unit_conflict: { m: 0.005, u: 0.6 },
  class_conflict: { m: 0.05, u: 0.45 },
  same_source_other_key: { m: 0.03, u: 0.12 },
};

export function weightsFromLevels(levels: MatchLevelTable): Record<MatchEvidenceKind, number> {
  const out = {} as Record<MatchEvidenceKind, number>;
  for (const kind of MATCH_EVIDENCE_KINDS) {
    const { m, u } = levels[kind];
    out[kind] = Math.round(Math.log2(m / u) * 100) / 100;
  }
  return out;
}
