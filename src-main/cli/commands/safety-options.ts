// The safety options shared by `discover snmp` and `scopes add`: how gently a sweep may probe.
import type { Command } from 'commander';
import type { ApiInput } from '../../../src-shared/api/index.js';
import { wholeNumber } from '../option-parsers.js';

export interface SafetyOptions {
  rate?: number;
  concurrency?: number;
  spacing?: number;
  timeout?: number;
  retries?: number;
}

type ScopeSettings = NonNullable<ApiInput<'discovery.scopes.create'>['settings']>;

// The figures are DISCOVERY_DEFAULTS / DISCOVERY_OT_DEFAULTS, written out: the CLI loads no API
// module before a command runs (cli-bundle.test.ts); safety-defaults-docs.test.ts checks they agree.
export function addSafetyOptions(command: Command): Command {
  return command
    .option('--rate <n>', 'global cap, requests per second (default 200; OT 20)', wholeNumber)
    .option('--concurrency <n>', 'hosts probed at once (default 64; OT 4)', wholeNumber)
    .option('--spacing <ms>', 'minimum gap between requests to one device (default 10; OT 100)', wholeNumber)
    .option('--timeout <ms>', 'wait for a reply before retrying, multiplied by 2 on each retry (default 1500; OT 3000)', wholeNumber)
    .option('--retries <n>', 're-sends after a timeout (default 1)', wholeNumber);
}

/** The scope settings the options set; the others keep the scope's (or the OT/IT) defaults. */
export function settingsFrom(opts: SafetyOptions): ScopeSettings {
  const settings: ScopeSettings = {};
  if (opts.rate !== undefined) settings.ratePerSecond = opts.rate;
  if (opts.concurrency !== undefined) settings.concurrency = opts.concurrency;
  if (opts.spacing !== undefined) settings.perHostIntervalMs = opts.spacing;
  if (opts.timeout !== undefined) settings.timeoutMs = opts.timeout;
  if (opts.retries !== undefined) settings.retries = opts.retries;
  return settings;
}
