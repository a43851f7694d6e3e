// In-process publish/subscribe for API events. Services publish after their transaction commits;
// transports (IPC, WebSocket) subscribe and forward to windows and browsers.
import type { ApiEventName, ApiEventPayload } from '../../src-shared/api/index.js';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEventPayload<E>) => void;

export interface EventPublisher {
  publish<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void;
}

export interface EventBus extends EventPublisher {
  subscribe(listener: EventListener): () => void;
  listenerCount(): number;
}

export function createEventBus(onListenerError: (error: unknown) => void = () => {}): EventBus {
  const listeners = new Set<EventListener>();
  return {
    publish(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
