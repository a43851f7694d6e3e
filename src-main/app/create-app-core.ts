// Composition root: builds every service once, in dependency order, for the window, serve mode,
// the CLI and the tests alike.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { LOCAL_MIGRATIONS } from '../../migrations/index.js';
import { EXPORTS_DIR_NAME } from '../../src-shared/api/exports.js';
import { createDispatcher } from '../api/dispatcher.js';
import { createHandlers } from '../api/create-handlers.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateDatabase } from '../db/migrate-database.js';
import { createQueryBuilder } from '../db/query-builder.js';
import { createRecordWriter } from '../db/record-writer.js';
import { hasLegacyTables, upgradeRecordStore } from '../db/upgrade-record-store.js';
import { createStalenessService, type StalenessService } from '../services/staleness-service.js';
import { createWriteQueue, type WriteQueue } from '../services/write-queue.js';
import type { CollectorRegistry } from '../collectors/collector.js';
import type { RequestRecorder } from '../collectors/request-recorder.js';
import type { CredentialStore } from '../secrets/credential-store.js';
import { KeyringCredentialStore } from '../secrets/keyring-credential-store.js';
import { PublicDemoCredentialStore } from '../secrets/public-demo-credential-store.js';
import { createDashboardService } from '../services/dashboard/dashboard-service.js';
import { createDiscoveryService, type DiscoveryService } from '../services/discovery/discovery-service.js';
import { systemSchedulerTimers, type SchedulerTimers } from '../services/runs/job-scheduler.js';
import { createRunService, type RunService } from '../services/runs/run-service.js';
import { createEventBus } from '../services/event-bus.js';
import { createExportFiles } from '../services/exports/export-files.js';
import { createExportService, type ExportService } from '../services/exports/export-service.js';
import { createFsUploadStore } from '../services/fs-upload-store.js';
import { createImportService, type ImportService, type ImportWorkerLauncher } from '../services/imports/import-service.js';
import { createInventoryService, type InventoryService } from '../services/inventory-service.js';
import { createBulkChangeService, type BulkChangeService } from '../services/bulk/bulk-change-service.js';
import { createSavedViewsService, type SavedViewsService } from '../services/saved-views-service.js';
import { createReconciliationService, type ReconciliationService } from '../services/reconciliation/reconciliation-service.js';
import { DEFAULT_RECONCILE_CONFIG } from '../engine/reconcile/index.js';
import { createSoftwareService } from '../services/software/software-service.js';
import { createSystemService } from '../services/system-service.js';
import type { AppCore, AppLogger } from './app-core.js';
import { createCollectorRegistry } from './create-collector-registry.js';
import { createConsoleLogger } from './console-logger.js';
import { createRunAbandonedCheck, processRunOwner } from './process-run-owner.js';
import { createThreadImportLauncher } from './thread-import-launcher.js';
import { resolveWorkerEntry } from './worker-entry.js';

export const DATABASE_FILE_NAME = 'fieldwise.sqlite';
const UPLOAD_LIMIT_BYTES = 2 * 1024 ** 3;

export interface AppCoreOptions {
  dataDir: string;
  version: string;
  logger?: AppLogger;
  now?: () => Date;
  newId?: () => string;
  /** How imports run; defaults to worker threads. */
  importLauncher?: ImportWorkerLauncher;
  /** Where discovery secrets live; defaults to the OS keychain. Tests pass a MemoryCredentialStore. */
  credentials?: CredentialStore;
  /** Run scheduled discoveries (default true; one-shot CLI commands pass false). */
  scheduler?: boolean;
  /** Timers of the discovery scheduler; tests pass a manual clock's. */
  schedulerTimers?: SchedulerTimers;
  /** The collector of each protocol; defaults to createCollectorRegistry(). */
  collectors?: CollectorRegistry;
  /** Sees every request any collector sends or refuses; tests pass a MemoryRequestRecorder. */
  requestRecorder?: RequestRecorder;
}

export interface FullAppCore extends AppCore {
  readonly db: Database;
  readonly databasePath: string;
  readonly inventory: InventoryService;
  readonly imports: ImportService;
  readonly discovery: DiscoveryService;
  readonly runs: RunService;
  readonly reconciliation: ReconciliationService;
  readonly writes: WriteQueue;
  readonly staleness: StalenessService;
  readonly exports: ExportService;
  readonly views: SavedViewsService;
  readonly bulk: BulkChangeService;
}

export async function createAppCore(options: AppCoreOptions): Promise<FullAppCore> {
  const logger = options.logger ?? createConsoleLogger();
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => uuidv7());
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = join(options.dataDir, DATABASE_FILE_NAME);
  const existed = existsSync(databasePath);
  // A short busy timeout: the write queue waits for other processes itself, without blocking the event loop.
  const db = openDatabase(databasePath, { busyTimeoutMs: 100 });
  let migration;
  try {
    migration = migrateDatabase(db, { migrations: LOCAL_MIGRATIONS, backupDir: existed ? join(options.dataDir, 'backups') : null, now });
  } catch (error) {
    db.close();
    throw error;
  }
  if (migration.applied.length > 0) logger.info('Database migrated', { applied: migration.applied, backup: migration.backupPath });
  const events = createEventBus((error) => logger.error('Event listener failed', { error: String(error) }));
  // One run service for long jobs: overlap keys, cancel, progress, schedules, interruption.
  const runs = createRunService({ db, events, now, timers: options.schedulerTimers ?? systemSchedulerTimers, logger });
  const runOwner = processRunOwner();
  const interrupted = runs.markInterrupted(createRunAbandonedCheck(runOwner));
  if (interrupted.discovery.length > 0) logger.warn('Marked discovery runs interrupted by the last shutdown', { runIds: interrupted.discovery });
  if (interrupted.other > 0) logger.warn('Marked runs interrupted by the last shutdown', { count: interrupted.other });

  const uploads = await createFsUploadStore({ dir: join(options.dataDir, 'uploads'), maxBytes: UPLOAD_LIMIT_BYTES, newId, now: () => now().getTime() });
  const qb = createQueryBuilder();
  const writes = createWriteQueue(db);
  const writer = createRecordWriter(db, DEFAULT_RECONCILE_CONFIG);
  // A database that had data before the record store: golden records are computed again once.
  if (hasLegacyTables(db)) {
    const upgraded = await writes.run('upgrade', () => upgradeRecordStore(db, writer, { now: now().toISOString(), cause: { kind: 'rebuild', id: null, correlationId: null } }));
    logger.info('Moved the inventory to the record store', upgraded);
  }
  const staleness = createStalenessService({ db, writes, events, config: DEFAULT_RECONCILE_CONFIG, now, timers: options.schedulerTimers ?? systemSchedulerTimers });
  await staleness.sweep();
  if (options.scheduler ?? true) staleness.start();
  const inventory = createInventoryService({ db, qb, events, writes, writer, now, newId });
  const reconciliation = createReconciliationService({ db, events, writes, writer, now, newId });
  const views = createSavedViewsService({ db, writes, now, newId });
  const bulk = createBulkChangeService({ db, qb, events, writes, writer, now, newId });
  const imports = createImportService({
    db,
    writes,
    stagingRoot: join(options.dataDir, 'imports'),
    declareNetwork: (network, addressing) => {
      writer.declareNetwork(network, addressing, { now: now().toISOString(), cause: { kind: 'network', id: network, correlationId: null } });
    },
    runOwner,
    runs,
    databasePath,
    events,
    uploads,
    launcher: options.importLauncher ?? createThreadImportLauncher(resolveWorkerEntry(import.meta.url, { bundled: 'import-worker.mjs', source: '../services/imports/import-worker.ts' })),
    now,
    newId,
    onUnexpectedError: (message, data) => logger.error(message, data),
    // The import wrote with its worker's clock: statuses follow this core's.
    onFinished: () => staleness.sweep().then(() => undefined),
  });
  const system = createSystemService({ db, dataDir: options.dataDir, databasePath, version: options.version, schemaVersion: migration.schemaVersion });
  const discovery = createDiscoveryService({
    db,
    writes,
    writer,
    runOwner,
    events,
    // Constructing the keychain adapter touches nothing; an unavailable keychain surfaces as an
    // ApiError naming the fix when a credential is first read or written. The public demo values
    // (`public-demo/…`) are answered without it, read-only, so `fieldwise demo` needs no keychain.
    store: new PublicDemoCredentialStore(options.credentials ?? new KeyringCredentialStore()),
    collectors: options.collectors ?? createCollectorRegistry(),
    dataDir: options.dataDir,
    ...(options.requestRecorder ? { recorder: options.requestRecorder } : {}),
    now,
    newId,
    runs,
    logger,
  });
  if (options.scheduler ?? true) runs.startScheduler();
  const exportFiles = await createExportFiles(join(options.dataDir, EXPORTS_DIR_NAME));
  await exportFiles.sweep(now().getTime());
  const exports = createExportService({ db, qb, events, files: exportFiles, now, newId, onUnexpectedError: (message, data) => logger.error(message, data) });
  const software = createSoftwareService({ db, now });
  const dashboard = createDashboardService({ db, now });
  const dispatcher = createDispatcher(createHandlers({ db, inventory, imports, system, discovery, reconciliation, exports, views, bulk, software, dashboard }), {
    onInternalError: (error, method, ctx) =>
      logger.error('API call failed', { method, requestId: ctx.requestId, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  });

  let closed = false;
  return {
    dispatcher,
    events,
    uploads,
    logger,
    dataDir: options.dataDir,
    version: options.version,
    db,
    databasePath,
    inventory,
    imports,
    discovery,
    runs,
    reconciliation,
    writes,
    staleness,
    exports,
    views,
    bulk,
    async close() {
      if (closed) return;
      closed = true;
      staleness.stop();
      await exports.close();
      await runs.close();
      await discovery.close();
      await imports.close();
      db.close();
    },
  };
}
