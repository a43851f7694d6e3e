// CredentialStore over the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows) through @napi-rs/keyring. Errors name the reference, never the secret.
import { AsyncEntry } from '@napi-rs/keyring';
import { assertValidCredentialRef, CredentialStoreError, type CredentialStore } from './credential-store.js';

export const KEYRING_SERVICE_NAME = 'fieldwise';

export interface KeyringCredentialStoreOptions {
  /** Keychain service name; tests use a separate one so they never touch real entries. */
  service?: string;
}

export class KeyringCredentialStore implements CredentialStore {
  readonly service: string;

  constructor(options: KeyringCredentialStoreOptions = {}) {
    this.service = options.service ?? KEYRING_SERVICE_NAME;
  }

  async get(ref: string): Promise<string | null> {
    return this.#call(ref, 'read', (entry) => entry.getPassword());
  }

  async set(ref: string, secret: string): Promise<void> {
    await this.#call(ref, 'write', (entry) => entry.setPassword(secret));
  }

  async delete(ref: string): Promise<boolean> {
    return this.#call(ref, 'delete', (entry) => entry.deletePassword());
  }

  async #call<T>(ref: string, action: string, run: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    assertValidCredentialRef(ref);
    try {
      return await run(new AsyncEntry(this.service, ref));
    } catch (error) {
      throw toStoreError(ref, action, error);
    }
  }
}

function toStoreError(ref: string, action: string, error: unknown): CredentialStoreError {
  const detail = error instanceof Error ? error.message : String(error);
  // The keyring crate reports a missing Secret Service / locked keychain as a platform failure.
  const unavailable = /platform|secure storage|dbus|d-bus|secret service|no such interface|locked/i.test(detail);
  return new CredentialStoreError(
    unavailable ? 'unavailable' : 'backend',
    ref,
    unavailable
      ? `OS keychain unavailable while trying to ${action} credential "${ref}"`
      : `OS keychain failed to ${action} credential "${ref}"`,
  );
}
