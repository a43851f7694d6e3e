// What a bulk change does to each asset, computed from what the assets hold now: for every field the
// action sets, the asset's value before and the value after, and which assets already have the
// value (left alone). Also the summary the preview dialog shows. Pure: no database, no clock.
//
// Fields: `tag:<key>` (a tag's value and who set it: a person or a source), `lifecycleStage`,
// `owner`, `class` (the golden class; the change writes a person's class) and `status`.
import type { BulkAction, BulkFieldChange, BulkPreview } from '../../../src-shared/api/bulk-changes.js';
import type { AssetBulkState, TagOrigin } from '../../db/bulk-asset-values.js';

export interface TagValue {
  v: string;
  o: TagOrigin;
}
export type FieldSnapshot = string | null | TagValue;
export type FieldValues = Record<string, FieldSnapshot>;

export const TAG_FIELD_PREFIX = 'tag:';
export const STAGE_FIELD = 'lifecycleStage';
export const OWNER_FIELD = 'owner';
export const CLASS_FIELD = 'class';
export const STATUS_FIELD = 'status';

export interface AssetChangePlan {
  state: AssetBulkState;
  /** Only the fields that change, as they are now and as the change leaves them. */
  before: FieldValues;
  after: FieldValues;
}

export interface BulkPlan {
  plans: AssetChangePlan[];
  summary: Omit<BulkPreview, 'missing'>;
}

const MAX_FROM_GROUPS = 20;

export function tagField(key: string): string {
  return `${TAG_FIELD_PREFIX}${key}`;
}

/** The fields an action sets and the value each gets. */
export function targetValuesOf(action: BulkAction): [string, FieldSnapshot][] {
  switch (action.kind) {
    case 'add_tags': {
      const byKey = new Map<string, string>();
      for (const tag of action.tags) byKey.set(tag.key.trim(), tag.value.trim());
      return [...byKey].map(([key, value]) => [tagField(key), { v: value, o: 'person' }]);
    }
    case 'remove_tags':
      return [...new Set(action.keys.map((k) => k.trim()))].map((key) => [tagField(key), null]);
    case 'set_lifecycle_stage':
      return [[STAGE_FIELD, action.stage]];
    case 'set_owner':
      return [[OWNER_FIELD, action.owner === null || action.owner.trim() === '' ? null : action.owner.trim()]];
    case 'set_class':
      return [[CLASS_FIELD, action.class]];
    case 'retire':
      return [
        [STATUS_FIELD, 'retired'],
        [STAGE_FIELD, 'retired'],
      ];
  }
}

/** Tag keys among these fields. */
export function tagKeysOf(fields: Iterable<string>): string[] {
  return [...new Set([...fields].filter((f) => f.startsWith(TAG_FIELD_PREFIX)).map((f) => f.slice(TAG_FIELD_PREFIX.length)))];
}

export function currentValueOf(state: AssetBulkState, field: string): FieldSnapshot {
  if (field.startsWith(TAG_FIELD_PREFIX)) {
    const tag = state.tags.get(field.slice(TAG_FIELD_PREFIX.length));
    return tag ? { v: tag.value, o: tag.origin } : null;
  }
  if (field === STAGE_FIELD) return state.stage;
  if (field === OWNER_FIELD) return state.owner;
  if (field === CLASS_FIELD) return state.class;
  if (field === STATUS_FIELD) return state.status;
  throw new Error(`Unknown bulk change field "${field}".`);
}

/** The value people see: a tag's value, or the stored string. */
export function displayValue(value: FieldSnapshot): string | null {
  return value !== null && typeof value === 'object' ? value.v : value;
}

/** Whether two values are the same to people (a tag is its value, whoever set it). */
export function sameValue(a: FieldSnapshot, b: FieldSnapshot): boolean {
  return displayValue(a) === displayValue(b);
}

export function planBulkChange(states: readonly AssetBulkState[], action: BulkAction): BulkPlan {
  const targets = targetValuesOf(action);
  const perField = new Map(targets.map(([field]) => [field, { changing: 0, unchanged: 0, from: new Map<string | null, number>() }]));
  const plans: AssetChangePlan[] = [];
  for (const state of states) {
    const before: FieldValues = {};
    const after: FieldValues = {};
    for (const [field, target] of targets) {
      const current = currentValueOf(state, field);
      const stats = perField.get(field) as { changing: number; unchanged: number; from: Map<string | null, number> };
      if (sameValue(current, target)) {
        stats.unchanged += 1;
        continue;
      }
      stats.changing += 1;
      const shown = displayValue(current);
      stats.from.set(shown, (stats.from.get(shown) ?? 0) + 1);
      before[field] = current;
      after[field] = target;
    }
    if (Object.keys(after).length > 0) plans.push({ state, before, after });
  }
  const fields: BulkFieldChange[] = targets.map(([field, target]) => {
    const stats = perField.get(field) as { changing: number; unchanged: number; from: Map<string | null, number> };
    const groups = [...stats.from].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
    const listed = groups.slice(0, MAX_FROM_GROUPS);
    return {
      field,
      to: displayValue(target),
      changing: stats.changing,
      from: listed,
      fromOther: groups.slice(MAX_FROM_GROUPS).reduce((sum, g) => sum + g.count, 0),
      unchanged: stats.unchanged,
    };
  });
  // The first few by name, case aside (a plain comparison: a locale-aware sort of 100k names is slow).
  const sample = plans
    .map((p) => ({ key: p.state.name.toLowerCase(), id: p.state.uid, name: p.state.name }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, 10)
    .map(({ id, name }) => ({ id, name }));
  return { plans, summary: { assets: states.length, changing: plans.length, unchanged: states.length - plans.length, fields, sample } };
}
