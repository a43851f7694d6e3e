// Manual edits as observations of the 'manual' source, so that reconciliation treats them like any
// other source: manual values win their fields, and later different values from other sources show
// up as suggestions. An asset's manual values live in one manual record (its newest version holds
// all of them); an asset edited for the first time gets a new manual record, force-merged with the
// asset's first member so it stays with the asset. Removing a manual value writes a new version of
// that record without it, and the engine falls back to what the other sources say.
import type { AssetClass, AssetFieldName, ObservationInput } from '../../src-shared/model/index.js';
import { naturalKeyOf } from '../engine/reconcile/index.js';
import type { AssetWriter } from './asset-writer.js';
import type { Database } from './database.js';
import { insertMatchDecision } from './match-decisions-repository.js';

export interface ManualEdit {
  assetId: string;
  set: ObservationInput['fields'];
  clear: readonly AssetFieldName[];
  assetClass: AssetClass | null;
}

export interface ManualEditContext {
  manualSourceId: string;
  writer: AssetWriter;
  now: string;
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
  const member = db
    .prepare(
      `SELECT m.native_key, o.fields_json, o.asset_class, o.observed_at FROM asset_sources m
       JOIN observation_heads h ON h.source_id = m.source_id AND h.native_key = m.native_key JOIN observations o ON o.id = h.observation_id
       WHERE m.asset_id = ? AND m.source_id = ? ORDER BY m.native_key LIMIT 1`,
    )
    .get(edit.assetId, ctx.manualSourceId) as { native_key: string; fields_json: string; asset_class: AssetClass | null; observed_at: string } | undefined;
  const fields: ObservationInput['fields'] = member ? (JSON.parse(member.fields_json) as ObservationInput['fields']) : {};
  const reverted = edit.clear.filter((f) => fields[f] !== undefined && fields[f] !== null);
  for (const f of edit.clear) delete fields[f];
  Object.assign(fields, edit.set);
  const assetClass = edit.assetClass ?? member?.asset_class ?? null;
  if (!member && Object.keys(edit.set).length === 0 && !edit.assetClass) return { assetId: edit.assetId, reverted: [], written: false };

  let nativeKey: string;
  let observedAt = ctx.now;
  if (member) {
    nativeKey = member.native_key;
    // A new version must be newer than the last one even when two edits share a millisecond.
    const last = Date.parse(member.observed_at);
    if (Date.parse(observedAt) <= last) observedAt = new Date(last + 1).toISOString();
  } else {
    nativeKey = `manual:${edit.assetId}:${ctx.newId()}`;
    const anchor = (db.prepare('SELECT source_id, native_key FROM asset_sources WHERE asset_id = ?').all(edit.assetId) as { source_id: string; native_key: string }[])
      .map((r) => ({ ...r, key: naturalKeyOf(r.source_id, r.native_key) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))[0];
    if (anchor) {
      insertMatchDecision(db, {
        id: ctx.newId(),
        kind: 'force_merge',
        left: { sourceId: anchor.source_id, nativeKey: anchor.native_key },
        right: { sourceId: ctx.manualSourceId, nativeKey },
        reason: 'Values entered by hand for this asset',
        actor: ctx.actor,
        origin: 'manual_edit',
        stewardshipItemId: null,
        createdAt: ctx.now,
      });
    }
  }
  const result = ctx.writer.writeNow({
    nativeKey,
    observedAt,
    assetClass,
    fields,
    interfaces: [],
    software: [],
    tags: {},
    relations: [],
    raw: { fields: edit.set, cleared: edit.clear, class: edit.assetClass },
  });
  return { assetId: result.assetId || edit.assetId, reverted, written: true };
}
