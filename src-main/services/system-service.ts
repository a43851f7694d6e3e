// What the application is and where it keeps its data.
import type { SystemInfo } from '../../src-shared/api/index.js';
import type { Database } from '../db/database.js';

export interface SystemInfoOptions {
  /**
   * Include the data directory and database path. Only for callers on this machine (the desktop
   * window, the CLI): a remote caller has no use for the server's file layout and should not learn it.
   */
  withPaths: boolean;
}

export interface SystemService {
  info(options: SystemInfoOptions): SystemInfo;
}

export function createSystemService(deps: { db: Database; dataDir: string; databasePath: string; version: string; schemaVersion: number }): SystemService {
  return {
    info: ({ withPaths }) => ({
      appName: 'Fieldwise',
      version: deps.version,
      dataDir: withPaths ? deps.dataDir : null,
      databasePath: withPaths ? deps.databasePath : null,
      schemaVersion: deps.schemaVersion,
      assetCount: deps.db.prepare('SELECT count(*) FROM assets').pluck().get() as number,
    }),
  };
}
