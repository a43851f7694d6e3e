// Installed software across the estate, for the software page: every product version in use with
// how many assets run it (index range counts on asset_software_software), grouped into products
// (name and vendor). A product's own count is of distinct assets, so an asset running two versions
// counts once — the same number the inventory's `software` filter finds; for a product with several
// versions it is the maintained count (asset_counts, dimension 'product').
import type { SoftwareListQuery, SoftwarePage, SoftwareProduct, SoftwareSortField } from '../../src-shared/api/software.js';
import { productKey } from './asset-dimensions.js';
import type { Database } from './database.js';

interface VersionRow {
  id: number;
  name: string;
  vendor: string;
  version: string;
  purl: string | null;
  cpe: string | null;
  assets: number;
}

/** A product with the ids of its versions (to count its distinct assets when needed). */
interface Grouped {
  product: SoftwareProduct;
  ids: number[];
  /** Whether product.assets is final (one version, or counted). */
  counted: boolean;
}

export interface SoftwareSelection {
  search?: string | undefined;
  sort: { field: SoftwareSortField; direction: 'asc' | 'desc' };
}

function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Versions in use whose product name, vendor or version contains every word (ASCII case-insensitive, as LIKE is). */
function versionRows(db: Database, search: string | undefined): VersionRow[] {
  const words = (search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const where = words.map(() => "(s.name LIKE ? ESCAPE '\\' OR s.vendor LIKE ? ESCAPE '\\' OR s.version LIKE ? ESCAPE '\\')");
  const params = words.flatMap((w) => [likePattern(w), likePattern(w), likePattern(w)]);
  return db
    .prepare(
      `SELECT * FROM (
         SELECT s.id, s.name, s.vendor, s.version, s.purl, s.cpe, (SELECT count(*) FROM asset_software a WHERE a.software_id = s.id) AS assets
         FROM software s ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ) WHERE assets > 0`,
    )
    .all(...params) as VersionRow[];
}

const byVersionDesc = (a: string | null, b: string | null): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b.localeCompare(a, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? 1 : -1);
};

function group(rows: VersionRow[]): Grouped[] {
  const byProduct = new Map<string, Grouped>();
  for (const r of rows) {
    const key = `${r.name}\u0000${r.vendor}`;
    let g = byProduct.get(key);
    if (!g) {
      g = { product: { name: r.name, vendor: r.vendor === '' ? null : r.vendor, assets: 0, versions: [] }, ids: [], counted: true };
      byProduct.set(key, g);
    }
    g.ids.push(r.id);
    g.product.versions.push({ version: r.version === '' ? null : r.version, assets: r.assets, purl: r.purl, cpe: r.cpe });
  }
  for (const g of byProduct.values()) {
    g.product.versions.sort((a, b) => byVersionDesc(a.version, b.version));
    g.counted = g.ids.length === 1;
    g.product.assets = g.counted ? (g.product.versions[0]?.assets ?? 0) : 0;
  }
  return [...byProduct.values()];
}

/**
 * Assets running any version of products with several versions: the maintained count (asset_counts,
 * dimension 'product', kept by the writer; migration 0007), so that a product counts each asset once
 * without reading its installations.
 */
function countProducts(db: Database, groups: Grouped[]): void {
  const counted = db.prepare("SELECT count FROM asset_counts WHERE dimension = 'product' AND value = ?").pluck();
  for (const g of groups) {
    if (g.counted) continue;
    g.product.assets = (counted.get(productKey(g.product.name, g.product.vendor ?? '')) as number | undefined) ?? 0;
    g.counted = true;
  }
}

const text = (a: string | null, b: string | null): number => (a ?? '').localeCompare(b ?? '', 'en', { sensitivity: 'base' }) || ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

function compareProducts(field: SoftwareSortField): (a: SoftwareProduct, b: SoftwareProduct) => number {
  const byName = (a: SoftwareProduct, b: SoftwareProduct) => text(a.name, b.name) || text(a.vendor, b.vendor);
  switch (field) {
    case 'name':
      return byName;
    case 'vendor':
      return (a, b) => (a.vendor === null) !== (b.vendor === null) ? (a.vendor === null ? 1 : -1) : text(a.vendor, b.vendor) || byName(a, b);
    case 'assets':
      return (a, b) => a.assets - b.assets || byName(a, b);
    case 'versions':
      return (a, b) => a.versions.length - b.versions.length || byName(a, b);
  }
}

/** Every product matching the selection, sorted, with exact counts. */
export function selectSoftware(db: Database, selection: SoftwareSelection, page?: { offset: number; limit: number }): { products: SoftwareProduct[]; total: number; versionTotal: number } {
  const groups = group(versionRows(db, selection.search));
  const versionTotal = groups.reduce((n, g) => n + g.product.versions.length, 0);
  // Sorting by assets needs every product's count; otherwise only the page's.
  if (selection.sort.field === 'assets') countProducts(db, groups);
  const compare = compareProducts(selection.sort.field);
  const sign = selection.sort.direction === 'asc' ? 1 : -1;
  groups.sort((a, b) => sign * compare(a.product, b.product));
  const shown = page ? groups.slice(page.offset, page.offset + page.limit) : groups;
  countProducts(db, shown);
  return { products: shown.map((g) => g.product), total: groups.length, versionTotal };
}

export function listSoftware(db: Database, query: Required<Pick<SoftwareListQuery, 'offset' | 'limit'>> & SoftwareSelection): SoftwarePage {
  const { products, total, versionTotal } = selectSoftware(db, query, { offset: query.offset, limit: query.limit });
  return { items: products, total, offset: query.offset, versionTotal };
}
