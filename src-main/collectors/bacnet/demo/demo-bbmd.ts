// A small BBMD stand-in on loopback (real datagrams): accepts Register-Foreign-Device (BVLC-Result
// 0 = success, or a NAK when told to refuse), relays a registered foreign device's
// Distribute-Broadcast-To-Network as Forwarded-NPDU to every device of its network, and relays what
// those devices send it (their I-Am "broadcasts") as Forwarded-NPDU to every registered foreign
// device. An unregistered sender's broadcast is refused with a NAK. Every datagram is kept.
import { createSocket, type Socket } from 'node:dgram';
import { BVLC } from '../bacnet-wire.js';
import { encodeBvlcResult, forwardedNpdu } from './demo-bacnet-codec.js';
import type { CapturedDatagram } from './demo-bacnet-transport.js';

const REGISTER_NAK = 0x0030;
const DISTRIBUTE_NAK = 0x0060;

export interface DemoBbmdOptions {
  host: string;
  port: number;
  /** "host:port" of each device on the BBMD's own network. */
  members: string[];
  /** Refuse every registration (a BBMD that does not accept foreign devices). */
  refuseRegistration?: boolean;
}

export class DemoBbmd {
  readonly host: string;
  readonly port: number;
  readonly received: CapturedDatagram[] = [];
  /** Registered foreign devices: "host:port" → TTL in seconds. */
  readonly foreignDevices = new Map<string, number>();
  readonly #members: string[];
  readonly #refuse: boolean;
  readonly #socket: Socket;

  private constructor(options: DemoBbmdOptions, socket: Socket, port: number) {
    this.host = options.host;
    this.port = port;
    this.#members = options.members;
    this.#refuse = options.refuseRegistration ?? false;
    this.#socket = socket;
    socket.on('message', (msg, rinfo) => {
      this.received.push({ from: `${rinfo.address}:${rinfo.port}`, data: Buffer.from(msg) });
      this.#handle(msg, `${rinfo.address}:${rinfo.port}`);
    });
  }

  static async start(options: DemoBbmdOptions): Promise<DemoBbmd> {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    const port = await new Promise<number>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        resolve(socket.address().port);
      });
    });
    return new DemoBbmd(options, socket, port);
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** Devices join after start when their ports are only known then. */
  addMember(address: string): void {
    this.#members.push(address);
  }

  close(): void {
    try {
      this.#socket.close();
    } catch {
      // already closed
    }
  }

  #send(data: Buffer, to: string): void {
    const [host = '', port = ''] = to.split(':');
    this.#socket.send(data, Number(port), host);
  }

  #handle(msg: Buffer, from: string): void {
    if (msg.length < 4 || msg[0] !== 0x81 || msg.readUInt16BE(2) !== msg.length) return;
    switch (msg[1]) {
      case BVLC.REGISTER_FOREIGN_DEVICE: {
        if (msg.length !== 6) return;
        if (this.#refuse) return this.#send(encodeBvlcResult(REGISTER_NAK), from);
        this.foreignDevices.set(from, msg.readUInt16BE(4));
        return this.#send(encodeBvlcResult(0), from);
      }
      case BVLC.DISTRIBUTE_BROADCAST_TO_NETWORK: {
        if (!this.foreignDevices.has(from)) return this.#send(encodeBvlcResult(DISTRIBUTE_NAK), from);
        const forwarded = forwardedNpdu(msg.subarray(4), from);
        for (const member of this.#members) this.#send(forwarded, member);
        return;
      }
      case BVLC.ORIGINAL_UNICAST_NPDU:
      case BVLC.ORIGINAL_BROADCAST_NPDU: {
        // A member's reply to a relayed broadcast: pass it on to every foreign device.
        if (!this.#members.includes(from)) return;
        const forwarded = forwardedNpdu(msg.subarray(4), from);
        for (const fd of this.foreignDevices.keys()) this.#send(forwarded, fd);
        return;
      }
      default:
        return;
    }
  }
}
