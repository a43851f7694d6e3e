// Test support for the OPC UA collector: a recording TCP proxy that decodes the request type of every
// client→server MSG chunk on a security-None channel (and can drop the connection after a number of
// Browse requests), hand-written hostile servers (silent, garbage), temporary data directories.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ObjectIds } from 'node-opcua';

export interface ProxiedRequest {
  /** Binary encoding id of the request type (631 = ReadRequest_Encoding_DefaultBinary). */
  typeId: number;
  /** 'ReadRequest', 'BrowseRequest', ... from node-opcua's ObjectIds. */
  name: string;
  atMs: number;
}

export interface RecordingProxy {
  port: number;
  /** Every request decoded from MSG chunks, in order. */
  requests: ProxiedRequest[];
  /** Client→server message chunks by message type ('HEL', 'OPN', 'MSG', 'CLO'), with arrival time. */
  chunks: Array<{ type: string; atMs: number }>;
  close(): Promise<void>;
}

const ENCODING_NAMES = new Map<number, string>(
  Object.entries(ObjectIds as unknown as Record<string, number>)
    .filter(([name]) => name.endsWith('_Encoding_DefaultBinary'))
    .map(([name, id]) => [id, name.replace('_Encoding_DefaultBinary', '')]),
);

export function requestName(typeId: number): string {
  return ENCODING_NAMES.get(typeId) ?? `unknown(${typeId})`;
}

/** Decodes the type id at the start of a MSG body (a NodeId in two-byte, four-byte or numeric form). */
function decodeTypeId(body: Buffer): number | null {
  const encoding = body[0];
  if (encoding === 0x00 && body.length >= 2) return body[1] ?? null;
  if (encoding === 0x01 && body.length >= 4) return body.readUInt16LE(2);
  if (encoding === 0x02 && body.length >= 7) return body.readUInt32LE(3);
  return null;
}

export async function startRecordingProxy(
  targetPort: number,
  options: { dropAfterBrowse?: number; now?: () => number; onRequest?: (request: ProxiedRequest) => void } = {},
): Promise<RecordingProxy> {
  const now = options.now ?? (() => performance.now());
  const requests: ProxiedRequest[] = [];
  const chunks: RecordingProxy['chunks'] = [];
  const sockets = new Set<net.Socket>();
  let browses = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', () => {
      upstream.destroy();
      sockets.delete(client);
    });
    upstream.on('close', () => {
      client.destroy();
      sockets.delete(upstream);
    });
    upstream.on('data', (data) => client.write(data));
    let buffer = Buffer.alloc(0);
    const seenRequestIds = new Set<number>();
    client.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      while (buffer.length >= 8) {
        const size = buffer.readUInt32LE(4);
        if (size < 8 || buffer.length < size) break;
        const chunk = buffer.subarray(0, size);
        buffer = buffer.subarray(size);
        const type = chunk.toString('latin1', 0, 3);
        chunks.push({ type, atMs: now() });
        if (type === 'MSG' && chunk.length >= 24) {
          // header 8, secure channel id 4, token id 4, sequence number 4, request id 4, body.
          const requestId = chunk.readUInt32LE(20);
          if (!seenRequestIds.has(requestId)) {
            seenRequestIds.add(requestId);
            const typeId = decodeTypeId(chunk.subarray(24));
            if (typeId !== null) {
              const request = { typeId, name: requestName(typeId), atMs: now() };
              requests.push(request);
              options.onRequest?.(request);
              if (typeId === ObjectIds.BrowseRequest_Encoding_DefaultBinary) browses += 1;
              if (options.dropAfterBrowse !== undefined && browses > options.dropAfterBrowse) {
                drop();
                return;
              }
            }
          }
        }
        upstream.write(chunk);
      }
    });
  });
  const port = await listen(server);
  return {
    port,
    requests,
    chunks,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

export interface HostileServer {
  port: number;
  /** Bytes received from clients. */
  received: () => number;
  close(): Promise<void>;
}

/** A TCP server that accepts connections and never answers. */
export function startSilentServer(): Promise<HostileServer> {
  return hostile(() => undefined);
}

/** A TCP server that answers anything with garbage (a bogus 'ACK' header, then random bytes). */
export function startGarbageServer(): Promise<HostileServer> {
  return hostile((socket) => {
    const junk = Buffer.alloc(64);
    junk.write('ACKF', 0, 'latin1');
    junk.writeUInt32LE(9, 4); // a size too small for an Acknowledge message
    for (let i = 8; i < junk.length; i += 1) junk[i] = (i * 73) % 256;
    socket.write(junk);
  });
}

async function hostile(onData: (socket: net.Socket) => void): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  let received = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (data) => {
      received += data.length;
      onData(socket);
    });
  });
  const port = await listen(server);
  return {
    port,
    received: () => received,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function withDataDir<T>(fn: (dataDir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fieldwise-opcua-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function makeDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fieldwise-opcua-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
