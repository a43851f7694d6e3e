// The credential store port: secrets (SNMP communities, v3 keys, API tokens) live only behind it.
// Everything else — settings, the database, logs, errors, observations — holds a reference name.

export const CREDENTIAL_STORE_ERROR_REASONS = ['unavailable', 'invalid_ref', 'backend'] as const;
export type CredentialStoreErrorReason = (typeof CREDENTIAL_STORE_ERROR_REASONS)[number];

export interface CredentialStore {
  /** The secret stored under `ref`, or null when there is none. */
  get(ref: string): Promise<string | null>;
  set(ref: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(ref: string): Promise<boolean>;
}

/** Never carries the secret itself; `ref` is a reference name and safe to show. */
export class CredentialStoreError extends Error {
  override readonly name = 'CredentialStoreError';
  constructor(
    readonly reason: CredentialStoreErrorReason,
    readonly ref: string,
    message: string,
  ) {
    super(message);
  }
}

const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/;

/** Reference names are identifiers, not free text: that keeps secrets from being pasted into them. */
export function assertValidCredentialRef(ref: string): void {
  if (!REF_PATTERN.test(ref)) {
    throw new CredentialStoreError('invalid_ref', '(invalid)', 'credential reference must be 1-200 characters of [A-Za-z0-9._:/@-]');
  }
}
