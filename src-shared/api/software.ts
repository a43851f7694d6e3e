// Software calls: installed software across the estate — each product (name and vendor), its
// versions, and how many assets run each. Every count is a door: the inventory filtered by
// `software` (AssetFilter) lists exactly the assets behind it.
import { z } from 'zod';
import { defineCall } from './define-contract.js';

export const SOFTWARE_SORT_FIELDS = ['name', 'vendor', 'assets', 'versions'] as const;
export type SoftwareSortField = (typeof SOFTWARE_SORT_FIELDS)[number];

export const SoftwareVersionCount = z.object({
  /** null: the source gave no version. */
  version: z.string().nullable(),
  /** Assets running this version. */
  assets: z.number().int(),
  purl: z.string().nullable(),
  cpe: z.string().nullable(),
});
export type SoftwareVersionCount = z.infer<typeof SoftwareVersionCount>;

export const SoftwareProduct = z.object({
  name: z.string(),
  /** null: no source named the vendor. */
  vendor: z.string().nullable(),
  /** Assets running any version of it (an asset with two versions counts once). */
  assets: z.number().int(),
  /** Its versions, newest first (by version number, then as text). */
  versions: z.array(SoftwareVersionCount),
});
export type SoftwareProduct = z.infer<typeof SoftwareProduct>;

export const SoftwareListQuery = z.object({
  /** Words that must each appear in the product name, vendor or a version (case-insensitive). */
  search: z.string().max(200).optional(),
  sort: z.object({ field: z.enum(SOFTWARE_SORT_FIELDS), direction: z.enum(['asc', 'desc']) }).default({ field: 'name', direction: 'asc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type SoftwareListQuery = z.input<typeof SoftwareListQuery>;

export const SoftwarePage = z.object({
  items: z.array(SoftwareProduct),
  /** Products that match (installed on at least one asset). */
  total: z.number().int(),
  offset: z.number().int(),
  /** Versions of those products (rows of the export). */
  versionTotal: z.number().int(),
});
export type SoftwarePage = z.infer<typeof SoftwarePage>;

export const SoftwareExportFile = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
  /** Rows written (one per product version). */
  rows: z.number().int(),
});
export type SoftwareExportFile = z.infer<typeof SoftwareExportFile>;

export const softwareCalls = {
  'software.list': defineCall({
    summary: 'Installed software across the estate: products, their versions and how many assets run each.',
    access: 'read',
    input: SoftwareListQuery,
    output: SoftwarePage,
  }),
  'software.export': defineCall({
    summary: 'The software table (every product version matching the search, with its asset count) as a CSV file, cells neutralised against formulas.',
    access: 'read',
    input: z.object({ search: z.string().max(200).optional(), sort: SoftwareListQuery.shape.sort }),
    output: SoftwareExportFile,
  }),
};
