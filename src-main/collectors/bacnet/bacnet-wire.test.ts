// The datagram reader the guard and the tests rely on: names what the library's own encoders
// produce, refuses what the allow-list does not hold, and never throws on garbage.
import { describe, expect, it } from 'vitest';
import { refusalOf } from './bacnet-transport.js';
import { readBacnetDatagram } from './bacnet-wire.js';
import { encodeBvlcResult, encodeRoutedError, encodeRoutedIAm, encodeRoutedReadPropertyAck, forwardedNpdu } from './demo/demo-bacnet-codec.js';

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

describe('readBacnetDatagram', () => {
  it('names requests, replies and routing', () => {
    const whoIs = hex('810a000e0100100809001b3fffff');
    expect(readBacnetDatagram(whoIs)).toMatchObject({ ok: true, datagram: { service: 'Who-Is', code: 8, bvlcFunction: 0x0a } });
    // As a device received it from the guard: "segmented response accepted" cleared.
    const rpm = hex('810a002801040005bf0e0c020027cf1e094d097909780946092c090c0962098b093a091c0a01741f');
    expect(readBacnetDatagram(rpm)).toMatchObject({ ok: true, datagram: { service: 'ReadPropertyMultiple', expectingReply: true, apdu: { invokeId: 0xbf, segmentedResponseAccepted: false } } });
    const iAm = readBacnetDatagram(encodeRoutedIAm({ net: 2001, adr: [11] }, 20011, 999));
    expect(iAm).toMatchObject({ ok: true, datagram: { service: 'I-Am', source: { net: 2001, adr: [11] } } });
    const ack = readBacnetDatagram(encodeRoutedReadPropertyAck(undefined, 7, { type: 8, instance: 1 }, { id: 77, index: 0xffffffff }, [{ type: 7, value: 'x' }]));
    expect(ack).toMatchObject({ ok: true, datagram: { service: 'ComplexACK', apdu: { invokeId: 7, service: 12 } } });
    expect(readBacnetDatagram(encodeRoutedError(undefined, 15, 3, 2, 32))).toMatchObject({ ok: true, datagram: { service: 'Error' } });
    expect(readBacnetDatagram(encodeBvlcResult(0x30))).toMatchObject({ ok: true, datagram: { service: 'BVLC-Result', resultCode: 0x30 } });
    expect(readBacnetDatagram(forwardedNpdu(whoIs.subarray(4), '127.0.0.9:47809'))).toMatchObject({ ok: true, datagram: { service: 'Who-Is', originatingAddress: '127.0.0.9:47809' } });
  });

  it('reads garbage as malformed and never throws', () => {
    for (let seed = 0; seed < 2000; seed++) {
      const length = seed % 40;
      const data = Buffer.from(Array.from({ length }, (_, i) => (seed * 31 + i * 17) & 0xff));
      if (length >= 4) {
        data[0] = 0x81;
        data.writeUInt16BE(length, 2);
      }
      expect(() => readBacnetDatagram(data)).not.toThrow();
    }
    expect(readBacnetDatagram(hex('8101'))).toEqual({ ok: false, reason: 'shorter than a BVLC header' });
    expect(readBacnetDatagram(hex('810a00ff0100'))).toMatchObject({ ok: false });
    expect(readBacnetDatagram(hex('810a0007012005'))).toMatchObject({ ok: false, reason: 'NPDU destination truncated' });
  });

  it('refuses writes, control services, replies and foreign BVLC functions', () => {
    const refusal = (data: Buffer) => {
      const r = readBacnetDatagram(data);
      if (!r.ok) throw new Error(r.reason);
      return refusalOf(r.datagram);
    };
    expect(refusal(hex('810a000e0100100809001b3fffff'))).toBeNull();
    // WriteProperty (15), ReinitializeDevice (20), DeviceCommunicationControl (17) as confirmed requests.
    expect(refusal(hex('810a000b01040005010f0c'))).toContain('WriteProperty');
    expect(refusal(hex('810a000b0104000501140c'))).toContain('ReinitializeDevice');
    expect(refusal(hex('810a000b0104000501110c'))).toContain('DeviceCommunicationControl');
    // A reply (Error PDU) and a Write-Broadcast-Distribution-Table.
    expect(refusal(encodeRoutedError(undefined, 12, 3, 2, 32))).not.toBeNull();
    expect(refusal(hex('81010004'))).toContain('Write-Broadcast-Distribution-Table');
    // A WriteProperty smuggled inside a Distribute-Broadcast-To-Network.
    expect(refusal(hex('8109000b01040005010f0c'))).not.toBeNull();
  });
});
