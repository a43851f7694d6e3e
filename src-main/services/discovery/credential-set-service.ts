// Credential sets of every protocol: CRUD over names, kinds and non-secret settings, with each secret
// written to the CredentialStore (OS keychain) under a generated reference — or an existing
// reference adopted — and only the reference kept in the database. Secrets come in on create/update
// and are never returned, logged, audited or put into an error. Keychain failures become ApiErrors
// naming the fix. Which secrets a set needs depends on its kind (and, for SNMPv3, its level).
import {
  ApiError,
  CREDENTIAL_KIND_PROTOCOL,
  CREDENTIAL_SECRET_SLOT_LABELS,
  CREDENTIAL_SECRET_SLOTS,
  CREDENTIAL_SET_KIND_LABELS,
  OpcuaCertificateSettings,
  OpcuaUserSettings,
  SECRET_SLOT_INPUTS,
  SnmpV3SettingsInput,
  type CredentialCheck,
  type CredentialSecretInputs,
  type CredentialSet,
  type CredentialSetCreate,
  type CredentialSetKind,
  type CredentialSettingsUpdate,
  type SecretStatus,
} from '../../../src-shared/api/index.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import {
  deleteCredentialSetRow,
  findCredentialSetRecordByName,
  getCredentialSetRecord,
  insertCredentialSetRecord,
  listCredentialSets,
  managedRef,
  managedRefPrefix,
  scopesUsingCredentialSet,
  secretRefsOf,
  toCredentialSet,
  updateCredentialSetRecord,
  type CredentialSecretSlotName,
  type CredentialSetRecord,
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

export type CredentialSetChanges = CredentialSecretInputs & {
  name?: string | undefined;
  settings?: CredentialSettingsUpdate | undefined;
};

export interface CredentialSetService {
  list(): CredentialSet[];
  get(id: string): CredentialSet;
  findByName(name: string): CredentialSet | null;
  create(input: CredentialSetCreate, caller: Caller): Promise<CredentialSet>;
  update(id: string, changes: CredentialSetChanges, caller: Caller): Promise<CredentialSet>;
  delete(id: string, caller: Caller): Promise<{ id: string; deleted: boolean }>;
  check(id: string): Promise<CredentialCheck>;
  /** Where each reference's secret is (stored / missing / unavailable), one keychain read each. */
  secretStatus(refs: readonly string[]): Promise<Map<string, SecretStatus>>;
  record(id: string): CredentialSetRecord | null;
}

const SLOT_LABEL = CREDENTIAL_SECRET_SLOT_LABELS;

/** Which secrets a set of this kind and these settings needs, and which it may have. */
function slotsOf(kind: CredentialSetKind, settings: Record<string, unknown>): { required: CredentialSecretSlotName[]; allowed: CredentialSecretSlotName[] } {
  switch (kind) {
    case 'snmp_v1':
    case 'snmp_v2c':
      return { required: ['community'], allowed: ['community'] };
    case 'snmp_v3': {
      const level = settings.level;
      const slots: CredentialSecretSlotName[] = level === 'authPriv' ? ['auth_key', 'priv_key'] : level === 'authNoPriv' ? ['auth_key'] : [];
      return { required: slots, allowed: slots };
    }
    case 'opcua_user':
      return { required: ['password'], allowed: ['password'] };
    case 'opcua_certificate':
      return settings.certificatePem
        ? { required: ['private_key'], allowed: ['private_key'] }
        : { required: ['certificate', 'private_key'], allowed: ['certificate', 'private_key'] };
  }
}

/** What a set of this kind with these settings is called in an error ("an SNMPv3 set with level authNoPriv"). */
function describeKind(kind: CredentialSetKind, settings: Record<string, unknown>): string {
  if (kind === 'snmp_v3') return `an SNMPv3 set with level ${typeof settings.level === 'string' ? settings.level : 'noAuthNoPriv'}`;
  if (kind === 'snmp_v1' || kind === 'snmp_v2c') return 'a community set';
  if (kind === 'opcua_certificate' && settings.certificatePem) return 'an OPC UA certificate set whose certificate is in its settings';
  return `a set of kind ${kind} (${CREDENTIAL_SET_KIND_LABELS[kind]})`;
}

/** Validates and completes the settings of a kind; errors name the field and the kind. */
function normaliseSettings(kind: CredentialSetKind, given: unknown, previous: Record<string, unknown> | null): Record<string, unknown> {
  const problem = (message: string) => new ApiError('bad_request', `Settings of a ${CREDENTIAL_SET_KIND_LABELS[kind]} set: ${message}`);
  switch (kind) {
    case 'snmp_v1':
    case 'snmp_v2c':
      if (given !== undefined && given !== null && Object.keys(given as object).length > 0)
        throw new ApiError('bad_request', 'SNMPv1/v2c community sets have no settings; SNMPv3 settings only apply to a credential set of kind snmp_v3.');
      return {};
    case 'snmp_v3': {
      if (given === undefined) {
        if (previous) return previous;
        throw new ApiError('bad_request', 'An SNMPv3 credential set needs settings: user and security level (and protocols).');
      }
      const parsed = SnmpV3SettingsInput.safeParse(given);
      if (!parsed.success) throw problem(parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; '));
      const v3 = parsed.data;
      const before = previous ?? {};
      return {
        user: v3.user,
        level: v3.level,
        authProtocol: v3.level === 'noAuthNoPriv' ? null : (v3.authProtocol ?? (before.authProtocol as string | null | undefined) ?? 'sha256'),
        privProtocol: v3.level === 'authPriv' ? (v3.privProtocol ?? (before.privProtocol as string | null | undefined) ?? 'aes') : null,
        context: v3.context ?? null,
      };
    }
    case 'opcua_user': {
      if (given === undefined) {
        if (previous) return previous;
        throw new ApiError('bad_request', 'An OPC UA user set needs settings.userName.');
      }
      const parsed = OpcuaUserSettings.safeParse(given);
      if (!parsed.success) throw problem('give the user name as settings.userName.');
      return { userName: parsed.data.userName };
    }
    case 'opcua_certificate': {
      if (given === undefined) return previous ?? { certificatePem: null };
      const parsed = OpcuaCertificateSettings.safeParse({ certificatePem: null, ...(given as object) });
      if (!parsed.success) throw problem('settings.certificatePem must be a certificate in PEM form, or null to keep it in the keychain.');
      return { certificatePem: parsed.data.certificatePem };
    }
  }
}

/** What the audit trail keeps of a set: names, settings and references, never a secret. */
function auditView(record: CredentialSetRecord): Record<string, unknown> {
  const { certificatePem: _pem, ...settings } = record.settings;
  return { name: record.name, protocol: record.protocol, kind: record.kind, settings, refs: secretRefsOf(record).map(({ slot, ref }) => ({ slot, ref })) };
}

export function createCredentialSetService(deps: CredentialSetServiceDeps): CredentialSetService {
  const { db, store } = deps;

  function mustGet(id: string): CredentialSetRecord {
    const record = getCredentialSetRecord(db, id);
    if (!record) throw new ApiError('not_found', `Credential set ${id} does not exist.`);
    return record;
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
    record: CredentialSetRecord,
    changes: CredentialSecretInputs,
    allowed: readonly CredentialSecretSlotName[],
  ): Promise<{ refs: Partial<Record<CredentialSecretSlotName, string>>; written: string[] }> {
    const refs: Partial<Record<CredentialSecretSlotName, string>> = {};
    const written: string[] = [];
    for (const slot of CREDENTIAL_SECRET_SLOTS) {
      const fields = SECRET_SLOT_INPUTS[slot];
      const value = changes[fields.value];
      const ref = changes[fields.ref];
      if (value === undefined && ref === undefined) continue;
      if (!allowed.includes(slot)) {
        await removeSecrets(written);
        throw new ApiError('bad_request', `${capitalise(describeKind(record.kind, record.settings))} has no ${SLOT_LABEL[slot]}; leave it out.`);
      }
      if (value !== undefined && ref !== undefined) {
        await removeSecrets(written);
        throw new ApiError('bad_request', `Give either the ${SLOT_LABEL[slot]} or a keychain reference to it, not both.`);
      }
      if (ref !== undefined) {
        if (ref.startsWith('fieldwise/credential-sets/') && !ref.startsWith(managedRefPrefix(record.id))) {
          await removeSecrets(written);
          throw new ApiError('bad_request', `"${ref}" belongs to another credential set; choose a reference of your own.`);
        }
        refs[slot] = ref;
        continue;
      }
      const generated = managedRef(record.id, slot);
      try {
        await store.set(generated, value as string);
      } catch (error) {
        await removeSecrets(written);
        throw keychainApiError(error, `save the ${SLOT_LABEL[slot]} of credential set "${record.name}" (nothing was saved)`);
      }
      written.push(generated);
      refs[slot] = generated;
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

  function assertComplete(record: CredentialSetRecord): void {
    const missing = slotsOf(record.kind, record.settings).required.filter((slot) => !record.secrets[slot]);
    if (missing.length > 0) {
      const slot = missing[0] as CredentialSecretSlotName;
      throw new ApiError(
        'bad_request',
        `Credential set "${record.name}" needs a ${SLOT_LABEL[slot]}: give it (it is stored in the OS keychain) or a keychain reference to it.`,
      );
    }
  }

  function applyRefs(record: CredentialSetRecord, refs: Partial<Record<CredentialSecretSlotName, string>>): void {
    const prefix = managedRefPrefix(record.id);
    for (const [slot, ref] of Object.entries(refs) as [CredentialSecretSlotName, string][]) record.secrets[slot] = { ref, managed: ref.startsWith(prefix) };
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
      const record = findCredentialSetRecordByName(db, name);
      return record ? toCredentialSet(db, record) : null;
    },
    record: (id) => getCredentialSetRecord(db, id),

    async create(input, caller) {
      if (findCredentialSetRecordByName(db, input.name))
        throw new ApiError('conflict', `A credential set named "${input.name}" already exists; choose another name or update it.`);
      const protocol = CREDENTIAL_KIND_PROTOCOL[input.kind];
      if (input.protocol !== undefined && input.protocol !== protocol)
        throw new ApiError('bad_request', `A credential set of kind ${input.kind} is for ${protocol}, not ${String(input.protocol)}.`);
      const at = deps.now().toISOString();
      const record: CredentialSetRecord = {
        id: deps.newId(),
        name: input.name,
        protocol,
        kind: input.kind,
        settings: normaliseSettings(input.kind, 'settings' in input ? input.settings : undefined, null),
        secrets: {},
        createdAt: at,
        updatedAt: at,
      };
      // Validate completeness before touching the keychain.
      const { required, allowed } = slotsOf(record.kind, record.settings);
      for (const slot of required) {
        const fields = SECRET_SLOT_INPUTS[slot];
        if (input[fields.value] === undefined && input[fields.ref] === undefined) assertComplete(record);
      }
      const { refs, written } = await storeSecrets(record, input, allowed);
      applyRefs(record, refs);
      try {
        db.transaction(() => {
          insertCredentialSetRecord(db, record);
          audit('credential_set.created', caller, record.id, null, auditView(record));
        })();
      } catch (error) {
        await removeSecrets(written);
        throw error;
      }
      return toCredentialSet(db, record);
    },

    async update(id, changes, caller) {
      const before = mustGet(id);
      const record: CredentialSetRecord = { ...before, settings: { ...before.settings }, secrets: { ...before.secrets } };
      if (changes.name !== undefined && changes.name.toLowerCase() !== before.name.toLowerCase()) {
        if (findCredentialSetRecordByName(db, changes.name)) throw new ApiError('conflict', `A credential set named "${changes.name}" already exists.`);
      }
      if (changes.name !== undefined) record.name = changes.name;
      record.settings = normaliseSettings(record.kind, changes.settings, before.settings);
      const { allowed } = slotsOf(record.kind, record.settings);
      const { refs, written } = await storeSecrets(record, changes, allowed);
      applyRefs(record, refs);
      // Secrets the new settings no longer need (a lower SNMPv3 level, a certificate now in settings) are dropped.
      for (const slot of CREDENTIAL_SECRET_SLOTS) if (!allowed.includes(slot)) delete record.secrets[slot];
      const beforeRefs = new Set(secretRefsOf(before).map((s) => s.ref));
      try {
        assertComplete(record);
      } catch (error) {
        await removeSecrets(written.filter((ref) => !beforeRefs.has(ref)));
        throw error;
      }
      record.updatedAt = deps.now().toISOString();
      db.transaction(() => {
        updateCredentialSetRecord(db, record);
        audit('credential_set.updated', caller, id, auditView(before), auditView(record));
      })();
      // Generated secrets that are no longer referenced go after the commit.
      const kept = new Set(secretRefsOf(record).map((s) => s.ref));
      await removeSecrets(
        secretRefsOf(before)
          .map((s) => s.ref)
          .filter((ref) => ref.startsWith(managedRefPrefix(id)) && !kept.has(ref)),
      );
      return toCredentialSet(db, record);
    },

    async delete(id, caller) {
      const record = mustGet(id);
      const users = scopesUsingCredentialSet(db, id);
      if (users.length > 0) {
        throw new ApiError(
          'conflict',
          `Credential set "${record.name}" is used by scope(s) ${users.map((u) => `"${u.scopeName}"`).join(', ')}; remove it from them first.`,
        );
      }
      db.transaction(() => {
        deleteCredentialSetRow(db, id);
        audit('credential_set.deleted', caller, id, auditView(record), null);
      })();
      await removeSecrets(
        secretRefsOf(record)
          .map((s) => s.ref)
          .filter((ref) => ref.startsWith(managedRefPrefix(id))),
      );
      return { id, deleted: true };
    },

    async check(id) {
      const record = mustGet(id);
      const slots = secretRefsOf(record);
      const status = await secretStatus(slots.map((s) => s.ref));
      const secrets = slots.map((s) => ({ slot: s.slot, ref: s.ref, status: status.get(s.ref) ?? 'unavailable' }));
      const bad = secrets.find((s) => s.status !== 'stored');
      let message: string | null = null;
      if (bad?.status === 'unavailable')
        message = keychainApiError(
          new CredentialStoreError('unavailable', bad.ref, ''),
          `read the ${SLOT_LABEL[bad.slot]} of credential set "${record.name}"`,
        ).message;
      else if (bad) message = `No secret is stored under "${bad.ref}" (the ${SLOT_LABEL[bad.slot]} of credential set "${record.name}"); enter it again.`;
      return { id, name: record.name, secrets, message };
    },

    secretStatus,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
