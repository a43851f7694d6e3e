// What `fieldwise demo` does (loaded when it runs): a realistic small estate in one command. It
// starts the simulated SNMP agents on 127.0.0.1, saves a credential set and a scope for them,
// discovers them, imports the example inventories from examples/ (servers, desktops, cloud
// instances, and a CMDB export of the demo network that overlaps the discovered devices), and
// prints what came of it: assets, sources, review items and relations. With --serve it keeps the
// agents running and serves the UI until Ctrl+C.
//
// The demo community is public (src-shared/model/public-demo-secrets.ts): the credential set refers
// to it as `public-demo/snmp-community`, which the app answers without the OS keychain. So the demo
// runs where no keychain is available; real credentials still go only to the keychain.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportKind } from '../../../src-shared/model/source-kinds.js';
import { DEMO_SNMP_COMMUNITY, PUBLIC_DEMO_COMMUNITY_REF } from '../../../src-shared/model/public-demo-secrets.js';
import { startDemoNetwork } from '../../collectors/snmp/demo/demo-network.js';
import type { FullAppCore } from '../../app/create-app-core.js';
import type { CliContext } from '../cli-context.js';
import { runDiscoveryScope } from '../runtime/run-discovery-scope.js';
import { withAppCore, type ApiCall } from '../runtime/with-app-core.js';
import type { DemoOptions } from './demo-command.js';

export const DEMO_SCOPE = 'Demo network';
export const DEMO_CREDENTIAL = 'Demo community';

/** The example files the demo imports, in this order, each as its own source. */
/**
 * The example files the demo imports, in this order, each as its own source; the example
 * inventories each on a network (site) of their own, the demo CMDB where the discovery puts the demo
 * devices (no named network).
 */
export const DEMO_IMPORTS: ReadonlyArray<{ file: string; kind: ImportKind; sourceName: string; network?: string }> = [
  { file: 'servers.csv', kind: 'servers_cache', sourceName: 'Example servers', network: 'dc-1' },
  { file: 'desktops.csv', kind: 'desktop_cache', sourceName: 'Example desktops', network: 'plant-a' },
  { file: 'cloud-instances.csv', kind: 'cloud_manual', sourceName: 'Example cloud instances', network: 'aws-vpc-prod' },
  { file: 'demo-network-cmdb.csv', kind: 'servers_cache', sourceName: 'Demo CMDB' },
];

/**
 * The project's examples/ folder, found by walking up from this module: the same code runs from
 * src-main/cli/commands (tests, tsx) and from the bundle in dist/main.
 */
export function findExamplesDir(from: string = fileURLToPath(import.meta.url)): string | null {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'examples');
    if (existsSync(path.join(candidate, 'servers.csv'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

async function importExamples(cli: CliContext, core: FullAppCore, call: ApiCall, examplesDir: string): Promise<void> {
  for (const { file, kind, sourceName, network } of DEMO_IMPORTS) {
    const started = await call('imports.start', { kind, path: path.join(examplesDir, file), sourceName, ...(network ? { network } : {}), preview: false, onRejected: 'fail' });
    const run = await core.imports.waitFor(started.id);
    const c = run.counts;
    if (run.status !== 'succeeded') throw new Error(`Importing examples/${file} ended ${run.status}: ${run.error?.message ?? 'see `fieldwise assets list`'}`);
    cli.io.err(`Imported examples/${file} as "${sourceName}": ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged.\n`);
  }
}

/** What the estate holds now, in a few lines a person reads before opening the UI. */
async function summarise(call: ApiCall): Promise<string> {
  const summary = await call('assets.summary', {});
  const review = await call('stewardship.list', { status: 'open', limit: 20 });
  const topology = await call('discovery.topology', {});
  const byType = new Map<string, number>();
  for (const edge of topology.edges) byType.set(edge.type, (byType.get(edge.type) ?? 0) + 1);
  const sources = summary.bySource.map((s) => `${s.label} ${s.count}`).join(', ');
  const lines = [
    `Demo estate: ${plural(summary.total, 'asset')} from ${plural(summary.bySource.length, 'source')} (${sources}).`,
    `Review queue: ${plural(review.total, 'open item')}${review.total > 0 ? ':' : '.'}`,
    ...review.items.map((item) => `  ${item.left.asset?.name ?? item.left.member.nativeKey} / ${item.right.asset?.name ?? item.right.member.nativeKey} (${item.score.toFixed(2)} bits)`),
    `Relations: ${[...byType.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([type, count]) => `${count} ${type}`)
      .join(', ')}.`,
  ];
  return `${lines.join('\n')}\n`;
}

export async function runDemo(cli: CliContext, opts: DemoOptions): Promise<void> {
  const examplesDir = findExamplesDir();
  if (!examplesDir) throw new Error('The examples/ folder was not found beside the app; run `fieldwise demo` from the project folder.');
  const network = await startDemoNetwork({ host: '127.0.0.1', basePort: opts.basePort });
  try {
    cli.io.err(`Demo agents on 127.0.0.1: ${network.agents.map((a) => `${a.name} :${a.port}`).join(', ')}\n`);
    cli.io.err(
      `The demo's SNMP community "${DEMO_SNMP_COMMUNITY}" is public (it is in the README), so it is not kept in the OS keychain: ` +
        `the "${DEMO_CREDENTIAL}" credential set refers to ${PUBLIC_DEMO_COMMUNITY_REF}. Your own credentials are stored only in the keychain.\n`,
    );
    await withAppCore(
      cli,
      async (core, call) => {
        const sets = await call('discovery.credentials.list', {});
        const existing = sets.find((s) => s.name === DEMO_CREDENTIAL);
        const credential = existing
          ? await call('discovery.credentials.update', { id: existing.id, communityRef: PUBLIC_DEMO_COMMUNITY_REF })
          : await call('discovery.credentials.create', { name: DEMO_CREDENTIAL, kind: 'snmp_v2c', communityRef: PUBLIC_DEMO_COMMUNITY_REF });
        const fields = {
          targets: ['127.0.0.1'],
          ports: network.agents.map((a) => a.port),
          credentialSetIds: [credential.id],
          description: 'Simulated devices started by `fieldwise demo` on 127.0.0.1.',
          settings: { timeoutMs: 1000, retries: 1, ratePerSecond: 500, perHostIntervalMs: 0, concurrency: 8 },
        };
        const scopes = await call('discovery.scopes.list', {});
        const found = scopes.find((s) => s.name === DEMO_SCOPE);
        const scope = found
          ? await call('discovery.scopes.update', { id: found.id, ...fields })
          : await call('discovery.scopes.create', { name: DEMO_SCOPE, ...fields });
        await runDiscoveryScope(cli, core, call, scope, {});
        await importExamples(cli, core, call, examplesDir);
        cli.io.out(await summarise(call));
        if (opts.serve) {
          cli.io.err(`The demo agents keep running; discover them again from the window (Discovery → "${DEMO_SCOPE}").\n`);
          // The HTTP server (Fastify) is loaded only for --serve.
          const { serveAppCore } = await import('../runtime/serve-app-core.js');
          await serveAppCore(cli, core, { host: '127.0.0.1', port: opts.port, allowRemote: false });
        } else {
          cli.io.err('Open it in a browser with `fieldwise serve` (or run `fieldwise demo --serve` to keep the simulated devices running).\n');
        }
      },
      { scheduler: Boolean(opts.serve) },
    );
  } finally {
    await network.close();
  }
}
