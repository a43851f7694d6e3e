// Inventory calls: browse, inspect and edit golden records, their tags and lifecycle.
import { z } from 'zod';
import { ASSET_CLASSES } from '../model/asset-classes.js';
import { ASSET_FIELD_NAMES } from '../model/asset-fields.js';
import { ASSET_STATUSES, LIFECYCLE_STAGES } from '../model/lifecycle-stages.js';
import { SOURCE_KINDS } from '../model/source-kinds.js';
import { FieldValueSchema, Id, IsoTime, SortDirection } from './common.js';
import { defineCall } from './define-contract.js';
import { AuditEvent } from './audit.js';

export const ASSET_SORT_FIELDS = [
  'name',
  'class',
  'hostname',
  'primaryIp',
  'serial',
  'vendor',
  'model',
  'osName',
  'status',
  'lifecycleStage',
  'sourceCount',
  'lastSeen',
  'firstSeen',
  'qualityScore',
] as const;
export type AssetSortField = (typeof ASSET_SORT_FIELDS)[number];

export const AssetSummary = z.object({
  id: Id,
  class: z.enum(ASSET_CLASSES),
  name: z.string(),
  hostname: z.string().nullable(),
  fqdn: z.string().nullable(),
  primaryIp: z.string().nullable(),
  serial: z.string().nullable(),
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
  status: z.enum(ASSET_STATUSES),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).nullable(),
  sourceCount: z.number().int(),
  firstSeen: IsoTime,
  lastSeen: IsoTime,
  qualityScore: z.number().nullable(),
});
export type AssetSummary = z.infer<typeof AssetSummary>;

/**
 * Installed software, as the software page names it: a product (name, and vendor when given) in any
 * version, or one version of it. Names match exactly; null stands for "none recorded".
 */
export const SoftwareRef = z.object({
  name: z.string().min(1).max(500),
  /** Omitted: any vendor. null: the product's vendor was not recorded. */
  vendor: z.string().max(500).nullable().optional(),
  /** Omitted: any version. null: no version was recorded. */
  version: z.string().max(500).nullable().optional(),
});
export type SoftwareRef = z.infer<typeof SoftwareRef>;

/** An ISO-8601 time, normalised to the form stored times have (UTC, milliseconds) so that they compare as text. */
const FilterTime = z
  .string()
  .min(1)
  .max(40)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 time, for example 2024-05-02T06:00:00Z')
  .transform((v) => new Date(v).toISOString());

export const AssetFilter = z.object({
  classes: z.array(z.enum(ASSET_CLASSES)).max(ASSET_CLASSES.length).optional(),
  sourceId: Id.optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  /** `key` (any value) or `key=value`. */
  tag: z.string().min(1).max(200).optional(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).optional(),
  status: z.enum(ASSET_STATUSES).optional(),
  /** Free text: matches name, hostname, FQDN, IP, MAC, serial, vendor, model. */
  search: z.string().max(200).optional(),
  /** Assets running this software (the software page's doors). */
  software: SoftwareRef.optional(),
  /** Assets with an IP on this network (site), case-insensitive; "" for assets with none on a named network (docs/dashboard.md). */
  site: z.string().max(100).optional(),
  /** Last seen at or after this time. */
  lastSeenFrom: FilterTime.optional(),
  /** Last seen before this time. */
  lastSeenBefore: FilterTime.optional(),
  /** Quality score at least this (0..1). */
  qualityFrom: z.number().min(0).max(1).optional(),
  /** Quality score below this (0..1). */
  qualityBelow: z.number().min(0).max(1).optional(),
  /** Assets whose class requires this field (for their quality score) and that have no value for it. */
  missingField: z.enum(ASSET_FIELD_NAMES).optional(),
});
export type AssetFilter = z.infer<typeof AssetFilter>;

export const AssetListQuery = z.object({
  /** Position of the page's first row. With a cursor it only labels the page (echoed in AssetPage.offset). */
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
  sort: z.object({ field: z.enum(ASSET_SORT_FIELDS), direction: SortDirection }).default({ field: 'name', direction: 'asc' }),
  filter: AssetFilter.default({}),
  /**
   * Keyset paging: a cursor from an earlier page of the same sort field (AssetPage.endCursor), and the
   * page is the rows right after that row. Cheaper than an offset deep in a large list; a cursor of
   * another sort field, or a malformed one, is ignored and the offset used.
   */
  after: z.string().max(2000).optional(),
  /** Like `after`, from AssetPage.startCursor: the page is the rows right before that row. Ignored with `after`. */
  before: z.string().max(2000).optional(),
});
export type AssetListQuery = z.input<typeof AssetListQuery>;

export const AssetPage = z.object({
  items: z.array(AssetSummary),
  /** Matching assets, counted exactly up to 10,000 past this page (fewer where counting further would be slow); see totalIsExact. */
  total: z.number().int(),
  offset: z.number().int(),
  /** False when more assets match than were counted: show "N+" and let the list grow as it scrolls. */
  totalIsExact: z.boolean().default(true),
  /** Cursor of the first row (the `before` of the page above it); absent when the page is empty. */
  startCursor: z.string().optional(),
  /** Cursor of the last row (the `after` of the page below it); absent when the page is empty. */
  endCursor: z.string().optional(),
});
export type AssetPage = z.infer<typeof AssetPage>;

/** Another source's value for a field (reconciliation): a competing candidate or a suggestion. */
export const FieldAlternative = z.object({
  value: FieldValueSchema,
  sourceId: Id,
  sourceName: z.string(),
  sourceKind: z.enum(SOURCE_KINDS),
  observationId: Id.nullable(),
  /** Base confidence of this source's kind, 0..1. */
  confidence: z.number(),
  observedAt: IsoTime,
  /** Whether this value equals the golden value. */
  agreesWithGolden: z.boolean(),
});
export type FieldAlternative = z.infer<typeof FieldAlternative>;

/** Quality of one golden record, 0..1 each (see docs/reconciliation.md, "Quality"). */
export const AssetQuality = z.object({
  score: z.number(),
  completeness: z.number(),
  agreement: z.number(),
  freshness: z.number(),
  /** Fields the class requires that no source gave. */
  missingFields: z.array(z.enum(ASSET_FIELD_NAMES)),
  /** Fields on which at least one source disagrees with the golden value. */
  disputedFields: z.array(z.enum(ASSET_FIELD_NAMES)),
});
export type AssetQuality = z.infer<typeof AssetQuality>;

export const FieldProvenance = z.object({
  field: z.enum(ASSET_FIELD_NAMES),
  value: FieldValueSchema,
  sourceId: Id,
  sourceName: z.string(),
  sourceKind: z.enum(SOURCE_KINDS),
  observationId: Id.nullable(),
  /** Combined confidence of the independent sources that agree on the value, 0..1 (1 for a person's value). It does not age. */
  confidence: z.number(),
  /** How many independent sources agree on the value. */
  agreeingSources: z.number().int().optional(),
  /** When the winning source last saw the value. */
  observedAt: IsoTime,
  /** The latest time any agreeing source saw the value. */
  lastSeen: IsoTime.optional(),
  /** 1 while the value is recent, halving every 30 days after the first week since lastSeen (docs/reconciliation.md). */
  freshness: z.number().optional(),
  /** Every other source's value for this field, best-ranked first (absent on records written before reconciliation). */
  competing: z.array(FieldAlternative).optional(),
  /**
   * When a manual value holds the field: later, different values from other sources. They never
   * replace the manual value silently; a person accepts one by editing the field (or clearing the
   * manual value).
   */
  suggestions: z.array(FieldAlternative).optional(),
});
export type FieldProvenance = z.infer<typeof FieldProvenance>;

export const Hardware = z.object({
  vendor: z.string().nullable(),
  model: z.string().nullable(),
  serial: z.string().nullable(),
  firmware: z.string().nullable(),
});
export const NetworkInterface = z.object({
  name: z.string().nullable(),
  mac: z.string().nullable(),
  ips: z.array(z.object({ address: z.string(), network: z.string().nullable() })),
  vlan: z.number().int().nullable(),
  speedMbps: z.number().nullable(),
  operStatus: z.string().nullable(),
});
export const Software = z.object({
  name: z.string(),
  version: z.string().nullable(),
  vendor: z.string().nullable(),
  purl: z.string().nullable(),
});
export const Tag = z.object({
  key: z.string().trim().min(1).max(100),
  value: z.string().max(500),
});
export type Tag = z.infer<typeof Tag>;
export const Lifecycle = z.object({
  stage: z.enum(LIFECYCLE_STAGES).nullable(),
  owner: z.string().max(200).nullable(),
  warrantyEnd: z.string().max(10).nullable(),
  endOfSale: z.string().max(10).nullable(),
  endOfLife: z.string().max(10).nullable(),
  notes: z.string().max(5000).nullable(),
});
export type Lifecycle = z.infer<typeof Lifecycle>;

export const AssetSourceRef = z.object({
  sourceId: Id,
  sourceName: z.string(),
  sourceKind: z.enum(SOURCE_KINDS),
  nativeKey: z.string(),
  lastSeen: IsoTime,
});

export const AssetDetail = z.object({
  summary: AssetSummary,
  fields: z.array(FieldProvenance),
  hardware: Hardware,
  interfaces: z.array(NetworkInterface),
  software: z.array(Software),
  tags: z.array(Tag),
  lifecycle: Lifecycle,
  sources: z.array(AssetSourceRef),
  /** Quality breakdown from reconciliation (absent on records written before it). */
  quality: AssetQuality.optional(),
});
export type AssetDetail = z.infer<typeof AssetDetail>;

export const AssetSummaryCounts = z.object({
  total: z.number().int(),
  byClass: z.array(z.object({ key: z.string(), count: z.number().int() })),
  bySource: z.array(z.object({ key: z.string(), label: z.string(), name: z.string(), kindLabel: z.string(), count: z.number().int() })),
  byStatus: z.array(z.object({ key: z.string(), count: z.number().int() })),
});
export type AssetSummaryCounts = z.infer<typeof AssetSummaryCounts>;

const ManualFields = z.partialRecord(z.enum(ASSET_FIELD_NAMES), FieldValueSchema);

export const inventoryCalls = {
  'assets.list': defineCall({
    summary: 'One page of assets, filtered and sorted in the database.',
    access: 'read',
    input: AssetListQuery,
    output: AssetPage,
  }),
  'assets.get': defineCall({
    summary: 'One asset with every field, its provenance and its submodels.',
    access: 'read',
    input: z.object({ id: Id }),
    output: AssetDetail,
  }),
  'assets.summary': defineCall({
    summary: 'Counts of assets by class, source and status.',
    access: 'read',
    input: z.object({}).default({}),
    output: AssetSummaryCounts,
  }),
  'assets.create': defineCall({
    summary: 'Create an asset by hand (manual source).',
    access: 'write',
    input: z.object({ class: z.enum(ASSET_CLASSES), fields: ManualFields, tags: z.array(Tag).max(200).default([]) }),
    output: AssetDetail,
  }),
  'assets.update': defineCall({
    summary: 'Edit fields of an asset by hand; manual values win over collected ones.',
    access: 'write',
    input: z.object({ id: Id, class: z.enum(ASSET_CLASSES).optional(), fields: ManualFields }),
    output: AssetDetail,
  }),
  'assets.tags.get': defineCall({
    summary: 'The tags of one asset.',
    access: 'read',
    input: z.object({ id: Id }),
    output: z.array(Tag),
  }),
  'assets.tags.replace': defineCall({
    summary: 'Replace all tags of one asset.',
    access: 'write',
    input: z.object({ id: Id, tags: z.array(Tag).max(200) }),
    output: z.array(Tag),
  }),
  'assets.lifecycle.get': defineCall({
    summary: 'The lifecycle record of one asset.',
    access: 'read',
    input: z.object({ id: Id }),
    output: Lifecycle,
  }),
  'assets.lifecycle.replace': defineCall({
    summary: 'Replace the lifecycle record of one asset.',
    access: 'write',
    input: z.object({ id: Id, lifecycle: Lifecycle }),
    output: Lifecycle,
  }),
  'assets.history': defineCall({
    summary: 'Audit events about one asset, newest first.',
    access: 'read',
    input: z.object({ id: Id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(AuditEvent),
  }),
};
