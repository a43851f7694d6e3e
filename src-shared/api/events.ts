// Events pushed from main to every connected window or browser.
import { z } from 'zod';
import { DiscoveryProgressEvent, DiscoveryScheduleSkippedEvent } from './discovery.js';
import { exportEvents } from './exports.js';
import { Run, RunProgressEvent } from './runs.js';

export const apiEvents = {
  'run.progress': RunProgressEvent,
  'run.finished': Run,
  /** A discovery run's progress, at most a few times per second. */
  'discovery.progress': DiscoveryProgressEvent,
  /** A scheduled discovery was due but did not start (e.g. the previous run of the scope is still active). */
  'discovery.schedule.skipped': DiscoveryScheduleSkippedEvent,
  'assets.changed': z.object({ reason: z.string(), assetIds: z.array(z.string()).max(100), count: z.number().int() }),
  ...exportEvents,
};
export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.infer<ApiEvents[E]>;
