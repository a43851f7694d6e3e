// Words for the reconciliation engine's evidence kinds and decision vocabulary (docs/reconciliation.md,
// "Score"). Unknown kinds are shown as they come, with underscores read as spaces.
import { MATCH_EVIDENCE_LABELS } from '../../src-shared/model/match-evidence.js';
import { MATCH_MERGE_THRESHOLD, MATCH_REVIEW_THRESHOLD } from '../../src-shared/model/match-thresholds.js';
import type { MatchDecisionKind, MatchDecisionOrigin, StewardshipKind, StewardshipStatus } from '../../src-shared/api/reconciliation.js';

export function evidenceLabel(kind: string): string {
  return (MATCH_EVIDENCE_LABELS as Record<string, string>)[kind] ?? kind.replace(/_/g, ' ');
}

/** Weights (bits) read with their sign, so a penalty is never mistaken for support: "+15.5", "−7". */
export function formatWeight(weight: number): string {
  const rounded = Math.round(weight * 10) / 10;
  return rounded < 0 ? `−${Math.abs(rounded)}` : `+${rounded}`;
}

export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10);
}

/** Merge and review thresholds of the default configuration (docs/reconciliation.md, "Thresholds"). */
export const MERGE_THRESHOLD = MATCH_MERGE_THRESHOLD;
export const REVIEW_THRESHOLD = MATCH_REVIEW_THRESHOLD;

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

/**
 * Weights of the quality score's parts in the default configuration (docs/reconciliation.md,
 * "Quality"). Freshness is shown beside it, not mixed in: an old record can still be right.
 */
export const QUALITY_WEIGHTS = { completeness: 0.6, agreement: 0.4 } as const;
/** Below this a record's quality is flagged (amber, with the word "Low"). */
export const LOW_QUALITY = 0.5;
