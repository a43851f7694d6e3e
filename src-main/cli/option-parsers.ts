// Parsers for option and argument values. Commander prints their InvalidArgumentError messages as
// "option '--x <v>' argument 'y' is invalid. <message>", so each message names the accepted values.
import { InvalidArgumentError } from 'commander';

/** One of `values`; exact spelling first, then any case ("LastSeen" → "lastSeen"). */
export function choice<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    const exact = values.find((v) => v === value);
    if (exact !== undefined) return exact;
    const folded = values.find((v) => v.toLowerCase() === value.toLowerCase());
    if (folded !== undefined) return folded;
    throw new InvalidArgumentError(`"${value}" is not a valid ${what}; use one of: ${values.join(', ')}.`);
  };
}

/** Like `choice`, for a variadic or repeated option: collects every value. */
export function choices<T extends string>(values: readonly T[], what: string) {
  const one = choice(values, what);
  return (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), one(value)];
}

export function wholeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return n;
}

export function port(value: string): number {
  const n = wholeNumber(value);
  if (n < 1 || n > 65535) throw new InvalidArgumentError(`"${value}" is not a port (1-65535).`);
  return n;
}

/** A repeatable --port: `--port 161 --port 1161`. */
export function ports(value: string, previous: number[] | undefined): number[] {
  return [...(previous ?? []), port(value)];
}
