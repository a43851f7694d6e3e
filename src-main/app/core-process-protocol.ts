// The messages between Electron main (the parent) and the core process. Both sides validate what
// arrives with these schemas: a message that does not parse is logged and dropped, never acted on.
// Only the envelope is checked here; what a call carries is checked by the core's dispatcher against
// the API contract, so main never spends its own time parsing large results.
//
//   parent → core: call, upload-start / upload-chunk / upload-end, close
//   core → parent: ready | start-failed, result, event, upload-pull, closed, fatal
//
// Uploads are pulled by the core: it asks for the next chunk when its upload store is ready for
// more, so neither side ever holds more than one chunk in flight.
import { z } from 'zod';
import { apiEvents, type ApiEventName } from '../../src-shared/api/events.js';
import type { IpcCallResult } from '../../src-shared/api/bridge.js';

/** The size of one upload chunk on the wire. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** An upload's file name is 1 to this many characters (checked by main before anything is sent). */
export const MAX_UPLOAD_FILE_NAME_LENGTH = 255;

const RequestId = z.string().min(1).max(200);
const EVENT_NAMES = Object.keys(apiEvents) as [ApiEventName, ...ApiEventName[]];

const IpcCallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.string(),
      message: z.string(),
      requestId: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  }),
]);

export const ParentToCoreMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), requestId: RequestId, method: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('upload-start'), requestId: RequestId, fileName: z.string().min(1).max(MAX_UPLOAD_FILE_NAME_LENGTH) }),
  z.object({ type: z.literal('upload-chunk'), requestId: RequestId, data: z.instanceof(Uint8Array) }),
  z.object({ type: z.literal('upload-end'), requestId: RequestId }),
  /** Finish or cancel running work, close the database, then exit. */
  z.object({ type: z.literal('close') }),
]);
export type ParentToCoreMessage = z.infer<typeof ParentToCoreMessage>;

export const CoreToParentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), version: z.string(), dataDir: z.string() }),
  /** The core could not be built (e.g. the database was written by a newer version); it exits next. */
  z.object({ type: z.literal('start-failed'), message: z.string() }),
  z.object({ type: z.literal('result'), requestId: RequestId, result: IpcCallResultSchema }),
  z.object({ type: z.literal('event'), name: z.enum(EVENT_NAMES), payload: z.unknown() }),
  /** The core's upload store is ready for the next chunk of this upload. */
  z.object({ type: z.literal('upload-pull'), requestId: RequestId }),
  /** Work is stopped and the database closed; the process exits next. */
  z.object({ type: z.literal('closed') }),
  /** An uncaught error is ending the process; the message is shown to the user. */
  z.object({ type: z.literal('fatal'), message: z.string() }),
]);
export type CoreToParentMessage = z.infer<typeof CoreToParentMessage>;

export type ParseOutcome<T> = { ok: true; message: T } | { ok: false; problem: string };

function parseWith<T>(schema: z.ZodType<T>, raw: unknown): ParseOutcome<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, message: parsed.data };
  const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${type}: ${issue ? `${issue.path.map(String).join('.') || '(message)'}: ${issue.message}` : 'invalid'}` };
}

export function parseParentToCoreMessage(raw: unknown): ParseOutcome<ParentToCoreMessage> {
  return parseWith(ParentToCoreMessage, raw);
}

export function parseCoreToParentMessage(raw: unknown): ParseOutcome<CoreToParentMessage> {
  return parseWith(CoreToParentMessage, raw);
}

/** The call result inside a parsed 'result' message, typed as what the bridge promises. */
export function callResultOf(message: Extract<CoreToParentMessage, { type: 'result' }>): IpcCallResult {
  return message.result as IpcCallResult;
}
