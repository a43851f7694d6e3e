// Shared helpers for the BACnet tests: a run context on loopback with short waits, what a device
// was sent (read from its raw capture), and a hand-written hostile device that answers Who-Is
// properly and then misbehaves on every confirmed request.
import { createSocket, type Socket } from 'node:dgram';
import type { DiscoveryScopeOptionsInput } from '../../../src-shared/api/discovery-protocols.js';
import type { DiscoverySettings } from '../../../src-shared/api/discovery.js';
import { testRunContext } from '../collector-test-context.js';
import { PDU, readBacnetDatagram, innerServiceName } from './bacnet-wire.js';
import { encodeRoutedIAm, encodeRoutedReadPropertyAck, encodeRoutedError } from './demo/demo-bacnet-codec.js';
import type { CapturedDatagram } from './demo/demo-bacnet-transport.js';

type BacnetInput = Omit<Extract<DiscoveryScopeOptionsInput, { protocol: 'bacnet' }>, 'protocol'>;

/** A run context whose collector binds 127.0.0.1 on a free port, with short waits for tests. */
export function bacnetTestContext(options: BacnetInput = {}, settings: Partial<DiscoverySettings> = {}) {
  return testRunContext({
    options: { protocol: 'bacnet', localAddress: '127.0.0.1', localPort: 0, iAmWaitMs: 400, ...options },
    settings: { timeoutMs: 1500, retries: 0, ...settings },
  });
}

/** Every service name found in datagrams a device received (inner service of a BBMD broadcast too). */
export function servicesIn(captured: readonly CapturedDatagram[]): string[] {
  const names: string[] = [];
  for (const c of captured) {
    const reading = readBacnetDatagram(c.data);
    if (!reading.ok) {
      names.push(`unreadable:${reading.reason}`);
      continue;
    }
    names.push(reading.datagram.service);
    const inner = innerServiceName(reading.datagram);
    if (inner && inner !== reading.datagram.service) names.push(inner);
  }
  return names;
}

export type HostileMode =
  | 'garbage' // random bytes for every confirmed request
  | 'truncated' // a ReadProperty ACK cut short (BVLC length fixed up)
  | 'wrong-invoke' // a valid ACK with another invoke id
  | 'oversize' // a 3000-octet datagram
  | 'segmented' // a segmented ComplexACK although segmentation was refused
  | 'error' // Error for every request
  | 'reject' // Reject for every request
  | 'abort' // Abort for every request
  | 'silent' // I-Am, then nothing
  | 'flood'; // answers Who-Is with `floodCount` I-Ams of different instances (and Error to reads)

export interface HostileDeviceOptions {
  host: string;
  mode: HostileMode;
  instance?: number;
  floodCount?: number;
}

export class HostileBacnetDevice {
  readonly received: CapturedDatagram[] = [];
  readonly host: string;
  port = 0;
  readonly #o: HostileDeviceOptions;
  readonly #socket: Socket;

  private constructor(options: HostileDeviceOptions, socket: Socket) {
    this.#o = options;
    this.host = options.host;
    this.#socket = socket;
    socket.on('message', (msg, rinfo) => {
      this.received.push({ from: `${rinfo.address}:${rinfo.port}`, data: Buffer.from(msg) });
      this.#handle(msg, rinfo.address, rinfo.port);
    });
  }

  static async start(options: HostileDeviceOptions): Promise<HostileBacnetDevice> {
    const socket = createSocket('udp4');
    const device = new HostileBacnetDevice(options, socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    device.port = socket.address().port;
    return device;
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  close(): void {
    try {
      this.#socket.close();
    } catch {
      // already closed
    }
  }

  #handle(msg: Buffer, host: string, port: number): void {
    const reading = readBacnetDatagram(msg);
    if (!reading.ok || !reading.datagram.apdu) return;
    const a = reading.datagram.apdu;
    const send = (data: Buffer): void => void this.#socket.send(data, port, host);
    const instance = this.#o.instance ?? 9000;
    if (a.pduType === PDU.UNCONFIRMED_REQUEST && a.service === 8) {
      const count = this.#o.mode === 'flood' ? (this.#o.floodCount ?? 200) : 1;
      for (let i = 0; i < count; i++) send(encodeRoutedIAm(undefined, instance + i, 999));
      return;
    }
    if (a.pduType !== PDU.CONFIRMED_REQUEST || a.invokeId === undefined) return;
    const invokeId = a.invokeId;
    const ack = encodeRoutedReadPropertyAck(undefined, invokeId, { type: 8, instance }, { id: 77, index: 0xffffffff }, [{ type: 7, value: 'HOSTILE-DEVICE-NAME' }]);
    switch (this.#o.mode) {
      case 'garbage':
        return send(Buffer.from(Array.from({ length: 40 }, (_, i) => (i * 97 + invokeId * 13) & 0xff)));
      case 'truncated': {
        const cut = Buffer.from(ack.subarray(0, ack.length - 8));
        cut.writeUInt16BE(cut.length, 2);
        return send(cut);
      }
      case 'wrong-invoke':
        return send(encodeRoutedReadPropertyAck(undefined, (invokeId + 1) & 0xff, { type: 8, instance }, { id: 77, index: 0xffffffff }, [{ type: 7, value: 'WRONG' }]));
      case 'oversize': {
        const big = Buffer.alloc(3000, 0x41);
        big[0] = 0x81;
        big[1] = 0x0a;
        big.writeUInt16BE(3000, 2);
        big[4] = 0x01;
        big[5] = 0x00;
        big[6] = 0x30;
        big[7] = invokeId;
        return send(big);
      }
      case 'segmented': {
        // ComplexACK with the segmented-message and more-follows bits, sequence 0, window 1.
        return send(Buffer.from([0x81, 0x0a, 0x00, 0x0d, 0x01, 0x00, 0x3c, invokeId, 0x00, 0x01, a.service ?? 12, 0x0c, 0x02]));
      }
      case 'error':
      case 'flood':
        return send(encodeRoutedError(undefined, a.service ?? 12, invokeId, 0, 0));
      case 'reject':
        return send(Buffer.from([0x81, 0x0a, 0x00, 0x09, 0x01, 0x00, 0x60, invokeId, 0x09]));
      case 'abort':
        return send(Buffer.from([0x81, 0x0a, 0x00, 0x09, 0x01, 0x00, 0x71, invokeId, 0x00]));
      default:
        return;
    }
  }
}
