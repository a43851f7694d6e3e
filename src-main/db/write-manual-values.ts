// Manual edits as observations of the 'manual' source, so that reconciliation treats them like any
// other source: manual values win their fields (kept exactly as typed), and later different values
// from other sources show up as suggestions. An asset's manual values live in one manual record
// (its newest version holds all of them). An asset edited for the first time gets a manual record
// named after the asset's first member, force-merged with it so that it stays with the asset.
// Removing a manual value (or the manual class) writes a new version without it, and the engine
// falls back to what the other sources say. Many assets' edits (a bulk change) are written as one
// batch per 2,000 and reconciled together. Synchronous: callers hold the transaction.
import type { AssetClass, AssetFieldName, ObservationInput } from '../../src-shared/model/index.js';
import type { Database } from './database.js';
import type { ApplyContext } from './golden-record-store.js';
import { insertMatchDecision } from './match-decisions-repository.js';
import type { ObservationBody } from './record-heads.js';
import type { IncomingObservation, RecordWriter } from './record-writer.js';

export interface ManualEdit {
  /** The asset's uid. */
  assetId: string;
  set: ObservationInput['fields'];
  clear: readonly AssetFieldName[];
  /** The class a person gives the asset; null keeps the manual class as it is (see clearClass). */
  assetClass: AssetClass | null;
  /** Removes the person's class, so that the sources' class holds again. */
  clearClass?: boolean;
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

/** Records written per writer batch (as imports do). */
const BATCH = 2000;

export function writeManualValues(db: Database, edit: ManualEdit, ctx: ManualEditContext): ManualEditResult {
  return writeManualValuesMany(db, [edit], ctx)[0] as ManualEditResult;
}

/** The class held by an asset's manual record, or null (no manual record, or no class in it). */
export function manualClassesOf(db: Database, assetUids: readonly string[], manualSourceSeq: number): Map<string, AssetClass | null> {
  const out = new Map<string, AssetClass | null>();
  const rows = db
    .prepare(
      `SELECT a.uid, o.body FROM json_each(?) j JOIN assets a ON a.uid = j.value JOIN records r ON r.asset_id = a.id AND +r.source_seq = ?
       JOIN observations o ON o.id = r.head_id ORDER BY a.uid, r.native_key`,
    )
    .all(JSON.stringify(assetUids), manualSourceSeq) as { uid: string; body: string }[];
  for (const row of rows) if (!out.has(row.uid)) out.set(row.uid, (JSON.parse(row.body) as ObservationBody).c ?? null);
  for (const uid of assetUids) if (!out.has(uid)) out.set(uid, null);
  return out;
}

interface PreparedEdit {
  index: number;
  item: IncomingObservation;
  anchorId: number | null;
}

/** One result per edit, in order. Edits must name different assets. */
export function writeManualValuesMany(db: Database, edits: readonly ManualEdit[], ctx: ManualEditContext): ManualEditResult[] {
  const q = {
    assetRowId: db.prepare('SELECT id FROM assets WHERE uid = ?').pluck(),
    // By the asset's few records (+ keeps SQLite from walking every manual record of the source instead).
    member: db.prepare(
      `SELECT r.id, r.native_key, r.last_seen, o.body FROM records r JOIN observations o ON o.id = r.head_id
       WHERE r.asset_id = ? AND +r.source_seq = ? ORDER BY r.native_key LIMIT 1`,
    ),
    members: db.prepare("SELECT r.id, s.kind || '/' || s.name AS ref, r.native_key FROM records r JOIN sources s ON s.seq = r.source_seq WHERE r.asset_id = ?"),
  };
  const results: ManualEditResult[] = edits.map((edit) => ({ assetId: edit.assetId, reverted: [], written: false }));
  const prepared: PreparedEdit[] = [];
  edits.forEach((edit, index) => {
    const assetRowId = q.assetRowId.get(edit.assetId) as number | undefined;
    if (assetRowId === undefined) return;
    const member = q.member.get(assetRowId, ctx.manualSourceSeq) as { id: number; native_key: string; last_seen: string; body: string } | undefined;
    const previous = member ? (JSON.parse(member.body) as ObservationBody) : null;
    const fields: ObservationInput['fields'] = previous ? { ...previous.f } : {};
    const reverted = edit.clear.filter((f) => fields[f] !== undefined && fields[f] !== null);
    for (const f of edit.clear) delete fields[f];
    Object.assign(fields, edit.set);
    const assetClass = edit.clearClass ? null : (edit.assetClass ?? previous?.c ?? null);
    if (!member && Object.keys(edit.set).length === 0 && !edit.assetClass) return;

    let nativeKey: string;
    let anchor: { id: number; ref: string; native_key: string } | undefined;
    let observedAt = ctx.apply.now;
    if (member) {
      nativeKey = member.native_key;
      // A new version must be newer than the last one even when two edits share a millisecond.
      const last = Date.parse(member.last_seen);
      if (Date.parse(observedAt) <= last) observedAt = new Date(last + 1).toISOString();
    } else {
      anchor = (q.members.all(assetRowId) as { id: number; ref: string; native_key: string }[]).sort((a, b) =>
        `${a.ref}\u001f${a.native_key}` < `${b.ref}\u001f${b.native_key}` ? -1 : 1,
      )[0];
      nativeKey = anchor ? `manual:${anchor.ref}:${anchor.native_key}` : `manual:${edit.assetId}`;
    }
    results[index] = { assetId: edit.assetId, reverted, written: true };
    prepared.push({
      index,
      anchorId: anchor?.id ?? null,
      item: {
        observation: {
          nativeKey,
          observedAt,
          assetClass,
          fields,
          interfaces: [],
          software: [],
          tags: {},
          relations: [],
          raw: { fields: edit.set, cleared: edit.clear, class: edit.assetClass, ...(edit.clearClass ? { clearedClass: true } : {}) },
        },
      },
    });
  });

  for (let start = 0; start < prepared.length; start += BATCH) {
    const chunk = prepared.slice(start, start + BATCH);
    const written = ctx.writer.write({ sourceSeq: ctx.manualSourceSeq, runId: null, items: chunk.map((p) => p.item) }, ctx.apply);
    const anchored: { index: number; recordId: number }[] = [];
    const pairs: number[] = [];
    chunk.forEach((p, i) => {
      const record = written.records[i];
      if (!record) return;
      (results[p.index] as ManualEditResult).assetId = record.assetId || (results[p.index] as ManualEditResult).assetId;
      if (p.anchorId === null) return;
      insertMatchDecision(db, {
        id: ctx.newId(),
        kind: 'force_merge',
        leftRecordId: p.anchorId,
        rightRecordId: record.recordId,
        reason: 'Values entered by hand for this asset',
        actor: ctx.actor,
        origin: 'manual_edit',
        stewardshipItemId: null,
        createdAt: ctx.apply.now,
      });
      anchored.push({ index: p.index, recordId: record.recordId });
      pairs.push(record.recordId, p.anchorId);
    });
    if (pairs.length > 0) {
      const merged = ctx.writer.reconcileRecords(pairs, ctx.apply);
      for (const a of anchored) {
        const uid = merged.assetOfRecord.get(a.recordId)?.uid;
        if (uid) (results[a.index] as ManualEditResult).assetId = uid;
      }
    }
  }
  return results;
}
