// Test support, not a test: a real serve-mode server on 127.0.0.1 over a real dispatcher, event bus
// and file upload store. The handler table is written here rather than taken from the services, so
// the transport is tested on its own terms (status codes, error shape, limits, auth) with handlers
// whose behaviour (slow, failing, throwing ApiErrors) the tests control. Used by the server's tests
// and by the renderer's HTTP transport test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { API_METHODS, ApiError, type ApiMethod, type AssetDetail, type SystemInfo } from '../../../src-shared/api/index.js';
import type { HttpLogger, HttpServerCore } from './http-server-core.js';
import { createEventBus, type EventBus } from '../../services/event-bus.js';
import { createFsUploadStore } from '../../services/fs-upload-store.js';
import type { UploadStore } from '../../services/upload-store.js';
import { createDispatcher, type Handlers } from '../dispatcher.js';
import { startHttpServer, type HttpServer, type HttpServerOptions } from './http-server.js';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  data?: Record<string, unknown>;
}

export interface TestServer {
  server: HttpServer;
  events: EventBus;
  uploads: UploadStore;
  uploadsDir: string;
  logs: LogEntry[];
  /** Lets calls to assets.get {id:'slow'} finish. */
  releaseSlowCalls(): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  server?: HttpServerOptions;
  uploadMaxBytes?: number;
}

export const TEST_SYSTEM_INFO: SystemInfo = {
  appName: 'Fieldwise',
  version: '0.0.0-test',
  dataDir: null,
  databasePath: null,
  schemaVersion: 1,
  assetCount: 0,
};

const notInThisTest = (): never => {
  throw new ApiError('unavailable', 'This call is not part of the transport tests.');
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'fieldwise-http-'));
  const uploadsDir = path.join(root, 'uploads');
  const logs: LogEntry[] = [];
  const logger: HttpLogger = {
    info: (message, data) => logs.push({ level: 'info', message, ...(data ? { data } : {}) }),
    warn: (message, data) => logs.push({ level: 'warn', message, ...(data ? { data } : {}) }),
    error: (message, data) => logs.push({ level: 'error', message, ...(data ? { data } : {}) }),
  };
  const slowWaiters: (() => void)[] = [];
  const releaseSlowCalls = (): void => {
    for (const release of slowWaiters.splice(0)) release();
  };

  const handlers = {
    ...(Object.fromEntries(API_METHODS.map((method) => [method, notInThisTest])) as Record<ApiMethod, typeof notInThisTest>),
    'system.info': () => TEST_SYSTEM_INFO,
    'sources.list': () => [],
    'assets.get': async ({ id }): Promise<AssetDetail> => {
      if (id === 'slow') {
        await new Promise<void>((resolve) => slowWaiters.push(resolve));
        throw new ApiError('conflict', 'Released after the test.');
      }
      if (id === 'boom') throw new Error('SQLITE_CORRUPT: database disk image is malformed at /secret/path/fieldwise.db');
      throw new ApiError('not_found', `Asset ${id} does not exist.`);
    },
  } satisfies Handlers;

  const events = createEventBus();
  const uploads = await createFsUploadStore({ dir: uploadsDir, maxBytes: options.uploadMaxBytes ?? 64 * 1024 * 1024, newId: uuidv7 });
  const dispatcher = createDispatcher(handlers, {
    onInternalError: (error, method, ctx) =>
      logger.error('call failed', { method, requestId: ctx.requestId, error: error instanceof Error ? error.message : String(error) }),
  });
  const core: HttpServerCore = {
    dispatcher,
    events,
    uploads,
    // Downloads of exports are tested against the real core (export-download.test.ts).
    exports: { download: () => null },
    logger,
  };
  const server = await startHttpServer(core, { host: '127.0.0.1', port: 0, ...options.server });
  return {
    server,
    events,
    uploads,
    uploadsDir,
    logs,
    releaseSlowCalls,
    async close() {
      await server.close();
      releaseSlowCalls();
      await rm(root, { recursive: true, force: true });
    },
  };
}
