// The one dispatcher behind every transport: looks up the handler, validates input and output
// against the contract, checks the caller's access, and turns failures into ApiErrors that are safe
// to show (no stack traces or internals).
import { type z } from 'zod';
import {
  ApiError,
  apiCalls,
  isApiMethod,
  type AccessLevel,
  type ApiMethod,
  type ApiOutput,
  type ApiParsedInput,
} from '../../src-shared/api/index.js';

export type TransportName = 'ipc' | 'http' | 'cli' | 'test';

export interface CallContext {
  requestId: string;
  actor: string;
  transport: TransportName;
  /** What the caller may do; write includes read. */
  access: AccessLevel;
}

export type Handler<M extends ApiMethod> = (input: ApiParsedInput<M>, ctx: CallContext) => Promise<ApiOutput<M>> | ApiOutput<M>;
export type Handlers = { [M in ApiMethod]: Handler<M> };

export interface Dispatcher {
  dispatch(method: string, rawInput: unknown, ctx: CallContext): Promise<unknown>;
}

export interface DispatcherOptions {
  /** Called with unexpected errors, so they can be logged with their request id. */
  onInternalError: (error: unknown, method: string, ctx: CallContext) => void;
}

function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatcher {
  return {
    async dispatch(method, rawInput, ctx) {
      if (!isApiMethod(method)) throw new ApiError('not_found', `Unknown API call "${method.slice(0, 100)}".`);
      const spec = apiCalls[method];
      if (spec.access === 'write' && ctx.access !== 'write') {
        throw new ApiError('forbidden', `"${method}" changes data and this caller may only read.`);
      }
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        const details = zodDetails(parsed.error);
        const first = details[0];
        throw new ApiError('bad_request', `Invalid input for "${method}"${first ? `: ${first.path}: ${first.message}` : ''}.`, details);
      }
      let result: unknown;
      try {
        const handler = handlers[method] as Handler<ApiMethod>;
        result = await handler(parsed.data as ApiParsedInput<ApiMethod>, ctx);
      } catch (error) {
        if (error instanceof ApiError) throw error;
        options.onInternalError(error, method, ctx);
        throw new ApiError('internal', `"${method}" failed unexpectedly; see the log entry for request ${ctx.requestId}.`);
      }
      const checked = spec.output.safeParse(result);
      if (!checked.success) {
        options.onInternalError(new Error(`Output of ${method} broke the contract: ${checked.error.message}`), method, ctx);
        throw new ApiError('internal', `"${method}" produced an invalid result; see the log entry for request ${ctx.requestId}.`);
      }
      return checked.data;
    },
  };
}
