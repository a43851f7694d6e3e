// Confidence of a value: the source kind's base confidence, kept for a fresh period after the value
// was last observed, then halving every half-life. Computed against an injected `now`.
import type { SourceKind } from '../../../src-shared/model/index.js';
import type { ReconcileConfig } from './reconcile-config.js';

const DAY_MS = 86_400_000;

export function decayFactor(observedAtMs: number, nowMs: number, config: ReconcileConfig): number {
  const ageDays = (nowMs - observedAtMs) / DAY_MS;
  const over = ageDays - config.decay.freshForDays;
  if (!(over > 0)) return 1;
  return Math.pow(0.5, over / config.decay.halfLifeDays);
}

export function decayedConfidence(kind: SourceKind, observedAtMs: number, nowMs: number, config: ReconcileConfig): number {
  const base = config.baseConfidence[kind];
  if (config.decay.exemptKinds.includes(kind)) return round4(base);
  return round4(base * decayFactor(observedAtMs, nowMs, config));
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
