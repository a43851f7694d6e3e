// The discovery commands of the CLI: `discover snmp|run|report`, `scopes list|add|show`,
// `credentials add|list` and `demo`. Every change goes through the API dispatcher, like the window.
import { InvalidArgumentError, type Command } from 'commander';
import {
  DISCOVERY_HOST_STATUS_LABELS,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
  type CredentialSetKind,
  type DiscoveryPlan,
  type DiscoveryProgressEvent,
  type DiscoveryScope,
} from '../../src-shared/api/index.js';
import type { FullAppCore } from '../app/create-app-core.js';
import { DEMO_COMMUNITY, startDemoNetwork } from '../collectors/snmp/demo/demo-network.js';
import type { CliIo } from './cli-io.js';
import type { CliPrompt } from './cli-prompt.js';
import { formatTable } from './format-table.js';

type Call = <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;

export interface DiscoveryCommandContext {
  io: CliIo;
  prompt: CliPrompt;
  asJson: () => boolean;
  withCore<T>(fn: (core: FullAppCore, call: Call) => Promise<T>, options?: { scheduler?: boolean }): Promise<T>;
  /** Serve the UI and API for `demo --serve` until the process is asked to stop. */
  serve(core: FullAppCore, options: { host: string; port: number }): Promise<void>;
  waitForStop: () => Promise<void>;
  setExitCode(code: number): void;
}

const DEMO_SCOPE = 'Demo network';
const DEMO_CREDENTIAL = 'Demo community';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return n;
}

function port(value: string): number {
  const n = positiveInt(value);
  if (n < 1 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port (1-65535).`);
  return n;
}

function collect(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), port(value)];
}

interface SafetyOptions {
  rate?: number;
  concurrency?: number;
  spacing?: number;
  timeout?: number;
  retries?: number;
}

function settingsFrom(opts: SafetyOptions): ApiInput<'discovery.scopes.create'>['settings'] {
  const settings: NonNullable<ApiInput<'discovery.scopes.create'>['settings']> = {};
  if (opts.rate !== undefined) settings.ratePerSecond = opts.rate;
  if (opts.concurrency !== undefined) settings.concurrency = opts.concurrency;
  if (opts.spacing !== undefined) settings.perHostIntervalMs = opts.spacing;
  if (opts.timeout !== undefined) settings.timeoutMs = opts.timeout;
  if (opts.retries !== undefined) settings.retries = opts.retries;
  return settings;
}

function addSafetyOptions(command: Command): Command {
  return command
    .option('--rate <n>', 'global cap, requests per second (default 200; OT 20)', positiveInt)
    .option('--concurrency <n>', 'hosts probed at once (default 64; OT 4)', positiveInt)
    .option('--spacing <ms>', 'minimum gap between requests to one device (default 10; OT 100)', positiveInt)
    .option('--timeout <ms>', 'wait for a reply before retrying (default 1500; OT 3000)', positiveInt)
    .option('--retries <n>', 're-sends after a timeout (default 1)', positiveInt);
}

function formatDuration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

export function formatPlan(plan: DiscoveryPlan): string {
  const s = plan.settings;
  const lines = [
    `Plan for "${plan.scopeName}"${plan.ot ? ' (OT scope)' : ''}`,
    `  targets      ${plan.targets.join(', ')}${plan.exclusions.length ? `  excluding ${plan.exclusions.join(', ')}` : ''}`,
    `  ports        ${plan.ports.join(', ')}   → ${plan.addressCount} address(es), ${plan.targetCount} probe(s)`,
    `  credentials  ${plan.credentials.map((c) => `${c.name} (${c.kind}${c.secretStatus === 'stored' ? '' : `, secret ${c.secretStatus}`})`).join(' → ') || '(none)'}`,
    `  safety       ${s.ratePerSecond} req/s, ${s.concurrency} hosts at once, ${s.perHostIntervalMs} ms per-device spacing, timeout ${s.timeoutMs} ms × ${1 + s.retries} (backoff ×${s.backoff})`,
    `  reads        ${plan.depth === 'identify' ? 'system group only' : 'system, interfaces, addresses, entities, host resources, software, LLDP, CDP, FDB, ARP'} (SNMP GET/GETNEXT/GETBULK only)`,
    `  worst case   ${formatDuration(plan.estimatedMaxDurationMs)}`,
  ];
  for (const w of plan.warnings) lines.push(`  ! ${w}`);
  return lines.join('\n') + '\n';
}

async function resolveScope(call: Call, nameOrId: string): Promise<DiscoveryScope> {
  const scopes = await call('discovery.scopes.list', {});
  const scope = scopes.find((s) => s.id === nameOrId) ?? scopes.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase());
  if (!scope) throw new InvalidArgumentError(`No discovery scope "${nameOrId}"; see \`fieldwise scopes list\`.`);
  return scope;
}

async function resolveCredentialIds(call: Call, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const sets = await call('discovery.credentials.list', {});
  return names.map((name) => {
    const set = sets.find((s) => s.id === name) ?? sets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!set) throw new InvalidArgumentError(`No credential set "${name}"; add it with \`fieldwise credentials add\`.`);
    return set.id;
  });
}

export function registerDiscoveryCommands(program: Command, ctx: DiscoveryCommandContext): void {
  const { io } = ctx;

  /** Shows the plan, asks for confirmation on OT scopes, runs, shows progress and the report. */
  async function runScope(
    core: FullAppCore,
    call: Call,
    scope: DiscoveryScope,
    opts: { yes?: boolean; resume?: string },
  ): Promise<ApiOutput<'discovery.runs.report'> | null> {
    const plan = await call('discovery.plan', { scopeId: scope.id });
    if (!ctx.asJson()) io.err(formatPlan(plan));
    let confirmOt = false;
    if (plan.requiresConfirmation) {
      confirmOt = Boolean(opts.yes) || (ctx.prompt.interactive && (await ctx.prompt.confirm(`Start discovery of OT scope "${scope.name}" with this plan?`)));
      if (!confirmOt) {
        io.err(`fieldwise: "${scope.name}" is an OT scope; review the plan above and run again with --yes to confirm.\n`);
        ctx.setExitCode(2);
        return null;
      }
    }
    const started = await call('discovery.start', { scopeId: scope.id, confirmOt, ...(opts.resume ? { resumeRunId: opts.resume } : {}) });
    let lastLine = 0;
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'discovery.progress' || ctx.asJson()) return;
      const p = payload as DiscoveryProgressEvent;
      if (p.runId !== started.id) return;
      const line = p.phase === 'linking' ? 'linking topology…' : `${p.done}/${p.total} hosts, ${p.found} found, ${p.errors} errors`;
      if (io.isTty) io.err(`\r${line}   `);
      else if (p.phase !== 'sweeping' || Date.now() - lastLine > 2000) {
        lastLine = Date.now();
        io.err(`${line}\n`);
      }
    });
    void ctx.waitForStop().then(() => {
      if (core.discovery.isActive(started.id)) {
        io.err('\nCancelling…\n');
        core.discovery.cancel(started.id);
      }
    });
    const run = await core.discovery.waitFor(started.id);
    stop();
    if (io.isTty && !ctx.asJson()) io.err('\n');
    const report = await call('discovery.runs.report', { runId: run.id });
    const hosts = await call('discovery.runs.hosts', { runId: run.id, limit: 5000 });
    if (ctx.asJson()) {
      io.out(JSON.stringify({ report, hosts: hosts.items }, null, 2) + '\n');
    } else {
      io.out(
        formatTable(
          ['HOST', 'PORT', 'OUTCOME', 'ASSET', 'CREDENTIAL', 'MS', 'DETAIL'],
          hosts.items.map((h) => [h.host, h.port, DISCOVERY_HOST_STATUS_LABELS[h.status], h.assetName, h.credentialSetName, h.durationMs, h.message]),
          70,
        ),
      );
      const counts = Object.entries(report.byStatus)
        .filter(([, n]) => n > 0)
        .map(([status, n]) => `${n} ${DISCOVERY_HOST_STATUS_LABELS[status as keyof typeof DISCOVERY_HOST_STATUS_LABELS].toLowerCase()}`)
        .join(', ');
      io.out(
        `Discovery ${run.status}: ${counts || 'no hosts'}; ${run.counts.created} assets created, ${run.counts.updated} updated; ` +
          `${report.relationsWritten} relations; ${report.learnedAddresses.total} learned addresses (${report.learnedAddresses.inScope} in scope)` +
          `${report.notProbed ? `; ${report.notProbed} not probed` : ''} in ${run.durationMs} ms (run ${run.id}).\n`,
      );
      if (run.error && run.status !== 'succeeded') io.err(`${run.error.message}\n`);
    }
    ctx.setExitCode(run.status === 'succeeded' ? 0 : 1);
    return report;
  }

  // ---- discover --------------------------------------------------------------------------
  const discover = program.command('discover').description('discover devices on the network (SNMP)');
  addSafetyOptions(
    discover
      .command('snmp')
      .description('sweep addresses over SNMP now: saves the targets as a scope, prints the plan, then the per-host report')
      .requiredOption('--targets <spec...>', 'addresses, CIDR blocks (10.0.0.0/24) or ranges (10.0.0.10-20)')
      .option('--exclude <spec...>', 'addresses to leave out, same syntax')
      .option('--port <port>', 'UDP port (repeatable; default 161)', collect)
      .option('--credential <name...>', 'credential sets to try, in order (see credentials list)')
      .option('--community-ref <ref...>', 'use a community already in the OS keychain under this reference')
      .option('--snmp-version <v>', 'version for --community-ref: v1 or v2c', 'v2c')
      .option('--scope <name>', 'name of the scope to save these settings under', 'CLI sweep')
      .option('--network <name>', 'site or network the addresses belong to')
      .option('--identify', 'read only the system group (one request per device)')
      .option('--ot', 'mark as an OT (plant) scope: gentle defaults and confirmation required')
      .option('--yes', 'confirm the plan of an OT scope without asking'),
  ).action(
    async (
      opts: SafetyOptions & {
        targets: string[];
        exclude?: string[];
        port?: number[];
        credential?: string[];
        communityRef?: string[];
        snmpVersion: string;
        scope: string;
        network?: string;
        identify?: boolean;
        ot?: boolean;
        yes?: boolean;
      },
    ) => {
      if (opts.snmpVersion !== 'v1' && opts.snmpVersion !== 'v2c')
        throw new InvalidArgumentError('--snmp-version must be v1 or v2c (SNMPv3 needs a credential set: credentials add --kind v3).');
      await ctx.withCore(async (core, call) => {
        const credentialIds = await resolveCredentialIds(call, opts.credential ?? []);
        for (const ref of opts.communityRef ?? []) {
          const name = `${opts.snmpVersion} ref ${ref}`;
          const sets = await call('discovery.credentials.list', {});
          const existing = sets.find((s) => s.name.toLowerCase() === name.toLowerCase());
          credentialIds.push(
            existing
              ? existing.id
              : (await call('discovery.credentials.create', { name, kind: opts.snmpVersion === 'v1' ? 'snmp_v1' : 'snmp_v2c', communityRef: ref })).id,
          );
        }
        if (credentialIds.length === 0) throw new InvalidArgumentError('Give at least one --credential <name> or --community-ref <keychain ref>.');
        const fields = {
          targets: opts.targets,
          exclusions: opts.exclude ?? [],
          ports: opts.port ?? [161],
          credentialSetIds: credentialIds,
          network: opts.network ?? null,
          depth: opts.identify ? ('identify' as const) : ('full' as const),
          settings: settingsFrom(opts),
        };
        const scopes = await call('discovery.scopes.list', {});
        const existing = scopes.find((s) => s.name.toLowerCase() === opts.scope.toLowerCase());
        const scope = existing
          ? await call('discovery.scopes.update', { id: existing.id, ...fields, ...(opts.ot !== undefined ? { ot: opts.ot } : {}) })
          : await call('discovery.scopes.create', { name: opts.scope, ...fields, ot: Boolean(opts.ot) });
        await runScope(core, call, scope, opts);
      });
    },
  );
  discover
    .command('run')
    .description('run a saved scope now (see scopes list)')
    .argument('<scope>', 'scope name or id')
    .option('--yes', 'confirm the plan of an OT scope without asking')
    .option('--resume <run-id>', 'probe only what an interrupted or cancelled run did not finish')
    .action(async (name: string, opts: { yes?: boolean; resume?: string }) => {
      await ctx.withCore(async (core, call) => runScope(core, call, await resolveScope(call, name), opts));
    });
  discover
    .command('plan')
    .description('show what a run of a scope would do, without sending anything')
    .argument('<scope>', 'scope name or id')
    .action(async (name: string) => {
      await ctx.withCore(async (_core, call) => {
        const plan = await call('discovery.plan', { scopeId: (await resolveScope(call, name)).id });
        io.out(ctx.asJson() ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan));
      });
    });

  // ---- scopes ----------------------------------------------------------------------------
  const scopes = program.command('scopes').description('saved discovery scopes (targets, credentials, safety settings, schedule)');
  scopes
    .command('list')
    .description('list discovery scopes')
    .action(async () => {
      await ctx.withCore(async (_core, call) => {
        const list = await call('discovery.scopes.list', {});
        if (ctx.asJson()) return io.out(JSON.stringify(list, null, 2) + '\n');
        io.out(
          formatTable(
            ['NAME', 'TARGETS', 'PROBES', 'CREDENTIALS', 'RATE', 'SCHEDULE', 'NEXT RUN', 'OT', 'LAST RUN'],
            list.map((s) => [
              s.name,
              s.targets.join(' '),
              s.targetCount,
              s.credentialSets.map((c) => c.name).join(', '),
              `${s.settings.ratePerSecond}/s`,
              s.enabled ? (s.schedule ?? '') : 'disabled',
              s.nextRunAt,
              s.ot ? 'yes' : '',
              s.lastRun ? `${s.lastRun.status} ${s.lastRun.startedAt}` : '',
            ]),
          ),
        );
      });
    });
  addSafetyOptions(
    scopes
      .command('add')
      .description('save a discovery scope')
      .argument('<name>', 'scope name (assets show provenance "SNMP (<name>)")')
      .requiredOption('--targets <spec...>', 'addresses, CIDR blocks or ranges')
      .option('--exclude <spec...>', 'addresses to leave out')
      .option('--port <port>', 'UDP port (repeatable; default 161)', collect)
      .option('--credential <name...>', 'credential sets to try, in order')
      .option('--schedule <cron>', 'run on a schedule, e.g. "0 2 * * *" (nightly at 02:00)')
      .option('--timezone <zone>', 'IANA time zone of the schedule (default: local time)')
      .option('--network <name>', 'site or network the addresses belong to')
      .option('--identify', 'read only the system group')
      .option('--ot', 'OT (plant) scope: gentle defaults, confirmation required'),
  ).action(
    async (
      name: string,
      opts: SafetyOptions & {
        targets: string[];
        exclude?: string[];
        port?: number[];
        credential?: string[];
        schedule?: string;
        timezone?: string;
        network?: string;
        identify?: boolean;
        ot?: boolean;
      },
    ) => {
      await ctx.withCore(async (_core, call) => {
        const scope = await call('discovery.scopes.create', {
          name,
          targets: opts.targets,
          exclusions: opts.exclude ?? [],
          ports: opts.port ?? [161],
          credentialSetIds: await resolveCredentialIds(call, opts.credential ?? []),
          schedule: opts.schedule ?? null,
          scheduleTimezone: opts.timezone ?? null,
          network: opts.network ?? null,
          depth: opts.identify ? 'identify' : 'full',
          settings: settingsFrom(opts),
          ot: Boolean(opts.ot),
        });
        io.out(
          ctx.asJson()
            ? JSON.stringify(scope, null, 2) + '\n'
            : `Saved scope "${scope.name}" (${scope.targetCount} probes${scope.nextRunAt ? `, next run ${scope.nextRunAt}` : ''}); run it with: fieldwise discover run "${scope.name}"\n`,
        );
      });
    },
  );
  scopes
    .command('show')
    .description('show a scope and the plan of its next run')
    .argument('<scope>', 'scope name or id')
    .action(async (name: string) => {
      await ctx.withCore(async (_core, call) => {
        const scope = await resolveScope(call, name);
        const plan = await call('discovery.plan', { scopeId: scope.id });
        if (ctx.asJson()) return io.out(JSON.stringify({ scope, plan }, null, 2) + '\n');
        io.out(
          `${scope.name}  (id ${scope.id}, ${scope.enabled ? 'enabled' : 'disabled'}${scope.schedule ? `, schedule "${scope.schedule}"${scope.scheduleTimezone ? ` ${scope.scheduleTimezone}` : ''}, next ${scope.nextRunAt ?? '-'}` : ', manual runs only'})\n`,
        );
        io.out(formatPlan(plan));
        if (scope.lastRun) io.out(`Last run: ${scope.lastRun.status} at ${scope.lastRun.startedAt} (fieldwise --json discover report ${scope.lastRun.id})\n`);
      });
    });

  discover
    .command('report')
    .description('print the per-host report of a discovery run')
    .argument('<run-id>', 'run id (see the end of a discover command, or runs in the UI)')
    .action(async (runId: string) => {
      await ctx.withCore(async (_core, call) => {
        const report = await call('discovery.runs.report', { runId });
        const hosts = await call('discovery.runs.hosts', { runId, limit: 5000 });
        if (ctx.asJson()) return io.out(JSON.stringify({ report, hosts: hosts.items }, null, 2) + '\n');
        io.out(
          formatTable(
            ['HOST', 'PORT', 'OUTCOME', 'ASSET', 'CREDENTIAL', 'DETAIL'],
            hosts.items.map((h) => [h.host, h.port, DISCOVERY_HOST_STATUS_LABELS[h.status], h.assetName, h.credentialSetName, h.message]),
            70,
          ),
        );
        io.out(
          `Run ${report.run.id} of "${report.run.scope}": ${report.run.status}, ${report.hostsDone} hosts done, ${report.notProbed} not probed, ${report.relationsWritten} relations.\n`,
        );
      });
    });

  // ---- credentials -----------------------------------------------------------------------
  const credentials = program.command('credentials').description('SNMP credential sets (secrets stay in the OS keychain)');
  credentials
    .command('add')
    .description('add a credential set; the secret is read from a prompt or stdin (never from the command line)')
    .argument('<name>', 'name shown in plans and reports')
    .option('--kind <kind>', 'v1, v2c or v3', 'v2c')
    .option('--user <user>', 'SNMPv3 user')
    .option('--level <level>', 'SNMPv3 level: noAuthNoPriv, authNoPriv or authPriv', 'authPriv')
    .option('--auth-protocol <p>', 'SNMPv3 auth: sha, sha224, sha256, sha384, sha512', 'sha256')
    .option('--priv-protocol <p>', 'SNMPv3 privacy: aes, aes256b, aes256r, des', 'aes')
    .option('--ref <ref>', 'use a secret already in the OS keychain under this reference (v1/v2c) instead of reading one')
    .action(async (name: string, opts: { kind: string; user?: string; level: string; authProtocol: string; privProtocol: string; ref?: string }) => {
      const kinds: Record<string, CredentialSetKind> = { v1: 'snmp_v1', v2c: 'snmp_v2c', v3: 'snmp_v3' };
      const kind = kinds[opts.kind];
      if (!kind) throw new InvalidArgumentError(`--kind must be v1, v2c or v3, not "${opts.kind}".`);
      let input: ApiInput<'discovery.credentials.create'>;
      if (kind !== 'snmp_v3') {
        const community = opts.ref ? undefined : (await ctx.prompt.secrets(['Community']))[0];
        if (!opts.ref && !community) throw new InvalidArgumentError('No community given (type it at the prompt, or pipe it on stdin).');
        input = { name, kind, ...(opts.ref ? { communityRef: opts.ref } : { community }) };
      } else {
        if (!opts.user) throw new InvalidArgumentError('An SNMPv3 credential set needs --user.');
        const level = opts.level as 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
        const labels = level === 'authPriv' ? ['Auth key', 'Privacy key'] : level === 'authNoPriv' ? ['Auth key'] : [];
        const [authKey, privKey] = labels.length ? await ctx.prompt.secrets(labels) : [];
        input = {
          name,
          kind,
          v3: { user: opts.user, level, authProtocol: opts.authProtocol as 'sha256', privProtocol: opts.privProtocol as 'aes' },
          ...(authKey ? { authKey } : {}),
          ...(privKey ? { privKey } : {}),
        };
      }
      await ctx.withCore(async (_core, call) => {
        const set = await call('discovery.credentials.create', input);
        io.out(
          ctx.asJson()
            ? JSON.stringify(set, null, 2) + '\n'
            : `Saved credential set "${set.name}" (${set.kind}); secrets are in the OS keychain under ${set.secrets.map((s) => s.ref).join(', ')}.\n`,
        );
      });
    });
  credentials
    .command('list')
    .description('list credential sets (names and keychain references, never secrets)')
    .action(async () => {
      await ctx.withCore(async (_core, call) => {
        const list = await call('discovery.credentials.list', {});
        if (ctx.asJson()) return io.out(JSON.stringify(list, null, 2) + '\n');
        io.out(
          formatTable(
            ['NAME', 'KIND', 'V3 USER', 'KEYCHAIN REFERENCES', 'USED BY'],
            list.map((c) => [c.name, c.kind, c.v3?.user, c.secrets.map((s) => s.ref).join(' '), c.usedBy.map((u) => u.scopeName).join(', ')]),
            70,
          ),
        );
      });
    });

  // ---- demo ------------------------------------------------------------------------------
  program
    .command('demo')
    .description('start simulated SNMP devices on 127.0.0.1 and discover them (a populated inventory without hardware)')
    .option('--base-port <port>', 'first UDP port of the five demo agents', port, 16100)
    .option('--serve', 'keep the agents running and serve the UI (like `serve`) so you can discover them from the window')
    .option('--port <port>', 'port of the UI in --serve mode', positiveInt, 4780)
    .action(async (opts: { basePort: number; serve?: boolean; port: number }) => {
      const network = await startDemoNetwork({ host: '127.0.0.1', basePort: opts.basePort });
      try {
        io.err(`Demo agents on 127.0.0.1: ${network.agents.map((a) => `${a.name} :${a.port}`).join(', ')}\n`);
        await ctx.withCore(
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
            await runScope(core, call, scope, {});
            if (opts.serve) {
              io.err(`The demo agents keep running; discover them again from the window (Discovery → "${DEMO_SCOPE}").\n`);
              await ctx.serve(core, { host: '127.0.0.1', port: opts.port });
            }
          },
          { scheduler: Boolean(opts.serve) },
        );
      } finally {
        await network.close();
      }
    });
}
