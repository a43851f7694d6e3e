// Credential sets for every discovery protocol: non-secret settings plus keychain references to the
// secrets, never a secret. The contract is split per protocol and discriminated on `kind`:
//   snmp_v1 / snmp_v2c   community (secret)
//   snmp_v3              user, level, protocols, context (settings) + auth key / privacy key (secrets)
//   opcua_user           user name (setting) + password (secret)
//   opcua_certificate    client certificate PEM (setting, or a secret) + private key (secret)
// Every set carries its `protocol`, derived from the kind; a scope only takes sets of its protocol.
// Secrets travel in on create/update only (written to the OS keychain under a generated reference,
// or adopted by an existing reference) and are never returned.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';

// ---------------------------------------------------------------------------------------------
// Value lists

export const SNMP_CREDENTIAL_KINDS = ['snmp_v1', 'snmp_v2c', 'snmp_v3'] as const;
export const OPCUA_CREDENTIAL_KINDS = ['opcua_user', 'opcua_certificate'] as const;
export const CREDENTIAL_SET_KINDS = [...SNMP_CREDENTIAL_KINDS, ...OPCUA_CREDENTIAL_KINDS] as const;
export type CredentialSetKind = (typeof CREDENTIAL_SET_KINDS)[number];

export const CREDENTIAL_SET_KIND_LABELS: Record<CredentialSetKind, string> = {
  snmp_v1: 'SNMPv1 community',
  snmp_v2c: 'SNMPv2c community',
  snmp_v3: 'SNMPv3 user',
  opcua_user: 'OPC UA user name and password',
  opcua_certificate: 'OPC UA client certificate',
};

/** The protocol each kind of credential set is for (Modbus and BACnet have no credentials). */
export const CREDENTIAL_KIND_PROTOCOL = {
  snmp_v1: 'snmp',
  snmp_v2c: 'snmp',
  snmp_v3: 'snmp',
  opcua_user: 'opcua',
  opcua_certificate: 'opcua',
} as const satisfies Record<CredentialSetKind, string>;
export type CredentialProtocol = (typeof CREDENTIAL_KIND_PROTOCOL)[CredentialSetKind];
export const CREDENTIAL_PROTOCOLS = ['snmp', 'opcua'] as const satisfies readonly CredentialProtocol[];

/** Which secret a keychain reference holds. */
export const CREDENTIAL_SECRET_SLOTS = ['community', 'auth_key', 'priv_key', 'password', 'certificate', 'private_key'] as const;
export type CredentialSecretSlotName = (typeof CREDENTIAL_SECRET_SLOTS)[number];
export const CREDENTIAL_SECRET_SLOT_LABELS: Record<CredentialSecretSlotName, string> = {
  community: 'community',
  auth_key: 'auth key',
  priv_key: 'privacy key',
  password: 'password',
  certificate: 'certificate',
  private_key: 'private key',
};

export const SNMP_V3_LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;
export const SNMP_V3_AUTH_PROTOCOLS = ['sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
/** DES only for old devices (needs Node's --openssl-legacy-provider); prefer AES. */
export const SNMP_V3_PRIV_PROTOCOLS = ['aes', 'aes256b', 'aes256r', 'des'] as const;

/** Where a credential's secret is: in the keychain, absent, or the keychain cannot be read. */
export const SECRET_STATUSES = ['stored', 'missing', 'unavailable'] as const;
export type SecretStatus = (typeof SECRET_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Settings per kind (non-secret)

const CredentialName = z.string().trim().min(1).max(100);
/** A keychain reference name (an identifier, never a secret). */
const SecretRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}$/, 'a keychain reference is 1-200 characters of [A-Za-z0-9._:/@-]');
/** A secret travelling in on create/update only; it is written to the keychain and never returned. */
const Secret = z.string().min(1).max(512);
/** A PEM document (certificate or private key) travelling in as a secret. */
const PemSecret = z.string().min(1).max(16_384);
const CertificatePem = z
  .string()
  .max(16_384)
  .regex(
    /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/,
    'a certificate in PEM form (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)',
  );

export const SnmpV3Settings = z.object({
  user: z.string().min(1).max(64),
  level: z.enum(SNMP_V3_LEVELS),
  authProtocol: z.enum(SNMP_V3_AUTH_PROTOCOLS).nullable(),
  privProtocol: z.enum(SNMP_V3_PRIV_PROTOCOLS).nullable(),
  context: z.string().max(64).nullable(),
});
export type SnmpV3Settings = z.infer<typeof SnmpV3Settings>;
/** What a caller gives: protocols default to sha256 / aes for the levels that need them. */
export const SnmpV3SettingsInput = SnmpV3Settings.partial({ authProtocol: true, privProtocol: true, context: true });
export type SnmpV3SettingsInput = z.input<typeof SnmpV3SettingsInput>;

/** v1/v2c sets have no settings beyond their kind. */
export const SnmpCommunitySettings = z.object({});
export type SnmpCommunitySettings = z.infer<typeof SnmpCommunitySettings>;

export const OpcuaUserSettings = z.object({
  userName: z.string().trim().min(1).max(200),
});
export type OpcuaUserSettings = z.infer<typeof OpcuaUserSettings>;

export const OpcuaCertificateSettings = z.object({
  /** The client certificate (PEM; it is public). Null when it is kept in the keychain (slot 'certificate'). */
  certificatePem: CertificatePem.nullable(),
});
export type OpcuaCertificateSettings = z.infer<typeof OpcuaCertificateSettings>;
export const OpcuaCertificateSettingsInput = z.object({ certificatePem: CertificatePem.nullable().default(null) });

/** The settings schema of each kind (the service validates updates with it). */
export const CREDENTIAL_SETTINGS_SCHEMAS = {
  snmp_v1: SnmpCommunitySettings,
  snmp_v2c: SnmpCommunitySettings,
  snmp_v3: SnmpV3Settings,
  opcua_user: OpcuaUserSettings,
  opcua_certificate: OpcuaCertificateSettings,
} as const satisfies Record<CredentialSetKind, z.ZodType>;

// ---------------------------------------------------------------------------------------------
// The set as returned

export const CredentialSecretSlot = z.object({
  /** Which secret (community, auth_key, priv_key, password, certificate, private_key). */
  slot: z.enum(CREDENTIAL_SECRET_SLOTS),
  /** The keychain reference the secret is stored under. */
  ref: z.string(),
  /** True when Fieldwise generated the reference (the secret is deleted with the set). */
  managed: z.boolean(),
});
export type CredentialSecretSlot = z.infer<typeof CredentialSecretSlot>;

const SetCommon = {
  id: Id,
  name: z.string(),
  /** Where the secrets are: keychain references, never the secrets. */
  secrets: z.array(CredentialSecretSlot),
  /** Scopes that use this set. */
  usedBy: z.array(z.object({ scopeId: Id, scopeName: z.string() })),
  createdAt: IsoTime,
  updatedAt: IsoTime,
};

export const SnmpCommunityCredentialSet = z.object({
  ...SetCommon,
  protocol: z.literal('snmp'),
  kind: z.enum(['snmp_v1', 'snmp_v2c']),
  settings: SnmpCommunitySettings,
});
export const SnmpV3CredentialSet = z.object({ ...SetCommon, protocol: z.literal('snmp'), kind: z.literal('snmp_v3'), settings: SnmpV3Settings });
export const OpcuaUserCredentialSet = z.object({ ...SetCommon, protocol: z.literal('opcua'), kind: z.literal('opcua_user'), settings: OpcuaUserSettings });
export const OpcuaCertificateCredentialSet = z.object({
  ...SetCommon,
  protocol: z.literal('opcua'),
  kind: z.literal('opcua_certificate'),
  settings: OpcuaCertificateSettings,
});

export const CredentialSet = z.discriminatedUnion('kind', [
  SnmpCommunityCredentialSet,
  SnmpV3CredentialSet,
  OpcuaUserCredentialSet,
  OpcuaCertificateCredentialSet,
]);
export type CredentialSet = z.infer<typeof CredentialSet>;

// ---------------------------------------------------------------------------------------------
// Create and update

/**
 * Secrets given as values (stored in the keychain under a generated reference) or as a reference to
 * a secret already in the keychain. Give one or the other per slot; which slots a kind takes is
 * checked by the service (a slot the kind has not is refused with a message naming it).
 */
const SecretInputs = {
  /** SNMPv1/v2c community. */
  community: Secret.optional(),
  communityRef: SecretRef.optional(),
  /** SNMPv3 authentication key (levels authNoPriv and authPriv). */
  authKey: Secret.optional(),
  authKeyRef: SecretRef.optional(),
  /** SNMPv3 privacy key (level authPriv). */
  privKey: Secret.optional(),
  privKeyRef: SecretRef.optional(),
  /** OPC UA user's password. */
  password: Secret.optional(),
  passwordRef: SecretRef.optional(),
  /** OPC UA client certificate (PEM), when it should live in the keychain instead of settings.certificatePem. */
  certificate: PemSecret.optional(),
  certificateRef: SecretRef.optional(),
  /** OPC UA client certificate's private key (PEM). */
  privateKey: PemSecret.optional(),
  privateKeyRef: SecretRef.optional(),
};
export type CredentialSecretInputs = { [K in keyof typeof SecretInputs]?: string | undefined };

/** The input field pair (value, reference) of each secret slot. */
export const SECRET_SLOT_INPUTS: Record<CredentialSecretSlotName, { value: keyof typeof SecretInputs; ref: keyof typeof SecretInputs }> = {
  community: { value: 'community', ref: 'communityRef' },
  auth_key: { value: 'authKey', ref: 'authKeyRef' },
  priv_key: { value: 'privKey', ref: 'privKeyRef' },
  password: { value: 'password', ref: 'passwordRef' },
  certificate: { value: 'certificate', ref: 'certificateRef' },
  private_key: { value: 'privateKey', ref: 'privateKeyRef' },
};

const CreateCommon = { name: CredentialName, ...SecretInputs };

export const SnmpCommunityCredentialSetCreate = z.object({
  ...CreateCommon,
  kind: z.enum(['snmp_v1', 'snmp_v2c']),
  /** Optional; when given it must be the kind's protocol. */
  protocol: z.literal('snmp').optional(),
});
export const SnmpV3CredentialSetCreate = z.object({
  ...CreateCommon,
  kind: z.literal('snmp_v3'),
  protocol: z.literal('snmp').optional(),
  settings: SnmpV3SettingsInput,
});
export const OpcuaUserCredentialSetCreate = z.object({
  ...CreateCommon,
  kind: z.literal('opcua_user'),
  protocol: z.literal('opcua').optional(),
  settings: OpcuaUserSettings,
});
export const OpcuaCertificateCredentialSetCreate = z.object({
  ...CreateCommon,
  kind: z.literal('opcua_certificate'),
  protocol: z.literal('opcua').optional(),
  settings: OpcuaCertificateSettingsInput.default({ certificatePem: null }),
});

export const CredentialSetCreateInput = z.discriminatedUnion('kind', [
  SnmpCommunityCredentialSetCreate,
  SnmpV3CredentialSetCreate,
  OpcuaUserCredentialSetCreate,
  OpcuaCertificateCredentialSetCreate,
]);
export type CredentialSetCreateInput = z.input<typeof CredentialSetCreateInput>;
export type CredentialSetCreate = z.output<typeof CredentialSetCreateInput>;

/** Settings changes: the fields of the set's kind (checked against it by the service). */
export const CredentialSettingsUpdate = z.union([SnmpV3SettingsInput, OpcuaUserSettings, z.object({ certificatePem: CertificatePem.nullable() })]);
export type CredentialSettingsUpdate = z.input<typeof CredentialSettingsUpdate>;

export const CredentialSetUpdateInput = z.object({
  id: Id,
  name: CredentialName.optional(),
  /** Replaces the set's settings (the kind cannot change). Omitted = unchanged. */
  settings: CredentialSettingsUpdate.optional(),
  /** Replace a secret (give the new value, or a keychain reference to use). Omitted = unchanged. */
  ...SecretInputs,
});
export type CredentialSetUpdateInput = z.input<typeof CredentialSetUpdateInput>;

export const CredentialCheck = z.object({
  id: Id,
  name: z.string(),
  secrets: z.array(z.object({ slot: z.enum(CREDENTIAL_SECRET_SLOTS), ref: z.string(), status: z.enum(SECRET_STATUSES) })),
  /** Safe to show: names the reference and the fix, never the secret. */
  message: z.string().nullable(),
});
export type CredentialCheck = z.infer<typeof CredentialCheck>;
