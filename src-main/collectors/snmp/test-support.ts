// Shared helpers for the SNMP tests: loopback ports, a credential store with the demo secrets,
// and a check that a test left no UDP sockets open.
import { MemoryCredentialStore } from '../../secrets/memory-credential-store.js';
import type { DemoV3User } from './demo/demo-agent.js';
import { DEMO_COMMUNITY } from './demo/demo-network.js';
import type { SnmpCredential } from './snmp-credential.js';

export const TEST_V3_USER: DemoV3User = { name: 'fw-ops', authProtocol: 'sha256', authKey: 'auth-Secret-42', privProtocol: 'aes', privKey: 'priv-Secret-42' };

/** A high loopback port block unlikely to collide with parallel test files. */
export function randomBasePort(): number {
  return 20_000 + Math.floor(Math.random() * 2_000) * 20;
}

export function demoCredentialStore(): MemoryCredentialStore {
  return new MemoryCredentialStore({
    'snmp/demo-community': DEMO_COMMUNITY,
    'snmp/wrong-community': 'not-the-community',
    'snmp/v3-auth': TEST_V3_USER.authKey,
    'snmp/v3-priv': TEST_V3_USER.privKey,
    'snmp/v3-wrong-auth': 'wrong-auth-key-1',
  });
}

export const CREDENTIALS = {
  v1: { id: 'demo-v1', version: 'v1', communityRef: 'snmp/demo-community' },
  v2c: { id: 'demo-v2c', version: 'v2c', communityRef: 'snmp/demo-community' },
  wrongV2c: { id: 'wrong-v2c', version: 'v2c', communityRef: 'snmp/wrong-community' },
  v3: { id: 'demo-v3', version: 'v3', user: TEST_V3_USER.name, level: 'authPriv', authProtocol: 'sha256', authKeyRef: 'snmp/v3-auth', privProtocol: 'aes', privKeyRef: 'snmp/v3-priv' },
  wrongV3: { id: 'wrong-v3', version: 'v3', user: TEST_V3_USER.name, level: 'authPriv', authProtocol: 'sha256', authKeyRef: 'snmp/v3-wrong-auth', privProtocol: 'aes', privKeyRef: 'snmp/v3-priv' },
} as const satisfies Record<string, SnmpCredential>;

/** UDP sockets and timers still referenced by the process (for "nothing left open" checks). */
export function openUdpHandles(): number {
  const resources: string[] = process.getActiveResourcesInfo();
  return resources.filter((r) => r === 'UDPWrap').length;
}
