// The UDP socket under the BACnet client, and the wire half of the safety guard. The library sends
// every datagram through `send`, which reads it (bacnet-wire.ts) and refuses anything that is not
// an allowed read or identify service, so even a library call nobody routed through a DeviceChannel
// (or a library reflex such as answering a request with an Error PDU) never reaches the wire. It
// also clears "segmented response accepted" on every confirmed request: segmented replies are the
// library's weak spot (one reassembly buffer for all devices), so a device whose reply does not fit
// one APDU answers with an Abort and the reader falls back to smaller requests.
// Incoming datagrams are read before the library sees them: oversize, unreadable and unsolicited
// ones (replies to an invoke id not pending for that sender, requests addressed to us, anything but
// I-Am / I-Have / BVLC-Result) are dropped and counted; the library's handlers run inside a
// try/catch so a datagram it chokes on cannot crash the process.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';
import type { RequestRecorder } from '../request-recorder.js';
import { DeviceChannelError } from '../sweep/device-channel.js';
import type { Timing } from '../sweep/timing.js';
import { BVLC, innerServiceName, PDU, readBacnetDatagram, type BacnetDatagram } from './bacnet-wire.js';

export const BACNET_PORT = 47808;
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Services the guard lets onto the wire (DeviceChannel names and wire names are the same). */
export const BACNET_ALLOWED_SERVICES = [
  'Who-Is',
  'Who-Has',
  'ReadProperty',
  'ReadPropertyMultiple',
  'Who-Is-Router-To-Network',
  'Register-Foreign-Device',
  'Distribute-Broadcast-To-Network',
] as const;
export type BacnetAllowedService = (typeof BACNET_ALLOWED_SERVICES)[number];
const ALLOWED = new Set<string>(BACNET_ALLOWED_SERVICES);
/** Inside a Distribute-Broadcast-To-Network only the unconfirmed identify services may travel. */
const ALLOWED_BROADCAST = new Set(['Who-Is', 'Who-Has']);

export interface TransportDropCounts {
  oversize: number;
  malformed: number;
  unsolicited: number;
  libraryError: number;
}

export interface GuardedTransportOptions {
  localAddress: string;
  localPort: number;
  recorder: RequestRecorder;
  timing: Timing;
  /** Larger datagrams are dropped (BACnet/IP's own maximum is 1497 octets). */
  maxDatagramBytes?: number;
}

/** "a.b.c.d:port", always with the port (the library leaves out 47808). */
export function normaliseBacnetAddress(address: string): string {
  const [host, port] = address.split(':');
  return `${host}:${port ? Number(port) : BACNET_PORT}`;
}

export class GuardedBacnetTransport extends EventEmitter {
  readonly #o: GuardedTransportOptions;
  readonly #socket: Socket;
  readonly #pending = new Map<number, string>();
  readonly drops: TransportDropCounts = { oversize: 0, malformed: 0, unsolicited: 0, libraryError: 0 };
  readonly bound: Promise<{ address: string; port: number }>;
  #closed = false;
  /** Datagrams put on the wire. */
  sent = 0;

  constructor(options: GuardedTransportOptions) {
    super();
    this.#o = options;
    this.#socket = createSocket({ type: 'udp4', reuseAddr: false });
    this.bound = new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        const where = `${options.localAddress}:${options.localPort}`;
        const hint = error.code === 'EADDRINUSE' ? ' (another BACnet stack or tool holds it: choose another local port)' : '';
        reject(new Error(`cannot bind UDP ${where} for BACnet/IP: ${error.code ?? error.message}${hint}`));
      };
      this.#socket.once('error', onError);
      this.#socket.once('listening', () => {
        this.#socket.off('error', onError);
        this.#socket.on('error', (error) => this.#emitSafely('error', error));
        // Many devices answering one Who-Is round at once overflow the default receive buffer and
        // their replies are lost to the kernel (the OS caps this at its own maximum).
        try {
          this.#socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
        } catch {
          // keep the default
        }
        const a = this.#socket.address();
        resolve({ address: a.address, port: a.port });
        this.#emitSafely('listening', { address: a.address, port: a.port });
      });
    });
    this.bound.catch(() => undefined);
    this.#socket.on('message', (msg, rinfo) => this.#receive(msg, rinfo));
  }

  // --- the library's transport interface -------------------------------------------------------

  open(): void {
    this.#socket.bind(this.#o.localPort, this.#o.localAddress);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#socket.close();
    } catch {
      // already closed
    }
  }

  getBroadcastAddress(): string {
    return '255.255.255.255';
  }

  getMaxPayload(): number {
    return 1482;
  }

  send(buffer: Buffer, offset: number, receiver?: string): void {
    const data = Buffer.from(buffer.subarray(0, offset));
    const reading = readBacnetDatagram(data);
    const service = reading.ok ? reading.datagram.service : 'unreadable';
    if (!receiver) return this.#refuse('0.0.0.0', BACNET_PORT, `${service} (global broadcast)`, 'global broadcasts are never sent');
    const to = normaliseBacnetAddress(receiver);
    const [host = '', portText = ''] = to.split(':');
    const port = Number(portText);
    if (!reading.ok) return this.#refuse(host, port, service, `the datagram does not read as BACnet/IP (${reading.reason})`);
    const datagram = reading.datagram;
    const refusal = refusalOf(datagram);
    if (refusal) return this.#refuse(host, port, datagram.service, refusal, datagram.code);
    if (this.#closed) throw new DeviceChannelError('cancelled', 'the BACnet session is closed');
    const apdu = datagram.apdu;
    if (apdu && apdu.pduType === PDU.CONFIRMED_REQUEST && apdu.invokeId !== undefined) {
      // Never accept segmented replies (see the header): clear the bit and ask for one segment.
      data[apdu.offset] = data[apdu.offset]! & ~0x02;
      data[apdu.offset + 1] = data[apdu.offset + 1]! & 0x0f;
      this.#pending.set(apdu.invokeId, to);
    }
    this.sent += 1;
    this.#socket.send(data, port, host);
  }

  // --- incoming ----------------------------------------------------------------------------------

  #receive(msg: Buffer, rinfo: RemoteInfo): void {
    if (this.#closed) return;
    if (msg.length > (this.#o.maxDatagramBytes ?? 1497)) {
      this.drops.oversize += 1;
      return;
    }
    const reading = readBacnetDatagram(msg);
    if (!reading.ok) {
      this.drops.malformed += 1;
      return;
    }
    const from = `${rinfo.address}:${rinfo.port}`;
    const datagram = reading.datagram;
    if (!this.#accepts(datagram, from)) return;
    // The library writes the port only when it is not 47808.
    this.#emitSafely('message', msg, rinfo.port === BACNET_PORT ? rinfo.address : from);
  }

  #accepts(datagram: BacnetDatagram, from: string): boolean {
    if (datagram.bvlcFunction === BVLC.RESULT) return true;
    const carriesNpdu = datagram.bvlcFunction === BVLC.ORIGINAL_UNICAST_NPDU || datagram.bvlcFunction === BVLC.ORIGINAL_BROADCAST_NPDU || datagram.bvlcFunction === BVLC.FORWARDED_NPDU;
    const apdu = datagram.apdu;
    if (!carriesNpdu || !apdu) return this.#unsolicited();
    switch (apdu.pduType) {
      case PDU.UNCONFIRMED_REQUEST:
        return apdu.service === 0 || apdu.service === 1 ? true : this.#unsolicited(); // I-Am, I-Have
      case PDU.SIMPLE_ACK:
      case PDU.COMPLEX_ACK:
      case PDU.ERROR:
      case PDU.REJECT:
      case PDU.ABORT: {
        const invokeId = apdu.invokeId ?? -1;
        if (this.#pending.get(invokeId) !== from) return this.#unsolicited();
        this.#pending.delete(invokeId);
        if (apdu.pduType === PDU.COMPLEX_ACK && apdu.segmented) {
          // We asked for no segmentation: answer the library's request with an Abort instead.
          this.#emitSafely('message', syntheticAbort(invokeId), from.endsWith(`:${BACNET_PORT}`) ? from.split(':')[0]! : from);
          return false;
        }
        return true;
      }
      default:
        return this.#unsolicited();
    }
  }

  #unsolicited(): false {
    this.drops.unsolicited += 1;
    return false;
  }

  #refuse(host: string, port: number, service: string, why: string, code?: number): never {
    this.#o.recorder.record({ protocol: 'bacnet', host, port, service, ...(code !== undefined ? { code } : {}), allowed: false, atMs: this.#o.timing.nowMs() });
    throw new DeviceChannelError('refused', `BACnet ${service} to ${host}:${port} refused: ${why}`);
  }

  #emitSafely(event: string, ...args: unknown[]): void {
    try {
      this.emit(event, ...args);
    } catch {
      this.drops.libraryError += 1;
    }
  }
}

/** Why a datagram may not be sent, or null when it is an allowed read or identify request. */
export function refusalOf(datagram: BacnetDatagram): string | null {
  if (!ALLOWED.has(datagram.service)) return `${datagram.service} is not a read or identify service`;
  if (datagram.bvlcFunction === BVLC.DISTRIBUTE_BROADCAST_TO_NETWORK) {
    const inner = innerServiceName(datagram);
    if (!inner || !ALLOWED_BROADCAST.has(inner)) return `only Who-Is and Who-Has are broadcast through a BBMD (not ${inner ?? 'this'})`;
    return null;
  }
  if (datagram.bvlcFunction === BVLC.REGISTER_FOREIGN_DEVICE) return null;
  if (datagram.bvlcFunction !== BVLC.ORIGINAL_UNICAST_NPDU) return `BVLC function ${datagram.bvlcFunction} is never sent`;
  if (datagram.networkMessage !== undefined) return null; // Who-Is-Router-To-Network (checked by name above)
  const apdu = datagram.apdu;
  if (!apdu) return 'no APDU';
  if (apdu.pduType !== PDU.CONFIRMED_REQUEST && apdu.pduType !== PDU.UNCONFIRMED_REQUEST) return 'only requests are sent';
  if (apdu.segmented) return 'segmented requests are never sent';
  return null;
}

function syntheticAbort(invokeId: number): Buffer {
  // BVLC Original-Unicast, NPDU version 1 / no control, APDU Abort from server, reason 4 (segmentation not supported).
  return Buffer.from([0x81, BVLC.ORIGINAL_UNICAST_NPDU, 0x00, 0x09, 0x01, 0x00, 0x71, invokeId, 0x04]);
}
