// Deep browse of a 100,000-variable address space on loopback (the demo gateway: folders of 100
// variables, 100 nodes per Read and 1,000 per Browse like a small embedded server). Goal: ≥ 2,000
// nodes/s (a widely used .NET stack reports 400–650 nodes/s on similar work). Anchors from the same
// run: a 10,000-node browse of the same server, and a plain loop of 100-node Reads (the floor of what
// one request at a time can do on this machine). Memory: peak heap growth over the browse (sampled
// every 50 ms) and RSS; the server runs in the same process, so RSS includes its address space.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MessageSecurityMode, SecurityPolicy, UserTokenType } from 'node-opcua';
import { testRunContext } from '../src-main/collectors/collector-test-context.js';
import { startDemoOpcuaGateway } from '../src-main/collectors/opcua/demo/opcua-demo-gateway.js';
import { OpcuaCollector } from '../src-main/collectors/opcua/opcua-collector.js';
import { OpcuaSafetyGuard } from '../src-main/collectors/opcua/opcua-safety-guard.js';
import type { OpcuaServerRecord } from '../src-main/collectors/opcua/opcua-server-record.js';
import { MemoryRequestRecorder } from '../src-main/collectors/request-recorder.js';
import { openRequestGate } from '../src-main/collectors/sweep/request-gate.js';
import { systemTiming } from '../src-main/collectors/sweep/timing.js';
import { round, rssMiB, writeBenchResult } from './lib/bench-report.js';

const NODES = Number(process.env.OPCUA_BENCH_NODES ?? 100_000);

async function main(): Promise<void> {
  const t0 = performance.now();
  const gateway = await startDemoOpcuaGateway({ nodeCount: NODES });
  const startMs = performance.now() - t0;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'fieldwise-opcua-bench-'));
  try {
    const browse = async (maxNodes: number) => {
      const ctx = testRunContext({
        options: { protocol: 'opcua', securityMode: 'None', browse: true, maxNodes, maxDepth: 12 },
        settings: { timeoutMs: 30_000, retries: 0 },
        dataDir,
      });
      const session = await new OpcuaCollector().open(ctx);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      }, 50);
      const started = performance.now();
      const outcome = await session.probe({ host: gateway.host, port: gateway.port }, new AbortController().signal);
      const ms = performance.now() - started;
      clearInterval(sampler);
      await session.dispose();
      const summary = (outcome.observations[0]?.raw as OpcuaServerRecord | undefined)?.browse;
      if (outcome.status !== 'found' || !summary) throw new Error(`browse failed: ${outcome.status} ${JSON.stringify(outcome.failures)}`);
      return { ms, summary, requests: outcome.requestCount, heapDeltaMiB: (heapPeak - heapBefore) / 2 ** 20 };
    };

    const anchor = await browse(10_000);
    const full = await browse(1_000_000);

    // Plain read loop: 100-node Reads of the generated variables, one at a time.
    const recorder = new MemoryRequestRecorder();
    const guard = new OpcuaSafetyGuard({
      target: { host: gateway.host, port: gateway.port },
      endpointUrl: gateway.endpoint,
      gate: openRequestGate,
      recorder,
      timing: systemTiming,
      limits: { timeoutMs: 30_000, retries: 0, backoff: 1, breakerThreshold: 3 },
    });
    await guard.openSession({ securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None, userIdentity: { type: UserTokenType.Anonymous } });
    const reads = 200;
    const readStart = performance.now();
    for (let r = 0; r < reads; r += 1) {
      const folder = r % Math.max(1, Math.floor(NODES / 100));
      await guard.read(Array.from({ length: 100 }, (_, i) => ({ nodeId: `ns=1;s=Plant.Area${folder}.Tag${i}` })));
    }
    const readMs = performance.now() - readStart;
    await guard.close();

    const nodesPerSecond = full.summary.nodeCount / (full.ms / 1000);
    const anchorPerSecond = anchor.summary.nodeCount / (anchor.ms / 1000);
    const readNodesPerSecond = (reads * 100) / (readMs / 1000);
    writeBenchResult('opcua-browse', {
      'address space (generated variables)': NODES,
      'demo server start ms': round(startMs, 0),
      'nodes browsed': full.summary.nodeCount,
      'variables (data type read)': full.summary.variableCount,
      'browse s': round(full.ms / 1000, 2),
      'nodes per second': round(nodesPerSecond, 0),
      'goal nodes per second': 2000,
      'requests (Browse / BrowseNext / Read)': `${full.summary.browseRequests} / ${full.summary.browseNextRequests} / ${full.summary.readRequests}`,
      'requests in total': full.requests,
      'peak heap growth during browse MiB': round(full.heapDeltaMiB, 1),
      'rss MiB (collector + in-process server)': rssMiB(),
      'anchor: 10,000-node browse nodes per second': round(anchorPerSecond, 0),
      'ratio full / 10,000-node browse': round(nodesPerSecond / anchorPerSecond, 2),
      'anchor: plain 100-node Read loop nodes per second': round(readNodesPerSecond, 0),
      'ratio browse / plain read loop': round(nodesPerSecond / readNodesPerSecond, 2),
    });
  } finally {
    await gateway.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
