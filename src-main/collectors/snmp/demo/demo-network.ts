// A small simulated network of SNMP agents on loopback for tests, benchmarks and the `demo`
// command: sw1 and sw2 (LLDP neighbours of each other, with FDB entries), rtr1 (ARP table),
// srv1 (HOST-RESOURCES with installed software) and ups1 (APC sysObjectID). Every agent answers
// v1/v2c on `community` and, when given, SNMPv3 authPriv for `v3User`.
import { parseIp } from '../../../../src-shared/lib/canonical-ip.js';
import { DEMO_SNMP_COMMUNITY } from '../../../../src-shared/model/public-demo-secrets.js';
import { startDemoAgent, type DemoAgent, type DemoV3User } from './demo-agent.js';
import type { DemoDevice } from './demo-device.js';
import { demoRouter, demoServer, demoSwitch, demoUps } from './demo-devices.js';

export interface DemoNetworkOptions {
  /** A loopback address (127.0.0.0/8 or ::1). Agents listen on consecutive ports from basePort. */
  host?: string;
  basePort: number;
  /** Bind agent i to hosts[i] (all on basePort) instead of consecutive ports on `host`. */
  hosts?: readonly string[];
  community?: string;
  v3User?: DemoV3User;
  /** Replace the default devices (e.g. a server with 500 packages for benchmarks). */
  devices?: readonly DemoDevice[];
}

export interface DemoNetwork {
  agents: Array<{ name: string; host: string; port: number; community: string; engineId: string }>;
  close(): Promise<void>;
}

/** Public: the demo agents' community is no secret (src-shared/model/public-demo-secrets.ts). */
export const DEMO_COMMUNITY = DEMO_SNMP_COMMUNITY;

export function defaultDemoDevices(): DemoDevice[] {
  return [demoSwitch('sw1'), demoSwitch('sw2'), demoRouter(), demoServer(), demoUps()];
}

export async function startDemoNetwork(options: DemoNetworkOptions): Promise<DemoNetwork> {
  const host = options.host ?? '127.0.0.1';
  const addresses = options.hosts ?? [];
  for (const address of [host, ...addresses]) {
    if (parseIp(address)?.class !== 'loopback') throw new Error(`demo agents listen on loopback only, not ${address}`);
  }
  const community = options.community ?? DEMO_COMMUNITY;
  const devices = options.devices ?? defaultDemoDevices();
  const started: DemoAgent[] = [];
  try {
    for (const [i, device] of devices.entries()) {
      const agentHost = addresses[i] ?? host;
      const port = addresses[i] ? options.basePort : options.basePort + i;
      started.push(await startDemoAgent(device, { host: agentHost, port, community, ...(options.v3User ? { v3User: options.v3User } : {}) }));
    }
  } catch (error) {
    await Promise.all(started.map((a) => a.close()));
    throw error;
  }
  return {
    agents: started.map(({ name, host: h, port, community: c, engineId }) => ({ name, host: h, port, community: c, engineId })),
    close: async () => {
      await Promise.all(started.map((a) => a.close()));
    },
  };
}
