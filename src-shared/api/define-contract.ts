// Building blocks of the API contract: a call is an input schema, an output schema and the access
// level it needs. The renderer client, the preload and the dispatcher are all derived from these.
import { type z } from 'zod';

export const ACCESS_LEVELS = ['read', 'write'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: AccessLevel;
  readonly summary: string;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

export type CallMap = Record<string, CallSpec>;
export type EventMap = Record<string, z.ZodType>;

export type CallInput<C extends CallSpec> = z.input<C['input']>;
export type CallOutput<C extends CallSpec> = z.output<C['output']>;
