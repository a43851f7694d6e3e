// Lines up the two records of a stewardship item field by field, so a person can see at a glance
// where they agree and where they differ. Pure; the detail view renders the rows.
import type { StewardshipSide } from '../../src-shared/api/reconciliation.js';
import { ASSET_CLASS_LABELS } from '../../src-shared/model/asset-classes.js';
import { ASSET_FIELD_LABELS, ASSET_FIELD_NAMES, type FieldValue } from '../../src-shared/model/asset-fields.js';
import { formatFieldValue } from './format.js';

export const COMPARISON_STATES = ['same', 'different', 'left_only', 'right_only'] as const;
export type ComparisonState = (typeof COMPARISON_STATES)[number];

export interface ComparisonRow {
  key: string;
  label: string;
  left: string | null;
  right: string | null;
  state: ComparisonState;
}

/** Case, surrounding space and a trailing dot do not make two values different to a reader. */
function comparable(value: string): string {
  return value.trim().toLowerCase().replace(/\.$/, '');
}

function stateOf(left: string | null, right: string | null): ComparisonState {
  if (left !== null && right === null) return 'left_only';
  if (left === null && right !== null) return 'right_only';
  return comparable(left ?? '') === comparable(right ?? '') ? 'same' : 'different';
}

function shown(value: FieldValue | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : formatFieldValue(value);
}

function listRow(key: string, label: string, left: readonly string[], right: readonly string[]): ComparisonRow | null {
  if (left.length === 0 && right.length === 0) return null;
  const l = left.length > 0 ? [...left].sort().join(', ') : null;
  const r = right.length > 0 ? [...right].sort().join(', ') : null;
  // Sorted and joined: lists are the same only when they hold the same entries.
  return { key, label, left: l, right: r, state: stateOf(l, r) };
}

/** Rows in the order of the field list: class first, then every field either side gave, then MACs and IPs. */
export function compareSides(left: StewardshipSide, right: StewardshipSide): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const leftClass = left.asset ? ASSET_CLASS_LABELS[left.asset.class] : null;
  const rightClass = right.asset ? ASSET_CLASS_LABELS[right.asset.class] : null;
  if (leftClass !== null || rightClass !== null) rows.push({ key: 'class', label: 'Class', left: leftClass, right: rightClass, state: stateOf(leftClass, rightClass) });
  const leftFields = new Map(left.fields.map((f) => [f.field, f.value]));
  const rightFields = new Map(right.fields.map((f) => [f.field, f.value]));
  for (const field of ASSET_FIELD_NAMES) {
    const l = shown(leftFields.get(field));
    const r = shown(rightFields.get(field));
    if (l === null && r === null) continue;
    rows.push({ key: field, label: ASSET_FIELD_LABELS[field], left: l, right: r, state: stateOf(l, r) });
  }
  const macs = listRow('macs', 'MAC addresses', left.macs, right.macs);
  if (macs) rows.push(macs);
  const ips = listRow('ips', 'IP addresses', left.ips, right.ips);
  if (ips) rows.push(ips);
  return rows;
}

/** The identifiers a person recognises a record by, for the queue table: host name, serial, first MAC and IP. */
export function keyIdentifiers(side: StewardshipSide): string[] {
  const byField = new Map(side.fields.map((f) => [f.field, f.value]));
  const out: string[] = [];
  for (const field of ['hostname', 'serial', 'cloud_instance_id'] as const) {
    const value = shown(byField.get(field));
    if (value) out.push(value);
  }
  if (side.macs[0]) out.push(side.macs[0]);
  if (side.ips[0]) out.push(side.ips[0]);
  return out;
}

/** The identifiers worth a second line under the name (the name itself is not repeated). */
export function extraIdentifiers(side: StewardshipSide): string[] {
  const name = sideName(side);
  return keyIdentifiers(side).filter((id) => id !== name);
}

/** The name a record goes by: its asset's name, else its host name, else its native key. */
export function sideName(side: StewardshipSide): string {
  const byField = new Map(side.fields.map((f) => [f.field, f.value]));
  return side.asset?.name ?? shown(byField.get('name')) ?? shown(byField.get('hostname')) ?? side.member.nativeKey;
}
