// Commander parsers for the OT protocol options of `scopes add` and `discover <protocol>`: the
// syntax of src-shared/lib/ot-option-syntax.ts (the scope editor's too), as repeatable options.
// Commander prints a parser's InvalidArgumentError as "option '--x <v>' argument 'y' is invalid.
// <message>", so the flag is named; the contract still validates the assembled options, and
// scope-options-from.ts names the flag of anything it refuses.
import { InvalidArgumentError } from 'commander';
import {
  parseHostAndPort,
  parseInstanceRange,
  parseNumberList,
  parseRegisterRange,
  parseWholeNumber,
  type Parsed,
  type RegisterRangeSpec,
} from '../../src-shared/lib/ot-option-syntax.js';

export type { RegisterRangeSpec } from '../../src-shared/lib/ot-option-syntax.js';

function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return parsed.value;
}

/** A whole number from `min` to `max`. */
export function numberIn(min: number, max: number, what: string) {
  return (value: string): number => valueOf(parseWholeNumber(value, min, max, what));
}

/** Comma-separated whole numbers, repeatable: `--unit-ids 1,2 --unit-ids 3` → [1, 2, 3]; `none` is [] when `allowNone`. */
export function numberList(min: number, max: number, what: string, options: { allowNone?: boolean } = {}) {
  return (value: string, previous: number[] | undefined): number[] => {
    const list = [...(previous ?? [])];
    for (const n of valueOf(parseNumberList(value, min, max, what, options))) if (!list.includes(n)) list.push(n);
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

/** `table:start:count[:label]`, repeatable: `--register-range holding:0:100:tuning`. */
export function registerRanges(value: string, previous: RegisterRangeSpec[] | undefined): RegisterRangeSpec[] {
  return [...(previous ?? []), valueOf(parseRegisterRange(value))];
}

/** `low-high` or one instance, repeatable: `--instance-range 0-4194303 --instance-range 1200`. */
export function instanceRanges(value: string, previous: { low: number; high: number }[] | undefined): { low: number; high: number }[] {
  return [...(previous ?? []), valueOf(parseInstanceRange(value))];
}

/** `host[:port]` of a BACnet broadcast management device (the port defaults to 47808). */
export function hostAndPort(value: string): { host: string; port?: number } {
  return valueOf(parseHostAndPort(value));
}
