// A simulated BACnet/IP controller built from the library's server side: answers Who-Is (within
// its instance limits) with I-Am, and ReadProperty / ReadPropertyMultiple from its spec. Anything
// else — WriteProperty, ReinitializeDevice, DeviceCommunicationControl — is recorded and answered
// with an Error, and never changes the device. A behaviour makes it misbehave for hostile tests.
import { ConfirmedServiceChoice, ErrorClass, ErrorCode, Segmentation } from '@bacnet-js/client';
import { createBacnetClient, type BacnetClient } from '../bacnet-library.js';
import { answerReadProperty, answerReadPropertyMultiple, type DemoBacnetDeviceSpec } from './demo-bacnet-objects.js';
import { DemoBacnetTransport, type CapturedDatagram } from './demo-bacnet-transport.js';

export interface DemoBacnetBehaviour {
  /** How the device turns down ReadPropertyMultiple (as devices without RPM do). */
  rpm?: 'answer' | 'reject' | 'abort' | 'error' | 'silent';
  /** Answers I-Am but never a confirmed request. */
  silent?: boolean;
  /** Answers every confirmed request with Error device/operational-problem. */
  errorAlways?: boolean;
}

export interface DemoBacnetDeviceOptions {
  host: string;
  /** 0 = any free port. */
  port: number;
  spec: DemoBacnetDeviceSpec;
  behaviour?: DemoBacnetBehaviour;
}

export class DemoBacnetDevice {
  readonly spec: DemoBacnetDeviceSpec;
  readonly host: string;
  readonly port: number;
  readonly #client: BacnetClient;
  readonly #transport: DemoBacnetTransport;

  private constructor(options: DemoBacnetDeviceOptions, client: BacnetClient, transport: DemoBacnetTransport, port: number) {
    this.spec = options.spec;
    this.host = options.host;
    this.port = port;
    this.#client = client;
    this.#transport = transport;
  }

  static async start(options: DemoBacnetDeviceOptions): Promise<DemoBacnetDevice> {
    const transport = new DemoBacnetTransport(options.host, options.port);
    const client = createBacnetClient({ transport });
    client.on('error', () => undefined);
    let bound: { address: string; port: number };
    try {
      bound = await transport.bound;
    } catch (error) {
      client.close();
      throw new Error(`demo BACnet device ${options.spec.instance} cannot bind ${options.host}:${options.port}: ${(error as Error).message}`);
    }
    const device = new DemoBacnetDevice(options, client, transport, bound.port);
    device.#serve(options.behaviour ?? {});
    return device;
  }

  /** "host:port" as a collector's target. */
  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** Every datagram the device received, raw. */
  get received(): readonly CapturedDatagram[] {
    return this.#transport.received;
  }

  /** Sends raw bytes from the device's own socket (hostile replies in tests). */
  sendRaw(data: Buffer, to: string): void {
    const [host = '', port = ''] = to.split(':');
    this.#transport.sendRaw(data, host, Number(port) || 47808);
  }

  close(): void {
    this.#client.close();
  }

  #serve(behaviour: DemoBacnetBehaviour): void {
    const client = this.#client;
    const spec = this.spec;
    client.on('whoIs', (content) => {
      const { lowLimit, highLimit } = content.payload ?? {};
      if (lowLimit !== undefined && highLimit !== undefined && (spec.instance < lowLimit || spec.instance > highLimit)) return;
      const sender = content.header?.sender;
      if (!sender?.address) return;
      // Reply to whoever sent the Who-Is (a BBMD relays it on to its foreign devices).
      client.iAmResponse({ address: sender.address }, spec.instance, Segmentation.NO_SEGMENTATION, spec.vendorId);
    });
    client.on('readProperty', (content) => {
      const sender = content.header?.sender;
      const invokeId = content.invokeId;
      if (!sender?.address || invokeId === undefined || behaviour.silent) return;
      const to = { address: sender.address };
      if (behaviour.errorAlways) return client.errorResponse(to, ConfirmedServiceChoice.READ_PROPERTY, invokeId, ErrorClass.DEVICE, ErrorCode.OPERATIONAL_PROBLEM);
      const { objectId, property } = content.payload;
      const answer = answerReadProperty(spec, objectId, property.id, property.index);
      if ('values' in answer) client.readPropertyResponse(to, invokeId, objectId, property, answer.values as never);
      else client.errorResponse(to, ConfirmedServiceChoice.READ_PROPERTY, invokeId, answer.error.errorClass, answer.error.errorCode);
    });
    client.on('readPropertyMultiple', (content) => {
      const sender = content.header?.sender;
      const invokeId = content.invokeId;
      if (!sender?.address || invokeId === undefined || behaviour.silent) return;
      const to = { address: sender.address };
      const mode = behaviour.errorAlways ? 'error' : (behaviour.rpm ?? 'answer');
      switch (mode) {
        case 'silent':
          return;
        case 'reject':
          return this.sendRaw(Buffer.from([0x81, 0x0a, 0x00, 0x09, 0x01, 0x00, 0x60, invokeId, 0x09]), sender.address); // Reject: unrecognized service
        case 'abort':
          return this.sendRaw(Buffer.from([0x81, 0x0a, 0x00, 0x09, 0x01, 0x00, 0x71, invokeId, 0x04]), sender.address); // Abort: segmentation not supported
        case 'error':
          return client.errorResponse(to, ConfirmedServiceChoice.READ_PROPERTY_MULTIPLE, invokeId, ErrorClass.SERVICES, ErrorCode.SERVICE_REQUEST_DENIED);
        default:
          client.readPropertyMultipleResponse(to, invokeId, answerReadPropertyMultiple(spec, content.payload.properties) as never);
      }
    });
    // Everything that is not a read: recorded by the transport, refused here, never acted on.
    const refuse = (service: number) => (content: { header?: { sender?: { address?: string } }; invokeId?: number }) => {
      const address = content.header?.sender?.address;
      if (address && content.invokeId !== undefined) client.errorResponse({ address }, service, content.invokeId, ErrorClass.SERVICES, ErrorCode.SERVICE_REQUEST_DENIED);
    };
    client.on('writeProperty', refuse(ConfirmedServiceChoice.WRITE_PROPERTY));
    client.on('writePropertyMultiple', refuse(ConfirmedServiceChoice.WRITE_PROPERTY_MULTIPLE));
    client.on('reinitializeDevice', refuse(ConfirmedServiceChoice.REINITIALIZE_DEVICE));
    client.on('deviceCommunicationControl', refuse(ConfirmedServiceChoice.DEVICE_COMMUNICATION_CONTROL));
  }
}
