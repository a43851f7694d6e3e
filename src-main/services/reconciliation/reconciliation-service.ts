// Reconciliation use cases: explain why an asset is one asset, undo a merge, force a merge, list and
// revoke decisions, work the stewardship queue, per-source quality, versions, and a full rebuild.
// Decisions are stored over records; after each one the affected closure is reconciled again. Each
// operation goes through the write queue, commits with its audit event in one transaction, then
// publishes `assets.changed`.
import {
  ApiError,
  type ApiParsedInput,
  type AssetExplanation,
  type AssetVersion,
  type MatchDecisionRecord,
  type NetworkInfo,
  type ReconcileOutcome,
  type SourceQuality,
  type StewardshipDecideResult,
  type StewardshipPage,
  type StewardshipUndoResult,
} from '../../../src-shared/api/index.js';
import type { SourceKind } from '../../../src-shared/model/source-kinds.js';
import { decodeAssetBody } from '../../db/asset-body.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import type { ApplyContext, ApplyOutcome, ReconcileCause } from '../../db/golden-record-store.js';
import { assetRowId, getAssetRow } from '../../db/inventory-queries.js';
import { activeDecisionIdsBetween, decisionRecords, getMatchDecision, insertMatchDecision, listMatchDecisions, revokeMatchDecision } from '../../db/match-decisions-repository.js';
import { listNetworks } from '../../db/networks-repository.js';
import type { RecordWriter } from '../../db/record-writer.js';
import { activeDecisionOfItem, countStewardship, getStewardshipRow, listStewardship, reopenStewardshipItem, setStewardshipStatus, stewardshipOfAsset } from '../../db/stewardship-repository.js';
import type { EventPublisher } from '../event-bus.js';
import type { WriteQueue } from '../write-queue.js';

export interface ReconciliationServiceDeps {
  db: Database;
  events: EventPublisher;
  writes: WriteQueue;
  writer: RecordWriter;
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
  unmerge(input: ApiParsedInput<'assets.unmerge'>, by: Actor): Promise<{ memberAssetId: string; remainingAssetIds: string[]; decisionIds: string[] }>;
  forceMerge(input: ApiParsedInput<'assets.forceMerge'>, by: Actor): Promise<{ assetId: string; decisionId: string }>;
  listDecisions(input: ApiParsedInput<'decisions.list'>): { items: MatchDecisionRecord[]; total: number; offset: number };
  revokeDecision(input: ApiParsedInput<'decisions.revoke'>, by: Actor): Promise<{ decision: MatchDecisionRecord; assetIds: string[] }>;
  listStewardship(input: ApiParsedInput<'stewardship.list'>): StewardshipPage;
  decide(input: ApiParsedInput<'stewardship.decide'>, by: Actor): Promise<StewardshipDecideResult>;
  /** Undoes decisions on stewardship items: revokes what each recorded and reopens it. */
  undoDecisions(input: ApiParsedInput<'stewardship.undo'>, by: Actor): Promise<StewardshipUndoResult>;
  stewardshipCounts(): ReturnType<typeof countStewardship>;
  sourceQuality(): SourceQuality[];
  rebuild(by: Actor): Promise<ReconcileOutcome>;
  listNetworks(): NetworkInfo[];
  setNetwork(input: ApiParsedInput<'networks.set'>, by: Actor): Promise<{ network: NetworkInfo; reconciledRecords: number }>;
}

interface MemberRow {
  id: number;
  source_id: string;
  source_name: string;
  source_kind: SourceKind;
  native_key: string;
  head_id: number;
  last_seen: string;
  content_hash: string;
}

export function createReconciliationService(deps: ReconciliationServiceDeps): ReconciliationService {
  const { db, writer } = deps;
  const iso = () => deps.now().toISOString();

  function membersOf(assetUid: string): MemberRow[] {
    return db
      .prepare(
        `SELECT r.id, s.id AS source_id, s.name AS source_name, s.kind AS source_kind, r.native_key, r.head_id, r.last_seen, r.content_hash
         FROM assets a JOIN records r ON r.asset_id = a.id JOIN sources s ON s.seq = r.source_seq WHERE a.uid = ? ORDER BY s.kind, s.name, r.native_key`,
      )
      .all(assetUid) as MemberRow[];
  }

  function requireAsset(id: string): MemberRow[] {
    if (!getAssetRow(db, id)) throw new ApiError('not_found', `Asset ${id} does not exist (it may have been merged or removed).`);
    return membersOf(id);
  }

  function applyContext(cause: ReconcileCause): ApplyContext {
    return { now: iso(), cause };
  }

  function touched(outcome: ApplyOutcome, extra: string[] = []): string[] {
    return [...new Set([...extra, ...outcome.created, ...outcome.updated, ...outcome.removed])];
  }

  function publish(assetIds: string[]): void {
    deps.events.publish('assets.changed', { reason: 'reconciliation', assetIds: assetIds.slice(0, 100), count: assetIds.length });
  }

  function audit(by: Actor, action: string, targetType: string, targetId: string | null, before: unknown, after: unknown): void {
    appendAuditEvent(db, { id: deps.newId(), at: iso(), actor: by.actor, action, targetType, targetId, before, after, correlationId: by.correlationId });
  }

  return {
    explain(id) {
      const row = getAssetRow(db, id);
      if (!row) throw new ApiError('not_found', `Asset ${id} does not exist (it may have been merged or removed).`);
      const body = decodeAssetBody(db.prepare('SELECT body FROM assets WHERE uid = ?').pluck().get(id) as string);
      const rows = membersOf(id);
      const byRecord = new Map(rows.map((m) => [m.id, m] as const));
      const members = rows.map((m) => ({
        sourceId: m.source_id,
        nativeKey: m.native_key,
        sourceName: m.source_name,
        sourceKind: m.source_kind,
        observationId: String(m.head_id),
        observedAt: m.last_seen,
        contentHash: m.content_hash,
      }));
      const refAt = (index: number) => {
        const m = byRecord.get(body.m[index] ?? -1);
        return { sourceId: m?.source_id ?? '', nativeKey: m?.native_key ?? '' };
      };
      const merges = body.g.map(([left, right, reason, score, breakdown]) => ({ left: refAt(left), right: refAt(right), reason, score, breakdown }));
      return {
        assetId: id,
        name: row.name,
        class: row.class as AssetExplanation['class'],
        members,
        merges,
        decisions: listMatchDecisions(db, { assetId: id, includeRevoked: true, offset: 0, limit: 500 }).items,
        stewardship: stewardshipOfAsset(db, id),
        quality: { ...body.q, freshness: 1 },
      };
    },

    versions(input) {
      const rows = db.prepare('SELECT * FROM asset_versions WHERE asset_uid = ? ORDER BY version DESC LIMIT ? OFFSET ?').all(input.id, input.limit, input.offset) as {
        id: number;
        asset_uid: string;
        version: number;
        at: string;
        change: AssetVersion['change'];
        cause: AssetVersion['cause'];
        cause_id: string | null;
        correlation_id: string | null;
        changes: string;
        members_added: string;
        members_removed: string;
        successor_uid: string | null;
      }[];
      const stored = db.prepare('SELECT count(*) FROM asset_versions WHERE asset_uid = ?').pluck().get(input.id) as number;
      const asset = db.prepare('SELECT uid, class, name, body, created_at, created_cause FROM assets WHERE uid = ?').get(input.id) as
        | { uid: string; class: string; name: string; body: string; created_at: string; created_cause: string | null }
        | undefined;
      if (stored === 0 && !asset) throw new ApiError('not_found', `Asset ${input.id} has no history here.`);
      const items: AssetVersion[] = rows.map((r) => ({
        id: String(r.id),
        assetId: r.asset_uid,
        version: r.version,
        at: r.at,
        change: r.change,
        cause: r.cause,
        causeId: r.cause_id,
        correlationId: r.correlation_id,
        changes: JSON.parse(r.changes) as AssetVersion['changes'],
        membersAdded: JSON.parse(r.members_added) as AssetVersion['membersAdded'],
        membersRemoved: JSON.parse(r.members_removed) as AssetVersion['membersRemoved'],
        successorId: r.successor_uid,
      }));
      // Creation is the asset row itself (version 1), unless history shows it was created again later.
      const total = stored + 1;
      const oldest = rows.length < input.limit && input.offset + rows.length >= stored;
      if (oldest) {
        items.push({
          id: `${input.id}:1`,
          assetId: input.id,
          version: 1,
          at: asset?.created_at ?? (rows.at(-1)?.at as string),
          change: 'created',
          cause: (asset?.created_cause as AssetVersion['cause'] | null) ?? 'import',
          causeId: null,
          correlationId: null,
          changes: [],
          membersAdded: [],
          membersRemoved: [],
          successorId: null,
        });
      }
      return { items, total, offset: input.offset };
    },

    async unmerge(input, by) {
      const check = requireAsset(input.id);
      const memberRow = check.find((m) => m.source_id === input.member.sourceId && m.native_key === input.member.nativeKey);
      if (!memberRow) throw new ApiError('bad_request', `That record is not a member of asset ${input.id}; reload the asset and pick one of its members.`);
      if (check.length === 1) throw new ApiError('bad_request', 'This asset has only one member; there is nothing to split.');
      const result = await deps.writes.run('assets.unmerge', () => {
        const members = requireAsset(input.id);
        const member = members.find((m) => m.id === memberRow.id);
        if (!member) throw new ApiError('conflict', 'The asset changed while you were looking at it; reload it and try again.');
        const others = members.filter((m) => m.id !== member.id);
        const at = iso();
        // A force-merge that joined them would contradict the split: it is revoked, not just outranked.
        const revoked = activeDecisionIdsBetween(db, 'force_merge', [member.id], others.map((m) => m.id));
        for (const id of revoked) revokeMatchDecision(db, id, by.actor, at);
        const decisionIds: string[] = [];
        for (const other of others) {
          const id = deps.newId();
          insertMatchDecision(db, { id, kind: 'never_merge', leftRecordId: member.id, rightRecordId: other.id, reason: input.reason ?? null, actor: by.actor, origin: 'unmerge', stewardshipItemId: null, createdAt: at });
          decisionIds.push(id);
        }
        const outcome = writer.reconcileRecords(
          members.map((m) => m.id),
          applyContext({ kind: 'decision', id: decisionIds[0] ?? null, correlationId: by.correlationId }),
        );
        const memberAssetId = outcome.assetOfRecord.get(member.id)?.uid ?? '';
        const remainingAssetIds = [...new Set(others.map((m) => outcome.assetOfRecord.get(m.id)?.uid ?? '').filter((id) => id && id !== memberAssetId))].sort();
        audit(
          by,
          'asset.unmerged',
          'asset',
          input.id,
          { members: members.map((m) => ({ sourceId: m.source_id, nativeKey: m.native_key })) },
          { member: input.member, memberAssetId, remainingAssetIds, decisionIds, revokedDecisionIds: revoked, reason: input.reason ?? null },
        );
        return { memberAssetId, remainingAssetIds, decisionIds, assetIds: touched(outcome, [input.id]) };
      });
      publish(result.assetIds);
      return { memberAssetId: result.memberAssetId, remainingAssetIds: result.remainingAssetIds, decisionIds: result.decisionIds };
    },

    async forceMerge(input, by) {
      if (input.leftId === input.rightId) throw new ApiError('bad_request', 'Pick two different assets to merge.');
      requireAsset(input.leftId);
      requireAsset(input.rightId);
      const result = await deps.writes.run('assets.forceMerge', () => {
        const left = requireAsset(input.leftId);
        const right = requireAsset(input.rightId);
        const at = iso();
        const revoked = activeDecisionIdsBetween(db, 'never_merge', left.map((m) => m.id), right.map((m) => m.id));
        for (const id of revoked) revokeMatchDecision(db, id, by.actor, at);
        const decisionId = deps.newId();
        const l = left[0] as MemberRow;
        const r = right[0] as MemberRow;
        insertMatchDecision(db, { id: decisionId, kind: 'force_merge', leftRecordId: l.id, rightRecordId: r.id, reason: input.reason ?? null, actor: by.actor, origin: 'force_merge', stewardshipItemId: null, createdAt: at });
        const outcome = writer.reconcileRecords([...left, ...right].map((m) => m.id), applyContext({ kind: 'decision', id: decisionId, correlationId: by.correlationId }));
        const assetId = outcome.assetOfRecord.get(l.id)?.uid ?? input.leftId;
        audit(by, 'asset.force_merged', 'asset', assetId, { leftId: input.leftId, rightId: input.rightId }, { assetId, decisionId, revokedDecisionIds: revoked, reason: input.reason ?? null });
        return { assetId, decisionId, assetIds: touched(outcome, [input.leftId, input.rightId]) };
      });
      publish(result.assetIds);
      return { assetId: result.assetId, decisionId: result.decisionId };
    },

    listDecisions: (input) => listMatchDecisions(db, input),

    async revokeDecision(input, by) {
      const first = getMatchDecision(db, input.id);
      if (!first) throw new ApiError('not_found', `Decision ${input.id} does not exist.`);
      if (first.revokedAt) throw new ApiError('conflict', `Decision ${input.id} was already revoked at ${first.revokedAt}.`);
      const result = await deps.writes.run('decisions.revoke', () => {
        const before = getMatchDecision(db, input.id) as MatchDecisionRecord;
        if (before.revokedAt) throw new ApiError('conflict', `Decision ${input.id} was already revoked at ${before.revokedAt}.`);
        revokeMatchDecision(db, input.id, by.actor, iso());
        const records = decisionRecords(db, input.id) as { left: number; right: number };
        const outcome = writer.reconcileRecords([records.left, records.right], applyContext({ kind: 'decision', id: input.id, correlationId: by.correlationId }));
        audit(by, 'match_decision.revoked', 'match_decision', input.id, before, { note: input.note ?? null });
        return touched(outcome);
      });
      publish(result);
      return { decision: getMatchDecision(db, input.id) as MatchDecisionRecord, assetIds: result.slice(0, 500) };
    },

    listStewardship: (input) => listStewardship(db, input, iso()),

    async decide(input, by) {
      const out = await deps.writes.run('stewardship.decide', () => {
        const at = iso();
        const results: StewardshipDecideResult['results'] = [];
        const records: number[] = [];
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
          if (input.decision === 'defer') {
            setStewardshipStatus(db, id, 'deferred', by.actor, at, input.note ?? null, input.deferredUntil ?? null);
            results.push({ id, outcome: 'ok', reason: null, decisionId: null });
            continue;
          }
          const present = db.prepare('SELECT count(*) FROM records WHERE id IN (?, ?)').pluck().get(row.left_record_id, row.right_record_id) as number;
          if (present < 2) {
            results.push({ id, outcome: 'skipped', reason: 'record_gone', decisionId: null });
            continue;
          }
          const decisionId = deps.newId();
          insertMatchDecision(db, {
            id: decisionId,
            kind: input.decision === 'accept' ? 'force_merge' : 'never_merge',
            leftRecordId: row.left_record_id,
            rightRecordId: row.right_record_id,
            reason: input.note ?? null,
            actor: by.actor,
            origin: 'stewardship',
            stewardshipItemId: id,
            createdAt: at,
          });
          setStewardshipStatus(db, id, input.decision === 'accept' ? 'accepted' : 'rejected', by.actor, at, input.note ?? null, null);
          records.push(row.left_record_id, row.right_record_id);
          results.push({ id, outcome: 'ok', reason: null, decisionId });
        }
        const outcome = writer.reconcileRecords(records, applyContext({ kind: 'stewardship', id: input.ids.length === 1 ? (input.ids[0] as string) : null, correlationId: by.correlationId }));
        audit(by, `stewardship.${input.decision}`, 'stewardship', input.ids.length === 1 ? (input.ids[0] as string) : null, null, { decision: input.decision, note: input.note ?? null, results });
        return { results, assetIds: touched(outcome) };
      });
      if (out.assetIds.length > 0 || input.decision === 'defer') publish(out.assetIds);
      return { results: out.results, assetIds: out.assetIds.slice(0, 500) };
    },

    async undoDecisions(input, by) {
      const out = await deps.writes.run('stewardship.undo', () => {
        const at = iso();
        const results: StewardshipUndoResult['results'] = [];
        const records: number[] = [];
        const reopened: string[] = [];
        for (const id of [...new Set(input.ids)]) {
          const row = getStewardshipRow(db, id);
          if (!row) {
            results.push({ id, outcome: 'skipped', reason: 'not_found', revokedDecisionId: null, status: null });
            continue;
          }
          if (row.status !== 'accepted' && row.status !== 'rejected' && row.status !== 'deferred') {
            results.push({ id, outcome: 'skipped', reason: 'not_decided', revokedDecisionId: null, status: row.status });
            continue;
          }
          let revokedDecisionId: string | null = null;
          if (row.status !== 'deferred') {
            const present = db.prepare('SELECT count(*) FROM records WHERE id IN (?, ?)').pluck().get(row.left_record_id, row.right_record_id) as number;
            if (present < 2) {
              results.push({ id, outcome: 'skipped', reason: 'record_gone', revokedDecisionId: null, status: row.status });
              continue;
            }
            // The decision this item recorded (unless someone revoked it on the asset page already).
            revokedDecisionId = activeDecisionOfItem(db, id);
            if (revokedDecisionId) revokeMatchDecision(db, revokedDecisionId, by.actor, at);
            records.push(row.left_record_id, row.right_record_id);
          }
          reopenStewardshipItem(db, id);
          reopened.push(id);
          results.push({ id, outcome: 'ok', reason: null, revokedDecisionId, status: 'open' });
        }
        // Recomputed without the decisions: the pairs split (or join) again as the evidence says, and
        // their items stay open, unless the data settled the question meanwhile (then resolved).
        const outcome = writer.reconcileRecords(records, applyContext({ kind: 'stewardship', id: input.ids.length === 1 ? (input.ids[0] as string) : null, correlationId: by.correlationId }));
        for (const result of results) {
          if (result.outcome === 'ok') result.status = (getStewardshipRow(db, result.id)?.status ?? null) as StewardshipUndoResult['results'][number]['status'];
        }
        audit(by, 'stewardship.undo', 'stewardship', input.ids.length === 1 ? (input.ids[0] as string) : null, null, { note: input.note ?? null, results });
        return { results, assetIds: touched(outcome), reopened: reopened.length };
      });
      if (out.assetIds.length > 0 || out.reopened > 0) publish(out.assetIds);
      return { results: out.results, assetIds: out.assetIds.slice(0, 500) };
    },

    stewardshipCounts: () => countStewardship(db),

    sourceQuality() {
      return (
        db
          .prepare(
            `SELECT s.id, s.name, s.kind, coalesce(q.assets, 0) AS assets, coalesce(q.fields, 0) AS fields, coalesce(q.conflicts, 0) AS conflicts
             FROM sources s LEFT JOIN source_quality q ON q.source_seq = s.seq ORDER BY s.name`,
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

    async rebuild(by) {
      const started = deps.now().getTime();
      const result = await deps.writes.run('reconcile.rebuild', () => {
        const outcome = writer.rebuild(applyContext({ kind: 'rebuild', id: null, correlationId: by.correlationId }));
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
        return { summary, assetIds: [...new Set([...outcome.created, ...outcome.updated, ...outcome.removed])] };
      });
      publish(result.assetIds);
      return result.summary;
    },

    listNetworks() {
      return listNetworks(db);
    },

    async setNetwork(input, by) {
      const name = input.name.trim().toLowerCase();
      const result = await deps.writes.run('networks.set', () => {
        const before = listNetworks(db).find((n) => n.name.toLowerCase() === name);
        const { records, outcome } = writer.declareNetwork(name, input.addressing, applyContext({ kind: 'network', id: name, correlationId: by.correlationId }));
        const network = listNetworks(db).find((n) => n.name.toLowerCase() === name);
        if (!network) throw new Error(`Network ${name} was declared but cannot be read back.`);
        if (before?.addressing !== input.addressing || before.updatedAt === null) {
          audit(by, 'network.declared', 'network', name, before ? { addressing: before.addressing } : null, { addressing: input.addressing, reconciledRecords: records });
        }
        return { network, reconciledRecords: records, assetIds: touched(outcome) };
      });
      if (result.assetIds.length > 0) publish(result.assetIds);
      return { network: result.network, reconciledRecords: result.reconciledRecords };
    },
  };
}

/** The records of an asset (for callers that address assets by uid). */
export function recordIdsOfAsset(db: Database, uid: string): number[] {
  const id = assetRowId(db, uid);
  return id === undefined ? [] : (db.prepare('SELECT id FROM records WHERE asset_id = ?').pluck().all(id) as number[]);
}
