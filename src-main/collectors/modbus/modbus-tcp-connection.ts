// One Modbus TCP connection to one device: MBAP framing, transaction ids, one request at a time.
//
// Written here rather than taken from modbus-serial's client because that client (8.0.25) follows
// Read Device Identification's "more follows" by itself — extra requests that no safety guard
// sees, paces or bounds — and throws an uncaught TypeError when such a follow-up times out or
// fails, which would take the whole process down on a slow or hostile device. This class does
// nothing on its own initiative: it sends exactly the PDU it is given and checks the reply frame
// (protocol id, length, unit id, transaction id); the safety guard decides what may be sent.
import { Socket } from 'node:net';
import { ModbusError } from './modbus-error.js';

/** Largest MBAP length field: unit id + a 253-byte PDU. */
const MAX_MBAP_LENGTH = 254;
const MBAP_HEADER = 7;

export interface ModbusConnectOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

interface Pending {
  transactionId: number;
  unitId: number;
  resolve: (pdu: Buffer) => void;
  reject: (error: ModbusError) => void;
}

export class ModbusTcpConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: Pending | null = null;
  #nextTransactionId = 1;
  #broken: ModbusError | null = null;
  #closed = false;
  /** Frames whose transaction id no request of this connection ever had (a confused or hostile device). */
  strayFrames = 0;
  /** Replies to requests already abandoned after a timeout: the device is slower than the timeout. */
  lateFrames = 0;
  /** Transaction ids of the last abandoned requests. */
  readonly #abandoned: number[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.#fail(new ModbusError('network', `connection error ${error.code ?? error.message}`)));
    socket.on('close', () => this.#fail(new ModbusError('network', 'the device closed the connection')));
  }

  /** Opens the one TCP connection of a run to a device; rejects on refusal, timeout or cancel. */
  static connect(options: ModbusConnectOptions): Promise<ModbusTcpConnection> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new ModbusError('cancelled', 'run cancelled'));
        return;
      }
      const socket = new Socket();
      const finish = (error: ModbusError | null): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        socket.removeListener('error', onError);
        socket.removeListener('connect', onConnect);
        if (error) {
          socket.destroy();
          reject(error);
        } else {
          socket.setNoDelay(true);
          resolve(new ModbusTcpConnection(socket));
        }
      };
      const onConnect = (): void => finish(null);
      const onError = (error: NodeJS.ErrnoException): void =>
        finish(new ModbusError(error.code === 'ECONNREFUSED' ? 'no_response' : 'network', error.code === 'ECONNREFUSED' ? `connection to ${options.host}:${options.port} refused` : `cannot connect to ${options.host}:${options.port} (${error.code ?? error.message})`));
      const onAbort = (): void => finish(new ModbusError('cancelled', 'run cancelled'));
      const timer = setTimeout(() => finish(new ModbusError('no_response', `no TCP connection to ${options.host}:${options.port} within ${options.timeoutMs} ms`)), options.timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('connect', onConnect);
      socket.once('error', onError);
      socket.connect({ host: options.host, port: options.port });
    });
  }

  get isUsable(): boolean {
    return !this.#closed && this.#broken === null;
  }

  /**
   * Sends one PDU to a unit and resolves with the reply PDU. One request at a time: the caller (the
   * safety guard's DeviceChannel) serialises. `signal` abandons the wait (timeout or cancel); a
   * late reply to an abandoned request is recognised by its transaction id and dropped.
   */
  request(unitId: number, pdu: Buffer, signal?: AbortSignal): Promise<Buffer> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (this.#closed) return Promise.reject(new ModbusError('cancelled', 'connection closed'));
    if (this.#pending) return Promise.reject(new ModbusError('refused', 'a request is already outstanding on this connection'));
    if (signal?.aborted) return Promise.reject(new ModbusError('cancelled', 'request abandoned'));
    const transactionId = this.#nextTransactionId;
    this.#nextTransactionId = (this.#nextTransactionId % 0xffff) + 1;
    const frame = Buffer.alloc(MBAP_HEADER + pdu.length);
    frame.writeUInt16BE(transactionId, 0);
    frame.writeUInt16BE(0, 2);
    frame.writeUInt16BE(pdu.length + 1, 4);
    frame.writeUInt8(unitId, 6);
    pdu.copy(frame, MBAP_HEADER);
    return new Promise<Buffer>((resolve, reject) => {
      const onAbort = (): void => {
        if (this.#pending?.transactionId === transactionId) this.#pending = null;
        this.#abandoned.push(transactionId);
        if (this.#abandoned.length > 16) this.#abandoned.shift();
        reject(new ModbusError('cancelled', 'request abandoned'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending = {
        transactionId,
        unitId,
        resolve: (reply) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(reply);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.#socket.write(frame);
    });
  }

  /** Closes the connection (FIN first, so the device frees its slot at once); idempotent. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#rejectPending(new ModbusError('cancelled', 'connection closed'));
    if (this.#socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#socket.destroy(), 1000);
      this.#socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#socket.end();
    });
  }

  #onData(chunk: Buffer): void {
    if (this.#broken || this.#closed) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= MBAP_HEADER) {
      const transactionId = this.#buffer.readUInt16BE(0);
      const protocolId = this.#buffer.readUInt16BE(2);
      const length = this.#buffer.readUInt16BE(4);
      if (protocolId !== 0 || length < 2 || length > MAX_MBAP_LENGTH) {
        // Framing is lost: nothing after this can be trusted on this connection.
        this.#breakWith(new ModbusError('malformed', `reply frame with protocol id ${protocolId} and length ${length} is not Modbus TCP`));
        return;
      }
      if (this.#buffer.length < 6 + length) return;
      const unitId = this.#buffer.readUInt8(6);
      const pdu = Buffer.from(this.#buffer.subarray(MBAP_HEADER, 6 + length));
      this.#buffer = this.#buffer.subarray(6 + length);
      const pending = this.#pending;
      if (!pending || pending.transactionId !== transactionId) {
        if (this.#abandoned.includes(transactionId)) this.lateFrames += 1;
        else this.strayFrames += 1;
        continue;
      }
      this.#pending = null;
      if (unitId !== pending.unitId) pending.reject(new ModbusError('malformed', `reply from unit ${unitId} to a request for unit ${pending.unitId}`));
      else pending.resolve(pdu);
    }
  }

  #breakWith(error: ModbusError): void {
    this.#broken = error;
    this.#rejectPending(error);
    this.#socket.destroy();
  }

  #fail(error: ModbusError): void {
    if (this.#closed) return;
    if (!this.#broken) this.#broken = error;
    this.#rejectPending(error);
  }

  #rejectPending(error: ModbusError): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}
