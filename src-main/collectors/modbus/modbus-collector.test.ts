import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoModbusPlant, DemoModbusPlantDevice } from './demo/demo-modbus-plant.js';
import { demoModiconPlc } from './demo/demo-modbus-devices.js';
import { probeOnce, RecordingProxy, startTestPlant } from './test-support.js';

/** TCP sockets and servers still referenced by the process (for "nothing left open" checks). */
function openTcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
}

describe('ModbusCollector against the demo plant on 127.0.0.1', () => {
  let plant: DemoModbusPlant;
  let tcpBefore = 0;
  const proxies: RecordingProxy[] = [];
  const device = (name: string): DemoModbusPlantDevice => {
    const d = plant.devices.find((x) => x.name === name);
    if (!d) throw new Error(`no demo device ${name}`);
    return d;
  };
  const proxyTo = async (name: string): Promise<RecordingProxy> => {
    const d = device(name);
    const proxy = await RecordingProxy.start(d.host, d.port);
    proxies.push(proxy);
    return proxy;
  };

  beforeAll(async () => {
    tcpBefore = openTcpHandles();
    plant = await startTestPlant();
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await plant.close();
    await new Promise((r) => setTimeout(r, 50));
    // Every connection the collector opened was closed, and so was every demo server.
    expect(openTcpHandles()).toBe(tcpBefore);
  });

  it('reads a Modicon-like PLC: Device Identification (basic, regular, extended) and the shipped profile’s serial', async () => {
    const d = device('plc1');
    const { outcome } = await probeOnce(d, { unitIds: [1] }, { network: 'plant-a' });
    expect(outcome.status).toBe('found');
    expect(outcome.failures).toEqual([]);
    expect(outcome.observations).toHaveLength(1);
    const obs = outcome.observations[0];
    expect(obs?.nativeKey).toBe(`plant-a/${d.host}:${d.port}#1`);
    expect(obs?.assetClass).toBe('plc');
    expect(obs?.fields).toMatchObject({ vendor: 'Schneider Electric', model: 'BMX P34 2020 CPU', firmware: 'v3.20', serial: '21224A0173', modbus_unit: 1 });
    const raw = obs?.raw as { identification: { objects: Record<string, string>; extended: Record<string, string>; categories: string[]; conformityLevel: number } };
    expect(raw.identification.objects).toMatchObject({ ProductCode: 'BMX P34 2020', VendorUrl: 'www.se.com', ProductName: 'Modicon M340', UserApplicationName: 'PUMP_STATION_1' });
    expect(raw.identification.extended).toEqual({ '0x80': 'HW PV05', '0x81': 'Ethernet module BMX NOE 0100' });
    expect(raw.identification.categories).toEqual(['basic', 'regular', 'extended']);
    expect(obs?.tags.modbus_profiles).toBe('example-modicon-like-plc');
  });

  it('reads a WAGO-like PLC with identification only (no profile matches it)', async () => {
    const { outcome } = await probeOnce(device('plc2'), { unitIds: [1] });
    expect(outcome.status).toBe('found');
    expect(outcome.observations[0]?.fields).toEqual({ vendor: 'WAGO GmbH & Co. KG', model: '750-8212/000-100', firmware: '03.10.08(22)', modbus_unit: 1 });
    expect(outcome.observations[0]?.tags.modbus_profiles).toBeUndefined();
  });

  it('finds a SunSpec inverter, walks its model chain to the end marker and decodes the common model', async () => {
    const { outcome } = await probeOnce(device('inverter1'), { unitIds: [1] });
    expect(outcome.status).toBe('found');
    // Function 43 answered with exception 1 (illegal function): not an error of the run.
    expect(outcome.failures).toEqual([]);
    const obs = outcome.observations[0];
    expect(obs?.assetClass).toBe('iot_device');
    expect(obs?.fields).toMatchObject({ vendor: 'Fronius', model: 'Symo 10.0-3-M', firmware: '3.14.1-3', serial: '30123456', modbus_unit: 1 });
    expect(obs?.tags).toMatchObject({ modbus_identification: 'unsupported', sunspec_models: '1,103,120' });
    const raw = obs?.raw as { sunspec: { baseAddress: number; models: Array<{ id: number; name: string; address: number; length: number }>; common: Record<string, unknown>; truncated: string | null } };
    expect(raw.sunspec.baseAddress).toBe(40000);
    expect(raw.sunspec.models).toEqual([
      { id: 1, name: 'common', address: 40002, length: 66 },
      { id: 103, name: 'inverter (three phase)', address: 40070, length: 50 },
      { id: 120, name: 'nameplate', address: 40122, length: 26 },
    ]);
    expect(raw.sunspec.common).toEqual({ Mn: 'Fronius', Md: 'Symo 10.0-3-M', Opt: 'DATAMANAGER', Vr: '3.14.1-3', SN: '30123456', DA: 1 });
    expect(raw.sunspec.truncated).toBeNull();
    // The generic SunSpec profile read model 103's power and frequency points.
    const profile = (obs?.raw as { profiles: Array<{ id: string; values: Array<{ name: string; value: number }> }> }).profiles[0];
    expect(profile?.id).toBe('sunspec-inverter');
    expect(profile?.values.map((v) => [v.name, v.value])).toEqual([
      ['ac_power', 7350],
      ['ac_power_sf', 0],
      ['ac_frequency', 5001],
      ['ac_frequency_sf', -2],
    ]);
  });

  it('looks for SunS only at the configured base addresses, in order', async () => {
    const proxy = await proxyTo('inverter1');
    const { outcome } = await probeOnce(proxy, { unitIds: [1], identification: false, sunspecAddresses: [0, 40000], profiles: [] });
    expect(outcome.observations[0]?.tags.sunspec_models).toBe('1,103,120');
    const none = await probeOnce(proxy, { unitIds: [1], identification: false, sunspecAddresses: [50000], profiles: [] });
    expect(none.outcome.observations[0]?.tags.sunspec_models).toBeUndefined();
    expect(none.outcome.observations[0]?.assetClass).toBe('plc');
  });

  it('reads every unit id behind a gateway — one observation per answering unit, the first one the target — over one connection', async () => {
    const proxy = await proxyTo('gateway1');
    const { outcome } = await probeOnce(proxy, { unitIds: [1, 2, 3, 4] });
    expect(outcome.status).toBe('found');
    expect(outcome.observations.map((o) => o.fields.modbus_unit)).toEqual([1, 2, 3]);
    const [first, second, third] = outcome.observations;
    expect(first?.fields).toMatchObject({ vendor: 'ABB', model: 'ACS580', serial: 'Y2D1234567', firmware: 'ASCD2 2.15' });
    expect(first?.assetClass).toBe('drive');
    expect(second?.fields).toMatchObject({ serial: 'Y2D7654321' });
    expect(second?.relations).toEqual([{ type: 'connected_to', target: { kind: 'native_key', value: first?.nativeKey }, confidence: 0.9, remotePort: 'unit 2' }]);
    expect(second?.tags.modbus_gateway).toBe(`${proxy.host}:${proxy.port}`);
    expect(third?.tags.modbus_identification).toBe('unsupported');
    const values = (first?.raw as { profiles: Array<{ values: Array<{ name: string; value: number }> }> }).profiles[0]?.values;
    expect(values?.find((v) => v.name === 'motor_nominal_current')?.value).toBeCloseTo(12.7, 4);
    expect(values?.find((v) => v.name === 'acceleration_time')?.value).toBe(20);
    // Unit 4: the gateway's exception 11 is recorded against that unit only.
    expect(outcome.failures).toEqual([expect.objectContaining({ reason: 'exception', section: 'unit 4 identification' })]);
    expect(proxy.connections).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(proxy.openConnections).toBe(0);
  });

  it('reports a gateway with nothing behind the configured unit ids as no response', async () => {
    const { outcome } = await probeOnce(device('gateway1'), { unitIds: [5, 6] });
    expect(outcome.status).toBe('no_response');
    expect(outcome.observations).toEqual([]);
    expect(outcome.failures.map((f) => f.section)).toEqual(['unit 5 identification', 'unit 6 identification']);
  });

  it('asks only the configured unit ids', async () => {
    const proxy = await proxyTo('gateway1');
    const { outcome } = await probeOnce(proxy, { unitIds: [2] });
    expect(outcome.observations.map((o) => o.fields.modbus_unit)).toEqual([2]);
    expect(proxy.unitIds()).toEqual([2]);
    // The one answering unit is the target itself: it carries no gateway relation.
    expect(outcome.observations[0]?.relations).toEqual([]);
  });

  it('browses configured register ranges in protocol-sized chunks and keeps a snapshot with a stable hash', async () => {
    const proxy = await proxyTo('plc1');
    const ranges = [
      { table: 'holding_registers' as const, start: 0, count: 300, label: 'all of it' },
      { table: 'coils' as const, start: 0, count: 64 },
      { table: 'input_registers' as const, start: 0, count: 50 },
      { table: 'holding_registers' as const, start: 5000, count: 10, label: 'not there' },
    ];
    const { outcome, context } = await probeOnce(proxy, { unitIds: [1], identification: false, sunspecAddresses: [], profiles: [], registerRanges: ranges });
    expect(outcome.status).toBe('found');
    const reads = context.recorder.requests.filter((r) => r.code === 3);
    // 300 registers → 125 + 125 + 50; then the missing range (one request, exception 2).
    expect(reads).toHaveLength(4);
    expect(proxy.frames.filter((f) => f.functionCode === 3)).toHaveLength(4);
    const snapshot = (outcome.observations[0]?.raw as { snapshot: { ranges: Array<{ values?: number[]; error?: string; label?: string }>; hash: string } }).snapshot;
    expect(snapshot.ranges[0]?.values).toHaveLength(300);
    expect(snapshot.ranges[1]?.values?.slice(0, 6)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(snapshot.ranges[2]?.values).toHaveLength(50);
    expect(snapshot.ranges[3]?.error).toContain('exception 2 (illegal data address)');
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await probeOnce(proxy, { unitIds: [1], identification: false, sunspecAddresses: [], profiles: [], registerRanges: ranges });
    expect((again.outcome.observations[0]?.raw as { snapshot: { hash: string } }).snapshot.hash).toBe(snapshot.hash);
  });

  it('gives a different snapshot hash when the configuration differs (drift can be detected)', async () => {
    const other = await startTestPlant({ devices: [demoModiconPlc('plc1b', '99999X0001')] });
    try {
      const options = { unitIds: [1], identification: false, sunspecAddresses: [], profiles: ['example-modicon-like-plc'] };
      const a = await probeOnce(device('plc1'), options);
      const b = await probeOnce(other.devices[0] as DemoModbusPlantDevice, options);
      const hash = (o: typeof a): string => (o.outcome.observations[0]?.raw as { snapshot: { hash: string } }).snapshot.hash;
      expect(hash(a)).not.toBe(hash(b));
      expect(b.outcome.observations[0]?.fields.serial).toBe('99999X0001');
    } finally {
      await other.close();
    }
  });

  it('identify depth reads identification and SunSpec only: no profiles, no register ranges', async () => {
    const proxy = await proxyTo('plc1');
    const { outcome } = await probeOnce(proxy, { unitIds: [1], sunspecAddresses: [], registerRanges: [{ table: 'holding_registers', start: 0, count: 10 }] }, { depth: 'identify' });
    expect(outcome.observations[0]?.fields.serial).toBeUndefined();
    expect(proxy.functionCodes()).toEqual([43]);
  });

  it('reports a closed port as no response without an observation', async () => {
    const { outcome } = await probeOnce({ host: '127.0.0.1', port: 1 }, { unitIds: [1] });
    expect(outcome.status).toBe('no_response');
    expect(outcome.observations).toEqual([]);
    expect(outcome.failures[0]).toMatchObject({ reason: 'no_response', section: 'connect' });
  });

  it('puts the IP, qualified by the network, on the observation of a routable address (normaliser)', async () => {
    const { normaliseModbusUnit } = await import('./modbus-normaliser.js');
    const obs = normaliseModbusUnit(
      { host: '10.20.0.15', port: 502, unitId: 1, answered: true, profiles: [], failures: [], identification: { status: 'read', objects: { VendorName: 'X' }, extended: {}, categories: ['basic'] } },
      { observedAt: new Date('2026-01-01T00:00:00Z'), network: 'plant-a' },
    );
    expect(obs.fields).toMatchObject({ primary_ip: '10.20.0.15', vendor: 'X' });
    expect(obs.interfaces).toEqual([{ ips: [{ address: '10.20.0.15', network: 'plant-a' }], operStatus: 'up' }]);
    expect(obs.nativeKey).toBe('plant-a/10.20.0.15:502#1');
  });
});

describe('ModbusCollector.plan', () => {
  it('estimates requests per target, needs no credentials, and warns about many unit ids or tight spacing', async () => {
    const { ModbusCollector } = await import('./modbus-collector.js');
    const { ModbusScopeOptions } = await import('../../../src-shared/api/discovery-protocols.js');
    const { DISCOVERY_OT_DEFAULTS } = await import('../../../src-shared/api/discovery.js');
    const collector = new ModbusCollector();
    const plan = collector.plan(ModbusScopeOptions.parse({ protocol: 'modbus' }), { ...DISCOVERY_OT_DEFAULTS });
    expect(plan).toMatchObject({ needsCredentials: false, fixedDurationMs: 0, warnings: [] });
    expect(plan.requestsPerTarget).toBeGreaterThan(5);
    const busy = collector.plan(ModbusScopeOptions.parse({ protocol: 'modbus', unitIds: [1, 2, 3], registerRanges: [{ table: 'holding_registers', start: 0, count: 1000 }] }), { ...DISCOVERY_OT_DEFAULTS, perHostIntervalMs: 10 });
    expect(busy.requestsPerTarget).toBeGreaterThan(3 * plan.requestsPerTarget);
    expect(busy.warnings.join(' ')).toMatch(/3 unit ids/);
    expect(busy.warnings.join(' ')).toMatch(/only 10 ms apart/);
    expect(collector.serialisePerAddress).toBe(true);
    expect(collector.defaultPorts).toEqual([502]);
  });
});

describe('demo Modbus plant', () => {
  it('listens on loopback only', async () => {
    const { startDemoModbusPlant } = await import('./demo/demo-modbus-plant.js');
    await expect(startDemoModbusPlant({ host: '192.0.2.10', basePort: 40_000 })).rejects.toThrow(/loopback only/);
    await expect(startDemoModbusPlant({ hosts: ['127.0.0.2', '10.0.0.1'], basePort: 40_000 })).rejects.toThrow(/loopback only, not 10\.0\.0\.1/);
  });
});
