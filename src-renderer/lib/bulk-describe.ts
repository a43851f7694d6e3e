// Words for a bulk change: what an action is, and per field how many assets change from what to
// what and how many are already so ("312 assets: lifecycle stage → Retired; 12 already Retired are
// unchanged"). Pure, so the dialog, the undo notice and the history say the same thing.
import type { BulkAction, BulkFieldChange } from '../../src-shared/api/bulk-changes.js';
import { ASSET_CLASS_LABELS, type AssetClass } from '../../src-shared/model/asset-classes.js';
import { LIFECYCLE_STAGE_LABELS, type LifecycleStage } from '../../src-shared/model/lifecycle-stages.js';
import { formatCount } from './format.js';

const FIELD_NAMES: Record<string, string> = { lifecycleStage: 'lifecycle stage', owner: 'owner', class: 'class', status: 'status' };

export function fieldName(field: string): string {
  return field.startsWith('tag:') ? `tag “${field.slice(4)}”` : (FIELD_NAMES[field] ?? field);
}

/** A stored value as people read it (stage and class labels; null is "none"). */
export function valueLabel(field: string, value: string | null): string {
  if (value === null) return field.startsWith('tag:') ? 'no tag' : 'none';
  if (field === 'lifecycleStage') return LIFECYCLE_STAGE_LABELS[value as LifecycleStage] ?? value;
  if (field === 'class') return ASSET_CLASS_LABELS[value as AssetClass] ?? value;
  if (field === 'status') return value[0]!.toUpperCase() + value.slice(1);
  return value === '' ? '“” (empty)' : `“${value}”`;
}

export function assetsWord(count: number): string {
  return `${formatCount(count)} asset${count === 1 ? '' : 's'}`;
}

/** One line per field: "312 assets: lifecycle stage → Retired (from Deployed 300, none 12); 12 already Retired are unchanged". */
export function describeFieldChange(change: BulkFieldChange): string {
  const to = change.to === null && change.field.startsWith('tag:') ? 'removed' : valueLabel(change.field, change.to);
  const groups = change.from.map((g) => `${valueLabel(change.field, g.value)} ${formatCount(g.count)}`);
  if (change.fromOther > 0) groups.push(`other values ${formatCount(change.fromOther)}`);
  const from = groups.length > 0 ? ` (from ${groups.join(', ')})` : '';
  const already = change.to === null && change.field.startsWith('tag:') ? 'without it' : `already ${valueLabel(change.field, change.to)}`;
  const unchanged = change.unchanged > 0 ? `; ${formatCount(change.unchanged)} ${already} ${change.unchanged === 1 ? 'is' : 'are'} unchanged` : '';
  return `${assetsWord(change.changing)}: ${fieldName(change.field)} → ${to}${from}${unchanged}`;
}

/** The action in a few words, e.g. "add tag rack = A12" or "set lifecycle stage to Retired". */
export function describeAction(action: BulkAction): string {
  switch (action.kind) {
    case 'add_tags':
      return `add tag${action.tags.length === 1 ? '' : 's'} ${action.tags.map((t) => (t.value ? `${t.key} = ${t.value}` : t.key)).join(', ')}`;
    case 'remove_tags':
      return `remove tag${action.keys.length === 1 ? '' : 's'} ${action.keys.join(', ')}`;
    case 'set_lifecycle_stage':
      return `set lifecycle stage to ${action.stage ? LIFECYCLE_STAGE_LABELS[action.stage] : 'none'}`;
    case 'set_owner':
      return action.owner ? `set owner to “${action.owner}”` : 'clear the owner';
    case 'set_class':
      return `set class to ${ASSET_CLASS_LABELS[action.class]}`;
    case 'retire':
      return 'retire';
  }
}

/** "key=value" or "key" per line or comma: the tags a person typed. Errors name the part at fault. */
export function parseTagsInput(text: string): { tags: { key: string; value: string }[] } | { error: string } {
  const parts = text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { error: 'Enter at least one tag, e.g. rack=A12.' };
  const tags: { key: string; value: string }[] = [];
  for (const part of parts) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim();
    const value = at < 0 ? '' : part.slice(at + 1).trim();
    if (!key) return { error: `“${part}” has no key before “=”.` };
    if (key.length > 100) return { error: `The key of “${part.slice(0, 30)}…” is longer than 100 characters.` };
    tags.push({ key, value });
  }
  return { tags };
}
