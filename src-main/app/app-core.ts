// The core of the application, independent of the shell: the same object runs behind the Electron
// window, serve mode, the CLI and the tests. Built once by createAppCore (composition root).
import type { Dispatcher } from '../api/dispatcher.js';
import type { EventBus } from '../services/event-bus.js';
import type { UploadStore } from '../services/upload-store.js';

export interface AppLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface AppCore {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly uploads: UploadStore;
  readonly logger: AppLogger;
  readonly dataDir: string;
  readonly version: string;
  /** Waits for running jobs to stop, then closes the database. */
  close(): Promise<void>;
}
