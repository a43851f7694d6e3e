// Lifecycle stages of an asset, in the order an asset passes through them.
export const LIFECYCLE_STAGES = [
  'planned',
  'ordered',
  'in_stock',
  'deployed',
  'in_maintenance',
  'retired',
  'disposed',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_STAGE_LABELS: Record<LifecycleStage, string> = {
  planned: 'Planned',
  ordered: 'Ordered',
  in_stock: 'In stock',
  deployed: 'Deployed',
  in_maintenance: 'In maintenance',
  retired: 'Retired',
  disposed: 'Disposed',
};

export const ASSET_STATUSES = ['active', 'stale', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];
