// Runs one discovery scope for a command: shows the plan, asks for confirmation on OT scopes, shows
// progress, and prints the per-host report. Ctrl+C cancels the run.
import { DISCOVERY_HOST_STATUS_LABELS, type ApiOutput, type DiscoveryProgressEvent, type DiscoveryScope } from '../../../src-shared/api/index.js';
import { silentHostsNote } from '../../../src-shared/model/silent-host.js';
import type { FullAppCore } from '../../app/create-app-core.js';
import type { CliContext } from '../cli-context.js';
import { formatDecisions, formatHosts } from './format-hosts.js';
import { formatPlan } from './format-plan.js';
import type { ApiCall } from './with-app-core.js';

export async function runDiscoveryScope(
  cli: CliContext,
  core: FullAppCore,
  call: ApiCall,
  scope: DiscoveryScope,
  opts: { yes?: boolean; resume?: string },
): Promise<ApiOutput<'discovery.runs.report'> | null> {
  const { io } = cli;
  const plan = await call('discovery.plan', { scopeId: scope.id });
  if (!cli.asJson()) io.err(formatPlan(plan));
  const refuseUnconfirmed = () => {
    io.err(`fieldwise: "${scope.name}" is an OT scope; review the plan above and run again with --yes to confirm.\n`);
    cli.setExitCode(2);
    return null;
  };
  // Without --yes and nobody to ask, an OT run is refused whatever else the plan says.
  if (plan.requiresConfirmation && !opts.yes && !cli.prompt.interactive) return refuseUnconfirmed();
  // A plan that cannot start is neither put to the operator nor sent: say why, as the plan did.
  if (!plan.canStart) {
    io.err(`fieldwise: "${scope.name}" cannot start: ${cli.asJson() ? plan.warnings.join(' ') : 'see the warnings (!) of the plan above.'}\n`);
    cli.setExitCode(1);
    return null;
  }
  let confirmOt = false;
  if (plan.requiresConfirmation) {
    confirmOt = Boolean(opts.yes) || (await cli.prompt.confirm(`Start discovery of OT scope "${scope.name}" with this plan?`));
    if (!confirmOt) return refuseUnconfirmed();
  }
  const started = await call('discovery.start', { scopeId: scope.id, confirmOt, ...(opts.resume ? { resumeRunId: opts.resume } : {}) });
  let lastLine = 0;
  const stop = core.events.subscribe((event, payload) => {
    if (event !== 'discovery.progress' || cli.asJson()) return;
    const p = payload as DiscoveryProgressEvent;
    if (p.runId !== started.id) return;
    const line = p.phase === 'linking' ? 'linking topology…' : `${p.done}/${p.total} hosts, ${p.found} found, ${p.errors} errors`;
    if (io.isTty) io.err(`\r${line}   `);
    else if (p.phase !== 'sweeping' || Date.now() - lastLine > 2000) {
      lastLine = Date.now();
      io.err(`${line}\n`);
    }
  });
  void cli.waitForStop().then(() => {
    if (core.discovery.isActive(started.id)) {
      io.err('\nCancelling…\n');
      core.discovery.cancel(started.id);
    }
  });
  const run = await core.discovery.waitFor(started.id);
  stop();
  if (io.isTty && !cli.asJson()) io.err('\n');
  const report = await call('discovery.runs.report', { runId: run.id });
  const hosts = await call('discovery.runs.hosts', { runId: run.id, limit: 5000 });
  if (cli.asJson()) {
    io.out(JSON.stringify({ report, hosts: hosts.items }, null, 2) + '\n');
  } else {
    io.out(formatHosts(hosts.items, { durations: true }));
    io.out(formatDecisions(hosts.items));
    const silent = silentHostsNote(report.byStatus.no_response ?? 0);
    if (silent) io.out(`${silent}\n`);
    // Hosts a cancel stopped are among those not probed, counted there once.
    const counts = Object.entries(report.byStatus)
      .filter(([status, n]) => n > 0 && status !== 'cancelled')
      .map(([status, n]) => `${n} ${DISCOVERY_HOST_STATUS_LABELS[status as keyof typeof DISCOVERY_HOST_STATUS_LABELS].toLowerCase()}`)
      .join(', ');
    io.out(
      `Discovery ${run.status}: ${counts || 'no hosts'}; ${run.counts.created} assets created, ${run.counts.updated} updated; ` +
        `${report.relationsWritten} relations; ${report.learnedAddresses.total} learned addresses (${report.learnedAddresses.inScope} in scope)` +
        `${report.notProbed ? `; ${report.notProbed} not probed` : ''} in ${run.durationMs} ms (run ${run.id}).\n`,
    );
    if (run.error && run.status !== 'succeeded') io.err(`${run.error.message}\n`);
  }
  cli.setExitCode(run.status === 'succeeded' ? 0 : 1);
  return report;
}
