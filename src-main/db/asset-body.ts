// The compact JSON form of a golden record stored in assets.body: field provenance with competing
// values and suggestions, interfaces, observed tags, merges, quality and per-source statistics.
// Members are referred to by their position in `m` (record ids, in natural-key order), so nothing
// that changes with time alone (when a record was last seen, its head's id) is stored twice: the
// reader takes those from the records. The text is deterministic, so its hash is the record's
// fingerprint: an unchanged hash means nothing a person sees would change.
import type { AssetFieldName, FieldValue } from '../../src-shared/model/index.js';
import type { CanonicalInterface, GoldenRecord, QualityScore, ScoreEvidence } from '../engine/reconcile/index.js';

/** [value, member index, agrees with the golden value] */
export type StoredAlternative = [FieldValue, number, 0 | 1];

/** [value, winning member index, combined confidence, agreeing sources, competing, suggestions] */
export type StoredField = [FieldValue, number, number, number, StoredAlternative[], StoredAlternative[]];

/** [left member index, right member index, 'score' | 'forced', score, breakdown] */
export type StoredMerge = [number, number, 'score' | 'forced', number, ScoreEvidence[]];

export interface AssetBody {
  /** Record ids of the members, in natural-key order. */
  m: number[];
  f: Partial<Record<AssetFieldName, StoredField>>;
  n: CanonicalInterface[];
  t: Record<string, string>;
  g: StoredMerge[];
  q: QualityScore;
  /** Per member source ref: [field values given, conflicts with the golden record]. */
  x: Record<string, [number, number]>;
}

export function encodeAssetBody(record: GoldenRecord, recordIdOf: (naturalKey: string) => number): AssetBody {
  const index = new Map(record.members.map((m, i) => [m.naturalKey, i] as const));
  const at = (naturalKey: string): number => index.get(naturalKey) ?? -1;
  const f: AssetBody['f'] = {};
  for (const [name, field] of Object.entries(record.fields) as [AssetFieldName, NonNullable<GoldenRecord['fields'][AssetFieldName]>][]) {
    f[name] = [
      field.value,
      at(field.naturalKey),
      field.confidence,
      field.sources,
      field.competing.map((c): StoredAlternative => [c.value, at(c.naturalKey), c.agreesWithGolden ? 1 : 0]),
      field.suggestions.map((c): StoredAlternative => [c.value, at(c.naturalKey), c.agreesWithGolden ? 1 : 0]),
    ];
  }
  const x: AssetBody['x'] = {};
  for (const [sourceId, stats] of Object.entries(record.sourceStats)) x[sourceId] = [stats.fields, stats.conflicts];
  return {
    m: record.members.map((m) => recordIdOf(m.naturalKey)),
    f,
    n: record.interfaces,
    t: record.tags,
    g: record.merges.map((g): StoredMerge => [at(g.left), at(g.right), g.reason, g.score, g.breakdown]),
    q: record.quality,
    x,
  };
}

export function decodeAssetBody(text: string): AssetBody {
  return JSON.parse(text) as AssetBody;
}

/** The shown values of a body: field name → golden value. */
export function bodyValues(body: AssetBody): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, field] of Object.entries(body.f)) if (field) out[name] = field[0];
  return out;
}
