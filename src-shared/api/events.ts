// Events pushed from main to every connected window or browser.
import { z } from 'zod';
import { Run, RunProgressEvent } from './runs.js';

export const apiEvents = {
  'run.progress': RunProgressEvent,
  'run.finished': Run,
  'assets.changed': z.object({ reason: z.string(), assetIds: z.array(z.string()).max(100), count: z.number().int() }),
};
export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.infer<ApiEvents[E]>;
