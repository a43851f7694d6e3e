// Forwards every event on the bus to each connected WebSocket as `{ "event": name, "payload": ... }`.
// Each socket has its own subscription, dropped when the socket closes. Keepalive: one interval pings
// every socket and terminates those that did not answer the previous ping. Slow consumers: a socket
// whose send buffer is over the limit is closed with 1013 ("try again later") rather than silently
// losing events — the client reconnects and reloads what it shows, which is always correct, while a
// gap in the stream would not be noticed.
import type { WebSocket } from 'ws';
import type { HttpLogger } from './http-server-core.js';
import type { EventBus } from '../../services/event-bus.js';

export const SLOW_CLIENT_CLOSE_CODE = 1013;
export const SHUTDOWN_CLOSE_CODE = 1001;

export interface EventSocketHubOptions {
  events: EventBus;
  logger: HttpLogger;
  /** Close a client whose unsent data would exceed this many bytes. */
  maxBufferedBytes: number;
  pingIntervalMs: number;
}

export interface EventSocketHub {
  attach(socket: WebSocket, requestId: string): void;
  connectionCount(): number;
  /** Stops the keepalive timer and closes every socket with 1001. */
  close(): void;
}

interface Connection {
  socket: WebSocket;
  requestId: string;
  isAlive: boolean;
  unsubscribe: () => void;
}

export function createEventSocketHub(options: EventSocketHubOptions): EventSocketHub {
  const { events, logger, maxBufferedBytes, pingIntervalMs } = options;
  const connections = new Set<Connection>();
  let pingTimer: ReturnType<typeof setInterval> | null = null;

  function pingAll(): void {
    for (const connection of connections) {
      if (!connection.isAlive) {
        logger.warn('event socket: no answer to ping, terminating', { requestId: connection.requestId });
        connection.socket.terminate();
        continue;
      }
      connection.isAlive = false;
      connection.socket.ping();
    }
  }

  function updatePingTimer(): void {
    if (connections.size > 0 && pingTimer === null) pingTimer = setInterval(pingAll, pingIntervalMs);
    if (connections.size === 0 && pingTimer !== null) {
      clearInterval(pingTimer);
      pingTimer = null;
    }
  }

  function drop(connection: Connection): void {
    connection.unsubscribe();
    connections.delete(connection);
    updatePingTimer();
  }

  return {
    attach(socket, requestId) {
      const connection: Connection = { socket, requestId, isAlive: true, unsubscribe: () => {} };
      connection.unsubscribe = events.subscribe((event, payload) => {
        if (socket.readyState !== socket.OPEN) return;
        const message = JSON.stringify({ event, payload });
        if (socket.bufferedAmount + Buffer.byteLength(message) > maxBufferedBytes) {
          logger.warn('event socket: client too slow, closing', { requestId, bufferedBytes: socket.bufferedAmount });
          drop(connection);
          socket.close(SLOW_CLIENT_CLOSE_CODE, 'Too slow to keep up with events; reconnect and reload.');
          return;
        }
        socket.send(message);
      });
      connections.add(connection);
      updatePingTimer();
      socket.on('pong', () => {
        connection.isAlive = true;
      });
      // The server never expects messages; anything sent is ignored (maxPayload keeps it small).
      socket.on('close', () => drop(connection));
      socket.on('error', (error: Error) => {
        logger.warn('event socket error', { requestId, message: error.message });
      });
    },
    connectionCount: () => connections.size,
    close() {
      for (const connection of [...connections]) {
        drop(connection);
        connection.socket.close(SHUTDOWN_CLOSE_CODE, 'Fieldwise is shutting down.');
      }
      updatePingTimer();
    },
  };
}
