// What `fieldwise demo` does (loaded when it runs): start the demo agents, save a credential set and
// a scope for them, discover them, and with --serve keep serving the UI until Ctrl+C.
import { DEMO_COMMUNITY, startDemoNetwork } from '../../collectors/snmp/demo/demo-network.js';
import type { CliContext } from '../cli-context.js';
import { runDiscoveryScope } from '../runtime/run-discovery-scope.js';
import { withAppCore } from '../runtime/with-app-core.js';
import type { DemoOptions } from './demo-command.js';

const DEMO_SCOPE = 'Demo network';
const DEMO_CREDENTIAL = 'Demo community';

export async function runDemo(cli: CliContext, opts: DemoOptions): Promise<void> {
  const network = await startDemoNetwork({ host: '127.0.0.1', basePort: opts.basePort });
  try {
    cli.io.err(`Demo agents on 127.0.0.1: ${network.agents.map((a) => `${a.name} :${a.port}`).join(', ')}\n`);
    await withAppCore(
      cli,
      async (core, call) => {
        const sets = await call('discovery.credentials.list', {});
        const existing = sets.find((s) => s.name === DEMO_CREDENTIAL);
        const credential = existing
          ? await call('discovery.credentials.update', { id: existing.id, community: DEMO_COMMUNITY })
          : await call('discovery.credentials.create', { name: DEMO_CREDENTIAL, kind: 'snmp_v2c', community: DEMO_COMMUNITY });
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
        if (opts.serve) {
          cli.io.err(`The demo agents keep running; discover them again from the window (Discovery → "${DEMO_SCOPE}").\n`);
          // The HTTP server (Fastify) is loaded only for --serve.
          const { serveAppCore } = await import('../runtime/serve-app-core.js');
          await serveAppCore(cli, core, { host: '127.0.0.1', port: opts.port, allowRemote: false });
        }
      },
      { scheduler: Boolean(opts.serve) },
    );
  } finally {
    await network.close();
  }
}
