// The UDP socket under a simulated device (the library's server side takes a transport): binds any
// loopback address and port (0 = a free one), keeps every datagram the device received — the
// device-side capture tests read to prove what a collector put on the wire — and turns a reply too
// large for one APDU into an Abort (segmentation not supported), as a real non-segmenting device does.
import { createSocket, type Socket } from 'node:dgram';
import { EventEmitter } from 'node:events';

export interface CapturedDatagram {
  from: string;
  data: Buffer;
}

/** Largest reply a simulated device sends in one piece (BACnet/IP: 1476-octet APDU + headers). */
const MAX_REPLY_OCTETS = 1497;

export class DemoBacnetTransport extends EventEmitter {
  readonly received: CapturedDatagram[] = [];
  readonly bound: Promise<{ address: string; port: number }>;
  readonly #socket: Socket;
  readonly #host: string;
  readonly #port: number;
  #closed = false;

  constructor(host: string, port: number) {
    super();
    this.#host = host;
    this.#port = port;
    this.#socket = createSocket({ type: 'udp4', reuseAddr: false });
    this.bound = new Promise((resolve, reject) => {
      this.#socket.once('error', reject);
      this.#socket.once('listening', () => {
        this.#socket.off('error', reject);
        this.#socket.on('error', () => undefined);
        const a = this.#socket.address();
        resolve({ address: a.address, port: a.port });
        this.emit('listening', { address: a.address, port: a.port });
      });
    });
    this.bound.catch(() => undefined);
    this.#socket.on('message', (msg, rinfo) => {
      const from = `${rinfo.address}:${rinfo.port}`;
      this.received.push({ from, data: Buffer.from(msg) });
      try {
        this.emit('message', msg, rinfo.port === 47808 ? rinfo.address : from);
      } catch {
        // a simulated device never dies of what it is sent
      }
    });
  }

  open(): void {
    this.#socket.bind(this.#port, this.#host);
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
    // Room for the encoder to overrun so that an oversize reply is detected and aborted, not cut.
    return 8192;
  }

  send(buffer: Buffer, offset: number, receiver?: string): void {
    if (!receiver || this.#closed) return; // simulated devices never broadcast off loopback
    const [host = '', port = ''] = receiver.split(':');
    let data = Buffer.from(buffer.subarray(0, offset));
    const apdu = apduOffset(data);
    if (data.length > MAX_REPLY_OCTETS && apdu !== undefined && (data[apdu]! >> 4) === 0x3) {
      // Complex ACK too big for one APDU: Abort, segmentation not supported.
      data = Buffer.from([0x81, 0x0a, 0x00, 0x09, 0x01, 0x00, 0x71, data[apdu + 1]!, 0x04]);
    }
    this.sendRaw(data, host, Number(port) || 47808);
  }

  /** Sends bytes exactly as given (hostile devices in tests). */
  sendRaw(data: Buffer, host: string, port: number): void {
    if (this.#closed) return;
    this.#socket.send(data, port, host);
  }
}

function apduOffset(data: Buffer): number | undefined {
  if (data.length < 6) return undefined;
  let o = data[1] === 0x04 ? 10 : 4;
  const control = data[o + 1] ?? 0;
  o += 2;
  if (control & 0x20) o += 3 + (data[o + 2] ?? 0);
  if (control & 0x08) o += 3 + (data[o + 2] ?? 0);
  if (control & 0x20) o += 1;
  return o < data.length ? o : undefined;
}
