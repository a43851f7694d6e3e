// The demo plant's Modbus side: simulated devices on loopback for tests, benchmarks and the `demo`
// command — two PLCs, a SunSpec inverter and a serial gateway with three unit ids. Loopback only:
// any other address is refused before a socket is opened.
import { parseIp } from '../../../../src-shared/lib/canonical-ip.js';
import type { DemoModbusDevice } from './demo-modbus-device.js';
import { defaultDemoModbusDevices } from './demo-modbus-devices.js';
import { startDemoModbusServer, type DemoModbusServer } from './demo-modbus-server.js';

export interface DemoModbusPlantOptions {
  /** A loopback address; devices listen on consecutive ports from basePort. */
  host?: string;
  /** Bind device i to hosts[i] (all on basePort) instead of consecutive ports on `host`. */
  hosts?: readonly string[];
  basePort: number;
  /** Replace the default devices (e.g. 100 PLCs for the benchmark). */
  devices?: readonly DemoModbusDevice[];
}

export interface DemoModbusPlantDevice {
  name: string;
  host: string;
  port: number;
  unitIds: number[];
  gateway: boolean;
  /** What a collector should find per unit id. */
  expected: Record<number, DemoModbusDevice['units'][number]['expected']>;
}

export interface DemoModbusPlant {
  devices: DemoModbusPlantDevice[];
  close(): Promise<void>;
}

export async function startDemoModbusPlant(options: DemoModbusPlantOptions): Promise<DemoModbusPlant> {
  const host = options.host ?? '127.0.0.1';
  const hosts = options.hosts ?? [];
  for (const address of [host, ...hosts]) {
    if (parseIp(address)?.class !== 'loopback') throw new Error(`demo Modbus devices listen on loopback only, not ${address}`);
  }
  const devices = options.devices ?? defaultDemoModbusDevices();
  const started: Array<{ device: DemoModbusDevice; server: DemoModbusServer }> = [];
  try {
    for (const [i, device] of devices.entries()) {
      const deviceHost = hosts[i] ?? host;
      const port = hosts[i] ? options.basePort : options.basePort + i;
      started.push({ device, server: await startDemoModbusServer(device, deviceHost, port) });
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.server.close()));
    throw error;
  }
  return {
    devices: started.map(({ device, server }) => ({
      name: device.name,
      host: server.host,
      port: server.port,
      unitIds: Object.keys(device.units).map(Number),
      gateway: device.gateway,
      expected: Object.fromEntries(Object.entries(device.units).map(([id, unit]) => [Number(id), unit.expected])),
    })),
    close: async () => {
      await Promise.all(started.map((s) => s.server.close()));
    },
  };
}
