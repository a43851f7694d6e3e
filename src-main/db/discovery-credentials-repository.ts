// Credential sets: names, kinds, SNMPv3 settings and the keychain references of their secrets.
// Never a secret: the service writes secrets to the CredentialStore and only the reference here.
import type { CredentialSet, CredentialSetKind, SnmpV3Settings } from '../../src-shared/api/index.js';
import type { Database } from './database.js';

export type CredentialSecretSlotName = 'community' | 'auth_key' | 'priv_key';

export interface CredentialSetRow {
  id: string;
  name: string;
  kind: CredentialSetKind;
  v3_user: string | null;
  v3_level: SnmpV3Settings['level'] | null;
  v3_auth_protocol: SnmpV3Settings['authProtocol'];
  v3_priv_protocol: SnmpV3Settings['privProtocol'];
  v3_context: string | null;
  community_ref: string | null;
  auth_key_ref: string | null;
  priv_key_ref: string | null;
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

export function secretRefsOf(row: CredentialSetRow): { slot: CredentialSecretSlotName; ref: string }[] {
  const refs: { slot: CredentialSecretSlotName; ref: string }[] = [];
  if (row.community_ref) refs.push({ slot: 'community', ref: row.community_ref });
  if (row.auth_key_ref) refs.push({ slot: 'auth_key', ref: row.auth_key_ref });
  if (row.priv_key_ref) refs.push({ slot: 'priv_key', ref: row.priv_key_ref });
  return refs;
}

export function getCredentialSetRow(db: Database, id: string): CredentialSetRow | null {
  return (db.prepare('SELECT * FROM credential_sets WHERE id = ?').get(id) as CredentialSetRow | undefined) ?? null;
}

export function findCredentialSetRowByName(db: Database, name: string): CredentialSetRow | null {
  return (db.prepare('SELECT * FROM credential_sets WHERE name = ? COLLATE NOCASE').get(name) as CredentialSetRow | undefined) ?? null;
}

export function insertCredentialSetRow(db: Database, row: CredentialSetRow): void {
  db.prepare(
    `INSERT INTO credential_sets (id, name, kind, v3_user, v3_level, v3_auth_protocol, v3_priv_protocol, v3_context, community_ref, auth_key_ref, priv_key_ref, created_at, updated_at)
     VALUES (@id, @name, @kind, @v3_user, @v3_level, @v3_auth_protocol, @v3_priv_protocol, @v3_context, @community_ref, @auth_key_ref, @priv_key_ref, @created_at, @updated_at)`,
  ).run(row);
}

export function updateCredentialSetRow(db: Database, row: CredentialSetRow): void {
  db.prepare(
    `UPDATE credential_sets SET name = @name, v3_user = @v3_user, v3_level = @v3_level, v3_auth_protocol = @v3_auth_protocol,
      v3_priv_protocol = @v3_priv_protocol, v3_context = @v3_context, community_ref = @community_ref, auth_key_ref = @auth_key_ref,
      priv_key_ref = @priv_key_ref, updated_at = @updated_at WHERE id = @id`,
  ).run(row);
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

export function toCredentialSet(db: Database, row: CredentialSetRow): CredentialSet {
  const prefix = managedRefPrefix(row.id);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    v3:
      row.kind === 'snmp_v3' && row.v3_user && row.v3_level
        ? { user: row.v3_user, level: row.v3_level, authProtocol: row.v3_auth_protocol, privProtocol: row.v3_priv_protocol, context: row.v3_context }
        : null,
    secrets: secretRefsOf(row).map((s) => ({ ...s, managed: s.ref.startsWith(prefix) })),
    usedBy: scopesUsingCredentialSet(db, row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listCredentialSets(db: Database): CredentialSet[] {
  const rows = db.prepare('SELECT * FROM credential_sets ORDER BY name COLLATE NOCASE').all() as CredentialSetRow[];
  return rows.map((row) => toCredentialSet(db, row));
}
