// SNMP credentials as data. A credential names its secrets by reference; the secrets are read
// from the CredentialStore only when a session is opened and live in a ResolvedSnmpCredential
// that refuses to be serialised or printed.
import { inspect } from 'node:util';
import type { CollectorCredential } from '../collector.js';
import { SnmpError } from './snmp-error.js';

/** Where secrets are read from: the credential store, or the run context's secret reader. */
export interface SnmpSecretSource {
  get(ref: string): Promise<string | null>;
}

export const SNMP_VERSIONS = ['v1', 'v2c', 'v3'] as const;
export type SnmpVersion = (typeof SNMP_VERSIONS)[number];

export const SNMP_AUTH_PROTOCOLS = ['sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
export type SnmpAuthProtocol = (typeof SNMP_AUTH_PROTOCOLS)[number];

/** DES is accepted for old devices but needs OpenSSL's legacy provider on current Node. */
export const SNMP_PRIV_PROTOCOLS = ['aes', 'aes256b', 'aes256r', 'des'] as const;
export type SnmpPrivProtocol = (typeof SNMP_PRIV_PROTOCOLS)[number];

export const SNMP_SECURITY_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export type SnmpSecurityLevel = (typeof SNMP_SECURITY_LEVELS)[number];

export interface SnmpCommunityCredential {
  /** Stable id of this credential set, remembered per device when it works. */
  id: string;
  version: 'v1' | 'v2c';
  communityRef: string;
}

export interface SnmpV3Credential {
  id: string;
  version: 'v3';
  user: string;
  level: SnmpSecurityLevel;
  authProtocol?: SnmpAuthProtocol;
  authKeyRef?: string;
  privProtocol?: SnmpPrivProtocol;
  privKeyRef?: string;
  context?: string;
}

export type SnmpCredential = SnmpCommunityCredential | SnmpV3Credential;

interface CommunitySecrets {
  version: 'v1' | 'v2c';
  community: string;
}

interface V3Secrets {
  version: 'v3';
  user: string;
  level: SnmpSecurityLevel;
  authProtocol?: SnmpAuthProtocol;
  authKey?: string;
  privProtocol?: SnmpPrivProtocol;
  privKey?: string;
  context?: string;
}

export type SnmpSecrets = CommunitySecrets | V3Secrets;

/** A credential with its secrets loaded. Printing or JSON-encoding it shows no secret. */
export class ResolvedSnmpCredential {
  readonly #secrets: SnmpSecrets;

  constructor(
    readonly credential: SnmpCredential,
    secrets: SnmpSecrets,
  ) {
    this.#secrets = secrets;
  }

  get id(): string {
    return this.credential.id;
  }

  get version(): SnmpVersion {
    return this.credential.version;
  }

  /** Only the safety guard calls this, to open a session. */
  revealSecrets(): SnmpSecrets {
    return this.#secrets;
  }

  toJSON(): { id: string; version: SnmpVersion; secrets: '[redacted]' } {
    return { id: this.id, version: this.version, secrets: '[redacted]' };
  }

  toString(): string {
    return `SnmpCredential(${this.id}, ${this.version})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Loads the secrets a credential refers to. Errors name the reference, never a value. */
export async function resolveSnmpCredential(credential: SnmpCredential, store: SnmpSecretSource): Promise<ResolvedSnmpCredential> {
  const load = async (ref: string | undefined, what: string): Promise<string> => {
    if (!ref) throw new SnmpError('credential_missing', `credential "${credential.id}" has no ${what} reference`);
    let secret: string | null;
    try {
      secret = await store.get(ref);
    } catch {
      throw new SnmpError('credential_missing', `credential store could not read "${ref}" (${what} of "${credential.id}")`);
    }
    if (secret === null) throw new SnmpError('credential_missing', `no secret stored under "${ref}" (${what} of "${credential.id}")`);
    return secret;
  };

  if (credential.version !== 'v3') {
    return new ResolvedSnmpCredential(credential, { version: credential.version, community: await load(credential.communityRef, 'community') });
  }
  const secrets: V3Secrets = { version: 'v3', user: credential.user, level: credential.level };
  if (credential.context) secrets.context = credential.context;
  if (credential.level !== 'noAuthNoPriv') {
    secrets.authProtocol = credential.authProtocol ?? 'sha';
    secrets.authKey = await load(credential.authKeyRef, 'auth key');
  }
  if (credential.level === 'authPriv') {
    secrets.privProtocol = credential.privProtocol ?? 'aes';
    secrets.privKey = await load(credential.privKeyRef, 'privacy key');
  }
  return new ResolvedSnmpCredential(credential, secrets);
}

/** A platform credential set (settings + keychain references) as an SNMP credential. */
export function snmpCredentialOf(set: CollectorCredential): SnmpCredential {
  const ref = (slot: string): string | undefined => set.secretRefs[slot];
  if (set.kind !== 'snmp_v3') return { id: set.id, version: set.kind === 'snmp_v1' ? 'v1' : 'v2c', communityRef: ref('community') ?? '' };
  const s = set.settings;
  const text = (key: string): string | undefined => (typeof s[key] === 'string' && s[key] !== '' ? (s[key] as string) : undefined);
  const level = (SNMP_SECURITY_LEVELS as readonly string[]).includes(text('level') ?? '') ? (text('level') as SnmpSecurityLevel) : 'noAuthNoPriv';
  const credential: SnmpV3Credential = { id: set.id, version: 'v3', user: text('user') ?? '', level };
  const auth = text('authProtocol');
  if (auth && (SNMP_AUTH_PROTOCOLS as readonly string[]).includes(auth)) credential.authProtocol = auth as SnmpAuthProtocol;
  const priv = text('privProtocol');
  if (priv && (SNMP_PRIV_PROTOCOLS as readonly string[]).includes(priv)) credential.privProtocol = priv as SnmpPrivProtocol;
  const authKeyRef = ref('auth_key');
  if (authKeyRef) credential.authKeyRef = authKeyRef;
  const privKeyRef = ref('priv_key');
  if (privKeyRef) credential.privKeyRef = privKeyRef;
  const context = text('context');
  if (context) credential.context = context;
  return credential;
}
