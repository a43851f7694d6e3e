// Hostile agents on 127.0.0.1: random bytes, truncated replies, replies with a wrong request id,
// and an agent whose walks loop. The process must survive, each host must carry the right error,
// and a real agent in the same sweep must still be collected.
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetPlan } from '../sweep/target-plan.js';
import { MapCredentialMemory } from './credential-memory.js';
import { startDemoNetwork, type DemoNetwork } from './demo/demo-network.js';
import { SnmpCollector } from './snmp-collector.js';
import { CREDENTIALS, demoCredentialStore, openUdpHandles, randomBasePort } from './test-support.js';

// ---- a tiny BER codec, just enough to answer SNMPv2c requests ----
function tlv(tag: number, body: Buffer): Buffer {
  const len = body.length;
  const header = len < 128 ? Buffer.from([tag, len]) : len < 256 ? Buffer.from([tag, 0x81, len]) : Buffer.from([tag, 0x82, len >> 8, len & 0xff]);
  return Buffer.concat([header, body]);
}
function int(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}
function oid(text: string): Buffer {
  const parts = text.split('.').map(Number);
  const out = [40 * (parts[0] ?? 1) + (parts[1] ?? 3)];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >> 7; v > 0; v >>= 7) stack.unshift((v & 0x7f) | 0x80);
    out.push(...stack);
  }
  return tlv(0x06, Buffer.from(out));
}
function readTlv(buf: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = buf[at] ?? 0;
  let len = buf[at + 1] ?? 0;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] ?? 0);
    start += n;
  }
  return { tag, start, end: start + len };
}
/** Returns the request id bytes (as a full INTEGER TLV) and the community of a v1/v2c request. */
function parseRequest(msg: Buffer): { reqIdTlv: Buffer; community: Buffer } {
  const outer = readTlv(msg, 0);
  const version = readTlv(msg, outer.start);
  const community = readTlv(msg, version.end);
  const pdu = readTlv(msg, community.end);
  const reqId = readTlv(msg, pdu.start);
  return { reqIdTlv: msg.subarray(pdu.start, reqId.end), community: msg.subarray(community.start, community.end) };
}
function response(reqIdTlv: Buffer, community: Buffer, varbinds: Array<[string, Buffer]>): Buffer {
  const vbs = Buffer.concat(varbinds.map(([o, v]) => tlv(0x30, Buffer.concat([oid(o), v]))));
  const pdu = tlv(0xa2, Buffer.concat([reqIdTlv, int(0), int(0), tlv(0x30, vbs)]));
  return tlv(0x30, Buffer.concat([int(1), tlv(0x04, community), pdu]));
}
const str = (s: string): Buffer => tlv(0x04, Buffer.from(s));

/** Answers a GET with one varbind per requested OID: sysName is "evil", everything else text. */
function echoGet(msg: Buffer, reqIdTlv: Buffer, community: Buffer): Buffer {
  const outer = readTlv(msg, 0);
  const version = readTlv(msg, outer.start);
  const comm = readTlv(msg, version.end);
  const pdu = readTlv(msg, comm.end);
  const reqId = readTlv(msg, pdu.start);
  const errStatus = readTlv(msg, reqId.end);
  const errIndex = readTlv(msg, errStatus.end);
  const list = readTlv(msg, errIndex.end);
  const out: Buffer[] = [];
  for (let at = list.start; at < list.end; ) {
    const vb = readTlv(msg, at);
    const o = readTlv(msg, vb.start);
    const oidTlv = msg.subarray(vb.start, o.end);
    const isSysName = oidTlv.equals(oid('1.3.6.1.2.1.1.5.0'));
    out.push(tlv(0x30, Buffer.concat([oidTlv, str(isSysName ? 'evil' : 'hostile')])));
    at = vb.end;
  }
  const body = tlv(0xa2, Buffer.concat([reqIdTlv, int(0), int(0), tlv(0x30, Buffer.concat(out))]));
  return tlv(0x30, Buffer.concat([int(1), tlv(0x04, community), body]));
}

type Behaviour = 'random' | 'truncated' | 'wrong-id' | 'looping' | 'huge-length';

function hostileReply(behaviour: Behaviour, msg: Buffer, seed: { n: number }): Buffer {
  const { reqIdTlv, community } = parseRequest(msg);
  const system: Array<[string, Buffer]> = [
    ['1.3.6.1.2.1.1.1.0', str('Hostile agent')],
    ['1.3.6.1.2.1.1.5.0', str('evil')],
  ];
  switch (behaviour) {
    case 'random': {
      seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31;
      return Buffer.from(Array.from({ length: 20 + (seed.n % 200) }, (_, i) => (seed.n >> (i % 24)) & 0xff));
    }
    case 'truncated':
      return response(reqIdTlv, community, system).subarray(0, 25);
    case 'wrong-id':
      return response(int(7), community, system);
    case 'huge-length':
      return Buffer.concat([Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), response(reqIdTlv, community, system)]);
    case 'looping': {
      const pduTag = msg[readTlv(msg, readTlv(msg, readTlv(msg, 0).start).end).end];
      // GET answers normally; every GETNEXT/GETBULK answers with the same row, forever.
      if (pduTag === 0xa0) return echoGet(msg, reqIdTlv, community);
      return response(reqIdTlv, community, [
        ['1.3.6.1.2.1.2.2.1.2.1', str('eth0')],
        ['1.3.6.1.2.1.2.2.1.2.1', str('eth0')],
      ]);
    }
  }
}

function startHostile(behaviour: Behaviour, port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  const seed = { n: port };
  socket.on('message', (msg, rinfo) => {
    try {
      socket.send(hostileReply(behaviour, msg, seed), rinfo.port, rinfo.address);
    } catch {
      // Our parser met something it does not expect; a hostile agent just stays quiet then.
    }
  });
  return new Promise((resolve) => socket.bind(port, '127.0.0.1', () => resolve(socket)));
}

describe('hostile agents', () => {
  const base = randomBasePort();
  const behaviours: Behaviour[] = ['random', 'truncated', 'wrong-id', 'looping', 'huge-length'];
  const sockets: Socket[] = [];
  let net: DemoNetwork;
  let udpBefore = 0;

  beforeAll(async () => {
    udpBefore = openUdpHandles();
    for (const [i, b] of behaviours.entries()) sockets.push(await startHostile(b, base + i));
    net = await startDemoNetwork({ host: '127.0.0.1', basePort: base + 10, devices: undefined });
  });
  afterAll(async () => {
    await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await net.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(openUdpHandles()).toBe(udpBefore);
  });

  it('marks each hostile host with its error and still collects the real agents in the same sweep', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): void => void uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const ports = [...behaviours.map((_, i) => base + i), ...net.agents.map((a) => a.port)];
      const plan = TargetPlan.parse({ include: ['127.0.0.1'], ports });
      const collector = new SnmpCollector({ store: demoCredentialStore(), memory: new MapCredentialMemory() });
      const report = await collector.sweep(plan, [CREDENTIALS.v2c], { limits: { timeoutMs: 1500, retries: 1, backoff: 1 } });
      const byPort = new Map(report.outcomes.map((o) => [o.target.port, o]));
      const status = (b: Behaviour): string | undefined => byPort.get(base + behaviours.indexOf(b))?.status;
      expect(status('random')).toBe('malformed');
      expect(status('truncated')).toBe('malformed');
      expect(status('wrong-id')).toBe('malformed');
      expect(status('huge-length')).toBe('malformed');
      const looping = byPort.get(base + behaviours.indexOf('looping'));
      expect(looping?.status).toBe('malformed');
      expect(looping?.failures.map((f) => f.detail).join()).toMatch(/did not advance/);
      expect(looping?.observation?.fields.name).toBe('evil'); // what it did say is kept
      for (const agent of net.agents) expect(byPort.get(agent.port)?.status).toBe('found');
      expect(report.progress).toMatchObject({ done: ports.length, found: net.agents.length, errors: behaviours.length });
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
