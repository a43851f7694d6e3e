// Per-source quality across all assets: how many field values a source contributed and how often
// they disagree with the golden record.
import type { GoldenRecord, SourceQuality } from './reconcile-result.js';
import type { SourceKind } from '../../../src-shared/model/index.js';

export interface SourceTotals {
  sourceKind: SourceKind;
  assets: number;
  fields: number;
  conflicts: number;
}

/** Adds (sign 1) or removes (sign -1) one record's contribution to running totals. */
export function accumulateSourceTotals(totals: Map<string, SourceTotals>, record: GoldenRecord, sign: 1 | -1): void {
  for (const [sourceId, stats] of Object.entries(record.sourceStats)) {
    const t = totals.get(sourceId) ?? { sourceKind: stats.sourceKind, assets: 0, fields: 0, conflicts: 0 };
    t.assets += sign;
    t.fields += sign * stats.fields;
    t.conflicts += sign * stats.conflicts;
    if (t.assets === 0) totals.delete(sourceId);
    else totals.set(sourceId, t);
  }
}

export function sourceQualityFromTotals(totals: ReadonlyMap<string, SourceTotals>): SourceQuality[] {
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sourceId, t]) => ({
      sourceId,
      sourceKind: t.sourceKind,
      assets: t.assets,
      fields: t.fields,
      conflicts: t.conflicts,
      conflictRate: t.fields === 0 ? 0 : Math.round((t.conflicts / t.fields) * 10_000) / 10_000,
    }));
}

export function summariseSourceQuality(records: Iterable<GoldenRecord>): SourceQuality[] {
  const totals = new Map<string, SourceTotals>();
  for (const r of records) accumulateSourceTotals(totals, r, 1);
  return sourceQualityFromTotals(totals);
}
