// Reconciliation calls: why records are one asset (and undoing it), operator match decisions, the
// stewardship queue, per-source quality, asset versions and a full rebuild. Every write is audited,
// commits in one transaction and then publishes `assets.changed` (reason 'reconciliation').
//
// Identity in this domain: a source record is a *member* named by its natural key
// { sourceId, nativeKey } (an ObservationRef). Decisions are stored over members, never over asset
// ids, because asset ids are derived from members and change when members move (an asset's id is
// derived from its smallest member). After any decision, callers should re-read the assets they
// show: each write returns the resulting asset ids.
import { z } from 'zod';
import { ASSET_CLASSES } from '../model/asset-classes.js';
import { ASSET_FIELD_NAMES } from '../model/asset-fields.js';
import { NETWORK_ADDRESSING } from '../model/network-addressing.js';
import { SOURCE_KINDS } from '../model/source-kinds.js';
import { FieldValueSchema, Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';
import { AssetQuality, AssetSummary } from './inventory.js';

/** One source record: the source and the source's own key for the thing. */
export const ObservationRef = z.object({
  sourceId: Id,
  nativeKey: z.string().min(1).max(1000),
});
export type ObservationRef = z.infer<typeof ObservationRef>;

/** A member of an asset as shown to people. */
export const AssetMember = ObservationRef.extend({
  sourceName: z.string(),
  sourceKind: z.enum(SOURCE_KINDS),
  /** The latest stored observation of this source record. */
  observationId: Id,
  observedAt: IsoTime,
  contentHash: z.string(),
});
export type AssetMember = z.infer<typeof AssetMember>;

/**
 * One item of a match score breakdown. `kind` is an evidence kind of the engine (e.g.
 * 'vendor_serial', 'mac', 'hostname', 'ip', 'hostname_conflict', 'class_conflict'; the full list is
 * in docs/reconciliation.md, "Score"); `weight` may be negative; `detail` is the shared or
 * conflicting value.
 */
export const ScoreEvidence = z.object({
  kind: z.string(),
  weight: z.number(),
  detail: z.string(),
});
export type ScoreEvidence = z.infer<typeof ScoreEvidence>;

export const MERGE_REASONS = ['score', 'forced'] as const;
export type MergeReason = (typeof MERGE_REASONS)[number];

/** Why two members are in one asset: a scored edge at or above the merge threshold, or an operator's force-merge. */
export const MergeExplanation = z.object({
  left: ObservationRef,
  right: ObservationRef,
  reason: z.enum(MERGE_REASONS),
  score: z.number(),
  breakdown: z.array(ScoreEvidence),
});
export type MergeExplanation = z.infer<typeof MergeExplanation>;

export const MATCH_DECISION_KINDS = ['force_merge', 'never_merge'] as const;
export type MatchDecisionKind = (typeof MATCH_DECISION_KINDS)[number];

/**
 * Where a decision came from: assets.forceMerge, assets.unmerge, stewardship.decide, or a manual
 * edit (an edited asset gets a 'manual' member that is force-merged with the asset's first member).
 */
export const MATCH_DECISION_ORIGINS = ['force_merge', 'unmerge', 'stewardship', 'manual_edit'] as const;
export type MatchDecisionOrigin = (typeof MATCH_DECISION_ORIGINS)[number];

/** An operator's decision about two members; honoured by every later reconciliation until revoked. */
export const MatchDecisionRecord = z.object({
  id: Id,
  kind: z.enum(MATCH_DECISION_KINDS),
  left: ObservationRef,
  right: ObservationRef,
  /** The asset each member belongs to now (null when that record is no longer stored). */
  leftAssetId: Id.nullable(),
  rightAssetId: Id.nullable(),
  reason: z.string().nullable(),
  actor: z.string(),
  createdAt: IsoTime,
  /** Set when revoked; a revoked decision no longer influences reconciliation. */
  revokedAt: IsoTime.nullable(),
  revokedBy: z.string().nullable(),
  /** Where the decision came from: a direct operation or a stewardship item. */
  origin: z.enum(MATCH_DECISION_ORIGINS),
  stewardshipItemId: Id.nullable(),
});
export type MatchDecisionRecord = z.infer<typeof MatchDecisionRecord>;

export const STEWARDSHIP_KINDS = ['review', 'conflict'] as const;
export type StewardshipKind = (typeof STEWARDSHIP_KINDS)[number];
/**
 * open: waiting for a person. deferred: hidden from the open list (until `deferredUntil`, if set).
 * accepted / rejected: decided (a force_merge / never_merge decision was recorded).
 * resolved: later data or decisions made the question moot (e.g. the two are now one asset).
 */
export const STEWARDSHIP_STATUSES = ['open', 'deferred', 'accepted', 'rejected', 'resolved'] as const;
export type StewardshipStatus = (typeof STEWARDSHIP_STATUSES)[number];

/** One side of a stewardship pair: the member, its own observed fields, and the asset it is in now. */
export const StewardshipSide = z.object({
  member: AssetMember,
  /** The asset this member belongs to now; null if the record was removed since. */
  asset: AssetSummary.nullable(),
  /** What this member's latest observation says, field by field, as the source gave it. */
  fields: z.array(z.object({ field: z.enum(ASSET_FIELD_NAMES), value: FieldValueSchema })),
  /** MACs and addresses from this observation's interfaces, for side-by-side comparison. */
  macs: z.array(z.string()),
  ips: z.array(z.string()),
});
export type StewardshipSide = z.infer<typeof StewardshipSide>;

export const StewardshipItem = z.object({
  /** Deterministic from the pair, so the same question keeps its id across runs. */
  id: Id,
  /** review: the score fell between the thresholds. conflict: a strong identifier or a never-merge split a component. */
  kind: z.enum(STEWARDSHIP_KINDS),
  status: z.enum(STEWARDSHIP_STATUSES),
  score: z.number(),
  breakdown: z.array(ScoreEvidence),
  /** Strong identifiers on which the two sides disagree (conflict items). */
  conflicts: z.array(z.string()),
  left: StewardshipSide,
  right: StewardshipSide,
  openedAt: IsoTime,
  decidedAt: IsoTime.nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  deferredUntil: IsoTime.nullable(),
});
export type StewardshipItem = z.infer<typeof StewardshipItem>;

export const StewardshipListQuery = z.object({
  /** 'open' also includes deferred items whose deferral has expired. */
  status: z.enum(STEWARDSHIP_STATUSES).default('open'),
  kind: z.enum(STEWARDSHIP_KINDS).optional(),
  /** Items where either side belongs to this asset. */
  assetId: Id.optional(),
  /** Items where either side comes from this source. */
  sourceId: Id.optional(),
  minScore: z.number().optional(),
  maxScore: z.number().optional(),
  sort: z.enum(['score_desc', 'score_asc', 'opened_desc', 'opened_asc']).default('score_desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});
export type StewardshipListQuery = z.input<typeof StewardshipListQuery>;

export const StewardshipPage = z.object({
  items: z.array(StewardshipItem),
  total: z.number().int(),
  offset: z.number().int(),
});
export type StewardshipPage = z.infer<typeof StewardshipPage>;

/** accept: the pair is one thing (force_merge). reject: never merge the pair (never_merge). defer: hide for now. */
export const STEWARDSHIP_DECISIONS = ['accept', 'reject', 'defer'] as const;
export type StewardshipDecision = (typeof STEWARDSHIP_DECISIONS)[number];

export const StewardshipDecideInput = z.object({
  ids: z.array(Id).min(1).max(500),
  decision: z.enum(STEWARDSHIP_DECISIONS),
  note: z.string().trim().max(2000).optional(),
  /** For 'defer': when the items come back to the open list; without it they stay deferred until decided. */
  deferredUntil: IsoTime.optional(),
});
export type StewardshipDecideInput = z.input<typeof StewardshipDecideInput>;

/** Why one item of a bulk decision was not applied. */
export const STEWARDSHIP_SKIP_REASONS = ['not_found', 'already_decided', 'record_gone'] as const;
export type StewardshipSkipReason = (typeof STEWARDSHIP_SKIP_REASONS)[number];

export const StewardshipDecideResult = z.object({
  /** One entry per requested id, in request order. */
  results: z.array(
    z.object({
      id: Id,
      outcome: z.enum(['ok', 'skipped']),
      reason: z.enum(STEWARDSHIP_SKIP_REASONS).nullable(),
      /** The decision recorded for an accepted or rejected item. */
      decisionId: Id.nullable(),
    }),
  ),
  /** Assets created, changed or removed by the recomputation (at most 500). */
  assetIds: z.array(Id),
});
export type StewardshipDecideResult = z.infer<typeof StewardshipDecideResult>;

/** Why one item of an undo was not applied. */
export const STEWARDSHIP_UNDO_SKIP_REASONS = ['not_found', 'not_decided', 'record_gone'] as const;
export type StewardshipUndoSkipReason = (typeof STEWARDSHIP_UNDO_SKIP_REASONS)[number];

export const StewardshipUndoResult = z.object({
  /** One entry per requested id, in request order. */
  results: z.array(
    z.object({
      id: Id,
      outcome: z.enum(['ok', 'skipped']),
      reason: z.enum(STEWARDSHIP_UNDO_SKIP_REASONS).nullable(),
      /** The decision revoked for an accepted or rejected item. */
      revokedDecisionId: Id.nullable(),
      /** The item's status now ('open' again, or 'resolved' when the data settled the question meanwhile). */
      status: z.enum(STEWARDSHIP_STATUSES).nullable(),
    }),
  ),
  /** Assets created, changed or removed by the recomputation (at most 500). */
  assetIds: z.array(Id),
});
export type StewardshipUndoResult = z.infer<typeof StewardshipUndoResult>;

/** Why one asset is one asset. */
export const AssetExplanation = z.object({
  assetId: Id,
  name: z.string(),
  class: z.enum(ASSET_CLASSES),
  members: z.array(AssetMember),
  /** The merges that joined the members (a spanning set: n members, n - 1 merges). */
  merges: z.array(MergeExplanation),
  /** Active and revoked decisions that touch any member. */
  decisions: z.array(MatchDecisionRecord),
  /** Open stewardship items with a member of this asset on either side. */
  stewardship: z.array(
    z.object({ id: Id, kind: z.enum(STEWARDSHIP_KINDS), status: z.enum(STEWARDSHIP_STATUSES), score: z.number(), otherAssetId: Id.nullable() }),
  ),
  quality: AssetQuality.nullable(),
});
export type AssetExplanation = z.infer<typeof AssetExplanation>;

export const ASSET_VERSION_CHANGES = ['created', 'updated', 'merged', 'split', 'removed'] as const;
export type AssetVersionChange = (typeof ASSET_VERSION_CHANGES)[number];
/** What caused a change to a golden record. */
export const ASSET_VERSION_CAUSES = ['import', 'discovery', 'manual', 'decision', 'stewardship', 'rebuild', 'network'] as const;
export type AssetVersionCause = (typeof ASSET_VERSION_CAUSES)[number];

export const AssetVersion = z.object({
  id: Id,
  assetId: Id,
  /** 1, 2, 3, ... per asset. */
  version: z.number().int(),
  at: IsoTime,
  /**
   * created: a new asset. updated: values changed. merged: this asset was absorbed into `successorId`.
   * split: members left this asset (unmerge or new evidence). removed: the asset's records are gone.
   */
  change: z.enum(ASSET_VERSION_CHANGES),
  cause: z.enum(ASSET_VERSION_CAUSES),
  /** The run, decision or stewardship item behind the change (null for manual edits and rebuilds). */
  causeId: Id.nullable(),
  correlationId: z.string().nullable(),
  /** Field-level changes: before / after golden values (null = absent). */
  changes: z.array(z.object({ field: z.string(), before: FieldValueSchema, after: FieldValueSchema })),
  /** Members added and removed by this change. */
  membersAdded: z.array(ObservationRef),
  membersRemoved: z.array(ObservationRef),
  /** For 'merged': the asset that now holds this asset's members. */
  successorId: Id.nullable(),
});
export type AssetVersion = z.infer<typeof AssetVersion>;

export const SourceQuality = z.object({
  sourceId: Id,
  sourceName: z.string(),
  sourceKind: z.enum(SOURCE_KINDS),
  /** Assets this source contributes to. */
  assets: z.number().int(),
  /** Field values it gave. */
  fields: z.number().int(),
  /** Of those, how many disagree with the golden value of a field another source won. */
  conflicts: z.number().int(),
  /** conflicts / fields (0 when fields is 0). */
  conflictRate: z.number(),
});
export type SourceQuality = z.infer<typeof SourceQuality>;

export const ReconcileOutcome = z.object({
  assets: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  openStewardship: z.number().int(),
  durationMs: z.number().int(),
});
export type ReconcileOutcome = z.infer<typeof ReconcileOutcome>;

export const reconciliationCalls = {
  'assets.explain': defineCall({
    summary: 'Why an asset is one asset: its members, the merges that joined them with score breakdowns, decisions and open questions.',
    access: 'read',
    input: z.object({ id: Id }),
    output: AssetExplanation,
  }),
  'assets.versions': defineCall({
    summary: 'Versions of one golden record (every change), newest first.',
    access: 'read',
    input: z.object({ id: Id, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ items: z.array(AssetVersion), total: z.number().int(), offset: z.number().int() }),
  }),
  'assets.unmerge': defineCall({
    summary:
      'Split one member out of an asset: records never_merge decisions between it and every other member, then recomputes. The member becomes its own asset again (with its own values and history).',
    access: 'write',
    input: z.object({ id: Id, member: ObservationRef, reason: z.string().trim().max(2000).optional() }),
    output: z.object({
      /** The asset the member is in now, then the asset(s) the remaining members are in. */
      memberAssetId: Id,
      remainingAssetIds: z.array(Id),
      decisionIds: z.array(Id),
    }),
  }),
  'assets.forceMerge': defineCall({
    summary: 'Declare two assets one thing: records a force_merge decision between their smallest members, then recomputes.',
    access: 'write',
    input: z.object({ leftId: Id, rightId: Id, reason: z.string().trim().max(2000).optional() }),
    output: z.object({ assetId: Id, decisionId: Id }),
  }),
  'decisions.list': defineCall({
    summary: 'Operator match decisions (force merge / never merge), newest first.',
    access: 'read',
    input: z.object({
      kind: z.enum(MATCH_DECISION_KINDS).optional(),
      /** Only decisions touching a member of this asset. */
      assetId: Id.optional(),
      includeRevoked: z.boolean().default(false),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ items: z.array(MatchDecisionRecord), total: z.number().int(), offset: z.number().int() }),
  }),
  'decisions.revoke': defineCall({
    summary: 'Revoke a decision; the records it touched are recomputed without it.',
    access: 'write',
    input: z.object({ id: Id, note: z.string().trim().max(2000).optional() }),
    output: z.object({ decision: MatchDecisionRecord, assetIds: z.array(Id) }),
  }),
  'stewardship.list': defineCall({
    summary: 'Stewardship queue: pairs that need a person, each with both records side by side and the score breakdown.',
    access: 'read',
    input: StewardshipListQuery,
    output: StewardshipPage,
  }),
  'stewardship.decide': defineCall({
    summary: 'Accept (merge), reject (keep apart) or defer one or many stewardship items; returns a result per item.',
    access: 'write',
    input: StewardshipDecideInput,
    output: StewardshipDecideResult,
  }),
  'stewardship.undo': defineCall({
    summary:
      'Undo decisions on stewardship items (accepted, rejected or deferred): revokes the decision each recorded, reopens the item and recomputes, so the assets are as they were before it.',
    access: 'write',
    input: z.object({ ids: z.array(Id).min(1).max(500), note: z.string().trim().max(2000).optional() }),
    output: StewardshipUndoResult,
  }),
  'stewardship.counts': defineCall({
    summary: 'How many stewardship items are in each status (for badges).',
    access: 'read',
    input: z.object({}).default({}),
    output: z.object({ open: z.number().int(), deferred: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), resolved: z.number().int() }),
  }),
  'sources.quality': defineCall({
    summary: 'Per source: assets, field values contributed and how often they disagree with the golden record.',
    access: 'read',
    input: z.object({}).default({}),
    output: z.array(SourceQuality),
  }),
  'reconcile.rebuild': defineCall({
    summary: 'Recompute every golden record from the stored observations and decisions (repair; the result equals incremental reconciliation).',
    access: 'write',
    input: z.object({}).default({}),
    output: ReconcileOutcome,
  }),
};

/** A network (site) that IPs are qualified by, and how it hands out addresses. */
export const NetworkInfo = z.object({
  name: z.string(),
  addressing: z.enum(NETWORK_ADDRESSING),
  /** When the addressing was declared; null for a network only seen in records (addressing unknown). */
  updatedAt: IsoTime.nullable(),
  /** Source records with an address on this network. */
  records: z.number().int(),
});
export type NetworkInfo = z.infer<typeof NetworkInfo>;

export const networkCalls = {
  'networks.list': defineCall({
    summary: 'Networks (sites) IPs are qualified by, with their addressing (static, dhcp or unknown).',
    access: 'read',
    input: z.object({}),
    output: z.array(NetworkInfo),
  }),
  'networks.set': defineCall({
    summary: 'Declare how a network hands out addresses; records with an address on it are reconciled again.',
    access: 'write',
    input: z.object({ name: z.string().trim().min(1).max(100), addressing: z.enum(NETWORK_ADDRESSING) }),
    output: z.object({ network: NetworkInfo, reconciledRecords: z.number().int() }),
  }),
};
