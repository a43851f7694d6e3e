// The shapes reconciliation produces: golden records with field-level provenance, canonical
// submodels, merge explanations, stewardship items, quality scores, and incremental deltas.
import type { AssetClass, AssetFieldName, AssetStatus, FieldValue, RelationType, SourceKind } from '../../../src-shared/model/index.js';
import type { MacKind } from './normalise-mac.js';
import type { StrongIdentifierKind } from './reconcile-config.js';
import type { ScoreEvidence } from './score-pair.js';

export interface FieldCandidate {
  value: FieldValue;
  sourceId: string;
  sourceKind: SourceKind;
  observationId: string;
  /** sourceId + nativeKey of the observation. */
  naturalKey: string;
  /** Base confidence of the source kind. */
  confidence: number;
  observedAt: string;
  agreesWithGolden: boolean;
}

export interface GoldenField {
  value: FieldValue;
  sourceId: string;
  sourceKind: SourceKind;
  observationId: string;
  naturalKey: string;
  /** Combined confidence of the independent sources that agree on the value (1 for a person's value). */
  confidence: number;
  /** How many independent sources agree on the value. */
  sources: number;
  /** When the winning record was observed. */
  observedAt: string;
  /** The latest time any agreeing source observed the value: what freshness is measured from. */
  lastSeen: string;
  /** Every other observation's value for this field, best-ranked first. */
  competing: FieldCandidate[];
  /** When a manual value holds the field: later, different values from other sources, for a person to accept. */
  suggestions: FieldCandidate[];
}

export interface Hardware {
  vendor: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
}

export interface CanonicalInterface {
  /** Normalised MAC, or null for interfaces reported without one (grouped by name). */
  mac: string | null;
  macKind: MacKind | null;
  name: string | null;
  ips: { address: string; network: string }[];
  vlan: number | null;
  speedMbps: number | null;
  operStatus: 'up' | 'down' | 'testing' | 'unknown' | null;
  sourceIds: string[];
}

export interface CanonicalSoftware {
  name: string;
  version: string | null;
  vendor: string | null;
  purl: string | null;
  cpe: string | null;
  sourceIds: string[];
}

export interface MergeRecord {
  left: string;
  right: string;
  reason: 'score' | 'forced';
  score: number;
  breakdown: ScoreEvidence[];
}

export interface MemberRef {
  naturalKey: string;
  sourceId: string;
  sourceKind: SourceKind;
  nativeKey: string;
  observationId: string;
  observedAt: string;
  contentHash: string;
}

export interface QualityScore {
  score: number;
  completeness: number;
  agreement: number;
  missingFields: AssetFieldName[];
  /** Fields on which at least one source disagrees with the golden value. */
  disputedFields: AssetFieldName[];
}

/** Per source, within one asset: how many field values it gave and how many disagree with the golden record. */
export interface SourceFieldStats {
  sourceKind: SourceKind;
  fields: number;
  conflicts: number;
}

export interface GoldenRecord {
  assetId: string;
  assetClass: AssetClass;
  name: string;
  /** 'stale' when no source has seen it for longer than its class's window (as of `now`). */
  status: Exclude<AssetStatus, 'retired'>;
  /** Earliest first sighting by any source other than a person. */
  firstSeen: string;
  /** Latest sighting by any source other than a person ('' when only people describe it). */
  lastSeen: string;
  members: MemberRef[];
  fields: Partial<Record<AssetFieldName, GoldenField>>;
  hardware: Hardware;
  interfaces: CanonicalInterface[];
  software: CanonicalSoftware[];
  tags: Record<string, string>;
  merges: MergeRecord[];
  quality: QualityScore;
  sourceStats: Record<string, SourceFieldStats>;
}

export const STEWARDSHIP_REASONS = ['review', 'conflict'] as const;
export type StewardshipReason = (typeof STEWARDSHIP_REASONS)[number];

export interface StewardshipItem {
  /** Deterministic: derived from the pair. */
  id: string;
  reason: StewardshipReason;
  left: string;
  right: string;
  leftAssetId: string;
  rightAssetId: string;
  score: number;
  breakdown: ScoreEvidence[];
  conflicts: StrongIdentifierKind[];
}

export interface SourceQuality {
  sourceId: string;
  sourceKind: SourceKind;
  assets: number;
  fields: number;
  conflicts: number;
  /** conflicts / fields: how often this source disagrees with the golden record. */
  conflictRate: number;
}

/** A relation the engine derives itself (not reported by a source): a replaced device. */
export interface DerivedRelation {
  type: Extract<RelationType, 'replaced_by'>;
  fromAssetId: string;
  toAssetId: string;
  /** The pair of records behind it, and the evidence. */
  left: string;
  right: string;
  score: number;
  breakdown: ScoreEvidence[];
}

export interface ReconcileResult {
  assets: GoldenRecord[];
  stewardship: StewardshipItem[];
  relations: DerivedRelation[];
  sourceQuality: SourceQuality[];
}

