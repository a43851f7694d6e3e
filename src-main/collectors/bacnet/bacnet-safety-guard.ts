// The one guarded send path for BACnet/IP. A BacnetSafetyGuard owns the run's single UDP socket
// (GuardedBacnetTransport) and the library client on top of it, and exposes only the read and
// identify operations the collector needs, each sent through a DeviceChannel whose allow-list is
// Who-Is, Who-Has, ReadProperty, ReadPropertyMultiple, Who-Is-Router-To-Network,
// Register-Foreign-Device and Distribute-Broadcast-To-Network. Anything else (WriteProperty,
// ReinitializeDevice, DeviceCommunicationControl, ...) is refused and recorded by the channel, and
// refused again by the transport if it ever reached the library. A channel serves one device: one
// outstanding request at a time, the run's gate (spacing, global rate), timeout, retries, breaker.
import type { BACNetReadAccessSpecification, DecodeAcknowledgeMultipleResult, DecodeAcknowledgeSingleResult, IAMResult, BACnetMessageHeader } from '@bacnet-js/client';
import type { RequestRecorder } from '../request-recorder.js';
import { DeviceChannel, type DeviceChannelLimits } from '../sweep/device-channel.js';
import type { RequestGate } from '../sweep/request-gate.js';
import type { Timing } from '../sweep/timing.js';
import { isProtocolReply } from './bacnet-error.js';
import { BACNET_ARRAY_ALL, createBacnetClient, type BACNetAddress, type BacnetClient } from './bacnet-library.js';
import { BACNET_ALLOWED_SERVICES, GuardedBacnetTransport, normaliseBacnetAddress, type TransportDropCounts } from './bacnet-transport.js';

export { BACNET_ALLOWED_SERVICES } from './bacnet-transport.js';

/** Where a device is: its IP address (or its router's) and, behind a router, network number and MAC. */
export interface BacnetDeviceAddress {
  /** "a.b.c.d:port" of the device, or of the router it sits behind. */
  address: string;
  /** Remote network number (DNET/SNET) for a routed device. */
  net?: number;
  /** MAC on that network (SADR). */
  adr?: number[];
}

export interface BacnetIAm {
  instance: number;
  vendorId: number;
  maxApdu: number;
  segmentation: number;
  device: BacnetDeviceAddress;
  /** The address the I-Am came from (the device, its router, or the BBMD that forwarded it). */
  receivedFrom: string;
}

export interface InstanceRange {
  low: number;
  high: number;
}

export interface BacnetGuardOptions {
  localAddress: string;
  localPort: number;
  gate: RequestGate;
  recorder: RequestRecorder;
  timing: Timing;
  limits: DeviceChannelLimits;
}

export type BacnetChannel = DeviceChannel<string>;

export class BacnetSafetyGuard {
  readonly #o: BacnetGuardOptions;
  readonly #transport: GuardedBacnetTransport;
  readonly #client: BacnetClient;
  readonly #iAmListeners = new Set<(iAm: BacnetIAm) => void>();
  readonly local: { address: string; port: number };
  #closed = false;

  private constructor(options: BacnetGuardOptions, transport: GuardedBacnetTransport, client: BacnetClient, local: { address: string; port: number }) {
    this.#o = options;
    this.#transport = transport;
    this.#client = client;
    this.local = local;
    client.on('iAm', (content) => this.#onIAm(content.payload, content.header));
  }

  /** Binds the run's one socket; rejects with a readable error when the port is taken. */
  static async open(options: BacnetGuardOptions): Promise<BacnetSafetyGuard> {
    const transport = new GuardedBacnetTransport({ localAddress: options.localAddress, localPort: options.localPort, recorder: options.recorder, timing: options.timing });
    // The library times a request out on its own too; let the channel's timeout (and retries) win.
    const longest = options.limits.timeoutMs * Math.pow(Math.max(1, options.limits.backoff), options.limits.retries);
    const client = createBacnetClient({ transport, apduTimeout: Math.ceil(longest) + 1000 });
    client.on('error', () => undefined); // socket errors surface as timeouts of the requests they hit
    try {
      const local = await transport.bound;
      return new BacnetSafetyGuard(options, transport, client, local);
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** A channel for one device (or the BBMD): one outstanding request, the run's pacing and breaker. */
  channel(address: string, signal?: AbortSignal): BacnetChannel {
    const [host = '', port = ''] = normaliseBacnetAddress(address).split(':');
    return new DeviceChannel<string>({
      protocol: 'bacnet',
      host,
      port: Number(port),
      allowed: new Set<string>(BACNET_ALLOWED_SERVICES),
      gate: this.#o.gate,
      recorder: this.#o.recorder,
      timing: this.#o.timing,
      limits: this.#o.limits,
      countsAsFailure: (error) => !isProtocolReply(error),
      ...(signal ? { signal } : {}),
    });
  }

  /** Calls `listener` for every I-Am the socket receives until the returned function is called. */
  onIAm(listener: (iAm: BacnetIAm) => void): () => void {
    this.#iAmListeners.add(listener);
    return () => this.#iAmListeners.delete(listener);
  }

  get drops(): TransportDropCounts {
    return this.#transport.drops;
  }

  /** Datagrams actually put on the wire by this guard. */
  get datagramsSent(): number {
    return this.#transport.sent;
  }

  whoIs(channel: BacnetChannel, to: BacnetDeviceAddress, range: InstanceRange): Promise<void> {
    return channel.send('Who-Is', async () => this.#client.whoIs(receiver(to), { lowLimit: range.low, highLimit: range.high }), { retry: false, code: 8 });
  }

  /** Who-Is broadcast on the BBMD's network (Distribute-Broadcast-To-Network). */
  whoIsThroughBbmd(channel: BacnetChannel, bbmd: string, range: InstanceRange): Promise<void> {
    return channel.send('Distribute-Broadcast-To-Network', async () => this.#client.whoIsThroughBBMD({ address: bbmd }, { lowLimit: range.low, highLimit: range.high }), { retry: false, code: 9 });
  }

  registerForeignDevice(channel: BacnetChannel, bbmd: string, ttlSeconds: number): Promise<void> {
    return channel.send('Register-Foreign-Device', () => this.#client.registerForeignDevice({ address: bbmd }, ttlSeconds), { code: 5 });
  }

  readProperty(channel: BacnetChannel, to: BacnetDeviceAddress, objectId: { type: number; instance: number }, propertyId: number, arrayIndex: number = BACNET_ARRAY_ALL): Promise<DecodeAcknowledgeSingleResult> {
    return channel.send('ReadProperty', () => this.#client.readProperty(receiver(to), objectId, propertyId, { arrayIndex }), { code: 12 });
  }

  readPropertyMultiple(channel: BacnetChannel, to: BacnetDeviceAddress, specs: BACNetReadAccessSpecification[]): Promise<DecodeAcknowledgeMultipleResult> {
    return channel.send('ReadPropertyMultiple', () => this.#client.readPropertyMultiple(receiver(to), specs), { code: 14 });
  }

  /**
   * The generic path, for callers (and tests) that name a service themselves: anything outside the
   * allow-list is refused by the channel and recorded; nothing is sent.
   */
  send<T>(channel: BacnetChannel, service: string, request: (client: BacnetClient) => Promise<T>): Promise<T> {
    return channel.send(service, () => request(this.#client));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#iAmListeners.clear();
    this.#client.close();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  #onIAm(payload: IAMResult | undefined, header: BACnetMessageHeader | undefined): void {
    if (!payload || !header?.sender?.address) return;
    const { deviceId, vendorId, maxApdu, segmentation } = payload;
    if (!isUint(deviceId, 4_194_303) || !isUint(vendorId, 65_535)) return;
    const sender = header.sender;
    const from = normaliseBacnetAddress(sender.forwardedFrom ?? sender.address ?? '');
    const device: BacnetDeviceAddress = { address: from };
    if (typeof sender.net === 'number' && sender.net > 0 && sender.net < 0xffff) {
      device.net = sender.net;
      device.adr = Array.isArray(sender.adr) ? sender.adr.slice(0, 8) : [];
    }
    const iAm: BacnetIAm = {
      instance: deviceId,
      vendorId,
      maxApdu: isUint(maxApdu, 65_535) ? maxApdu : 480,
      segmentation: isUint(segmentation, 3) ? segmentation : 3,
      device,
      receivedFrom: normaliseBacnetAddress(sender.address ?? ''),
    };
    for (const listener of this.#iAmListeners) listener(iAm);
  }
}

function receiver(to: BacnetDeviceAddress): BACNetAddress {
  return to.net !== undefined ? { address: to.address, net: to.net, adr: to.adr ?? [] } : { address: to.address };
}

function isUint(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}
