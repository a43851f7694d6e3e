import { describe, expect, it } from 'vitest';
import { CredentialStoreError } from './credential-store.js';
import { MemoryCredentialStore } from './memory-credential-store.js';

describe('MemoryCredentialStore', () => {
  it('gets, sets and deletes by reference', async () => {
    const store = new MemoryCredentialStore({ 'snmp/public': 'public' });
    expect(await store.get('snmp/public')).toBe('public');
    await store.set('snmp/v3-auth', 's3cret');
    expect(await store.get('snmp/v3-auth')).toBe('s3cret');
    expect(await store.delete('snmp/v3-auth')).toBe(true);
    expect(await store.delete('snmp/v3-auth')).toBe(false);
    expect(await store.get('snmp/v3-auth')).toBeNull();
  });

  it('rejects references that look like free text', async () => {
    const store = new MemoryCredentialStore();
    await expect(store.get('my password is hunter2')).rejects.toBeInstanceOf(CredentialStoreError);
  });
});
