// The home dashboard's figures about assets, each with the inventory filter that lists exactly what
// it counts. Nothing here reads a million rows: class, status, site and missing-field figures are
// maintained counts (asset_counts), sources come from source_quality, and freshness and quality are
// range counts on the last-seen and quality indexes (index entries only, about 25 ns each).
import type { AssetDoor, DashboardSummary, FreshnessBucket } from '../../src-shared/api/dashboard.js';
import { ASSET_CLASS_LABELS, isAssetClass } from '../../src-shared/model/asset-classes.js';
import { ASSET_FIELD_LABELS, isAssetFieldName, type AssetFieldName } from '../../src-shared/model/asset-fields.js';
import { ASSET_STATUSES, type AssetStatus } from '../../src-shared/model/lifecycle-stages.js';
import type { Database } from './database.js';

export type DashboardAssetFigures = Omit<DashboardSummary, 'generatedAt' | 'review' | 'runs'>;

const DAY_MS = 86_400_000;
/** Freshness buckets: last seen within [from, before) days ago. */
const FRESHNESS: readonly { key: FreshnessBucket; label: string; fromDays: number | null; beforeDays: number | null }[] = [
  { key: 'day', label: 'Last 24 hours', fromDays: 1, beforeDays: null },
  { key: 'week', label: '1–7 days', fromDays: 7, beforeDays: 1 },
  { key: 'month', label: '7–30 days', fromDays: 30, beforeDays: 7 },
  { key: 'older', label: 'Over 30 days', fromDays: null, beforeDays: 30 },
];
const STATUS_LABELS: Record<AssetStatus, string> = { active: 'Active', stale: 'Stale', retired: 'Retired' };
const QUALITY_BANDS = 10;
export const NO_SITE_LABEL = 'No named network';

function byCountThenKey(a: AssetDoor, b: AssetDoor): number {
  return b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function dashboardAssetFigures(db: Database, now: Date): DashboardAssetFigures {
  const counts = db.prepare("SELECT dimension, value, count FROM asset_counts WHERE dimension IN ('total', 'class', 'status', 'site', 'missing') AND count > 0").all() as { dimension: string; value: string; count: number }[];
  const dimension = (name: string) => counts.filter((c) => c.dimension === name);

  const byClass = dimension('class')
    .filter((c) => isAssetClass(c.value))
    .map((c): AssetDoor => ({ key: c.value, label: ASSET_CLASS_LABELS[c.value as keyof typeof ASSET_CLASS_LABELS], count: c.count, filter: { classes: [c.value as keyof typeof ASSET_CLASS_LABELS] } }))
    .sort(byCountThenKey);
  const bySite = dimension('site')
    .map((c): AssetDoor => ({ key: c.value, label: c.value === '' ? NO_SITE_LABEL : c.value, count: c.count, filter: { site: c.value } }))
    .sort(byCountThenKey);
  const byStatus = ASSET_STATUSES.map((status): AssetDoor => ({ key: status, label: STATUS_LABELS[status], count: dimension('status').find((c) => c.value === status)?.count ?? 0, filter: { status } })).filter(
    (d) => d.count > 0,
  );
  const missingFields = dimension('missing')
    .filter((c) => isAssetFieldName(c.value))
    .map((c) => ({ key: c.value as AssetFieldName, label: ASSET_FIELD_LABELS[c.value as AssetFieldName], count: c.count, filter: { missingField: c.value as AssetFieldName } }))
    .sort(byCountThenKey);

  const bySource = (
    db
      .prepare('SELECT s.id, s.name, q.assets FROM source_quality q JOIN sources s ON s.seq = q.source_seq WHERE q.assets > 0 ORDER BY q.assets DESC, s.name')
      .all() as { id: string; name: string; assets: number }[]
  ).map((s): AssetDoor => ({ key: s.id, label: s.name, count: s.assets, filter: { sourceId: s.id } }));

  const lastSeenCount = db.prepare('SELECT count(*) FROM assets INDEXED BY assets_last_seen WHERE last_seen >= ? AND last_seen < ?').pluck();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  // '' sorts before every time and '~' after: open ends of a range without a second statement.
  const freshness = FRESHNESS.map((b) => {
    const from = b.fromDays === null ? undefined : daysAgo(b.fromDays);
    const before = b.beforeDays === null ? undefined : daysAgo(b.beforeDays);
    const count = lastSeenCount.get(from ?? '', before ?? '~') as number;
    return { key: b.key, label: b.label, count, filter: { ...(from ? { lastSeenFrom: from } : {}), ...(before ? { lastSeenBefore: before } : {}) } };
  });

  const qualityCount = db.prepare('SELECT count(*) FROM assets INDEXED BY assets_quality WHERE quality >= ? AND quality < ?').pluck();
  const quality = Array.from({ length: QUALITY_BANDS }, (_, band): AssetDoor => {
    const from = band / QUALITY_BANDS;
    const below = band === QUALITY_BANDS - 1 ? null : (band + 1) / QUALITY_BANDS;
    return {
      key: String(band),
      label: `${band * 10}–${band * 10 + 10} %`,
      count: qualityCount.get(from, below ?? Number.MAX_VALUE) as number,
      filter: below === null ? { qualityFrom: from } : { qualityFrom: from, qualityBelow: below },
    };
  });
  const unscored = db.prepare('SELECT count(*) FROM assets INDEXED BY assets_quality WHERE quality IS NULL').pluck().get() as number;

  return {
    total: dimension('total')[0]?.count ?? 0,
    byClass,
    bySite,
    bySource,
    byStatus,
    freshness,
    quality,
    unscored,
    missingFields,
  };
}
