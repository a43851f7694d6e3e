// What serve mode needs from the application core: the dispatcher, the event bus, the upload store
// and a logger. AppCore satisfies it; the API layer defines it so it does not depend on app/.
import type { EventBus } from '../../services/event-bus.js';
import type { UploadStore } from '../../services/upload-store.js';
import type { Dispatcher } from '../dispatcher.js';

export interface HttpLogger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export interface HttpServerCore {
  readonly dispatcher: Dispatcher;
  readonly events: EventBus;
  readonly uploads: UploadStore;
  readonly logger: HttpLogger;
}
