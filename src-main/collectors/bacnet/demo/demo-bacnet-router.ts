// A simulated BACnet router on loopback: one UDP socket standing for a router between the IP
// network and a remote network (an MS/TP trunk, say) with simulated devices on it. It answers a
// Who-Is addressed to that network (DNET, or the global broadcast 0xFFFF) with each device's I-Am
// carrying the source network and MAC (SNET/SADR), and serves ReadProperty and
// ReadPropertyMultiple addressed to a device (DNET + DADR) from the device's spec. Nothing else is
// served; every datagram received is kept for capture.
import { createSocket, type Socket } from 'node:dgram';
import { ConfirmedServiceChoice, ErrorClass, ErrorCode } from '@bacnet-js/client';
import { PDU, readBacnetDatagram } from '../bacnet-wire.js';
import { answerReadProperty, answerReadPropertyMultiple, type DemoBacnetDeviceSpec } from './demo-bacnet-objects.js';
import { apdu, encodeRoutedError, encodeRoutedIAm, encodeRoutedReadPropertyAck, encodeRoutedReadPropertyMultipleAck, services } from './demo-bacnet-codec.js';
import type { CapturedDatagram } from './demo-bacnet-transport.js';

export interface DemoRoutedDevice {
  /** MAC on the remote network (an MS/TP address is one octet). */
  mac: number;
  spec: DemoBacnetDeviceSpec;
}

export interface DemoBacnetRouterOptions {
  host: string;
  port: number;
  /** The remote network's number. */
  network: number;
  devices: DemoRoutedDevice[];
}

export class DemoBacnetRouter {
  readonly host: string;
  readonly port: number;
  readonly network: number;
  readonly devices: readonly DemoRoutedDevice[];
  readonly received: CapturedDatagram[] = [];
  readonly #socket: Socket;

  private constructor(options: DemoBacnetRouterOptions, socket: Socket, port: number) {
    this.host = options.host;
    this.port = port;
    this.network = options.network;
    this.devices = options.devices;
    this.#socket = socket;
    socket.on('message', (msg, rinfo) => {
      this.received.push({ from: `${rinfo.address}:${rinfo.port}`, data: Buffer.from(msg) });
      try {
        this.#handle(msg, rinfo.address, rinfo.port);
      } catch {
        // a simulated router ignores what it cannot read
      }
    });
  }

  static async start(options: DemoBacnetRouterOptions): Promise<DemoBacnetRouter> {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    const port = await new Promise<number>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, options.host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        resolve(socket.address().port);
      });
    });
    return new DemoBacnetRouter(options, socket, port);
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
    if (!reading.ok) return;
    const d = reading.datagram;
    const a = d.apdu;
    if (!a || !d.destination || (d.destination.net !== this.network && d.destination.net !== 0xffff)) return;
    const reply = (data: Buffer): void => void this.#socket.send(data, port, host);
    const apduLength = msg.length - a.offset;
    if (a.pduType === PDU.UNCONFIRMED_REQUEST && a.service === 8) {
      const whoIs = services.WhoIs.decode(msg, a.offset + 2, apduLength - 2) as { lowLimit?: number; highLimit?: number } | undefined;
      if (!whoIs) return;
      for (const device of this.devices) {
        const { instance } = device.spec;
        if (whoIs.lowLimit !== undefined && whoIs.highLimit !== undefined && (instance < whoIs.lowLimit || instance > whoIs.highLimit)) continue;
        reply(encodeRoutedIAm({ net: this.network, adr: [device.mac] }, instance, device.spec.vendorId));
      }
      return;
    }
    if (a.pduType !== PDU.CONFIRMED_REQUEST || a.invokeId === undefined) return;
    const device = this.devices.find((x) => d.destination?.adr.length === 1 && d.destination.adr[0] === x.mac);
    if (!device) return; // no such station: a real router would say Reject-Message-To-Network
    const source = { net: this.network, adr: [device.mac] };
    const header = apdu.decodeConfirmedServiceRequest(msg, a.offset);
    const bodyOffset = a.offset + header.len;
    const bodyLength = msg.length - bodyOffset;
    if (a.service === ConfirmedServiceChoice.READ_PROPERTY) {
      const request = services.ReadProperty.decode(msg, bodyOffset, bodyLength);
      if (!request) return;
      const answer = answerReadProperty(device.spec, request.objectId, request.property.id, request.property.index);
      if ('values' in answer) reply(encodeRoutedReadPropertyAck(source, a.invokeId, request.objectId, request.property, answer.values));
      else reply(encodeRoutedError(source, a.service, a.invokeId, answer.error.errorClass, answer.error.errorCode));
      return;
    }
    if (a.service === ConfirmedServiceChoice.READ_PROPERTY_MULTIPLE) {
      const request = services.ReadPropertyMultiple.decode(msg, bodyOffset, bodyLength);
      if (!request) return;
      reply(encodeRoutedReadPropertyMultipleAck(source, a.invokeId, answerReadPropertyMultiple(device.spec, request.properties)));
      return;
    }
    reply(encodeRoutedError(source, a.service ?? 0, a.invokeId, ErrorClass.SERVICES, ErrorCode.SERVICE_REQUEST_DENIED));
  }
}
