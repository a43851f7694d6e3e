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
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
