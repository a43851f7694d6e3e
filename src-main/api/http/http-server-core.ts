// What serve mode needs from the application core: the dispatcher, the event bus, the upload store,
// finished exports to download, and a logger. FullAppCore satisfies it; the API layer defines it so
// it does not depend on app/.
import type { EventBus } from '../../services/event-bus.js';
import type { UploadStore } from '../../services/upload-store.js';
import type { Dispatcher } from '../dispatcher.js';

export interface HttpLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** A finished export's file in the data folder. */
export interface DownloadableFile {
  path: string;
  fileName: string;
  mediaType: string;
  bytes: number;
}

export interface HttpServerCore {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly uploads: UploadStore;
  /** Finished exports by id; null when there is no file to download (unknown, running, failed, expired). */
  readonly exports: { download(id: string): DownloadableFile | null };
  readonly logger: HttpLogger;
}
