// Freshness of a value, shown next to its confidence: 1 for a fresh period after the value was last
// observed, then halving every half-life, computed against an injected `now`. Confidence itself
// does not age (a value three sources agree on stays well supported); freshness says how recent
// that support is, and assets nobody has seen for a while become stale (build-golden-record.ts).
import type { SourceKind } from '../../../src-shared/model/index.js';
import type { ReconcileConfig } from './reconcile-config.js';

const DAY_MS = 86_400_000;

export function freshnessOf(kind: SourceKind, observedAtMs: number, nowMs: number, config: ReconcileConfig): number {
  if (config.freshness.exemptKinds.includes(kind)) return 1;
  const ageDays = (nowMs - observedAtMs) / DAY_MS;
  const over = ageDays - config.freshness.freshForDays;
  if (!(over > 0)) return 1;
  return Math.round(Math.pow(0.5, over / config.freshness.halfLifeDays) * 1000) / 1000;
}

/** Several independent sources that agree: 1 − Π(1 − c) over their base confidences. */
export function combinedConfidence(confidences: Iterable<number>): number {
  let doubt = 1;
  for (const c of confidences) doubt *= 1 - c;
  return Math.round((1 - doubt) * 10_000) / 10_000;
}
