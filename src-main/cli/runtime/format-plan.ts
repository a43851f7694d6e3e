// The plan of a discovery run as text: the protocol and what it reads, what will be probed, how
// gently, and for how long at worst.
import { describeScopeOptions } from '../../../src-shared/lib/describe-scope-options.js';
import type { DiscoveryPlan } from '../../../src-shared/api/index.js';

function formatDuration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

export function formatPlan(plan: DiscoveryPlan): string {
  const s = plan.settings;
  const about = describeScopeOptions(plan.options, plan.depth);
  const credentials = plan.credentials.map((c) => `${c.name} (${c.kind}${c.secretStatus === 'stored' ? '' : `, secret ${c.secretStatus}`})`).join(' → ');
  const lines = [
    `Plan for "${plan.scopeName}"${plan.ot ? ' (OT scope)' : ''}`,
    `  protocol     ${about.protocol}: ${about.services}`,
    `  targets      ${plan.targets.join(', ')}${plan.exclusions.length ? `  excluding ${plan.exclusions.join(', ')}` : ''}`,
    `  ports        ${about.transport} ${plan.ports.join(', ')}   → ${plan.addressCount} address(es), ${plan.targetCount} probe(s)`,
    `  credentials  ${credentials || (plan.needsCredentials ? '(none)' : plan.protocol === 'opcua' ? '(none: anonymous)' : `(none: ${about.protocol} has no credentials)`)}`,
    `  safety       ${s.ratePerSecond} req/s, ${s.concurrency} hosts at once, ${s.perHostIntervalMs} ms per-device spacing, timeout ${s.timeoutMs} ms × ${1 + s.retries} (backoff ×${s.backoff})`,
    `  reads        ${about.reads.join('; ')}`,
    `  requests     at most ${plan.requestsPerTarget} per responsive target`,
    `  worst case   ${formatDuration(plan.estimatedMaxDurationMs)}`,
  ];
  for (const w of plan.warnings) lines.push(`  ! ${w}`);
  return lines.join('\n') + '\n';
}
