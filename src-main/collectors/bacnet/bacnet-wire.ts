// A strict, allocation-light reading of one BACnet/IP datagram (BVLC, NPDU, APDU header): enough to
// name the service it carries, its invoke id and who it is routed to. The safety guard reads every
// datagram it is asked to send with this (anything that is not an allowed read or identify service
// is refused) and every datagram it receives (replies nobody asked for are dropped); tests read the
// datagrams a device received with it. Never throws: a datagram it cannot read is `malformed`.

export const BVLC = {
  RESULT: 0x00,
  FORWARDED_NPDU: 0x04,
  REGISTER_FOREIGN_DEVICE: 0x05,
  DISTRIBUTE_BROADCAST_TO_NETWORK: 0x09,
  ORIGINAL_UNICAST_NPDU: 0x0a,
  ORIGINAL_BROADCAST_NPDU: 0x0b,
} as const;

export const PDU = {
  CONFIRMED_REQUEST: 0x0,
  UNCONFIRMED_REQUEST: 0x1,
  SIMPLE_ACK: 0x2,
  COMPLEX_ACK: 0x3,
  SEGMENT_ACK: 0x4,
  ERROR: 0x5,
  REJECT: 0x6,
  ABORT: 0x7,
} as const;

const BVLC_NAMES: Record<number, string> = {
  0x00: 'BVLC-Result',
  0x01: 'Write-Broadcast-Distribution-Table',
  0x02: 'Read-Broadcast-Distribution-Table',
  0x03: 'Read-Broadcast-Distribution-Table-Ack',
  0x04: 'Forwarded-NPDU',
  0x05: 'Register-Foreign-Device',
  0x06: 'Read-Foreign-Device-Table',
  0x07: 'Read-Foreign-Device-Table-Ack',
  0x08: 'Delete-Foreign-Device-Table-Entry',
  0x09: 'Distribute-Broadcast-To-Network',
  0x0a: 'Original-Unicast-NPDU',
  0x0b: 'Original-Broadcast-NPDU',
  0x0c: 'Secure-BVLL',
};

export const CONFIRMED_SERVICE_NAMES: Record<number, string> = {
  0: 'AcknowledgeAlarm',
  1: 'ConfirmedCOVNotification',
  2: 'ConfirmedEventNotification',
  3: 'GetAlarmSummary',
  4: 'GetEnrollmentSummary',
  5: 'SubscribeCOV',
  6: 'AtomicReadFile',
  7: 'AtomicWriteFile',
  8: 'AddListElement',
  9: 'RemoveListElement',
  10: 'CreateObject',
  11: 'DeleteObject',
  12: 'ReadProperty',
  14: 'ReadPropertyMultiple',
  15: 'WriteProperty',
  16: 'WritePropertyMultiple',
  17: 'DeviceCommunicationControl',
  18: 'ConfirmedPrivateTransfer',
  19: 'ConfirmedTextMessage',
  20: 'ReinitializeDevice',
  21: 'VT-Open',
  22: 'VT-Close',
  23: 'VT-Data',
  26: 'ReadRange',
  27: 'LifeSafetyOperation',
  28: 'SubscribeCOVProperty',
  29: 'GetEventInformation',
};

export const UNCONFIRMED_SERVICE_NAMES: Record<number, string> = {
  0: 'I-Am',
  1: 'I-Have',
  2: 'UnconfirmedCOVNotification',
  3: 'UnconfirmedEventNotification',
  4: 'UnconfirmedPrivateTransfer',
  5: 'UnconfirmedTextMessage',
  6: 'TimeSynchronization',
  7: 'Who-Has',
  8: 'Who-Is',
  9: 'UTCTimeSynchronization',
  10: 'WriteGroup',
};

const NETWORK_MESSAGE_NAMES: Record<number, string> = {
  0: 'Who-Is-Router-To-Network',
  1: 'I-Am-Router-To-Network',
  2: 'I-Could-Be-Router-To-Network',
  3: 'Reject-Message-To-Network',
  4: 'Router-Busy-To-Network',
  5: 'Router-Available-To-Network',
  6: 'Initialize-Routing-Table',
  7: 'Initialize-Routing-Table-Ack',
  8: 'Establish-Connection-To-Network',
  9: 'Disconnect-Connection-To-Network',
};

const PDU_NAMES = ['Confirmed-Request', 'Unconfirmed-Request', 'SimpleACK', 'ComplexACK', 'SegmentACK', 'Error', 'Reject', 'Abort'];

export interface BacnetNetworkAddress {
  net: number;
  /** MAC on that network; empty = broadcast on it. */
  adr: number[];
}

export interface BacnetApduHeader {
  /** High nibble of the first octet (PDU.*). */
  pduType: number;
  /** Offset of the APDU in the datagram. */
  offset: number;
  /** Confirmed and unconfirmed requests, complex and simple acks, errors. */
  service?: number;
  invokeId?: number;
  segmented: boolean;
  moreFollows: boolean;
  /** Confirmed requests: the requester accepts a segmented reply. */
  segmentedResponseAccepted: boolean;
}

export interface BacnetDatagram {
  bvlcFunction: number;
  /** Forwarded-NPDU: the original sender ("a.b.c.d:port"). */
  originatingAddress?: string;
  /** Register-Foreign-Device: the time-to-live asked for. */
  ttlSeconds?: number;
  /** BVLC-Result: the result code. */
  resultCode?: number;
  destination?: BacnetNetworkAddress;
  source?: BacnetNetworkAddress;
  expectingReply: boolean;
  /** A network-layer message (the router protocol), not an application request. */
  networkMessage?: number;
  apdu?: BacnetApduHeader;
  /** The name safety rules and recordings use: 'ReadProperty', 'Who-Is', 'Register-Foreign-Device', ... */
  service: string;
  /** The BACnet code of that service where there is one (service choice, BVLC function, network message type). */
  code?: number;
}

export type BacnetDatagramReading = { ok: true; datagram: BacnetDatagram } | { ok: false; reason: string };

/** Reads one BACnet/IP datagram; never throws. */
export function readBacnetDatagram(data: Uint8Array): BacnetDatagramReading {
  const fail = (reason: string): BacnetDatagramReading => ({ ok: false, reason });
  if (data.length < 4) return fail('shorter than a BVLC header');
  if (data[0] !== 0x81) return fail(`not BACnet/IP (BVLC type 0x${(data[0] ?? 0).toString(16)})`);
  const bvlcFunction = data[1]!;
  const length = (data[2]! << 8) | data[3]!;
  if (length !== data.length) return fail(`BVLC length ${length} but the datagram has ${data.length} octets`);
  const name = BVLC_NAMES[bvlcFunction] ?? `BVLC-function-${bvlcFunction}`;
  const base = { bvlcFunction, expectingReply: false };
  switch (bvlcFunction) {
    case BVLC.RESULT:
      if (data.length !== 6) return fail('BVLC-Result of the wrong length');
      return { ok: true, datagram: { ...base, resultCode: (data[4]! << 8) | data[5]!, service: name, code: bvlcFunction } };
    case BVLC.REGISTER_FOREIGN_DEVICE:
      if (data.length !== 6) return fail('Register-Foreign-Device of the wrong length');
      return { ok: true, datagram: { ...base, ttlSeconds: (data[4]! << 8) | data[5]!, service: name, code: bvlcFunction } };
    case BVLC.FORWARDED_NPDU: {
      if (data.length < 12) return fail('Forwarded-NPDU too short');
      const originatingAddress = `${data[4]}.${data[5]}.${data[6]}.${data[7]}:${(data[8]! << 8) | data[9]!}`;
      const npdu = readNpdu(data, 10);
      return npdu.ok ? { ok: true, datagram: { ...npdu.datagram, bvlcFunction, originatingAddress } } : npdu;
    }
    case BVLC.DISTRIBUTE_BROADCAST_TO_NETWORK: {
      const npdu = readNpdu(data, 4);
      if (!npdu.ok) return npdu;
      // Named after the BVLC function (what the BBMD is asked to do); the inner service is kept in apdu.
      return { ok: true, datagram: { ...npdu.datagram, bvlcFunction, service: name, code: bvlcFunction } };
    }
    case BVLC.ORIGINAL_UNICAST_NPDU:
    case BVLC.ORIGINAL_BROADCAST_NPDU: {
      const npdu = readNpdu(data, 4);
      return npdu.ok ? { ok: true, datagram: { ...npdu.datagram, bvlcFunction } } : npdu;
    }
    default:
      return { ok: true, datagram: { ...base, service: name, code: bvlcFunction } };
  }
}

/** The inner application service of a datagram ('Who-Is' inside a Distribute-Broadcast-To-Network). */
export function innerServiceName(datagram: BacnetDatagram): string | undefined {
  const apdu = datagram.apdu;
  if (!apdu || apdu.service === undefined) return undefined;
  if (apdu.pduType === PDU.CONFIRMED_REQUEST) return CONFIRMED_SERVICE_NAMES[apdu.service] ?? `confirmed-service-${apdu.service}`;
  if (apdu.pduType === PDU.UNCONFIRMED_REQUEST) return UNCONFIRMED_SERVICE_NAMES[apdu.service] ?? `unconfirmed-service-${apdu.service}`;
  return undefined;
}

function readNpdu(data: Uint8Array, start: number): BacnetDatagramReading {
  const fail = (reason: string): BacnetDatagramReading => ({ ok: false, reason });
  let o = start;
  if (data.length < o + 2) return fail('NPDU too short');
  if (data[o] !== 0x01) return fail(`NPDU protocol version ${data[o]} (expected 1)`);
  const control = data[o + 1]!;
  o += 2;
  const readAddress = (): BacnetNetworkAddress | undefined => {
    if (data.length < o + 3) return undefined;
    const net = (data[o]! << 8) | data[o + 1]!;
    const len = data[o + 2]!;
    o += 3;
    if (data.length < o + len) return undefined;
    const adr = Array.from(data.subarray(o, o + len));
    o += len;
    return { net, adr };
  };
  let destination: BacnetNetworkAddress | undefined;
  let source: BacnetNetworkAddress | undefined;
  if (control & 0x20) {
    destination = readAddress();
    if (!destination) return fail('NPDU destination truncated');
  }
  if (control & 0x08) {
    source = readAddress();
    if (!source) return fail('NPDU source truncated');
  }
  if (control & 0x20) {
    if (data.length < o + 1) return fail('NPDU hop count missing');
    o += 1;
  }
  const expectingReply = (control & 0x04) !== 0;
  const routing = { ...(destination ? { destination } : {}), ...(source ? { source } : {}), expectingReply };
  if (control & 0x80) {
    if (data.length < o + 1) return fail('network message type missing');
    const type = data[o]!;
    return { ok: true, datagram: { bvlcFunction: 0, ...routing, networkMessage: type, service: NETWORK_MESSAGE_NAMES[type] ?? `network-message-${type}`, code: type } };
  }
  if (data.length < o + 1) return fail('no APDU');
  const apdu = readApduHeader(data, o);
  if (!apdu) return fail('APDU header truncated');
  const datagram: BacnetDatagram = { bvlcFunction: 0, ...routing, apdu, service: PDU_NAMES[apdu.pduType] ?? `pdu-${apdu.pduType}` };
  const inner = innerServiceName(datagram);
  if (inner) {
    datagram.service = inner;
    datagram.code = apdu.service;
  }
  return { ok: true, datagram };
}

function readApduHeader(data: Uint8Array, o: number): BacnetApduHeader | undefined {
  const first = data[o]!;
  const pduType = first >> 4;
  const segmented = (first & 0x08) !== 0;
  const moreFollows = (first & 0x04) !== 0;
  const header = { pduType, offset: o, segmented, moreFollows, segmentedResponseAccepted: false };
  const need = (n: number): boolean => data.length >= o + n;
  switch (pduType) {
    case PDU.CONFIRMED_REQUEST: {
      const serviceAt = segmented ? 5 : 3;
      if (!need(serviceAt + 1)) return undefined;
      return { ...header, segmentedResponseAccepted: (first & 0x02) !== 0, invokeId: data[o + 2]!, service: data[o + serviceAt]! };
    }
    case PDU.UNCONFIRMED_REQUEST:
      if (!need(2)) return undefined;
      return { ...header, service: data[o + 1]! };
    case PDU.SIMPLE_ACK:
    case PDU.ERROR:
      if (!need(3)) return undefined;
      return { ...header, invokeId: data[o + 1]!, service: data[o + 2]! };
    case PDU.COMPLEX_ACK: {
      const serviceAt = segmented ? 4 : 2;
      if (!need(serviceAt + 1)) return undefined;
      return { ...header, invokeId: data[o + 1]!, service: data[o + serviceAt]! };
    }
    case PDU.SEGMENT_ACK:
    case PDU.REJECT:
    case PDU.ABORT:
      if (!need(3)) return undefined;
      return { ...header, invokeId: data[o + 1]! };
    default:
      return undefined;
  }
}
