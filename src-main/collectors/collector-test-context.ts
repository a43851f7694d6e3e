// A CollectorRunContext for tests and benchmarks of one collector without the run service: real
// pacing (a PacedRequestGate on system timing), a memory recorder that sees every request, secrets
// from a plain map, the protocol's default options filled in by the contract's schema.
import { DISCOVERY_OT_DEFAULTS, type DiscoverySettings } from '../../src-shared/api/discovery.js';
import { DiscoveryScopeOptions, type DiscoveryScopeOptionsInput } from '../../src-shared/api/discovery-protocols.js';
import type { CollectorCredential, CollectorProtocol, CollectorRunContext, OptionsOf } from './collector.js';
import { MemoryRequestRecorder } from './request-recorder.js';
import { PacedRequestGate } from './sweep/request-gate.js';
import { systemTiming } from './sweep/timing.js';

export interface TestRunContextInput<P extends CollectorProtocol> {
  options: DiscoveryScopeOptionsInput & { protocol: P };
  settings?: Partial<DiscoverySettings>;
  credentials?: CollectorCredential[];
  secrets?: Record<string, string>;
  dataDir?: string;
  network?: string | null;
  depth?: 'identify' | 'full';
}

export function testRunContext<P extends CollectorProtocol>(input: TestRunContextInput<P>): CollectorRunContext<P> & { recorder: MemoryRequestRecorder } {
  const settings: DiscoverySettings = { ...DISCOVERY_OT_DEFAULTS, perHostIntervalMs: 0, ratePerSecond: 5000, ...input.settings };
  const memory = new Map<string, string>();
  const secrets = input.secrets ?? {};
  return {
    runId: 'test-run',
    options: DiscoveryScopeOptions.parse(input.options) as OptionsOf<P>,
    settings,
    depth: input.depth ?? 'full',
    credentials: input.credentials ?? [],
    readSecret: (ref) => Promise.resolve(secrets[ref] ?? null),
    gate: new PacedRequestGate({ ratePerSecond: settings.ratePerSecond, perHostIntervalMs: settings.perHostIntervalMs, timing: systemTiming }),
    recorder: new MemoryRequestRecorder(),
    timing: systemTiming,
    network: input.network ?? null,
    inScope: () => true,
    dataDir: input.dataDir ?? '/nonexistent-data-dir',
    recallCredential: (key) => memory.get(key) ?? null,
    rememberCredential: (key, id) => void memory.set(key, id),
  };
}
