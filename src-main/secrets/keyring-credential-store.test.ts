// Runs against the real OS keychain. On Linux that needs a Secret Service on a D-Bus session:
//   dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run src-main/secrets'
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyringCredentialStore } from './keyring-credential-store.js';

const HOW_TO_FIX =
  "No OS keychain (Secret Service) is reachable, so the keyring adapter cannot be tested. Run the tests inside a D-Bus session with an unlocked gnome-keyring:\n" +
  "  dbus-run-session -- bash -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run src-main/secrets'";

describe('KeyringCredentialStore (real OS keychain)', () => {
  // A separate service name keeps the test away from real 'fieldwise' entries.
  const store = new KeyringCredentialStore({ service: `fieldwise-test-${randomUUID()}` });
  const ref = `test/${randomUUID()}`;
  let reachable = false;
  let probeError = '';

  beforeAll(async () => {
    try {
      await store.set(`${ref}-probe`, 'probe');
      reachable = (await store.get(`${ref}-probe`)) === 'probe';
      await store.delete(`${ref}-probe`);
    } catch (error) {
      probeError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  });

  afterAll(async () => {
    if (reachable) await store.delete(ref).catch(() => false);
  });

  it('has a reachable Secret Service', () => {
    if (!reachable) throw new Error(`${HOW_TO_FIX}\n(probe said: ${probeError || 'value did not round-trip'})`);
  });

  it('stores, reads, overwrites and deletes a secret', async () => {
    if (!reachable) throw new Error(HOW_TO_FIX);
    expect(await store.get(ref)).toBeNull();
    await store.set(ref, 'c0mmunity!');
    expect(await store.get(ref)).toBe('c0mmunity!');
    await store.set(ref, 'rotated');
    expect(await store.get(ref)).toBe('rotated');
    expect(await store.delete(ref)).toBe(true);
    expect(await store.get(ref)).toBeNull();
  });

  it('keeps the secret out of error messages', async () => {
    if (!reachable) throw new Error(HOW_TO_FIX);
    await expect(store.set('not a valid ref!', 'hunter2')).rejects.toThrow(/^(?!.*hunter2)/);
  });
});
