// Full collection of one agent with 48 interfaces, 500 installed software entries and an LLDP
// table, on loopback. Goal: under 1 s.
import { MapCredentialMemory } from '../src-main/collectors/snmp/credential-memory.js';
import { startDemoNetwork } from '../src-main/collectors/snmp/demo/demo-network.js';
import { demoServer, demoSwitch } from '../src-main/collectors/snmp/demo/demo-devices.js';
import { SnmpCollector } from '../src-main/collectors/snmp/snmp-collector.js';
import { MemoryCredentialStore } from '../src-main/secrets/memory-credential-store.js';
import { rssMiB, summarise, writeBenchResult } from './lib/bench-report.js';

async function main(): Promise<void> {
  const big = demoSwitch('sw1', 48);
  big.hostResources = demoServer({ software: 500 }).hostResources;
  big.lldpNeighbours = Array.from({ length: 12 }, (_, i) => ({ localPortNum: i + 1, chassisMac: `02:00:5e:30:00:${(i + 1).toString(16).padStart(2, '0')}`, portId: `eth${i}`, sysName: `peer${i}.demo.lan` }));
  const net = await startDemoNetwork({ host: '127.0.0.1', basePort: 20_400, devices: [big] });
  const store = new MemoryCredentialStore({ c: 'fieldwise-demo' });
  const target = { host: '127.0.0.1', port: 20_400 };
  try {
    const run = async (version: 'v1' | 'v2c', perHostIntervalMs: number): Promise<{ ms: number[]; requests: number; counts: string }> => {
      const ms: number[] = [];
      let requests = 0;
      let counts = '';
      for (let i = 0; i < 5; i++) {
        const collector = new SnmpCollector({ store, memory: new MapCredentialMemory() });
        const t0 = performance.now();
        const report = await collector.sweep(Object.assign([target], { size: 1 }), [{ id: 'b', version, communityRef: 'c' }], { perHostIntervalMs });
        ms.push(performance.now() - t0);
        const o = report.outcomes[0];
        requests = o?.requestCount ?? 0;
        counts = `${o?.status} if=${o?.observation?.interfaces.length} sw=${o?.observation?.software.length} rel=${o?.observation?.relations.length}`;
      }
      return { ms, requests, counts };
    };
    const v2 = await run('v2c', 5);
    const v2nopace = await run('v2c', 0);
    const v1 = await run('v1', 0);
    const s2 = summarise(v2.ms);
    const s2n = summarise(v2nopace.ms);
    const s1 = summarise(v1.ms);
    writeBenchResult('snmp-collect', {
      'agent content': v2.counts,
      'v2c (GETBULK) default pacing p50 ms': s2.p50,
      'v2c (GETBULK) default pacing max ms': s2.max,
      'v2c requests per collection': v2.requests,
      'v2c no per-host pacing p50 ms': s2n.p50,
      'v1 (GETNEXT) no pacing p50 ms': s1.p50,
      'v1 requests per collection': v1.requests,
      'rss MiB': rssMiB(),
    });
  } finally {
    await net.close();
  }
}

await main();
