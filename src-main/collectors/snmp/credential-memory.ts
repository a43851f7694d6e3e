// Remembers which credential set worked for which device, so the next run tries it first and a
// scope with many credential sets does not cost every device several timeouts.

export interface CredentialMemory {
  /** The id of the credential that last worked for this device key, if any. */
  recall(deviceKey: string): string | undefined;
  remember(deviceKey: string, credentialId: string): void;
}

/** In-process implementation; the discovery service can back the same interface with the database. */
export class MapCredentialMemory implements CredentialMemory {
  readonly #entries = new Map<string, string>();

  recall(deviceKey: string): string | undefined {
    return this.#entries.get(deviceKey);
  }

  remember(deviceKey: string, credentialId: string): void {
    this.#entries.set(deviceKey, credentialId);
  }

  entries(): ReadonlyMap<string, string> {
    return this.#entries;
  }
}

/** Orders credential sets so that the remembered one (if still configured) comes first. */
export function orderByMemory<T extends { id: string }>(credentials: readonly T[], rememberedId: string | undefined): T[] {
  if (!rememberedId) return [...credentials];
  const first = credentials.find((c) => c.id === rememberedId);
  return first ? [first, ...credentials.filter((c) => c !== first)] : [...credentials];
}
