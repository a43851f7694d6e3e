// The one send path for Modbus TCP. Every request to a device goes through its ModbusSafetyGuard,
// which reads the function code from the very bytes about to be sent and lets through only
// functions 1, 2, 3, 4 and 43 / MEI 14 (read coils, discrete inputs, holding and input registers,
// Read Device Identification). Anything else — writes (5, 6, 15, 16, 22, 23), diagnostics (8),
// other encapsulated interfaces (43 / 13) — is refused and recorded, never sent. Behind the
// allow-list a DeviceChannel enforces the breaker, one request at a time on the device's one
// connection, the run's per-device spacing and packet rate, the timeout and retries. Reads are
// split into protocol-sized requests (≤ 125 registers, ≤ 2000 bits).
import type { ModbusTable } from '../../../src-shared/api/discovery-protocols.js';
import type { RequestRecorder } from '../request-recorder.js';
import { DEFAULT_BREAKER_THRESHOLD, DeviceChannel, DeviceChannelError, type DeviceChannelLimits } from '../sweep/device-channel.js';
import type { RequestGate } from '../sweep/request-gate.js';
import type { Timing } from '../sweep/timing.js';
import { ModbusError, isGatewayMiss, isModbusError } from './modbus-error.js';
import {
  MAX_BITS_PER_READ,
  MAX_REGISTERS_PER_READ,
  MODBUS_READ_SERVICES,
  TABLE_FUNCTION,
  checkReplyFunction,
  deviceIdRequestPdu,
  parseBitReply,
  parseDeviceIdReply,
  parseRegisterReply,
  readRequestPdu,
  serviceOfPdu,
  type DeviceIdPage,
} from './modbus-pdu.js';
import { ModbusTcpConnection } from './modbus-tcp-connection.js';

export const MODBUS_PROTOCOL = 'modbus';
const ALLOWED: ReadonlySet<string> = new Set(MODBUS_READ_SERVICES);

export interface ModbusSafetyGuardOptions {
  host: string;
  port: number;
  gate: RequestGate;
  recorder: RequestRecorder;
  timing: Timing;
  limits: Omit<DeviceChannelLimits, 'breakerThreshold'> & { breakerThreshold?: number };
  signal?: AbortSignal;
}

export class ModbusSafetyGuard {
  readonly host: string;
  readonly port: number;
  readonly #options: ModbusSafetyGuardOptions;
  readonly #channel: DeviceChannel<string>;
  #connection: ModbusTcpConnection | null = null;
  /** Unit ids that sent any reply (data or an exception other than a gateway's "no answer"). */
  readonly #answeredUnits = new Set<number>();

  constructor(options: ModbusSafetyGuardOptions) {
    this.host = options.host;
    this.port = options.port;
    this.#options = options;
    this.#channel = new DeviceChannel<string>({
      protocol: MODBUS_PROTOCOL,
      host: options.host,
      port: options.port,
      allowed: ALLOWED,
      gate: options.gate,
      recorder: options.recorder,
      timing: options.timing,
      limits: { breakerThreshold: DEFAULT_BREAKER_THRESHOLD, ...options.limits },
      ...(options.signal ? { signal: options.signal } : {}),
      // An exception reply is a device answering properly ("no such register"): not misbehaviour.
      countsAsFailure: (error) => !(isModbusError(error) && error.reason === 'exception'),
    });
  }

  /** Opens the device's one TCP connection for this run. */
  async open(): Promise<void> {
    if (this.#connection) return;
    this.#connection = await ModbusTcpConnection.connect({
      host: this.host,
      port: this.port,
      timeoutMs: this.#options.limits.timeoutMs,
      ...(this.#options.signal ? { signal: this.#options.signal } : {}),
    });
  }

  get requestCount(): number {
    return this.#channel.requestCount;
  }

  get breakerOpen(): boolean {
    return this.#channel.breakerOpen;
  }

  /** False once the device closed the connection or broke its framing: nothing more can be asked. */
  get connectionUsable(): boolean {
    return this.#connection?.isUsable ?? false;
  }

  /** Whether the unit answered anything in this run (an exception reply is an answer). */
  answered(unitId: number): boolean {
    return this.#answeredUnits.has(unitId);
  }

  /**
   * The single entry point: sends one PDU to one unit if, and only if, its function code is on the
   * allow-list, and parses the reply with `parse`. Everything below funnels through here.
   */
  async sendPdu<T = Buffer>(unitId: number, pdu: Buffer, parse: (reply: Buffer) => T = (reply) => reply as T): Promise<T> {
    const service = serviceOfPdu(pdu);
    const code = pdu[0] ?? -1;
    const connection = this.#connection;
    if (ALLOWED.has(service)) {
      if (!connection) throw new ModbusError('network', `no connection to ${this.host}:${this.port}`);
      if (!connection.isUsable) throw new ModbusError('network', `the connection to ${this.host}:${this.port} is closed`);
    }
    const strayBefore = connection?.strayFrames ?? 0;
    const lateBefore = connection?.lateFrames ?? 0;
    try {
      const reply = await this.#channel.send(
        service,
        async ({ signal }) => {
          // Reached only for allowed services (the channel refuses the rest before calling this).
          if (!connection) throw new ModbusError('network', 'no connection');
          const pduReply = await connection.request(unitId, pdu, signal);
          // Parsed inside the channel: an exception reply is an error it does not count against the
          // device, a malformed one counts toward the breaker like a timeout.
          checkReplyFunction(pduReply, code);
          return parse(pduReply);
        },
        { code },
      );
      this.#answeredUnits.add(unitId);
      return reply;
    } catch (error) {
      if (isModbusError(error) && error.reason === 'exception' && !isGatewayMiss(error)) this.#answeredUnits.add(unitId);
      if (error instanceof DeviceChannelError) {
        if (error.reason === 'timeout' && connection && connection.strayFrames > strayBefore) {
          throw new ModbusError('malformed', `no reply matched the request: ${connection.strayFrames - strayBefore} frame(s) carried other transaction ids`);
        }
        if (error.reason === 'timeout' && connection && connection.lateFrames > lateBefore) {
          throw new ModbusError('timeout', `${error.message}; replies to earlier requests arrived after their timeout (the device or its serial line is slower than ${this.#options.limits.timeoutMs} ms)`);
        }
        throw new ModbusError(error.reason, error.message);
      }
      if (isModbusError(error)) throw error;
      throw new ModbusError('malformed', 'reply could not be processed');
    }
  }

  /** Reads `count` registers or bits from a table, in protocol-sized requests; bits come back as 0/1. */
  async readTable(unitId: number, table: ModbusTable, start: number, count: number): Promise<number[]> {
    const functionCode = TABLE_FUNCTION[table];
    const perRead = functionCode <= 2 ? MAX_BITS_PER_READ : MAX_REGISTERS_PER_READ;
    if (start < 0 || start + count > 65536) throw new ModbusError('limit', `${table} ${start}+${count} runs past address 65535`);
    const out: number[] = [];
    for (let at = start; at < start + count; at += perRead) {
      const n = Math.min(perRead, start + count - at);
      const values = await this.sendPdu(unitId, readRequestPdu(functionCode, at, n), (reply) =>
        functionCode === 1 || functionCode === 2 ? parseBitReply(reply, functionCode, n).map((b) => (b ? 1 : 0)) : parseRegisterReply(reply, functionCode, n),
      );
      out.push(...values);
    }
    return out;
  }

  readHoldingRegisters(unitId: number, start: number, count: number): Promise<number[]> {
    return this.readTable(unitId, 'holding_registers', start, count);
  }

  async readDeviceIdPage(unitId: number, readDeviceIdCode: 1 | 2 | 3, objectId: number): Promise<DeviceIdPage> {
    return this.sendPdu(unitId, deviceIdRequestPdu(readDeviceIdCode, objectId), (reply) => parseDeviceIdReply(reply, readDeviceIdCode));
  }

  /** Closes the connection; after it resolves nothing more is sent to the device. */
  async close(): Promise<void> {
    this.#options.gate.release(`${this.host}:${this.port}`);
    await this.#connection?.close();
  }
}
