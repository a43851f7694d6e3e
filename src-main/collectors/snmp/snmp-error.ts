// Typed SNMP failures. The reason is what the UI explains; `detail` is safe to show and never
// contains a secret (messages from the library are not passed through, because some of them
// quote the community string).

export const SNMP_ERROR_REASONS = [
  'timeout', // the agent answered earlier requests but not this one
  'no_response', // nothing ever came back from this target
  'auth', // v3 authentication/privacy failure or unknown user reported by the agent
  'malformed', // undecodable, truncated or inconsistent reply; looping walk
  'limit', // a safety limit was hit (rows per walk, requests per host, response size)
  'network', // the local network stack refused to send (unreachable, permission)
  'agent_error', // the agent answered with an error status (noSuchName, genErr, tooBig ...)
  'refused', // the safety guard refused an operation (anything but a read)
  'credential_missing', // a secret reference could not be resolved
  'out_of_scope', // a target outside the run's scope was requested
  'cancelled',
] as const;
export type SnmpErrorReason = (typeof SNMP_ERROR_REASONS)[number];

export class SnmpError extends Error {
  override readonly name = 'SnmpError';
  constructor(
    readonly reason: SnmpErrorReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export function isSnmpError(value: unknown): value is SnmpError {
  return value instanceof SnmpError;
}

/** A recorded failure: plain data, fit for an outcome list, a run record or an event. */
export interface SnmpFailure {
  reason: SnmpErrorReason;
  detail: string;
  /** Which part of the collection failed (e.g. 'system', 'ifTable', 'lldpRemTable'). */
  section?: string;
}

export function toSnmpFailure(error: unknown, section?: string): SnmpFailure {
  const failure: SnmpFailure = isSnmpError(error)
    ? { reason: error.reason, detail: error.detail }
    : { reason: 'malformed', detail: 'unexpected failure while decoding a reply' };
  return section ? { ...failure, section } : failure;
}
