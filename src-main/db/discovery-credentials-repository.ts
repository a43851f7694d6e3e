// Credential sets of every protocol: name, protocol, kind, non-secret settings and the keychain
// references of their secrets (slot → {ref, managed}). Never a secret: the service writes secrets to
// the CredentialStore and only the reference here.
import {
  CREDENTIAL_KIND_PROTOCOL,
  CREDENTIAL_SECRET_SLOTS,
  type CredentialProtocol,
  type CredentialSecretSlotName,
  type CredentialSet,
  type CredentialSetKind,
} from '../../src-shared/api/index.js';
import type { Database } from './database.js';

export type { CredentialSecretSlotName };

export interface SecretRefEntry {
  ref: string;
  /** True when Fieldwise generated the reference (the secret is deleted with the set). */
  managed: boolean;
}

export interface CredentialSetRecord {
  id: string;
  name: string;
  protocol: CredentialProtocol;
  kind: CredentialSetKind;
  /** Non-secret settings of the kind (validated by the service against the kind's schema). */
  settings: Record<string, unknown>;
  secrets: Partial<Record<CredentialSecretSlotName, SecretRefEntry>>;
  createdAt: string;
  updatedAt: string;
}

interface CredentialSetRow {
  id: string;
  name: string;
  protocol: string;
  kind: string;
  settings_json: string;
  secrets_json: string;
  created_at: string;
  updated_at: string;
}

/** Prefix of the keychain references Fieldwise generates for a set (deleted with the set). */
export function managedRefPrefix(credentialSetId: string): string {
  return `fieldwise/credential-sets/${credentialSetId}/`;
}

export function managedRef(credentialSetId: string, slot: CredentialSecretSlotName): string {
  return `${managedRefPrefix(credentialSetId)}${slot}`;
}

/** The set's secret references in slot order. */
export function secretRefsOf(record: CredentialSetRecord): { slot: CredentialSecretSlotName; ref: string; managed: boolean }[] {
  const refs: { slot: CredentialSecretSlotName; ref: string; managed: boolean }[] = [];
  for (const slot of CREDENTIAL_SECRET_SLOTS) {
    const entry = record.secrets[slot];
    if (entry) refs.push({ slot, ref: entry.ref, managed: entry.managed });
  }
  return refs;
}

function toRecord(row: CredentialSetRow): CredentialSetRecord {
  const kind = row.kind as CredentialSetKind;
  return {
    id: row.id,
    name: row.name,
    protocol: CREDENTIAL_KIND_PROTOCOL[kind] ?? (row.protocol as CredentialProtocol),
    kind,
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
    secrets: JSON.parse(row.secrets_json) as CredentialSetRecord['secrets'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toParams(record: CredentialSetRecord): Record<string, unknown> {
  const secrets: CredentialSetRecord['secrets'] = {};
  for (const { slot, ref, managed } of secretRefsOf(record)) secrets[slot] = { ref, managed };
  return {
    id: record.id,
    name: record.name,
    protocol: record.protocol,
    kind: record.kind,
    settings_json: JSON.stringify(record.settings),
    secrets_json: JSON.stringify(secrets),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export function getCredentialSetRecord(db: Database, id: string): CredentialSetRecord | null {
  const row = db.prepare('SELECT * FROM credential_sets WHERE id = ?').get(id) as CredentialSetRow | undefined;
  return row ? toRecord(row) : null;
}

export function findCredentialSetRecordByName(db: Database, name: string): CredentialSetRecord | null {
  const row = db.prepare('SELECT * FROM credential_sets WHERE name = ? COLLATE NOCASE').get(name) as CredentialSetRow | undefined;
  return row ? toRecord(row) : null;
}

export function insertCredentialSetRecord(db: Database, record: CredentialSetRecord): void {
  db.prepare(
    `INSERT INTO credential_sets (id, name, protocol, kind, settings_json, secrets_json, created_at, updated_at)
     VALUES (@id, @name, @protocol, @kind, @settings_json, @secrets_json, @created_at, @updated_at)`,
  ).run(toParams(record));
}

export function updateCredentialSetRecord(db: Database, record: CredentialSetRecord): void {
  db.prepare(
    'UPDATE credential_sets SET name = @name, settings_json = @settings_json, secrets_json = @secrets_json, updated_at = @updated_at WHERE id = @id',
  ).run(toParams(record));
}

export function deleteCredentialSetRow(db: Database, id: string): boolean {
  return db.prepare('DELETE FROM credential_sets WHERE id = ?').run(id).changes > 0;
}

export function scopesUsingCredentialSet(db: Database, id: string): { scopeId: string; scopeName: string }[] {
  return db
    .prepare(
      `SELECT DISTINCT s.id AS scopeId, s.name AS scopeName FROM discovery_scope_credentials c JOIN discovery_scopes s ON s.id = c.scope_id
       WHERE c.credential_set_id = ? ORDER BY s.name COLLATE NOCASE`,
    )
    .all(id) as { scopeId: string; scopeName: string }[];
}

/** The set as the API returns it: settings and references, never a secret. */
export function toCredentialSet(db: Database, record: CredentialSetRecord): CredentialSet {
  const common = {
    id: record.id,
    name: record.name,
    secrets: secretRefsOf(record),
    usedBy: scopesUsingCredentialSet(db, record.id),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  const s = record.settings;
  const text = (key: string): string | null => (typeof s[key] === 'string' ? (s[key] as string) : null);
  switch (record.kind) {
    case 'snmp_v1':
    case 'snmp_v2c':
      return { ...common, protocol: 'snmp', kind: record.kind, settings: {} };
    case 'snmp_v3':
      return {
        ...common,
        protocol: 'snmp',
        kind: 'snmp_v3',
        settings: {
          user: text('user') ?? '',
          level: (text('level') ?? 'noAuthNoPriv') as 'noAuthNoPriv',
          authProtocol: text('authProtocol') as 'sha' | null,
          privProtocol: text('privProtocol') as 'aes' | null,
          context: text('context'),
        },
      };
    case 'opcua_user':
      return { ...common, protocol: 'opcua', kind: 'opcua_user', settings: { userName: text('userName') ?? '' } };
    case 'opcua_certificate':
      return { ...common, protocol: 'opcua', kind: 'opcua_certificate', settings: { certificatePem: text('certificatePem') } };
  }
}

export function listCredentialSets(db: Database): CredentialSet[] {
  const rows = db.prepare('SELECT * FROM credential_sets ORDER BY name COLLATE NOCASE').all() as CredentialSetRow[];
  return rows.map((row) => toCredentialSet(db, toRecord(row)));
}
