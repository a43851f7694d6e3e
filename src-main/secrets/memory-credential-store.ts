// An in-memory CredentialStore for tests of modules that need secrets. Not for production use:
// nothing survives the process.
import { assertValidCredentialRef, type CredentialStore } from './credential-store.js';

export class MemoryCredentialStore implements CredentialStore {
  readonly #secrets = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [ref, secret] of Object.entries(initial)) {
      assertValidCredentialRef(ref);
      this.#secrets.set(ref, secret);
    }
  }

  async get(ref: string): Promise<string | null> {
    assertValidCredentialRef(ref);
    return this.#secrets.get(ref) ?? null;
  }

  async set(ref: string, secret: string): Promise<void> {
    assertValidCredentialRef(ref);
    this.#secrets.set(ref, secret);
  }

  async delete(ref: string): Promise<boolean> {
    assertValidCredentialRef(ref);
    return this.#secrets.delete(ref);
  }
}
