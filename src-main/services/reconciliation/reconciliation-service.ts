// Reconciliation use cases: explain why an asset is one asset, undo a merge, force a merge, list and
// revoke decisions, work the stewardship queue, per-source quality, versions, and a full rebuild.
// Decisions are stored over natural keys; after each one the affected closure is recomputed. Each
// operation commits with its audit event in one transaction, then publishes `assets.changed`.
import {
  ApiError,
  type ApiParsedInput,
  type AssetExplanation,
  type AssetVersion,
  type MatchDecisionRecord,
  type ReconcileOutcome,
  type SourceQuality,
  type StewardshipDecideResult,
  type StewardshipPage,
} from '../../../src-shared/api/index.js';
import type { SourceKind } from '../../../src-shared/model/source-kinds.js';
import { naturalKeyOf, splitNaturalKey, type NaturalKey, type ReconcileConfig } from '../../engine/reconcile/index.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import { createComponentReconciler, type ReconcileOutcomeCounts } from '../../db/component-reconciler.js';
import type { Database } from '../../db/database.js';
import type { ReconcileCause } from '../../db/golden-record-writer.js';
import { getAssetRow } from '../../db/inventory-queries.js';
import { getMatchDecision, insertMatchDecision, listMatchDecisions, revokeMatchDecision } from '../../db/match-decisions-repository.js';
import {
  countStewardship,
  getStewardshipRow,
  itemKeys,
  listStewardship,
  setStewardshipStatus,
  stewardshipOfAsset,
} from '../../db/stewardship-repository.js';
import type { EventPublisher } from '../event-bus.js';

export interface ReconciliationServiceDeps {
  db: Database;
  events: EventPublisher;
  config: ReconcileConfig;
  now: () => Date;
  newId: () => string;
}

export interface Actor {
  actor: string;
  correlationId: string;
}

export interface ReconciliationService {
  explain(id: string): AssetExplanation;
  versions(input: ApiParsedInput<'assets.versions'>): { items: AssetVersion[]; total: number; offset: number };
  unmerge(input: ApiParsedInput<'assets.unmerge'>, by: Actor): { memberAssetId: string; remainingAssetIds: string[]; decisionIds: string[] };
  forceMerge(input: ApiParsedInput<'assets.forceMerge'>, by: Actor): { assetId: string; decisionId: string };
  listDecisions(input: ApiParsedInput<'decisions.list'>): { items: MatchDecisionRecord[]; total: number; offset: number };
  revokeDecision(input: ApiParsedInput<'decisions.revoke'>, by: Actor): { decision: MatchDecisionRecord; assetIds: string[] };
  listStewardship(input: ApiParsedInput<'stewardship.list'>): StewardshipPage;
  decide(input: ApiParsedInput<'stewardship.decide'>, by: Actor): StewardshipDecideResult;
  stewardshipCounts(): ReturnType<typeof countStewardship>;
  sourceQuality(): SourceQuality[];
  rebuild(by: Actor): ReconcileOutcome;
  /** At start-up: reconciles records stored before reconciliation existed (an upgraded database). Returns whether it did. */
  reconcileLegacyRecords(): boolean;
}

interface MemberRow {
  source_id: string;
  native_key: string;
}

export function createReconciliationService(deps: ReconciliationServiceDeps): ReconciliationService {
  const { db } = deps;
  const iso = () => deps.now().toISOString();
  const reconciler = createComponentReconciler(db, deps.config);

  function membersOf(assetId: string): NaturalKey[] {
    return (db.prepare('SELECT source_id, native_key FROM asset_sources WHERE asset_id = ?').all(assetId) as MemberRow[])
      .map((r) => naturalKeyOf(r.source_id, r.native_key))
      .sort();
  }

  function requireAsset(id: string): NaturalKey[] {
    if (!getAssetRow(db, id)) throw new ApiError('not_found', `Asset ${id} does not exist (it may have been merged or removed).`);
    return membersOf(id);
  }

  function recompute(keys: Iterable<NaturalKey>, cause: ReconcileCause): ReconcileOutcomeCounts {
    return reconciler.reconcile(keys, { now: iso(), newId: deps.newId, cause });
  }

  function touched(outcome: ReconcileOutcomeCounts, extra: string[] = []): string[] {
    return [...new Set([...extra, ...outcome.created, ...outcome.updated, ...outcome.removed])];
  }

  function publish(assetIds: string[]): void {
    deps.events.publish('assets.changed', { reason: 'reconciliation', assetIds: assetIds.slice(0, 100), count: assetIds.length });
  }

  function audit(by: Actor, action: string, targetType: string, targetId: string | null, before: unknown, after: unknown): void {
    appendAuditEvent(db, { id: deps.newId(), at: iso(), actor: by.actor, action, targetType, targetId, before, after, correlationId: by.correlationId });
  }

  function activeDecisionIdsBetween(kind: 'force_merge' | 'never_merge', a: readonly NaturalKey[], b: readonly NaturalKey[]): string[] {
    const left = new Set(a);
    const right = new Set(b);
    const ids = new Set<string>();
    for (const key of a) {
      for (const row of db
        .prepare(
          `SELECT id, left_source_id, left_native_key, right_source_id, right_native_key FROM match_decisions
           WHERE kind = @kind AND revoked_at IS NULL AND ((left_source_id = @s AND left_native_key = @k) OR (right_source_id = @s AND right_native_key = @k))`,
        )
        .all({ kind, s: splitNaturalKey(key).sourceId, k: splitNaturalKey(key).nativeKey }) as {
        id: string;
        left_source_id: string;
        left_native_key: string;
        right_source_id: string;
        right_native_key: string;
      }[]) {
        const l = naturalKeyOf(row.left_source_id, row.left_native_key);
        const r = naturalKeyOf(row.right_source_id, row.right_native_key);
        if ((left.has(l) && right.has(r)) || (left.has(r) && right.has(l))) ids.add(row.id);
      }
    }
    return [...ids].sort();
  }

  return {
    explain(id) {
      const row = getAssetRow(db, id);
      if (!row) throw new ApiError('not_found', `Asset ${id} does not exist (it may have been merged or removed).`);
      const members = (
        db
          .prepare(
            `SELECT m.source_id, m.native_key, s.name AS source_name, s.kind AS source_kind, o.id AS observation_id, o.observed_at, o.content_hash
             FROM asset_sources m JOIN sources s ON s.id = m.source_id
             LEFT JOIN observation_heads h ON h.source_id = m.source_id AND h.native_key = m.native_key LEFT JOIN observations o ON o.id = h.observation_id
             WHERE m.asset_id = ? ORDER BY m.source_id, m.native_key`,
          )
          .all(id) as {
          source_id: string;
          native_key: string;
          source_name: string;
          source_kind: SourceKind;
          observation_id: string | null;
          observed_at: string | null;
          content_hash: string | null;
        }[]
      ).map((m) => ({
        sourceId: m.source_id,
        nativeKey: m.native_key,
        sourceName: m.source_name,
        sourceKind: m.source_kind,
        observationId: m.observation_id ?? '',
        observedAt: m.observed_at ?? '',
        contentHash: m.content_hash ?? '',
      }));
      const merges = (
        db.prepare('SELECT * FROM merge_explanations WHERE asset_id = ? ORDER BY seq').all(id) as {
          left_source_id: string;
          left_native_key: string;
          right_source_id: string;
          right_native_key: string;
          reason: 'score' | 'forced';
          score: number;
          breakdown_json: string;
        }[]
      ).map((m) => ({
        left: { sourceId: m.left_source_id, nativeKey: m.left_native_key },
        right: { sourceId: m.right_source_id, nativeKey: m.right_native_key },
        reason: m.reason,
        score: m.score,
        breakdown: JSON.parse(m.breakdown_json) as AssetExplanation['merges'][number]['breakdown'],
      }));
      return {
        assetId: id,
        name: row.name,
        class: row.class as AssetExplanation['class'],
        members,
        merges,
        decisions: listMatchDecisions(db, { assetId: id, includeRevoked: true, offset: 0, limit: 500 }).items,
        stewardship: stewardshipOfAsset(db, id),
        quality: row.quality_json ? (JSON.parse(row.quality_json) as AssetExplanation['quality']) : null,
      };
    },

    versions(input) {
      const rows = db.prepare('SELECT * FROM asset_versions WHERE asset_id = ? ORDER BY version DESC LIMIT ? OFFSET ?').all(input.id, input.limit, input.offset) as {
        id: string;
        asset_id: string;
        version: number;
        at: string;
        change: AssetVersion['change'];
        cause: AssetVersion['cause'];
        cause_id: string | null;
        correlation_id: string | null;
        changes_json: string;
        members_added_json: string;
        members_removed_json: string;
        successor_id: string | null;
      }[];
      const total = db.prepare('SELECT count(*) FROM asset_versions WHERE asset_id = ?').pluck().get(input.id) as number;
      if (total === 0 && !getAssetRow(db, input.id)) throw new ApiError('not_found', `Asset ${input.id} has no history here.`);
      return {
        items: rows.map((r) => ({
          id: r.id,
          assetId: r.asset_id,
          version: r.version,
          at: r.at,
          change: r.change,
          cause: r.cause,
          causeId: r.cause_id,
          correlationId: r.correlation_id,
          changes: JSON.parse(r.changes_json) as AssetVersion['changes'],
          membersAdded: JSON.parse(r.members_added_json) as AssetVersion['membersAdded'],
          membersRemoved: JSON.parse(r.members_removed_json) as AssetVersion['membersRemoved'],
          successorId: r.successor_id,
        })),
        total,
        offset: input.offset,
      };
    },

    unmerge(input, by) {
      const members = requireAsset(input.id);
      const memberKey = naturalKeyOf(input.member.sourceId, input.member.nativeKey);
      if (!members.includes(memberKey)) throw new ApiError('bad_request', `That record is not a member of asset ${input.id}; reload the asset and pick one of its members.`);
      const others = members.filter((k) => k !== memberKey);
      if (others.length === 0) throw new ApiError('bad_request', 'This asset has only one member; there is nothing to split.');
      const result = db.transaction(() => {
        const at = iso();
        // A force-merge that joined them would contradict the split: it is revoked, not just outranked.
        const revoked = activeDecisionIdsBetween('force_merge', [memberKey], others);
        for (const id of revoked) revokeMatchDecision(db, id, by.actor, at);
        const decisionIds: string[] = [];
        for (const other of others) {
          const id = deps.newId();
          insertMatchDecision(db, {
            id,
            kind: 'never_merge',
            left: input.member,
            right: splitNaturalKey(other),
            reason: input.reason ?? null,
            actor: by.actor,
            origin: 'unmerge',
            stewardshipItemId: null,
            createdAt: at,
          });
          decisionIds.push(id);
        }
        const outcome = recompute(members, { kind: 'decision', id: decisionIds[0] ?? null, correlationId: by.correlationId });
        const memberAssetId = outcome.assetOf.get(memberKey) ?? '';
        const remainingAssetIds = [...new Set(others.map((k) => outcome.assetOf.get(k) ?? '').filter((id) => id && id !== memberAssetId))].sort();
        audit(by, 'asset.unmerged', 'asset', input.id, { members }, { member: input.member, memberAssetId, remainingAssetIds, decisionIds, revokedDecisionIds: revoked, reason: input.reason ?? null });
        return { memberAssetId, remainingAssetIds, decisionIds, assetIds: touched(outcome, [input.id]) };
      })();
      publish(result.assetIds);
      return { memberAssetId: result.memberAssetId, remainingAssetIds: result.remainingAssetIds, decisionIds: result.decisionIds };
    },

    forceMerge(input, by) {
      if (input.leftId === input.rightId) throw new ApiError('bad_request', 'Pick two different assets to merge.');
      const left = requireAsset(input.leftId);
      const right = requireAsset(input.rightId);
      const result = db.transaction(() => {
        const at = iso();
        const revoked = activeDecisionIdsBetween('never_merge', left, right);
        for (const id of revoked) revokeMatchDecision(db, id, by.actor, at);
        const decisionId = deps.newId();
        insertMatchDecision(db, {
          id: decisionId,
          kind: 'force_merge',
          left: splitNaturalKey(left[0] as NaturalKey),
          right: splitNaturalKey(right[0] as NaturalKey),
          reason: input.reason ?? null,
          actor: by.actor,
          origin: 'force_merge',
          stewardshipItemId: null,
          createdAt: at,
        });
        const outcome = recompute([...left, ...right], { kind: 'decision', id: decisionId, correlationId: by.correlationId });
        const assetId = outcome.assetOf.get(left[0] as NaturalKey) ?? input.leftId;
        audit(by, 'asset.force_merged', 'asset', assetId, { leftId: input.leftId, rightId: input.rightId }, { assetId, decisionId, revokedDecisionIds: revoked, reason: input.reason ?? null });
        return { assetId, decisionId, assetIds: touched(outcome, [input.leftId, input.rightId]) };
      })();
      publish(result.assetIds);
      return { assetId: result.assetId, decisionId: result.decisionId };
    },

    listDecisions: (input) => listMatchDecisions(db, input),

    revokeDecision(input, by) {
      const before = getMatchDecision(db, input.id);
      if (!before) throw new ApiError('not_found', `Decision ${input.id} does not exist.`);
      if (before.revokedAt) throw new ApiError('conflict', `Decision ${input.id} was already revoked at ${before.revokedAt}.`);
      const result = db.transaction(() => {
        revokeMatchDecision(db, input.id, by.actor, iso());
        const keys = [naturalKeyOf(before.left.sourceId, before.left.nativeKey), naturalKeyOf(before.right.sourceId, before.right.nativeKey)];
        const outcome = recompute(keys, { kind: 'decision', id: input.id, correlationId: by.correlationId });
        audit(by, 'match_decision.revoked', 'match_decision', input.id, before, { note: input.note ?? null });
        return touched(outcome);
      })();
      publish(result);
      return { decision: getMatchDecision(db, input.id) as MatchDecisionRecord, assetIds: result.slice(0, 500) };
    },

    listStewardship: (input) => listStewardship(db, input, iso()),

    decide(input, by) {
      const out = db.transaction(() => {
        const at = iso();
        const results: StewardshipDecideResult['results'] = [];
        const keys: NaturalKey[] = [];
        for (const id of input.ids) {
          const row = getStewardshipRow(db, id);
          if (!row) {
            results.push({ id, outcome: 'skipped', reason: 'not_found', decisionId: null });
            continue;
          }
          if (row.status !== 'open' && row.status !== 'deferred') {
            results.push({ id, outcome: 'skipped', reason: 'already_decided', decisionId: null });
            continue;
          }
          const { left, right } = itemKeys(row);
          if (input.decision === 'defer') {
            setStewardshipStatus(db, id, 'deferred', by.actor, at, input.note ?? null, input.deferredUntil ?? null);
            results.push({ id, outcome: 'ok', reason: null, decisionId: null });
            continue;
          }
          const heads = db.prepare('SELECT count(*) FROM observation_heads WHERE (source_id = ? AND native_key = ?) OR (source_id = ? AND native_key = ?)').pluck();
          if ((heads.get(row.left_source_id, row.left_native_key, row.right_source_id, row.right_native_key) as number) < 2) {
            results.push({ id, outcome: 'skipped', reason: 'record_gone', decisionId: null });
            continue;
          }
          const decisionId = deps.newId();
          insertMatchDecision(db, {
            id: decisionId,
            kind: input.decision === 'accept' ? 'force_merge' : 'never_merge',
            left: splitNaturalKey(left),
            right: splitNaturalKey(right),
            reason: input.note ?? null,
            actor: by.actor,
            origin: 'stewardship',
            stewardshipItemId: id,
            createdAt: at,
          });
          setStewardshipStatus(db, id, input.decision === 'accept' ? 'accepted' : 'rejected', by.actor, at, input.note ?? null, null);
          keys.push(left, right);
          results.push({ id, outcome: 'ok', reason: null, decisionId });
        }
        const outcome = recompute(keys, { kind: 'stewardship', id: input.ids.length === 1 ? (input.ids[0] as string) : null, correlationId: by.correlationId });
        audit(by, `stewardship.${input.decision}`, 'stewardship', input.ids.length === 1 ? (input.ids[0] as string) : null, null, { decision: input.decision, note: input.note ?? null, results });
        return { results, assetIds: touched(outcome) };
      })();
      if (out.assetIds.length > 0 || input.decision === 'defer') publish(out.assetIds);
      return { results: out.results, assetIds: out.assetIds.slice(0, 500) };
    },

    stewardshipCounts: () => countStewardship(db),

    sourceQuality() {
      return (
        db
          .prepare(
            `SELECT s.id, s.name, s.kind, count(DISTINCT st.asset_id) AS assets, coalesce(sum(st.fields), 0) AS fields, coalesce(sum(st.conflicts), 0) AS conflicts
             FROM sources s LEFT JOIN asset_source_stats st ON st.source_id = s.id GROUP BY s.id ORDER BY s.name`,
          )
          .all() as { id: string; name: string; kind: SourceKind; assets: number; fields: number; conflicts: number }[]
      ).map((r) => ({
        sourceId: r.id,
        sourceName: r.name,
        sourceKind: r.kind,
        assets: r.assets,
        fields: r.fields,
        conflicts: r.conflicts,
        conflictRate: r.fields === 0 ? 0 : r.conflicts / r.fields,
      }));
    },

    rebuild(by) {
      const started = deps.now().getTime();
      const result = db.transaction(() => {
        const outcome = reconciler.rebuild({ now: iso(), newId: deps.newId, cause: { kind: 'rebuild', id: null, correlationId: by.correlationId } });
        const assets = db.prepare('SELECT count(*) FROM assets').pluck().get() as number;
        const summary: ReconcileOutcome = {
          assets,
          created: outcome.created.length,
          updated: outcome.updated.length,
          removed: outcome.removed.length,
          unchanged: outcome.unchanged,
          openStewardship: countStewardship(db).open,
          durationMs: Math.max(0, deps.now().getTime() - started),
        };
        audit(by, 'reconcile.rebuilt', 'reconciliation', null, null, summary);
        return { summary, assetIds: touched(outcome) };
      })();
      publish(result.assetIds);
      return result.summary;
    },

    reconcileLegacyRecords() {
      const headless = db.prepare('SELECT 1 FROM observations o WHERE NOT EXISTS (SELECT 1 FROM observation_heads h WHERE h.source_id = o.source_id AND h.native_key = o.native_key) LIMIT 1').get();
      if (!headless) return false;
      db.transaction(() => {
        const outcome = reconciler.rebuild({ now: iso(), newId: deps.newId, cause: { kind: 'rebuild', id: null, correlationId: null } });
        appendAuditEvent(db, {
          id: deps.newId(),
          at: iso(),
          actor: 'system',
          action: 'reconcile.rebuilt',
          targetType: 'reconciliation',
          targetId: null,
          before: null,
          after: { reason: 'upgrade', created: outcome.created.length, updated: outcome.updated.length, removed: outcome.removed.length },
          correlationId: null,
        });
      })();
      return true;
    },
  };
}
