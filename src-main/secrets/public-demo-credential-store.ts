// A CredentialStore that answers the public demo references (`public-demo/…`, see
// src-shared/model/public-demo-secrets.ts) itself, read-only, and passes every other reference to
// the real store (the OS keychain). So the demo needs no keychain, and nothing can be saved under a
// demo reference: a real secret never leaves the keychain.
import { PUBLIC_DEMO_SECRETS, isPublicDemoRef } from '../../src-shared/model/public-demo-secrets.js';
import { CredentialStoreError, type CredentialStore } from './credential-store.js';

export class PublicDemoCredentialStore implements CredentialStore {
  readonly #inner: CredentialStore;

  constructor(inner: CredentialStore) {
    this.#inner = inner;
  }

  async get(ref: string): Promise<string | null> {
    if (isPublicDemoRef(ref)) return PUBLIC_DEMO_SECRETS[ref] ?? null;
    return this.#inner.get(ref);
  }

  async set(ref: string, secret: string): Promise<void> {
    if (isPublicDemoRef(ref)) {
      throw new CredentialStoreError('invalid_ref', ref, `"${ref}" names a public demo value; secrets cannot be saved under public-demo/ references`);
    }
    await this.#inner.set(ref, secret);
  }

  async delete(ref: string): Promise<boolean> {
    // The demo values are constants: there is nothing to delete.
    if (isPublicDemoRef(ref)) return false;
    return this.#inner.delete(ref);
  }
}
