// Parsers for the OT protocol options of `scopes add` and `discover <protocol>` (Modbus unit ids and
// register ranges, BACnet instance ranges and BBMD, lists of numbers and names). Zod-free, so command
// definitions stay cheap to load; the contract still validates the assembled options, and
// scope-options-from.ts names the flag of anything it refuses. Commander prints a parser's
// InvalidArgumentError as "option '--x <v>' argument 'y' is invalid. <message>", so the flag is named.
import { InvalidArgumentError } from 'commander';
import type { ModbusTableName } from './value-lists.js';

function wholeNumberIn(text: string, min: number, max: number, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`"${text}" is not a valid ${what}; use a whole number from ${min} to ${max}.`);
  return n;
}

/** A whole number from `min` to `max`. */
export function numberIn(min: number, max: number, what: string) {
  return (value: string): number => wholeNumberIn(value, min, max, what);
}

/**
 * Comma-separated whole numbers, repeatable: `--unit-ids 1,2 --unit-ids 3` → [1, 2, 3]. `none` (or
 * `off`) is the empty list, for lists where empty means "off".
 */
export function numberList(min: number, max: number, what: string, options: { allowNone?: boolean } = {}) {
  return (value: string, previous: number[] | undefined): number[] => {
    const list = [...(previous ?? [])];
    if (options.allowNone && /^(none|off)$/i.test(value.trim())) return list;
    const parts = value.split(',').map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new InvalidArgumentError(`"${value}" is not a list of ${what}s; separate them with commas, e.g. 1,2,3.`);
    for (const part of parts) {
      const n = wholeNumberIn(part, min, max, what);
      if (!list.includes(n)) list.push(n);
    }
    return list;
  };
}

/** Comma-separated names, repeatable (`--profiles auto,my-plc`); `none` is the empty list. */
export function nameList(what: string) {
  return (value: string, previous: string[] | undefined): string[] => {
    const list = [...(previous ?? [])];
    if (/^none$/i.test(value.trim())) return list;
    const parts = value.split(',').map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new InvalidArgumentError(`"${value}" is not a list of ${what}s; separate them with commas, e.g. auto,my-profile.`);
    for (const part of parts) if (!list.includes(part)) list.push(part);
    return list;
  };
}

const TABLE_ALIASES: Record<string, ModbusTableName> = {
  coil: 'coils',
  coils: 'coils',
  discrete: 'discrete_inputs',
  discrete_input: 'discrete_inputs',
  discrete_inputs: 'discrete_inputs',
  holding: 'holding_registers',
  holding_register: 'holding_registers',
  holding_registers: 'holding_registers',
  input: 'input_registers',
  input_register: 'input_registers',
  input_registers: 'input_registers',
};

export interface RegisterRangeSpec {
  table: ModbusTableName;
  start: number;
  count: number;
  label?: string;
}

/**
 * `table:start:count[:label]`, repeatable: `--register-range holding:0:100:tuning`. The table is
 * coils, discrete, holding or input (or the contract's full names); start is the zero-based
 * protocol address; the label may itself contain colons.
 */
export function registerRanges(value: string, previous: RegisterRangeSpec[] | undefined): RegisterRangeSpec[] {
  const [table, start, count, ...rest] = value.split(':');
  const usage = 'write table:start:count[:label], e.g. holding:0:100 or input:30000:10:measurements';
  if (table === undefined || start === undefined || count === undefined) throw new InvalidArgumentError(`"${value}" is not a register range; ${usage}.`);
  const name = TABLE_ALIASES[table.trim().toLowerCase()];
  if (!name) throw new InvalidArgumentError(`"${table}" is not a Modbus table; use one of: coils, discrete, holding, input (${usage}).`);
  const range: RegisterRangeSpec = {
    table: name,
    start: wholeNumberIn(start, 0, 65535, 'start address'),
    count: wholeNumberIn(count, 1, 10_000, 'register count'),
  };
  if (range.start + range.count > 65536)
    throw new InvalidArgumentError(`"${value}" runs past the last address (65535): ${range.start} + ${range.count} registers.`);
  const label = rest.join(':').trim();
  if (label) range.label = label;
  return [...(previous ?? []), range];
}

const MAX_BACNET_INSTANCE = 4_194_303;

/** `low-high` or one instance, repeatable: `--instance-range 0-4194303 --instance-range 1200`. */
export function instanceRanges(value: string, previous: { low: number; high: number }[] | undefined): { low: number; high: number }[] {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  if (!match) throw new InvalidArgumentError(`"${value}" is not a device instance range; write low-high (e.g. 0-${MAX_BACNET_INSTANCE}) or one instance.`);
  const low = wholeNumberIn(match[1] ?? '', 0, MAX_BACNET_INSTANCE, 'device instance');
  const high = match[2] === undefined ? low : wholeNumberIn(match[2], 0, MAX_BACNET_INSTANCE, 'device instance');
  if (high < low) throw new InvalidArgumentError(`"${value}" ends before it starts; write the lower instance first.`);
  return [...(previous ?? []), { low, high }];
}

/** `host[:port]` of a BACnet broadcast management device (the port defaults to 47808). */
export function hostAndPort(value: string): { host: string; port?: number } {
  const trimmed = value.trim();
  // [v6]:port, v6 alone, or host:port / host.
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  const [host, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : trimmed.split(':').length === 2
      ? trimmed.split(':')
      : [trimmed, undefined];
  if (!host || /\s/.test(host) || host.length > 100) throw new InvalidArgumentError(`"${value}" is not host[:port], e.g. 10.20.0.1 or 10.20.0.1:47808.`);
  return port === undefined ? { host } : { host, port: wholeNumberIn(port, 1, 65535, 'port') };
}
