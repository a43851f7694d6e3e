// Credential sets: CRUD over names, kinds and SNMPv3 settings, with each secret written to the
// CredentialStore (OS keychain) under a generated reference — or an existing reference adopted —
// and only the reference kept in the database. Secrets come in on create/update and are never
// returned, logged, audited or put into an error. Keychain failures become ApiErrors naming the fix.
import {
  ApiError,
  type CredentialCheck,
  type CredentialSet,
  type CredentialSetCreateInput,
  type CredentialSetKind,
  type SecretStatus,
} from '../../../src-shared/api/index.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import {
  deleteCredentialSetRow,
  findCredentialSetRowByName,
  getCredentialSetRow,
  insertCredentialSetRow,
  listCredentialSets,
  managedRef,
  managedRefPrefix,
  scopesUsingCredentialSet,
  secretRefsOf,
  toCredentialSet,
  updateCredentialSetRow,
  type CredentialSecretSlotName,
  type CredentialSetRow,
} from '../../db/discovery-credentials-repository.js';
import { CredentialStoreError, type CredentialStore } from '../../secrets/credential-store.js';
import { keychainApiError } from './keychain-api-error.js';

export interface CredentialSetServiceDeps {
  db: Database;
  store: CredentialStore;
  now: () => Date;
  newId: () => string;
  onWarning: (message: string, data: Record<string, unknown>) => void;
}

export interface Caller {
  actor: string;
  correlationId: string;
}

type SecretInput = { value?: string | undefined; ref?: string | undefined };
type V3Input = NonNullable<CredentialSetCreateInput['v3']>;

export interface CredentialSetChanges {
  name?: string | undefined;
  v3?: V3Input | undefined;
  community?: string | undefined;
  communityRef?: string | undefined;
  authKey?: string | undefined;
  authKeyRef?: string | undefined;
  privKey?: string | undefined;
  privKeyRef?: string | undefined;
}

export interface CredentialSetService {
  list(): CredentialSet[];
  get(id: string): CredentialSet;
  findByName(name: string): CredentialSet | null;
  create(input: CredentialSetChanges & { name: string; kind: CredentialSetKind }, caller: Caller): Promise<CredentialSet>;
  update(id: string, changes: CredentialSetChanges, caller: Caller): Promise<CredentialSet>;
  delete(id: string, caller: Caller): Promise<{ id: string; deleted: boolean }>;
  check(id: string): Promise<CredentialCheck>;
  /** Where each reference's secret is (stored / missing / unavailable), one keychain read each. */
  secretStatus(refs: readonly string[]): Promise<Map<string, SecretStatus>>;
  row(id: string): CredentialSetRow | null;
}

const SLOT_LABEL: Record<CredentialSecretSlotName, string> = { community: 'community', auth_key: 'auth key', priv_key: 'privacy key' };

/** Which secrets a set of this kind and level needs. */
function requiredSlots(kind: CredentialSetKind, level: V3Input['level'] | null): CredentialSecretSlotName[] {
  if (kind !== 'snmp_v3') return ['community'];
  if (level === 'authPriv') return ['auth_key', 'priv_key'];
  if (level === 'authNoPriv') return ['auth_key'];
  return [];
}

function secretInputs(changes: CredentialSetChanges): Record<CredentialSecretSlotName, SecretInput> {
  return {
    community: { value: changes.community, ref: changes.communityRef },
    auth_key: { value: changes.authKey, ref: changes.authKeyRef },
    priv_key: { value: changes.privKey, ref: changes.privKeyRef },
  };
}

function refColumn(slot: CredentialSecretSlotName): 'community_ref' | 'auth_key_ref' | 'priv_key_ref' {
  return slot === 'community' ? 'community_ref' : slot === 'auth_key' ? 'auth_key_ref' : 'priv_key_ref';
}

/** What the audit trail keeps of a set: names and references, never a secret. */
function auditView(row: CredentialSetRow): Record<string, unknown> {
  return { name: row.name, kind: row.kind, v3User: row.v3_user, v3Level: row.v3_level, refs: secretRefsOf(row) };
}

export function createCredentialSetService(deps: CredentialSetServiceDeps): CredentialSetService {
  const { db, store } = deps;

  function mustGet(id: string): CredentialSetRow {
    const row = getCredentialSetRow(db, id);
    if (!row) throw new ApiError('not_found', `Credential set ${id} does not exist.`);
    return row;
  }

  function audit(action: string, caller: Caller, id: string, before: unknown, after: unknown): void {
    appendAuditEvent(db, {
      id: deps.newId(),
      at: deps.now().toISOString(),
      actor: caller.actor,
      action,
      targetType: 'credential_set',
      targetId: id,
      before,
      after,
      correlationId: caller.correlationId,
    });
  }

  /**
   * Writes the secrets given as values to the keychain (under the set's generated references) and
   * returns the reference of every slot that changed. Undoes what it wrote if one write fails.
   */
  async function storeSecrets(
    row: CredentialSetRow,
    changes: CredentialSetChanges,
    allowed: readonly CredentialSecretSlotName[],
  ): Promise<{ refs: Partial<Record<CredentialSecretSlotName, string>>; written: string[] }> {
    const refs: Partial<Record<CredentialSecretSlotName, string>> = {};
    const written: string[] = [];
    for (const [slot, input] of Object.entries(secretInputs(changes)) as [CredentialSecretSlotName, SecretInput][]) {
      if (input.value === undefined && input.ref === undefined) continue;
      if (!allowed.includes(slot)) {
        throw new ApiError(
          'bad_request',
          `A ${row.kind === 'snmp_v3' ? `SNMPv3 set with level ${row.v3_level ?? 'noAuthNoPriv'}` : 'community set'} has no ${SLOT_LABEL[slot]}; leave it out.`,
        );
      }
      if (input.value !== undefined && input.ref !== undefined) {
        throw new ApiError('bad_request', `Give either the ${SLOT_LABEL[slot]} or a keychain reference to it, not both.`);
      }
      if (input.ref !== undefined) {
        if (input.ref.startsWith('fieldwise/credential-sets/') && !input.ref.startsWith(managedRefPrefix(row.id))) {
          throw new ApiError('bad_request', `"${input.ref}" belongs to another credential set; choose a reference of your own.`);
        }
        refs[slot] = input.ref;
        continue;
      }
      const ref = managedRef(row.id, slot);
      try {
        await store.set(ref, input.value as string);
      } catch (error) {
        await removeSecrets(written);
        throw keychainApiError(error, `save the ${SLOT_LABEL[slot]} of credential set "${row.name}" (nothing was saved)`);
      }
      written.push(ref);
      refs[slot] = ref;
    }
    return { refs, written };
  }

  async function removeSecrets(refs: readonly string[]): Promise<void> {
    for (const ref of refs) {
      try {
        await store.delete(ref);
      } catch (error) {
        deps.onWarning('Could not delete a credential secret from the keychain', {
          ref,
          reason: error instanceof CredentialStoreError ? error.reason : 'unknown',
        });
      }
    }
  }

  function assertComplete(row: CredentialSetRow): void {
    const missing = requiredSlots(row.kind, row.v3_level).filter((slot) => !row[refColumn(slot)]);
    if (missing.length > 0) {
      const slot = missing[0] as CredentialSecretSlotName;
      throw new ApiError(
        'bad_request',
        `Credential set "${row.name}" needs a ${SLOT_LABEL[slot]}: give it (it is stored in the OS keychain) or a keychain reference to it.`,
      );
    }
  }

  function applyV3(row: CredentialSetRow, v3: V3Input | undefined): void {
    if (row.kind !== 'snmp_v3') {
      if (v3) throw new ApiError('bad_request', 'SNMPv3 settings only apply to a credential set of kind snmp_v3.');
      return;
    }
    if (!v3) return;
    row.v3_user = v3.user;
    row.v3_level = v3.level;
    row.v3_auth_protocol = v3.level === 'noAuthNoPriv' ? null : (v3.authProtocol ?? row.v3_auth_protocol ?? 'sha256');
    row.v3_priv_protocol = v3.level === 'authPriv' ? (v3.privProtocol ?? row.v3_priv_protocol ?? 'aes') : null;
    row.v3_context = v3.context ?? null;
  }

  async function secretStatus(refs: readonly string[]): Promise<Map<string, SecretStatus>> {
    const out = new Map<string, SecretStatus>();
    for (const ref of new Set(refs)) {
      try {
        out.set(ref, (await store.get(ref)) === null ? 'missing' : 'stored');
      } catch {
        out.set(ref, 'unavailable');
      }
    }
    return out;
  }

  return {
    list: () => listCredentialSets(db),
    get: (id) => toCredentialSet(db, mustGet(id)),
    findByName(name) {
      const row = findCredentialSetRowByName(db, name);
      return row ? toCredentialSet(db, row) : null;
    },
    row: (id) => getCredentialSetRow(db, id),

    async create(input, caller) {
      if (findCredentialSetRowByName(db, input.name))
        throw new ApiError('conflict', `A credential set named "${input.name}" already exists; choose another name or update it.`);
      if (input.kind === 'snmp_v3' && !input.v3)
        throw new ApiError('bad_request', 'An SNMPv3 credential set needs v3 settings: user and security level (and protocols).');
      const at = deps.now().toISOString();
      const row: CredentialSetRow = {
        id: deps.newId(),
        name: input.name,
        kind: input.kind,
        v3_user: null,
        v3_level: null,
        v3_auth_protocol: null,
        v3_priv_protocol: null,
        v3_context: null,
        community_ref: null,
        auth_key_ref: null,
        priv_key_ref: null,
        created_at: at,
        updated_at: at,
      };
      applyV3(row, input.v3);
      // Validate completeness before touching the keychain.
      const given = secretInputs(input);
      const allowed = requiredSlots(row.kind, row.v3_level);
      for (const slot of allowed) if (given[slot].value === undefined && given[slot].ref === undefined) assertComplete(row);
      const { refs, written } = await storeSecrets(row, input, allowed);
      for (const [slot, ref] of Object.entries(refs) as [CredentialSecretSlotName, string][]) row[refColumn(slot)] = ref;
      try {
        db.transaction(() => {
          insertCredentialSetRow(db, row);
          audit('credential_set.created', caller, row.id, null, auditView(row));
        })();
      } catch (error) {
        await removeSecrets(written);
        throw error;
      }
      return toCredentialSet(db, row);
    },

    async update(id, changes, caller) {
      const before = mustGet(id);
      const row: CredentialSetRow = { ...before };
      if (changes.name !== undefined && changes.name.toLowerCase() !== before.name.toLowerCase()) {
        if (findCredentialSetRowByName(db, changes.name)) throw new ApiError('conflict', `A credential set named "${changes.name}" already exists.`);
      }
      if (changes.name !== undefined) row.name = changes.name;
      applyV3(row, changes.v3);
      const allowed = requiredSlots(row.kind, row.v3_level);
      const { refs, written } = await storeSecrets(row, changes, allowed);
      for (const [slot, ref] of Object.entries(refs) as [CredentialSecretSlotName, string][]) row[refColumn(slot)] = ref;
      // Secrets a changed security level no longer needs are dropped.
      for (const slot of ['community', 'auth_key', 'priv_key'] as const) if (!allowed.includes(slot)) row[refColumn(slot)] = null;
      try {
        assertComplete(row);
      } catch (error) {
        await removeSecrets(written.filter((ref) => !secretRefsOf(before).some((s) => s.ref === ref)));
        throw error;
      }
      row.updated_at = deps.now().toISOString();
      db.transaction(() => {
        updateCredentialSetRow(db, row);
        audit('credential_set.updated', caller, id, auditView(before), auditView(row));
      })();
      // Generated secrets that are no longer referenced go after the commit.
      const kept = new Set(secretRefsOf(row).map((s) => s.ref));
      await removeSecrets(
        secretRefsOf(before)
          .map((s) => s.ref)
          .filter((ref) => ref.startsWith(managedRefPrefix(id)) && !kept.has(ref)),
      );
      return toCredentialSet(db, row);
    },

    async delete(id, caller) {
      const row = mustGet(id);
      const users = scopesUsingCredentialSet(db, id);
      if (users.length > 0) {
        throw new ApiError(
          'conflict',
          `Credential set "${row.name}" is used by scope(s) ${users.map((u) => `"${u.scopeName}"`).join(', ')}; remove it from them first.`,
        );
      }
      db.transaction(() => {
        deleteCredentialSetRow(db, id);
        audit('credential_set.deleted', caller, id, auditView(row), null);
      })();
      await removeSecrets(
        secretRefsOf(row)
          .map((s) => s.ref)
          .filter((ref) => ref.startsWith(managedRefPrefix(id))),
      );
      return { id, deleted: true };
    },

    async check(id) {
      const row = mustGet(id);
      const slots = secretRefsOf(row);
      const status = await secretStatus(slots.map((s) => s.ref));
      const secrets = slots.map((s) => ({ slot: s.slot, ref: s.ref, status: status.get(s.ref) ?? 'unavailable' }));
      const bad = secrets.find((s) => s.status !== 'stored');
      let message: string | null = null;
      if (bad?.status === 'unavailable')
        message = keychainApiError(
          new CredentialStoreError('unavailable', bad.ref, ''),
          `read the ${SLOT_LABEL[bad.slot]} of credential set "${row.name}"`,
        ).message;
      else if (bad) message = `No secret is stored under "${bad.ref}" (the ${SLOT_LABEL[bad.slot]} of credential set "${row.name}"); enter it again.`;
      return { id, name: row.name, secrets, message };
    },

    secretStatus,
  };
}
