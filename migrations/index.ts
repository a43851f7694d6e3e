// The ordered list of local-database migrations, bundled into the app at build time (a packaged app
// cannot rely on reading a folder at run time). Append new files here; never edit an applied one.
import m0001 from './0001_core.js';
import m0002 from './0002_discovery.js';
import m0003 from './0003_run_owner.js';
import m0004 from './0004_reconciliation.js';
import m0005 from './0005_record_store.js';
import m0006 from './0006_views_bulk_changes.js';
import m0007 from './0007_dashboard_dimensions.js';
import m0008 from './0008_collector_platform.js';

export interface Migration {
  /** Sortable, unique, never renamed: e.g. "0001_core". */
  readonly name: string;
  readonly sql: string;
}

export const LOCAL_MIGRATIONS: readonly Migration[] = [
  { name: '0001_core', sql: m0001 },
  { name: '0002_discovery', sql: m0002 },
  { name: '0003_run_owner', sql: m0003 },
  { name: '0004_reconciliation', sql: m0004 },
  { name: '0005_record_store', sql: m0005 },
  { name: '0006_views_bulk_changes', sql: m0006 },
  { name: '0007_dashboard_dimensions', sql: m0007 },
  { name: '0008_collector_platform', sql: m0008 },
];
