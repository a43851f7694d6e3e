// Runs a probe over a lazily expanded target plan with a concurrency cap, cancel at any moment,
// progress callbacks and one outcome per target. The probe owns the protocol; the request rate
// and per-host pacing are enforced by the RequestGate the probe sends through.
import { setMaxListeners } from 'node:events';
import { DISCOVERY_HOST_STATUSES } from '../../../src-shared/api/discovery.js';
import type { SweepTarget } from './target-plan.js';

// The outcomes are part of the API contract (a run report shows them), so the list lives there.
export const HOST_OUTCOME_STATUSES = DISCOVERY_HOST_STATUSES;
export type HostOutcomeStatus = (typeof HOST_OUTCOME_STATUSES)[number];

export interface SweepOutcomeLike {
  target: SweepTarget;
  status: HostOutcomeStatus;
}

export interface SweepProgress {
  done: number;
  total: number;
  found: number;
  errors: number;
  inFlight: number;
}

export interface SweepOptions<R extends SweepOutcomeLike> {
  /** Targets probed at the same time (default 64). Dead hosts wait in parallel, not in a row. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
  /** Called as each target finishes, so a caller can persist results while the sweep runs. */
  onOutcome?: (outcome: R) => void;
  /** Turns an exception escaping the probe into an outcome; the sweep never stops for one host. */
  onProbeError: (target: SweepTarget, error: unknown) => R;
}

export interface SweepReport<R extends SweepOutcomeLike> {
  outcomes: R[];
  progress: SweepProgress;
  cancelled: boolean;
  /** Targets never started because the sweep was cancelled (counted, not listed: a /16 stays cheap). */
  notStarted: number;
}

export type SweepProbe<R extends SweepOutcomeLike> = (target: SweepTarget, signal: AbortSignal) => Promise<R>;

export const DEFAULT_SWEEP_CONCURRENCY = 64;

export async function runSweep<R extends SweepOutcomeLike>(
  plan: Iterable<SweepTarget> & { readonly size: number },
  probe: SweepProbe<R>,
  options: SweepOptions<R>,
): Promise<SweepReport<R>> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_SWEEP_CONCURRENCY));
  const controller = new AbortController();
  // Every in-flight probe listens for cancel on this signal; that is by design, not a leak.
  setMaxListeners(concurrency + 16, controller.signal);
  const forwardAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  if (options.signal?.aborted) controller.abort();

  const outcomes: R[] = [];
  const progress: SweepProgress = { done: 0, total: plan.size, found: 0, errors: 0, inFlight: 0 };
  const iterator = plan[Symbol.iterator]();
  let notStarted = 0;

  const record = (outcome: R): void => {
    outcomes.push(outcome);
    progress.done += 1;
    if (outcome.status === 'found') progress.found += 1;
    else if (outcome.status !== 'cancelled') progress.errors += 1;
    options.onOutcome?.(outcome);
    options.onProgress?.({ ...progress });
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      if (controller.signal.aborted) return;
      const next = iterator.next();
      if (next.done) return;
      progress.inFlight += 1;
      let outcome: R;
      try {
        outcome = await probe(next.value, controller.signal);
      } catch (error) {
        outcome = options.onProbeError(next.value, error);
      }
      progress.inFlight -= 1;
      record(outcome);
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    if (controller.signal.aborted) notStarted = progress.total - progress.done;
  } finally {
    options.signal?.removeEventListener('abort', forwardAbort);
  }
  return { outcomes, progress: { ...progress }, cancelled: controller.signal.aborted, notStarted };
}
