// The text syntax of OT scope options, shared by the CLI flags and the scope editor so a person
// writes the same thing in both: Modbus register ranges `table:start:count[:label]`, BACnet device
// instance ranges `low-high`, `host[:port]`, and comma-separated numbers. Pure and zod-free (the CLI
// loads it before any command runs); the contract still validates what these produce.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export const MODBUS_TABLE_SHORT_NAMES = {
  coils: 'coils',
  discrete_inputs: 'discrete',
  holding_registers: 'holding',
  input_registers: 'input',
} as const;
export type ModbusTableName = keyof typeof MODBUS_TABLE_SHORT_NAMES;

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

export const MAX_BACNET_INSTANCE = 4_194_303;

/** A whole number from `min` to `max`. */
export function parseWholeNumber(text: string, min: number, max: number, what: string): Parsed<number> {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n < min || n > max)
    return fail(`"${text}" is not a valid ${what}; use a whole number from ${min} to ${max}.`);
  return ok(n);
}

/** "1, 2,3" → [1, 2, 3] (duplicates dropped); `none` or `off` is the empty list when `allowNone`. */
export function parseNumberList(text: string, min: number, max: number, what: string, options: { allowNone?: boolean } = {}): Parsed<number[]> {
  if (options.allowNone && /^(none|off)$/i.test(text.trim())) return ok([]);
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) return fail(`"${text}" is not a list of ${what}s; separate them with commas, e.g. 1,2,3.`);
  const list: number[] = [];
  for (const part of parts) {
    const n = parseWholeNumber(part, min, max, what);
    if (!n.ok) return n;
    if (!list.includes(n.value)) list.push(n.value);
  }
  return ok(list);
}

export interface RegisterRangeSpec {
  table: ModbusTableName;
  start: number;
  count: number;
  label?: string;
}

/**
 * `table:start:count[:label]`: the table is coils, discrete, holding or input (or the contract's full
 * names, any case); start is the zero-based protocol address; the label may itself contain colons.
 */
export function parseRegisterRange(text: string): Parsed<RegisterRangeSpec> {
  const [table, start, count, ...rest] = text.trim().split(':');
  const usage = 'write table:start:count[:label], e.g. holding:0:100 or input:30000:10:measurements';
  if (table === undefined || start === undefined || count === undefined) return fail(`"${text}" is not a register range; ${usage}.`);
  const name = TABLE_ALIASES[table.trim().toLowerCase()];
  if (!name) return fail(`"${table}" is not a Modbus table; use one of: coils, discrete, holding, input (${usage}).`);
  const first = parseWholeNumber(start, 0, 65535, 'start address');
  if (!first.ok) return first;
  const size = parseWholeNumber(count, 1, 10_000, 'register count');
  if (!size.ok) return size;
  if (first.value + size.value > 65536) return fail(`"${text}" runs past the last address (65535): ${first.value} + ${size.value} registers.`);
  const label = rest.join(':').trim();
  return ok({ table: name, start: first.value, count: size.value, ...(label ? { label } : {}) });
}

export function formatRegisterRange(range: RegisterRangeSpec): string {
  return `${MODBUS_TABLE_SHORT_NAMES[range.table]}:${range.start}:${range.count}${range.label ? `:${range.label}` : ''}`;
}

/** `low-high` or one instance. */
export function parseInstanceRange(text: string): Parsed<{ low: number; high: number }> {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
  if (!match) return fail(`"${text}" is not a device instance range; write low-high (e.g. 0-${MAX_BACNET_INSTANCE}) or one instance.`);
  const low = parseWholeNumber(match[1] ?? '', 0, MAX_BACNET_INSTANCE, 'device instance');
  if (!low.ok) return low;
  const high = match[2] === undefined ? low : parseWholeNumber(match[2], 0, MAX_BACNET_INSTANCE, 'device instance');
  if (!high.ok) return high;
  if (high.value < low.value) return fail(`"${text}" ends before it starts; write the lower instance first.`);
  return ok({ low: low.value, high: high.value });
}

export function formatInstanceRange(range: { low: number; high: number }): string {
  return range.low === range.high ? String(range.low) : `${range.low}-${range.high}`;
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 literal. */
export function parseHostAndPort(text: string): Parsed<{ host: string; port?: number }> {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  const pieces = trimmed.split(':');
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : pieces.length === 2 ? pieces : [trimmed, undefined];
  if (!host || /\s/.test(host) || host.length > 100) return fail(`"${text}" is not host[:port], e.g. 10.20.0.1 or 10.20.0.1:47808.`);
  if (port === undefined) return ok({ host });
  const n = parseWholeNumber(port, 1, 65535, 'port');
  return n.ok ? ok({ host, port: n.value }) : n;
}
