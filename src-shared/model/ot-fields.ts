// The operational-technology fields of a golden record (site, area, IEC 62443 zone and conduit,
// Purdue level, criticality, process function) and the value lists two of them take. Seed lists,
// manual OT entry and edits by hand all check values here, so one spelling is stored everywhere.
import type { AssetFieldName, FieldValue } from './asset-fields.js';

export const OT_FIELD_NAMES = ['site', 'area', 'zone', 'conduit', 'purdue_level', 'criticality', 'process_function'] as const satisfies readonly AssetFieldName[];
export type OtFieldName = (typeof OT_FIELD_NAMES)[number];

export function isOtFieldName(value: string): value is OtFieldName {
  return (OT_FIELD_NAMES as readonly string[]).includes(value);
}

/**
 * Purdue reference model levels, stored as text: "3.5" (the industrial DMZ) is a level of its own,
 * and text keeps it exact where a number would invite 3.4999 or sorting surprises.
 */
export const PURDUE_LEVELS = ['0', '1', '2', '3', '3.5', '4', '5'] as const;
export type PurdueLevel = (typeof PURDUE_LEVELS)[number];

export const PURDUE_LEVEL_LABELS: Record<PurdueLevel, string> = {
  '0': 'Level 0 — physical process (sensors, actuators)',
  '1': 'Level 1 — basic control (PLCs, drives, I/O)',
  '2': 'Level 2 — supervisory control (HMI, SCADA)',
  '3': 'Level 3 — site operations (historian, MES)',
  '3.5': 'Level 3.5 — industrial DMZ',
  '4': 'Level 4 — business logistics',
  '5': 'Level 5 — enterprise',
};

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const CRITICALITY_LABELS: Record<Criticality, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/**
 * A Purdue level as written in engineering documents ("3.5", 2, "L2", "Level 3.5", "DMZ") → its
 * stored form, or null when it is not one.
 */
export function parsePurdueLevel(value: FieldValue | undefined): PurdueLevel | null {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  const text = String(value).trim().toLowerCase();
  if (text === 'dmz' || text === 'idmz' || text === 'industrial dmz') return '3.5';
  // A separator only after the prefix ("level-4"): "-1" is a negative number, not level 1.
  const m = /^(?:(?:l|level)[\s_-]*)?([0-9](?:[.,]5|[.,]0)?)$/.exec(text);
  if (!m) return null;
  const canonical = (m[1] as string).replace(',', '.').replace(/\.0$/, '');
  return (PURDUE_LEVELS as readonly string[]).includes(canonical) ? (canonical as PurdueLevel) : null;
}

/** A criticality in any case ("High", "CRITICAL") → its stored form, or null. */
export function parseCriticality(value: FieldValue | undefined): Criticality | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  return (CRITICALITIES as readonly string[]).includes(text) ? (text as Criticality) : null;
}

export const PURDUE_LEVEL_PROBLEM = `expected a Purdue level: one of ${PURDUE_LEVELS.join(', ')} (also written L2, Level 3.5 or DMZ)`;
export const CRITICALITY_PROBLEM = `expected a criticality: one of ${CRITICALITIES.join(', ')}`;

/**
 * An OT field's value in its stored form, or what is wrong with it. Free-text OT fields are
 * trimmed; Purdue level and criticality must be on their lists. Other fields pass unchanged.
 */
export function normaliseOtFieldValue(field: AssetFieldName, value: FieldValue): { value: FieldValue } | { problem: string } {
  if (value === null) return { value };
  if (field === 'purdue_level') {
    const level = parsePurdueLevel(value);
    return level === null ? { problem: `${PURDUE_LEVEL_PROBLEM}, got ${JSON.stringify(value)}` } : { value: level };
  }
  if (field === 'criticality') {
    const criticality = parseCriticality(value);
    return criticality === null ? { problem: `${CRITICALITY_PROBLEM}, got ${JSON.stringify(value)}` } : { value: criticality };
  }
  if (isOtFieldName(field)) {
    if (typeof value !== 'string') return { value: String(value) };
    return { value: value.trim() };
  }
  return { value };
}
