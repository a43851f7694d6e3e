// What `fieldwise discover snmp|modbus|bacnet|opcua|run|plan|report` do (loaded when one runs). Every change goes
// through the API dispatcher, like the window.
import { silentHostsNote } from '../../../src-shared/model/silent-host.js';
import type { CliContext } from '../cli-context.js';
import { CliUsageError } from '../cli-errors.js';
import { formatDecisions, formatHosts } from '../runtime/format-hosts.js';
import { findCredentialSetIds, findScope } from '../runtime/find-by-name.js';
import { formatPlan } from '../runtime/format-plan.js';
import { runDiscoveryScope } from '../runtime/run-discovery-scope.js';
import { withAppCore } from '../runtime/with-app-core.js';
import { scopeOptionsFrom } from '../runtime/scope-options-from.js';
import type { DiscoverOtOptions, DiscoverRunOptions, DiscoverSnmpOptions } from './discover-commands.js';
import { settingsFrom } from './safety-options.js';

export async function discoverSnmp(cli: CliContext, opts: DiscoverSnmpOptions): Promise<void> {
  if (!opts.credential?.length && !opts.communityRef?.length)
    throw new CliUsageError('Give at least one --credential <name> or --community-ref <keychain ref>.');
  await withAppCore(cli, async (core, call) => {
    const credentialIds = await findCredentialSetIds(call, opts.credential ?? []);
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
    const fields = {
      targets: opts.targets,
      exclusions: opts.exclude ?? [],
      ports: opts.port ?? [161],
      credentialSetIds: credentialIds,
      network: opts.network ?? null,
      ...(opts.addressing ? { addressing: opts.addressing } : {}),
      depth: opts.identify ? ('identify' as const) : ('full' as const),
      settings: settingsFrom(opts),
    };
    const scopes = await call('discovery.scopes.list', {});
    const existing = scopes.find((s) => s.name.toLowerCase() === opts.scope.toLowerCase());
    if (existing && existing.protocol !== 'snmp')
      throw new CliUsageError(`Scope "${existing.name}" is a ${existing.protocol} scope; give another --scope name for this snmp sweep.`);
    const scope = existing
      ? await call('discovery.scopes.update', { id: existing.id, ...fields, ...(opts.ot !== undefined ? { ot: opts.ot } : {}) })
      : await call('discovery.scopes.create', { name: opts.scope, ...fields, ot: Boolean(opts.ot) });
    await runDiscoveryScope(cli, core, call, scope, opts);
  });
}

/** `discover modbus|bacnet|opcua`: saves (or updates) the named OT scope and runs it, plan first. */
export async function discoverOt(cli: CliContext, protocol: 'modbus' | 'bacnet' | 'opcua', opts: DiscoverOtOptions): Promise<void> {
  const options = scopeOptionsFrom(protocol, opts);
  const name = opts.scope ?? `CLI ${protocol} sweep`;
  await withAppCore(cli, async (core, call) => {
    const fields = {
      options,
      targets: opts.targets,
      exclusions: opts.exclude ?? [],
      ...(opts.port ? { ports: opts.port } : {}),
      credentialSetIds: await findCredentialSetIds(call, opts.credential ?? []),
      network: opts.network ?? null,
      ...(opts.addressing ? { addressing: opts.addressing } : {}),
      settings: settingsFrom(opts),
    };
    const scopes = await call('discovery.scopes.list', {});
    const existing = scopes.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (existing && existing.protocol !== protocol)
      throw new CliUsageError(`Scope "${existing.name}" is a ${existing.protocol} scope; give another --scope name for this ${protocol} sweep.`);
    const scope = existing
      ? await call('discovery.scopes.update', { id: existing.id, ...fields, ports: opts.port ?? existing.ports })
      : await call('discovery.scopes.create', { name, protocol, ...fields });
    await runDiscoveryScope(cli, core, call, scope, opts);
  });
}

export async function runScope(cli: CliContext, nameOrId: string, opts: DiscoverRunOptions): Promise<void> {
  await withAppCore(cli, async (core, call) => {
    await runDiscoveryScope(cli, core, call, await findScope(call, nameOrId), opts);
  });
}

export async function showPlan(cli: CliContext, nameOrId: string): Promise<void> {
  await withAppCore(cli, async (_core, call) => {
    const plan = await call('discovery.plan', { scopeId: (await findScope(call, nameOrId)).id });
    cli.io.out(cli.asJson() ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan));
  });
}

export async function showReport(cli: CliContext, runId: string): Promise<void> {
  const { io } = cli;
  await withAppCore(cli, async (_core, call) => {
    const report = await call('discovery.runs.report', { runId });
    const hosts = await call('discovery.runs.hosts', { runId, limit: 5000 });
    if (cli.asJson()) return io.out(JSON.stringify({ report, hosts: hosts.items }, null, 2) + '\n');
    io.out(formatHosts(hosts.items, { durations: false }));
    io.out(formatDecisions(hosts.items));
    const silent = silentHostsNote(report.byStatus.no_response ?? 0);
    if (silent) io.out(`${silent}\n`);
    io.out(
      `Run ${report.run.id} of "${report.run.scope}": ${report.run.status}, ${report.hostsDone} hosts done, ${report.notProbed} not probed, ${report.relationsWritten} relations.\n`,
    );
  });
}
