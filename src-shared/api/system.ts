// System calls: what the app is, where it keeps its data, and its configured sources.
import { z } from 'zod';
import { SOURCE_KINDS } from '../model/source-kinds.js';
import { Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';

export const SystemInfo = z.object({
  appName: z.string(),
  version: z.string(),
  /**
   * Absolute paths on the machine running the core; null for callers that may be elsewhere (serve
   * mode: a browser, perhaps through an SSH tunnel, is not told the server's file layout).
   */
  dataDir: z.string().nullable(),
  databasePath: z.string().nullable(),
  schemaVersion: z.number().int(),
  assetCount: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfo>;

export const Source = z.object({
  id: Id,
  kind: z.enum(SOURCE_KINDS),
  name: z.string(),
  createdAt: IsoTime,
  observationCount: z.number().int(),
  lastRunAt: IsoTime.nullable(),
});
export type Source = z.infer<typeof Source>;

export const systemCalls = {
  'system.info': defineCall({
    summary: 'Application name, version, data directory (local callers only) and schema version.',
    access: 'read',
    input: z.object({}).default({}),
    output: SystemInfo,
  }),
  'sources.list': defineCall({
    summary: 'Configured sources and imports with their observation counts.',
    access: 'read',
    input: z.object({}).default({}),
    output: z.array(Source),
  }),
};
