// What `fieldwise scopes list|add|show` do (loaded when one runs).
import { DISCOVERY_PROTOCOL_LABELS } from '../../../src-shared/api/index.js';
import type { CliContext } from '../cli-context.js';
import { formatTable } from '../format-table.js';
import { findCredentialSetIds, findScope } from '../runtime/find-by-name.js';
import { formatPlan } from '../runtime/format-plan.js';
import { scopeOptionsFrom } from '../runtime/scope-options-from.js';
import { withAppCore } from '../runtime/with-app-core.js';
import { settingsFrom } from './safety-options.js';
import type { ScopesAddOptions } from './scopes-commands.js';

export async function listScopes(cli: CliContext): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const list = await call('discovery.scopes.list', {});
    if (cli.asJson()) return cli.io.out(JSON.stringify(list, null, 2) + '\n');
    cli.io.out(
      formatTable(
        ['NAME', 'PROTOCOL', 'TARGETS', 'PROBES', 'CREDENTIALS', 'RATE', 'SCHEDULE', 'NEXT RUN', 'OT', 'LAST RUN'],
        list.map((s) => [
          s.name,
          DISCOVERY_PROTOCOL_LABELS[s.protocol],
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
}

export async function addScope(cli: CliContext, name: string, opts: ScopesAddOptions): Promise<void> {
  const protocol = opts.protocol ?? 'snmp';
  // Checked before the core opens: a wrong flag is a usage error naming it.
  const options = scopeOptionsFrom(protocol, opts);
  if (opts.ot && protocol !== 'snmp') cli.io.err(`fieldwise: --ot is implied: every ${protocol} scope is an OT (plant) scope.\n`);
  await withAppCore(cli, async (_core, call) => {
    const scope = await call('discovery.scopes.create', {
      name,
      protocol,
      options,
      targets: opts.targets,
      exclusions: opts.exclude ?? [],
      ...(opts.port ? { ports: opts.port } : {}),
      credentialSetIds: await findCredentialSetIds(call, opts.credential ?? []),
      schedule: opts.schedule ?? null,
      scheduleTimezone: opts.timezone ?? null,
      network: opts.network ?? null,
      ...(opts.addressing ? { addressing: opts.addressing } : {}),
      depth: opts.identify ? 'identify' : 'full',
      settings: settingsFrom(opts),
      ...(opts.ot ? { ot: true } : {}),
    });
    const how = scope.ot ? `OT scope: every run shows its plan first; run it with: fieldwise discover run "${scope.name}" --yes` : `run it with: fieldwise discover run "${scope.name}"`;
    cli.io.out(
      cli.asJson()
        ? JSON.stringify(scope, null, 2) + '\n'
        : `Saved ${DISCOVERY_PROTOCOL_LABELS[scope.protocol]} scope "${scope.name}" (${scope.targetCount} probes${scope.nextRunAt ? `, next run ${scope.nextRunAt}` : ''}); ${how}\n`,
    );
  });
}

export async function showScope(cli: CliContext, nameOrId: string): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (_core, call) => {
    const scope = await findScope(call, nameOrId);
    const plan = await call('discovery.plan', { scopeId: scope.id });
    if (cli.asJson()) return io.out(JSON.stringify({ scope, plan }, null, 2) + '\n');
    const schedule = scope.schedule
      ? `, schedule "${scope.schedule}"${scope.scheduleTimezone ? ` ${scope.scheduleTimezone}` : ''}, next ${scope.nextRunAt ?? '-'}`
      : ', manual runs only';
    io.out(`${scope.name}  (id ${scope.id}, ${scope.enabled ? 'enabled' : 'disabled'}${schedule})\n`);
    io.out(formatPlan(plan));
    if (scope.lastRun) io.out(`Last run: ${scope.lastRun.status} at ${scope.lastRun.startedAt} (fieldwise --json discover report ${scope.lastRun.id})\n`);
  });
}
