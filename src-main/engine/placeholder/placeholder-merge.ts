// PLACEHOLDER reconciliation, kept in this one file until the reconciliation engine replaces it:
// an observation joins an existing asset only when it comes from the same source record (source +
// native key) or carries the same vendor + serial; otherwise it creates a new asset. Per field, a
// manual value wins, then the most recent observation.
import type { AssetFieldName, FieldValue, ObservationInput } from '../../../src-shared/model/index.js';
import type { SourceKind } from '../../../src-shared/model/source-kinds.js';

export type MatchDecision =
  | { kind: 'create' }
  | { kind: 'update'; assetId: string; reason: 'native_key' | 'vendor_serial' };

export interface MatchCandidates {
  byNativeKey: string | null;
  byVendorSerial: string | null;
}

export function decideAsset(candidates: MatchCandidates): MatchDecision {
  if (candidates.byNativeKey) return { kind: 'update', assetId: candidates.byNativeKey, reason: 'native_key' };
  if (candidates.byVendorSerial) return { kind: 'update', assetId: candidates.byVendorSerial, reason: 'vendor_serial' };
  return { kind: 'create' };
}

const PLACEHOLDER_SERIALS = new Set(['', '0', 'none', 'n/a', 'na', 'null', 'unknown', 'default string', 'to be filled by o.e.m.', 'system serial number', '123456789']);

/** "vendor|serial", lower-cased, or null when either is missing or the serial is a known placeholder. */
export function vendorSerialKey(fields: ObservationInput['fields']): string | null {
  const serial = typeof fields.serial === 'string' ? fields.serial.trim().toLowerCase() : '';
  const vendor = typeof fields.vendor === 'string' ? fields.vendor.trim().toLowerCase() : '';
  if (!vendor || PLACEHOLDER_SERIALS.has(serial)) return null;
  return `${vendor}|${serial}`;
}

export interface CurrentFieldValue {
  value: FieldValue;
  sourceKind: SourceKind;
  observedAt: string;
}

/** The fields an observation should write to the golden record. */
export function fieldsToWrite(
  current: ReadonlyMap<AssetFieldName, CurrentFieldValue>,
  observation: ObservationInput,
  sourceKind: SourceKind,
): AssetFieldName[] {
  const changed: AssetFieldName[] = [];
  for (const [name, value] of Object.entries(observation.fields) as [AssetFieldName, FieldValue | undefined][]) {
    if (value === undefined || value === null || value === '') continue;
    const existing = current.get(name);
    if (!existing) {
      changed.push(name);
      continue;
    }
    if (existing.sourceKind === 'manual' && sourceKind !== 'manual') continue;
    if (existing.value === value) continue;
    if (sourceKind === 'manual' || observation.observedAt >= existing.observedAt) changed.push(name);
  }
  return changed;
}

/** Display name of an asset: the best human-readable identifier available. */
export function displayName(fields: ObservationInput['fields'], fallback: string): string {
  for (const key of ['name', 'hostname', 'fqdn', 'serial', 'cloud_instance_id'] as const) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return fallback;
}
