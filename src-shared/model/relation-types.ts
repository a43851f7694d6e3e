// Typed edges between assets. Later issues validate them against an allowed-edge matrix.
export const RELATION_TYPES = [
  'connected_to',
  'runs_on',
  'hosts',
  'depends_on',
  'controls',
  'member_of',
  'located_in',
  'replaced_by',
  // A device reached through another (a serial drive behind a PLC, an I/O module in a rack).
  'part_of',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

export const RELATION_TYPE_LABELS: Record<RelationType, string> = {
  connected_to: 'Connected to',
  runs_on: 'Runs on',
  hosts: 'Hosts',
  depends_on: 'Depends on',
  controls: 'Controls',
  member_of: 'Member of',
  located_in: 'Located in',
  replaced_by: 'Replaced by',
  part_of: 'Part of (behind)',
};
