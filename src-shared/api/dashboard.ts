// The home dashboard: the state of the estate at a glance, in one call. Every figure about assets
// carries the inventory filter that lists exactly the assets it counts (UX.md: every figure is a
// door), so a count and the list it opens cannot disagree. What each figure means, and what a
// "site" is, is documented in docs/dashboard.md.
import { z } from 'zod';
import { ASSET_FIELD_NAMES } from '../model/asset-fields.js';
import { IsoTime } from './common.js';
import { defineCall } from './define-contract.js';
import { AssetFilter } from './inventory.js';
import { Run, RUN_STATUSES } from './runs.js';

/** One figure about assets, and the inventory filter that lists them. */
export const AssetDoor = z.object({
  /** Stable key within its group: a class, a site, a source id, a bucket. */
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  filter: AssetFilter,
});
export type AssetDoor = z.infer<typeof AssetDoor>;

export const FRESHNESS_BUCKETS = ['day', 'week', 'month', 'older'] as const;
export type FreshnessBucket = (typeof FRESHNESS_BUCKETS)[number];

export const DashboardSummary = z.object({
  /** The time the figures were computed at; freshness buckets count back from it. */
  generatedAt: IsoTime,
  total: z.number().int(),
  byClass: z.array(AssetDoor),
  /**
   * By site: the networks an asset's IPs are on (an asset on two counts in both), and key "" for
   * assets with no IP on a named network.
   */
  bySite: z.array(AssetDoor),
  /** By source: the assets each source contributes to (an asset with two sources counts in both). */
  bySource: z.array(AssetDoor),
  byStatus: z.array(AssetDoor),
  /** Last seen within a day, 1-7 days, 7-30 days, longer ago: disjoint, they add up to the total. */
  freshness: z.array(AssetDoor.extend({ key: z.enum(FRESHNESS_BUCKETS) })),
  /** Quality score in ten bands of 10 % (key "0" is 0-10 %, "9" is 90-100 %). */
  quality: z.array(AssetDoor),
  /** Assets with no quality score (none are, normally). */
  unscored: z.number().int(),
  /** Required fields without a value, most often missing first (key: the field). */
  missingFields: z.array(AssetDoor.extend({ key: z.enum(ASSET_FIELD_NAMES) })),
  review: z.object({ open: z.number().int(), deferred: z.number().int() }),
  runs: z.object({
    /** The latest runs (imports and discovery), newest first. */
    recent: z.array(Run),
    /** How the runs of the last 30 days ended (or stand). */
    byStatus: z.array(z.object({ status: z.enum(RUN_STATUSES), count: z.number().int() })),
  }),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const dashboardCalls = {
  'dashboard.get': defineCall({
    summary: 'The home dashboard: assets by class, site, source and status, freshness, quality, open review items and recent runs.',
    access: 'read',
    input: z.object({ recentRuns: z.number().int().min(1).max(50).default(8) }).default({ recentRuns: 8 }),
    output: DashboardSummary,
  }),
};
