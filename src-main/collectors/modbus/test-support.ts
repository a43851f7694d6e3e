// Shared helpers for the Modbus tests and benchmark: loopback ports for the demo plant, a
// recording proxy that sits between collector and device and captures every request frame on the
// wire, and a hand-written hostile device.
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ModbusScopeOptions } from '../../../src-shared/api/discovery-protocols.js';
import type { CollectorOutcome } from '../collector.js';
import { testRunContext } from '../collector-test-context.js';
import type { DiscoverySettings } from '../../../src-shared/api/discovery.js';
import { startDemoModbusPlant, type DemoModbusPlant, type DemoModbusPlantOptions } from './demo/demo-modbus-plant.js';
import { ModbusCollector } from './modbus-collector.js';

/** A high loopback port block unlikely to collide with parallel test files. */
export function randomBasePort(): number {
  return 30_000 + Math.floor(Math.random() * 1_500) * 20;
}

/** modbus-serial's ServerTCP cannot listen on port 0: try random port blocks until one is free. */
export async function startTestPlant(options: Omit<DemoModbusPlantOptions, 'basePort'> = {}): Promise<DemoModbusPlant> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startDemoModbusPlant({ ...options, basePort: randomBasePort() });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
    }
  }
}

export interface CapturedFrame {
  /** performance.now() when the proxy received the frame. */
  at: number;
  transactionId: number;
  unitId: number;
  functionCode: number;
  /** MEI type of a function 43 request. */
  mei?: number;
}

/** A TCP proxy on 127.0.0.1 that forwards to one device and parses every MBAP request frame it sees. */
export class RecordingProxy {
  readonly frames: CapturedFrame[] = [];
  connections = 0;
  openConnections = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(server: Server) {
    this.#server = server;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  static start(targetHost: string, targetPort: number): Promise<RecordingProxy> {
    const server = createServer();
    const proxy = new RecordingProxy(server);
    server.on('connection', (client) => proxy.#accept(client, targetHost, targetPort));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(proxy));
    });
  }

  functionCodes(): number[] {
    return [...new Set(this.frames.map((f) => f.functionCode))].sort((a, b) => a - b);
  }

  unitIds(): number[] {
    return [...new Set(this.frames.map((f) => f.unitId))].sort((a, b) => a - b);
  }

  close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket, targetHost: string, targetPort: number): void {
    this.connections += 1;
    this.openConnections += 1;
    const upstream = new Socket();
    this.#sockets.add(client);
    this.#sockets.add(upstream);
    let buffer = Buffer.alloc(0);
    let closed = false;
    const closeBoth = (): void => {
      if (!closed) {
        closed = true;
        this.openConnections -= 1;
      }
      client.destroy();
      upstream.destroy();
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 8) {
        const length = buffer.readUInt16BE(4);
        if (buffer.length < 6 + length) break;
        const frame: CapturedFrame = { at: performance.now(), transactionId: buffer.readUInt16BE(0), unitId: buffer.readUInt8(6), functionCode: buffer.readUInt8(7) };
        if (frame.functionCode === 43 && length >= 3) frame.mei = buffer.readUInt8(8);
        this.frames.push(frame);
        buffer = buffer.subarray(6 + length);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
    upstream.connect({ host: targetHost, port: targetPort });
  }
}

export const HOSTILE_BEHAVIOURS = [
  'wrong-length',
  'exception',
  'wrong-transaction-id',
  'garbage',
  'drop-mid-read',
  'never-answers',
  'wrong-unit',
  'oversized-frame',
  'more-follows-forever',
  'refuses-connection',
  'slow',
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

/** A hand-written device on 127.0.0.1 that misbehaves in one way; counts the requests it gets. */
export class HostileDevice {
  requests = 0;
  connections = 0;
  /** How late the 'slow' device answers: halfway into the retry of a 300 ms timeout. */
  slowReplyMs = 450;
  readonly behaviour: HostileBehaviour;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(behaviour: HostileBehaviour, server: Server) {
    this.behaviour = behaviour;
    this.#server = server;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  static async start(behaviour: HostileBehaviour): Promise<HostileDevice> {
    const server = createServer();
    const device = new HostileDevice(behaviour, server);
    server.on('connection', (socket) => device.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    if (behaviour === 'refuses-connection') {
      // Keep the port number but stop listening: connections are refused.
      const port = device.port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      Object.defineProperty(device, 'port', { value: port });
    }
    return device;
  }

  close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    if (!this.#server.listening) return Promise.resolve();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    this.connections += 1;
    this.#sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.#sockets.delete(socket));
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 8) {
        const length = buffer.readUInt16BE(4);
        if (buffer.length < 6 + length) break;
        const frame = buffer.subarray(0, 6 + length);
        buffer = buffer.subarray(6 + length);
        this.requests += 1;
        this.#answer(socket, frame);
      }
    });
  }

  #answer(socket: Socket, request: Buffer): void {
    const tid = request.readUInt16BE(0);
    const unit = request.readUInt8(6);
    const fc = request.readUInt8(7);
    const reply = (pdu: Buffer, options: { tid?: number; unit?: number; length?: number } = {}): void => {
      const header = Buffer.alloc(7);
      header.writeUInt16BE(options.tid ?? tid, 0);
      header.writeUInt16BE(0, 2);
      header.writeUInt16BE(options.length ?? pdu.length + 1, 4);
      header.writeUInt8(options.unit ?? unit, 6);
      socket.write(Buffer.concat([header, pdu]));
    };
    const count = fc <= 4 ? request.readUInt16BE(10) : 0;
    const goodRead = (): Buffer => (fc <= 2 ? Buffer.from([fc, Math.ceil(count / 8), ...Array<number>(Math.ceil(count / 8)).fill(0)]) : Buffer.from([fc, count * 2, ...Array<number>(count * 2).fill(0)]));
    switch (this.behaviour) {
      case 'wrong-length':
        // Byte count says 2 registers more than sent.
        if (fc === 43) reply(Buffer.from([43, 0x0e, 1, 0x01, 0, 0, 3, 0, 40, 0x41]));
        else reply(Buffer.from([fc, count * 2 + 4, 0, 1]));
        return;
      case 'exception':
        reply(Buffer.from([fc | 0x80, 0x04]));
        return;
      case 'wrong-transaction-id':
        reply(fc === 43 ? Buffer.from([43, 0x0e, 1, 0x01, 0, 0, 1, 0, 1, 0x41]) : goodRead(), { tid: (tid + 7) & 0xffff });
        return;
      case 'garbage':
        socket.write(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n<html>not modbus</html>'));
        return;
      case 'drop-mid-read':
        // Half a frame, then the connection goes away.
        socket.write(Buffer.from([request[0] ?? 0, request[1] ?? 0, 0, 0, 0, 20, unit, fc, 18]));
        setTimeout(() => socket.destroy(), 20);
        return;
      case 'never-answers':
        return;
      case 'wrong-unit':
        reply(fc === 43 ? Buffer.from([43, 0x0e, 1, 0x01, 0, 0, 1, 0, 1, 0x41]) : goodRead(), { unit: (unit + 1) & 0xff });
        return;
      case 'oversized-frame':
        reply(Buffer.from([fc, 2, 0, 0]), { length: 4000 });
        return;
      case 'more-follows-forever':
        // Claims more objects follow, always from the same next object id.
        if (fc === 43) reply(Buffer.from([43, 0x0e, request.readUInt8(9), 0x83, 0xff, 0x01, 1, 0x00, 3, 0x41, 0x42, 0x43]));
        else reply(Buffer.from([fc | 0x80, 0x02]));
        return;
      case 'refuses-connection':
        return;
      case 'slow': {
        // A correct reply, but later than the collector waits (a slow serial line behind a gateway).
        const pdu = fc === 43 ? Buffer.from([43, 0x0e, request.readUInt8(9), 0x01, 0, 0, 1, 0, 1, 0x41]) : goodRead();
        setTimeout(() => {
          if (!socket.destroyed) reply(pdu);
        }, this.slowReplyMs);
        return;
      }
    }
  }
}

/** Probes one target with a fresh session and disposes it; returns the outcome and the run's recorder. */
export async function probeOnce(
  target: { host: string; port: number },
  options: Partial<Omit<ModbusScopeOptions, 'protocol'>> = {},
  input: { settings?: Partial<DiscoverySettings>; dataDir?: string; depth?: 'identify' | 'full'; network?: string | null; signal?: AbortSignal } = {},
): Promise<{ outcome: CollectorOutcome; context: ReturnType<typeof testRunContext<'modbus'>>; warnings: readonly string[] }> {
  const context = testRunContext({
    options: { protocol: 'modbus', ...options },
    settings: { timeoutMs: 2000, retries: 0, ...input.settings },
    ...(input.dataDir ? { dataDir: input.dataDir } : {}),
    ...(input.depth ? { depth: input.depth } : {}),
    ...(input.network !== undefined ? { network: input.network } : {}),
  });
  const session = await new ModbusCollector().open(context);
  try {
    const outcome = await session.probe(target, input.signal ?? new AbortController().signal);
    return { outcome, context, warnings: session.warnings ?? [] };
  } finally {
    await session.dispose();
  }
}

/** A device on 127.0.0.1 that answers every request with seeded random bytes: sometimes a well-framed MBAP reply with a random PDU, sometimes raw noise. */
export class FuzzDevice {
  requests = 0;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #seed: number;

  private constructor(server: Server, seed: number) {
    this.#server = server;
    this.#seed = seed;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  static async start(seed: number): Promise<FuzzDevice> {
    const server = createServer();
    const device = new FuzzDevice(server, seed);
    server.on('connection', (socket) => {
      device.#sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => device.#sockets.delete(socket));
      socket.on('data', (chunk: Buffer) => device.#answer(socket, chunk));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return device;
  }

  close(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #random(): number {
    // mulberry32: deterministic, so a failure can be replayed from its seed.
    this.#seed = (this.#seed + 0x6d2b79f5) | 0;
    let t = this.#seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  #bytes(n: number): number[] {
    return Array.from({ length: n }, () => Math.floor(this.#random() * 256));
  }

  #answer(socket: Socket, request: Buffer): void {
    if (request.length < 8) return;
    this.requests += 1;
    const mode = this.#random();
    const fc = request.readUInt8(7);
    if (mode < 0.15) {
      socket.write(Buffer.from(this.#bytes(1 + Math.floor(this.#random() * 40))));
      return;
    }
    if (mode < 0.2) return; // silence
    // A framed reply with the right transaction and unit, the right function code (mostly), random body.
    const body = this.#bytes(Math.floor(this.#random() * 30));
    const code = this.#random() < 0.8 ? fc : this.#random() < 0.5 ? fc | 0x80 : Math.floor(this.#random() * 256);
    if (fc === 43 && this.#random() < 0.5) body.unshift(0x0e, request.readUInt8(9));
    const pdu = Buffer.from([code, ...body]);
    const header = Buffer.alloc(7);
    header.writeUInt16BE(request.readUInt16BE(0), 0);
    header.writeUInt16BE(0, 2);
    header.writeUInt16BE(pdu.length + 1, 4);
    header.writeUInt8(request.readUInt8(6), 6);
    socket.write(Buffer.concat([header, pdu]));
  }
}
