// What the application is and where it keeps its data.
import type { SystemInfo } from '../../src-shared/api/index.js';
import type { Database } from '../db/database.js';

export interface SystemService {
  info(): SystemInfo;
}

export function createSystemService(deps: { db: Database; dataDir: string; databasePath: string; version: string; schemaVersion: number }): SystemService {
  return {
    info: () => ({
      appName: 'Fieldwise',
      version: deps.version,
      dataDir: deps.dataDir,
      databasePath: deps.databasePath,
      schemaVersion: deps.schemaVersion,
      assetCount: deps.db.prepare('SELECT count(*) FROM assets').pluck().get() as number,
    }),
  };
}
