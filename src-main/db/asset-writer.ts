// Writes observations into the inventory. write() stores an observation (idempotently: the same
// source record with the same content is stored once), makes it the head of its natural
// key when it is the newest, and remembers the key as changed. flush() reconciles everything
// written since the last flush through the engine (component-reconciler.ts) and reports, per
// record, whether it created an asset, updated one, or changed nothing. Synchronous: callers wrap
// writes and flushes in one transaction, so a failed batch commits nothing.
import { createHash } from 'node:crypto';
import type { ObservationInput } from '../../src-shared/model/index.js';
import type { SourceKind } from '../../src-shared/model/source-kinds.js';
import { derivePrimaryIp } from '../engine/derive-primary-ip.js';
import { DEFAULT_RECONCILE_CONFIG, naturalKeyOf, splitNaturalKey, type NaturalKey, type ReconcileConfig, type SourcedObservation } from '../engine/reconcile/index.js';
import { createComponentReconciler, type ComponentReconciler } from './component-reconciler.js';
import type { Database } from './database.js';
import type { ReconcileCause } from './golden-record-writer.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface AssetWriterContext {
  sourceId: string;
  sourceKind: SourceKind;
  runId: string | null;
  /** ISO time: created_at of observations, and the `now` reconciliation evaluates decay against. */
  now: () => string;
  newId: () => string;
  /** What the writes are, for asset_versions (default: an import, or a manual edit for the manual kind). */
  cause?: ReconcileCause;
  config?: ReconcileConfig;
  /** Share one reconciler (and its prepared statements) between writers on the same connection. */
  reconciler?: ComponentReconciler;
}

export interface StoredObservation {
  naturalKey: NaturalKey;
  /** Null when the same record was already stored (nothing to do). */
  observationId: string | null;
  /** Whether it is now the newest version of its natural key (an older one changes nothing). */
  isHead: boolean;
}

export interface RecordOutcome {
  naturalKey: NaturalKey;
  outcome: WriteOutcome;
  /** The asset the record belongs to after reconciliation ('' if it has none). */
  assetId: string;
}

export interface FlushResult {
  /** One entry per write() since the last flush, in order. */
  records: RecordOutcome[];
  created: string[];
  updated: string[];
  removed: string[];
  stewardshipOpened: number;
}

export interface AssetWriter {
  write(observation: ObservationInput): StoredObservation;
  flush(): FlushResult;
  /** write() then flush(): one record reconciled at once (a manual edit, one discovered host). */
  writeNow(observation: ObservationInput): RecordOutcome;
  /** Writes since the last flush. */
  readonly pending: number;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function observationContentHash(o: ObservationInput): string {
  const content = stableJson({ k: o.nativeKey, c: o.assetClass, f: o.fields, i: o.interfaces, s: o.software, t: o.tags, r: o.relations });
  return createHash('sha256').update(content).digest('hex');
}

export function createAssetWriter(db: Database, ctx: AssetWriterContext): AssetWriter {
  const reconciler = ctx.reconciler ?? createComponentReconciler(db, ctx.config ?? DEFAULT_RECONCILE_CONFIG);
  const cause: ReconcileCause = ctx.cause ?? { kind: ctx.sourceKind === 'manual' ? 'manual' : 'import', id: ctx.runId, correlationId: null };
  const q = {
    findKey: db.prepare('SELECT id FROM observations WHERE idempotency_key = ?').pluck(),
    insertObservation: db.prepare(
      `INSERT INTO observations (id, source_id, run_id, native_key, observed_at, asset_class, fields_json, interfaces_json, software_json,
        tags_json, relations_json, raw_json, content_hash, idempotency_key, asset_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    ),
    assetOf: db.prepare('SELECT asset_id FROM asset_sources WHERE source_id = ? AND native_key = ?').pluck(),
    sourceKind: db.prepare('SELECT kind FROM sources WHERE id = ?').pluck(),
  };
  // The kind the engine sees is the stored source's (as when it reads the observation back).
  let storedSourceKind: SourceKind | undefined;
  const sourceKindOf = (): SourceKind => {
    storedSourceKind ??= q.sourceKind.get(ctx.sourceId) as SourceKind | undefined;
    if (storedSourceKind === undefined) throw new Error(`Source ${ctx.sourceId} is not stored`);
    return storedSourceKind;
  };
  let written: StoredObservation[] = [];

  function write(input: ObservationInput): StoredObservation {
    const primaryIp = derivePrimaryIp(input);
    const o: ObservationInput = primaryIp && input.fields.primary_ip !== primaryIp ? { ...input, fields: { ...input.fields, primary_ip: primaryIp } } : input;
    const naturalKey = naturalKeyOf(ctx.sourceId, o.nativeKey);
    const contentHash = observationContentHash(o);
    // Source, record and content: the same content seen again (re-ingesting a batch, or an unchanged
    // device) is a no-op, so it neither grows the table nor changes a record.
    const key = createHash('sha256').update(`${ctx.sourceId}\u0000${o.nativeKey}\u0000${contentHash}`).digest('hex');
    let stored: StoredObservation;
    if (q.findKey.get(key) !== undefined) stored = { naturalKey, observationId: null, isHead: false };
    else {
      const observationId = ctx.newId();
      const fieldsJson = JSON.stringify(o.fields);
      const interfacesJson = JSON.stringify(o.interfaces);
      const softwareJson = JSON.stringify(o.software);
      const tagsJson = JSON.stringify(o.tags);
      const relationsJson = JSON.stringify(o.relations);
      q.insertObservation.run(
        observationId,
        ctx.sourceId,
        ctx.runId,
        o.nativeKey,
        o.observedAt,
        o.assetClass,
        fieldsJson,
        interfacesJson,
        softwareJson,
        tagsJson,
        relationsJson,
        JSON.stringify(o.raw ?? null),
        contentHash,
        key,
        ctx.now(),
      );
      // Exactly what reading the row back gives (reconcile-store.ts toSourcedObservation), without the read.
      const sourced: SourcedObservation = {
        observationId,
        sourceId: ctx.sourceId,
        sourceKind: sourceKindOf(),
        observation: {
          nativeKey: o.nativeKey,
          observedAt: o.observedAt,
          assetClass: o.assetClass ?? null,
          fields: JSON.parse(fieldsJson) as ObservationInput['fields'],
          interfaces: JSON.parse(interfacesJson) as ObservationInput['interfaces'],
          software: JSON.parse(softwareJson) as ObservationInput['software'],
          tags: JSON.parse(tagsJson) as ObservationInput['tags'],
          relations: JSON.parse(relationsJson) as ObservationInput['relations'],
          raw: null,
        },
      };
      stored = { naturalKey, observationId, isHead: reconciler.store.offerHead(observationId, ctx.sourceId, o.nativeKey, { sourced, contentHash }) };
    }
    written.push(stored);
    return stored;
  }

  function flush(): FlushResult {
    const batch = written;
    written = [];
    const changed = new Set(batch.filter((s) => s.isHead).map((s) => s.naturalKey));
    const outcome = reconciler.reconcile(changed, { now: ctx.now(), newId: ctx.newId, cause });
    const created = new Set(outcome.created);
    const updated = new Set(outcome.updated);
    // An asset created by several records of the batch counts as created once, then as updated.
    const reportedCreated = new Set<string>();
    const records = batch.map((s): RecordOutcome => {
      const ref = splitNaturalKey(s.naturalKey);
      const assetId = outcome.assetOf.get(s.naturalKey) ?? ((q.assetOf.get(ref.sourceId, ref.nativeKey) as string | undefined) ?? '');
      if (!s.isHead || !changed.has(s.naturalKey)) return { naturalKey: s.naturalKey, outcome: 'unchanged', assetId };
      if (created.has(assetId) && !reportedCreated.has(assetId)) {
        reportedCreated.add(assetId);
        return { naturalKey: s.naturalKey, outcome: 'created', assetId };
      }
      return { naturalKey: s.naturalKey, outcome: created.has(assetId) || updated.has(assetId) ? 'updated' : 'unchanged', assetId };
    });
    return { records, created: outcome.created, updated: outcome.updated, removed: outcome.removed, stewardshipOpened: outcome.stewardshipOpened };
  }

  return {
    write,
    flush,
    writeNow(observation) {
      write(observation);
      const result = flush();
      return result.records[result.records.length - 1] as RecordOutcome;
    },
    get pending() {
      return written.length;
    },
  };
}

