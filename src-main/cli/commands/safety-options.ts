// The safety options shared by `discover snmp` and `scopes add`: how gently a sweep may probe.
import type { Command } from 'commander';
import { DISCOVERY_DEFAULTS, DISCOVERY_OT_DEFAULTS, type ApiInput } from '../../../src-shared/api/index.js';
import { wholeNumber } from '../option-parsers.js';

export interface SafetyOptions {
  rate?: number;
  concurrency?: number;
  spacing?: number;
  timeout?: number;
  retries?: number;
}

type ScopeSettings = NonNullable<ApiInput<'discovery.scopes.create'>['settings']>;

/** "default 200; OT 20", from the defaults every scope starts with (one figure when both agree). */
function defaults(setting: keyof typeof DISCOVERY_DEFAULTS): string {
  const it = DISCOVERY_DEFAULTS[setting];
  const ot = DISCOVERY_OT_DEFAULTS[setting];
  return it === ot ? `default ${it}` : `default ${it}; OT ${ot}`;
}

export function addSafetyOptions(command: Command): Command {
  return command
    .option('--rate <n>', `global cap, requests per second (${defaults('ratePerSecond')})`, wholeNumber)
    .option('--concurrency <n>', `hosts probed at once (${defaults('concurrency')})`, wholeNumber)
    .option('--spacing <ms>', `minimum gap between requests to one device (${defaults('perHostIntervalMs')})`, wholeNumber)
    .option('--timeout <ms>', `wait for a reply before retrying, multiplied by ${DISCOVERY_DEFAULTS.backoff} on each retry (${defaults('timeoutMs')})`, wholeNumber)
    .option('--retries <n>', `re-sends after a timeout (${defaults('retries')})`, wholeNumber);
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
