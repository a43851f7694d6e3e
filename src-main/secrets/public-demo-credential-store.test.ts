// The public demo values are answered without the keychain and can never be overwritten; every
// other reference goes to the real store untouched.
import { describe, expect, it } from 'vitest';
import { DEMO_SNMP_COMMUNITY, PUBLIC_DEMO_COMMUNITY_REF } from '../../src-shared/model/public-demo-secrets.js';
import { CredentialStoreError } from './credential-store.js';
import { MemoryCredentialStore } from './memory-credential-store.js';
import { PublicDemoCredentialStore } from './public-demo-credential-store.js';

describe('PublicDemoCredentialStore', () => {
  it('answers the demo community itself and passes real references to the keychain', async () => {
    const keychain = new MemoryCredentialStore({ 'fieldwise/credential-sets/x/community': 'real-secret' });
    const store = new PublicDemoCredentialStore(keychain);
    expect(await store.get(PUBLIC_DEMO_COMMUNITY_REF)).toBe(DEMO_SNMP_COMMUNITY);
    expect(await store.get('public-demo/unknown')).toBeNull();
    expect(await store.get('fieldwise/credential-sets/x/community')).toBe('real-secret');
    await store.set('fieldwise/credential-sets/y/community', 'another');
    expect(await keychain.get('fieldwise/credential-sets/y/community')).toBe('another');
    expect(await store.delete('fieldwise/credential-sets/y/community')).toBe(true);
    expect(await keychain.get('fieldwise/credential-sets/y/community')).toBeNull();
  });

  it('refuses to save anything under a public-demo reference, and never lets it reach the keychain', async () => {
    const keychain = new MemoryCredentialStore();
    const store = new PublicDemoCredentialStore(keychain);
    await expect(store.set(PUBLIC_DEMO_COMMUNITY_REF, 'my-real-community')).rejects.toBeInstanceOf(CredentialStoreError);
    await expect(store.set('public-demo/anything', 'x')).rejects.toMatchObject({ reason: 'invalid_ref' });
    expect(await keychain.get(PUBLIC_DEMO_COMMUNITY_REF)).toBeNull();
    expect(await store.get(PUBLIC_DEMO_COMMUNITY_REF)).toBe(DEMO_SNMP_COMMUNITY);
    expect(await store.delete(PUBLIC_DEMO_COMMUNITY_REF)).toBe(false);
    expect(await store.get(PUBLIC_DEMO_COMMUNITY_REF)).toBe(DEMO_SNMP_COMMUNITY);
  });
});
