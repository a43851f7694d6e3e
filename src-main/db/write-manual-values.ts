// Manual edits as observations of the 'manual' source, so that reconciliation treats them like any
// other source: manual values win their fields (kept exactly as typed), and later different values
// from other sources show up as suggestions. An asset's manual values live in one manual record
// (its newest version holds all of them). An asset edited for the first time gets a manual record
// named after the asset's first member, force-merged with it so that it stays with the asset.
// Removing a manual value writes a new version without it, and the engine falls back to what the
// other sources say. Synchronous: callers hold the transaction.
import type { AssetClass, AssetFieldName, ObservationInput } from '../../src-shared/model/index.js';
import type { Database } from './database.js';
import type { ApplyContext } from './golden-record-store.js';
import { insertMatchDecision } from './match-decisions-repository.js';
import type { ObservationBody } from './record-heads.js';
import type { RecordWriter } from './record-writer.js';

export interface ManualEdit {
  /** The asset's uid. */
  assetId: string;
  set: ObservationInput['fields'];
  clear: readonly AssetFieldName[];
  assetClass: AssetClass | null;
}

export interface ManualEditContext {
  manualSourceSeq: number;
  writer: RecordWriter;
  apply: ApplyContext;
  newId: () => string;
  actor: string;
}

export interface ManualEditResult {
  /** The asset the edited record belongs to now (its id can change when members move). */
  assetId: string;
  /** Cleared fields that had a manual value. */
  reverted: AssetFieldName[];
  written: boolean;
}

export function writeManualValues(db: Database, edit: ManualEdit, ctx: ManualEditContext): ManualEditResult {
  const assetRowId = db.prepare('SELECT id FROM assets WHERE uid = ?').pluck().get(edit.assetId) as number | undefined;
  if (assetRowId === undefined) return { assetId: edit.assetId, reverted: [], written: false };
  const member = db
    .prepare(
      `SELECT r.id, r.native_key, r.last_seen, o.body FROM records r JOIN observations o ON o.id = r.head_id
       WHERE r.asset_id = ? AND r.source_seq = ? ORDER BY r.native_key LIMIT 1`,
    )
    .get(assetRowId, ctx.manualSourceSeq) as { id: number; native_key: string; last_seen: string; body: string } | undefined;
  const previous = member ? (JSON.parse(member.body) as ObservationBody) : null;
  const fields: ObservationInput['fields'] = previous ? { ...previous.f } : {};
  const reverted = edit.clear.filter((f) => fields[f] !== undefined && fields[f] !== null);
  for (const f of edit.clear) delete fields[f];
  Object.assign(fields, edit.set);
  const assetClass = edit.assetClass ?? previous?.c ?? null;
  if (!member && Object.keys(edit.set).length === 0 && !edit.assetClass) return { assetId: edit.assetId, reverted: [], written: false };

  let nativeKey: string;
  let anchor: { id: number; ref: string; native_key: string } | undefined;
  let observedAt = ctx.apply.now;
  if (member) {
    nativeKey = member.native_key;
    // A new version must be newer than the last one even when two edits share a millisecond.
    const last = Date.parse(member.last_seen);
    if (Date.parse(observedAt) <= last) observedAt = new Date(last + 1).toISOString();
  } else {
    anchor = (
      db
        .prepare("SELECT r.id, s.kind || '/' || s.name AS ref, r.native_key FROM records r JOIN sources s ON s.seq = r.source_seq WHERE r.asset_id = ?")
        .all(assetRowId) as { id: number; ref: string; native_key: string }[]
    ).sort((a, b) => (`${a.ref}\u001f${a.native_key}` < `${b.ref}\u001f${b.native_key}` ? -1 : 1))[0];
    nativeKey = anchor ? `manual:${anchor.ref}:${anchor.native_key}` : `manual:${edit.assetId}`;
  }
  const written = ctx.writer.write(
    {
      sourceSeq: ctx.manualSourceSeq,
      runId: null,
      items: [
        {
          observation: { nativeKey, observedAt, assetClass, fields, interfaces: [], software: [], tags: {}, relations: [], raw: { fields: edit.set, cleared: edit.clear, class: edit.assetClass } },
        },
      ],
    },
    ctx.apply,
  );
  const record = written.records[0];
  let assetId = record?.assetId || edit.assetId;
  if (anchor && record) {
    insertMatchDecision(db, {
      id: ctx.newId(),
      kind: 'force_merge',
      leftRecordId: anchor.id,
      rightRecordId: record.recordId,
      reason: 'Values entered by hand for this asset',
      actor: ctx.actor,
      origin: 'manual_edit',
      stewardshipItemId: null,
      createdAt: ctx.apply.now,
    });
    const merged = ctx.writer.reconcileRecords([record.recordId, anchor.id], ctx.apply);
    assetId = merged.assetOfRecord.get(record.recordId)?.uid ?? assetId;
  }
  return { assetId, reverted, written: true };
}
