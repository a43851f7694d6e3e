// Migration 0007: what the home dashboard counts without reading a million rows (docs/dashboard.md).
// - asset_sites: the sites (networks) an asset's IPs are on, one row each, and '' for an asset with
//   no IP on a named network: the inventory's `site` filter reads it by site.
// - asset_counts gains three dimensions: 'site' (assets per site, from asset_sites), 'missing'
//   (assets per required field without a value, from each record's quality breakdown) and 'product'
//   (assets running any version of a product, keyed name NUL vendor, for the software page).
// The writer keeps both up to date (src-main/db/golden-record-store.ts, asset-dimensions.ts); the
// statements below fill them from the golden records already stored.

/** Fills asset_sites and the 'site', 'missing' and 'product' counts from the stored golden records (run again by bench/dashboard.ts on a bench-built database). */
export const DASHBOARD_DIMENSIONS_BACKFILL = /* sql */ `
DELETE FROM asset_sites;
INSERT OR IGNORE INTO asset_sites (asset_id, site)
  SELECT a.id, json_extract(ip.value, '$.network')
  FROM assets a, json_each(a.body, '$.n') n, json_each(n.value, '$.ips') ip
  WHERE coalesce(json_extract(ip.value, '$.network'), '') NOT IN ('', '?', 'public');
INSERT INTO asset_sites (asset_id, site) SELECT id, '' FROM assets WHERE id NOT IN (SELECT asset_id FROM asset_sites);
DELETE FROM asset_counts WHERE dimension IN ('site', 'missing', 'product');
INSERT INTO asset_counts (dimension, value, count) SELECT 'site', site, count(*) FROM asset_sites GROUP BY site;
INSERT INTO asset_counts (dimension, value, count)
  SELECT 'missing', j.value, count(*) FROM assets a, json_each(a.body, '$.q.missingFields') j GROUP BY j.value;
INSERT INTO asset_counts (dimension, value, count)
  SELECT 'product', s.name || char(0) || s.vendor, count(DISTINCT a.asset_id) FROM software s JOIN asset_software a ON a.software_id = s.id GROUP BY s.name, s.vendor;
`;

export default /* sql */ `
CREATE TABLE asset_sites (
  asset_id  INTEGER NOT NULL,
  site      TEXT NOT NULL,
  PRIMARY KEY (asset_id, site)
) WITHOUT ROWID;
CREATE INDEX asset_sites_site ON asset_sites (site, asset_id);
${DASHBOARD_DIMENSIONS_BACKFILL}
`;
