// The plan of a discovery run as text: what will be probed, how gently, and for how long at worst.
import type { DiscoveryPlan } from '../../../src-shared/api/index.js';

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
