// Discovery scopes: CRUD with validation (targets parse, options fit the protocol, credential sets
// exist and are of the scope's protocol, schedule is a valid cron expression), the scope's source
// (kind = protocol, name = scope name: assets show provenance "SNMP (<scope name>)", "Modbus TCP
// (<scope name>)", ...), and the run plan shown before a run starts — its estimate and warnings come
// from the protocol's collector. Modbus, BACnet and OPC UA scopes are always OT scopes.
import {
  ApiError,
  DEFAULT_PROTOCOL_PORTS,
  DISCOVERY_DEFAULTS,
  DISCOVERY_OT_DEFAULTS,
  DISCOVERY_PROTOCOL_LABELS,
  DiscoveryScopeOptions,
  isOtProtocol,
  type ApiParsedInput,
  type DiscoveryPlan,
  type DiscoveryProtocol,
  type DiscoveryScope,
  type DiscoverySettings,
} from '../../../src-shared/api/index.js';
import type { CollectorPlan, CollectorRegistry } from '../../collectors/collector.js';
import { TargetPlan, TargetSpecError } from '../../collectors/sweep/target-plan.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { getCredentialSetRecord, secretRefsOf } from '../../db/discovery-credentials-repository.js';
import { activeRunOfScope } from '../../db/discovery-runs-repository.js';
import {
  deleteScope,
  findScopeByName,
  getScope,
  insertScope,
  listScopes,
  updateScope,
  type ScopeRecord,
  type ScopeWrite,
} from '../../db/discovery-scopes-repository.js';
import { ensureSource } from '../../db/sources-repository.js';
import type { Caller, CredentialSetService } from './credential-set-service.js';
import { nextFireTime, scheduleProblem } from '../runs/cron-schedule.js';

export interface DiscoveryScopeServiceDeps {
  db: Database;
  credentials: CredentialSetService;
  /** The collector of each protocol (plans come from it); a protocol without one cannot start. */
  collectors: CollectorRegistry;
  now: () => Date;
  newId: () => string;
  /** Called after a scope changed, so the scheduler re-reads schedules. */
  onScopesChanged: () => void;
}

export interface DiscoveryScopeService {
  list(): DiscoveryScope[];
  get(id: string): DiscoveryScope;
  record(id: string): ScopeRecord;
  findByName(name: string): DiscoveryScope | null;
  create(input: ApiParsedInput<'discovery.scopes.create'>, caller: Caller): DiscoveryScope;
  update(input: ApiParsedInput<'discovery.scopes.update'>, caller: Caller): DiscoveryScope;
  delete(id: string, caller: Caller): { id: string; deleted: boolean };
  plan(id: string): Promise<DiscoveryPlan>;
  /** Enabled scopes with a schedule, for the scheduler. */
  scheduled(): { scopeId: string; schedule: string; timezone: string | null }[];
}

/** OT scopes above this rate get a warning in their plan. */
const OT_RATE_WARNING = 50;

/** What each protocol's safety guard lets through, said once in an OT plan. */
const READ_ONLY_NOTE: Record<DiscoveryProtocol, string> = {
  snmp: 'read-only SNMP GET/GETNEXT/GETBULK only; no SET is ever sent',
  modbus: 'read-only Modbus functions 1, 2, 3, 4 and 43 only; no write or diagnostic function is ever sent',
  bacnet: 'Who-Is, ReadProperty and ReadPropertyMultiple only; no write or device control is ever sent',
  opcua: 'discovery, session, browse and read services only; no Write or Call is ever sent',
};

/** Options for a protocol: the given ones (checked to be that protocol's) or its defaults. */
export function scopeOptionsFor(protocol: DiscoveryProtocol, given: DiscoveryScopeOptions | undefined): DiscoveryScopeOptions {
  if (!given) return DiscoveryScopeOptions.parse({ protocol });
  if (given.protocol !== protocol) {
    throw new ApiError(
      'bad_request',
      `The options are for ${DISCOVERY_PROTOCOL_LABELS[given.protocol]} but the scope is ${DISCOVERY_PROTOCOL_LABELS[protocol]}; give options with protocol "${protocol}".`,
      [{ path: 'options.protocol', message: `must be "${protocol}"` }],
    );
  }
  return given;
}

function otProblem(protocol: DiscoveryProtocol): ApiError {
  return new ApiError(
    'bad_request',
    `${DISCOVERY_PROTOCOL_LABELS[protocol]} scopes are OT scopes: they run only when confirmed, with the gentle OT defaults. Leave "ot" out or set it to true.`,
    [{ path: 'ot', message: 'must be true for this protocol' }],
  );
}

export function parseScopeTargets(scope: Pick<ScopeRecord, 'targets' | 'exclusions' | 'ports'>): TargetPlan {
  return TargetPlan.parse({ include: scope.targets, exclude: scope.exclusions, ports: scope.ports });
}

function targetProblem(error: unknown): ApiError {
  if (error instanceof TargetSpecError) {
    return new ApiError(
      'bad_request',
      error.reason === 'limit'
        ? `${error.message}; split the range into several scopes.`
        : `${error.message}. Use an address, a CIDR block (10.0.0.0/24) or a range (10.0.0.10-20).`,
    );
  }
  throw error;
}

export function createDiscoveryScopeService(deps: DiscoveryScopeServiceDeps): DiscoveryScopeService {
  const { db } = deps;

  function toScope(record: ScopeRecord): DiscoveryScope {
    let targetCount: number | null = null;
    try {
      targetCount = parseScopeTargets(record).size;
    } catch {
      targetCount = null;
    }
    const next = record.enabled && record.schedule ? nextFireTime({ schedule: record.schedule, timezone: record.scheduleTimezone }, deps.now()) : null;
    const { sourceId, ...rest } = record;
    return { ...rest, sourceId, targetCount, nextRunAt: next ? next.toISOString() : null };
  }

  function mustGet(id: string): ScopeRecord {
    const record = getScope(db, id);
    if (!record) throw new ApiError('not_found', `Discovery scope ${id} does not exist.`);
    return record;
  }

  function validate(write: ScopeWrite): void {
    try {
      parseScopeTargets(write);
    } catch (error) {
      throw targetProblem(error);
    }
    if (isOtProtocol(write.protocol) && !write.ot) throw otProblem(write.protocol);
    for (const id of write.credentialSetIds) {
      const set = getCredentialSetRecord(db, id);
      if (!set) throw new ApiError('bad_request', `Credential set ${id} does not exist; create it first or remove it from the scope.`);
      if (set.protocol !== write.protocol) {
        throw new ApiError(
          'bad_request',
          `Credential set "${set.name}" is for ${DISCOVERY_PROTOCOL_LABELS[set.protocol]}; a ${DISCOVERY_PROTOCOL_LABELS[write.protocol]} scope takes only ${DISCOVERY_PROTOCOL_LABELS[write.protocol]} credential sets.`,
        );
      }
    }
    if (new Set(write.credentialSetIds).size !== write.credentialSetIds.length)
      throw new ApiError('bad_request', 'A credential set is listed twice in this scope.');
    if (write.schedule) {
      const problem = scheduleProblem({ schedule: write.schedule, timezone: write.scheduleTimezone }, deps.now());
      if (problem) throw new ApiError('bad_request', problem);
    }
  }

  function audit(action: string, caller: Caller, id: string, before: unknown, after: unknown): void {
    appendAuditEvent(db, {
      id: deps.newId(),
      at: deps.now().toISOString(),
      actor: caller.actor,
      action,
      targetType: 'discovery_scope',
      targetId: id,
      before,
      after,
      correlationId: caller.correlationId,
    });
  }

  function auditView(write: ScopeWrite | ScopeRecord): Record<string, unknown> {
    const credentialSetIds = 'credentialSetIds' in write ? write.credentialSetIds : write.credentialSets.map((c) => c.id);
    return {
      name: write.name,
      protocol: write.protocol,
      options: write.options,
      targets: write.targets,
      exclusions: write.exclusions,
      ports: write.ports,
      credentialSetIds,
      settings: write.settings,
      depth: write.depth,
      schedule: write.schedule,
      scheduleTimezone: write.scheduleTimezone,
      enabled: write.enabled,
      ot: write.ot,
      network: write.network,
    };
  }

  return {
    list: () => listScopes(db).map(toScope),
    get: (id) => toScope(mustGet(id)),
    record: mustGet,
    findByName(name) {
      const record = findScopeByName(db, name);
      return record ? toScope(record) : null;
    },

    create(input, caller) {
      if (findScopeByName(db, input.name))
        throw new ApiError('conflict', `A discovery scope named "${input.name}" already exists; choose another name or update it.`);
      const at = deps.now().toISOString();
      const protocol = input.protocol;
      if (isOtProtocol(protocol) && input.ot === false) throw otProblem(protocol);
      const ot = isOtProtocol(protocol) ? true : (input.ot ?? false);
      const defaults: DiscoverySettings = ot ? { ...DISCOVERY_OT_DEFAULTS } : { ...DISCOVERY_DEFAULTS };
      const id = deps.newId();
      const write: ScopeWrite = {
        id,
        name: input.name,
        protocol,
        options: scopeOptionsFor(protocol, input.options),
        description: input.description ?? null,
        targets: input.targets,
        exclusions: input.exclusions,
        ports: input.ports ?? [DEFAULT_PROTOCOL_PORTS[protocol]],
        credentialSetIds: input.credentialSetIds,
        network: input.network ?? null,
        settings: { ...defaults, ...input.settings },
        depth: input.depth,
        schedule: input.schedule ?? null,
        scheduleTimezone: input.scheduleTimezone ?? null,
        enabled: input.enabled,
        ot,
        sourceId: '',
        createdAt: at,
        updatedAt: at,
      };
      validate(write);
      db.transaction(() => {
        write.sourceId = ensureSource(db, protocol, write.name, { newId: deps.newId, now: () => at }).id;
        insertScope(db, write);
        audit('discovery_scope.created', caller, id, null, auditView(write));
      })();
      deps.onScopesChanged();
      return toScope(mustGet(id));
    },

    update(input, caller) {
      const before = mustGet(input.id);
      if (input.name !== undefined && input.name.toLowerCase() !== before.name.toLowerCase() && findScopeByName(db, input.name)) {
        throw new ApiError('conflict', `A discovery scope named "${input.name}" already exists.`);
      }
      const write: ScopeWrite = {
        ...before,
        name: input.name ?? before.name,
        options: input.options ? scopeOptionsFor(before.protocol, input.options) : before.options,
        description: input.description !== undefined ? input.description : before.description,
        targets: input.targets ?? before.targets,
        exclusions: input.exclusions ?? before.exclusions,
        ports: input.ports ?? before.ports,
        credentialSetIds: input.credentialSetIds ?? before.credentialSets.map((c) => c.id),
        network: input.network !== undefined ? input.network : before.network,
        settings: { ...before.settings, ...input.settings },
        depth: input.depth ?? before.depth,
        schedule: input.schedule !== undefined ? input.schedule : before.schedule,
        scheduleTimezone: input.scheduleTimezone !== undefined ? input.scheduleTimezone : before.scheduleTimezone,
        enabled: input.enabled ?? before.enabled,
        ot: input.ot ?? before.ot,
        updatedAt: deps.now().toISOString(),
      };
      validate(write);
      db.transaction(() => {
        if (write.name !== before.name) {
          // The source follows the scope's name, so provenance reads "SNMP (<new name>)".
          const clash = db.prepare('SELECT id FROM sources WHERE kind = ? AND name = ? AND id <> ?').pluck().get(before.protocol, write.name, before.sourceId);
          if (clash)
            throw new ApiError(
              'conflict',
              `Another ${DISCOVERY_PROTOCOL_LABELS[before.protocol]} source is already named "${write.name}"; choose another name.`,
            );
          db.prepare('UPDATE sources SET name = ? WHERE id = ?').run(write.name, before.sourceId);
        }
        updateScope(db, write);
        audit('discovery_scope.updated', caller, write.id, auditView(before), auditView(write));
      })();
      deps.onScopesChanged();
      return toScope(mustGet(write.id));
    },

    delete(id, caller) {
      const before = mustGet(id);
      const active = activeRunOfScope(db, id);
      if (active) throw new ApiError('conflict', `Scope "${before.name}" has a run in progress (${active}); cancel it first.`);
      db.transaction(() => {
        deleteScope(db, id);
        audit('discovery_scope.deleted', caller, id, auditView(before), null);
      })();
      deps.onScopesChanged();
      return { id, deleted: true };
    },

    async plan(id) {
      const scope = mustGet(id);
      const warnings: string[] = [];
      let canStart = true;
      let addressCount = 0;
      let targetCount = 0;
      const sampleTargets: string[] = [];
      try {
        const plan = parseScopeTargets(scope);
        addressCount = plan.addressCount;
        targetCount = plan.size;
        for (const t of plan) {
          if (sampleTargets.length >= 20) break;
          sampleTargets.push(`${t.host}:${t.port}`);
        }
        if (targetCount === 0) {
          warnings.push('The exclusions remove every target: nothing would be probed.');
          canStart = false;
        }
      } catch (error) {
        warnings.push(targetProblem(error).message);
        canStart = false;
      }
      const collector = deps.collectors[scope.protocol];
      const protocolLabel = DISCOVERY_PROTOCOL_LABELS[scope.protocol];
      const s = scope.settings;
      let collectorPlan: CollectorPlan;
      if (collector) {
        collectorPlan = (collector.plan as (options: DiscoveryScopeOptions, settings: DiscoverySettings) => CollectorPlan)(scope.options, s);
        warnings.push(...collectorPlan.warnings);
      } else {
        collectorPlan = { requestsPerTarget: 1, fixedDurationMs: 0, warnings: [], needsCredentials: false };
        warnings.push(`This build has no ${protocolLabel} collector; the scope cannot run here.`);
        canStart = false;
      }
      const rows = scope.credentialSets.map((c) => getCredentialSetRecord(db, c.id)).filter((r) => r !== null);
      const status = await deps.credentials.secretStatus(rows.flatMap((r) => secretRefsOf(r).map((x) => x.ref)));
      const credentials = rows.map((row) => {
        const statuses = secretRefsOf(row).map((x) => status.get(x.ref) ?? 'unavailable');
        const secretStatus = statuses.includes('unavailable') ? 'unavailable' : statuses.includes('missing') ? 'missing' : 'stored';
        return { id: row.id, name: row.name, kind: row.kind, secretStatus } as const;
      });
      if (credentials.length === 0 && collectorPlan.needsCredentials) {
        warnings.push(
          scope.protocol === 'snmp'
            ? 'This scope has no credential set: add one (a community or an SNMPv3 user) before starting.'
            : `This scope has no credential set: a ${protocolLabel} scope needs one before starting.`,
        );
        canStart = false;
      }
      if (credentials.some((c) => c.secretStatus === 'unavailable')) {
        warnings.push('The OS keychain is not available, so no secret can be read. Unlock or start it, then plan again.');
        canStart = false;
      }
      for (const c of credentials.filter((x) => x.secretStatus === 'missing')) {
        warnings.push(`Credential set "${c.name}" has no secret in the keychain; hosts will report credential_missing for it. Enter it again.`);
      }
      if (collectorPlan.needsCredentials && credentials.length > 0 && credentials.every((c) => c.secretStatus === 'missing')) canStart = false;
      if (scope.ot && s.ratePerSecond > OT_RATE_WARNING)
        warnings.push(`OT scope with a rate of ${s.ratePerSecond} requests/s; ${DISCOVERY_OT_DEFAULTS.ratePerSecond}/s is recommended on control networks.`);
      if (scope.ot && s.perHostIntervalMs < 50)
        warnings.push(`OT scope with ${s.perHostIntervalMs} ms between requests to one device; at least 50 ms is recommended.`);
      if (scope.ot) warnings.push(`OT scope: confirm the plan to start (${READ_ONLY_NOTE[scope.protocol]}).`);
      // Dead hosts dominate: each costs every credential's timeouts (with backoff), in parallel batches.
      let perAttempt = 0;
      for (let i = 0, t = s.timeoutMs; i <= s.retries; i++, t *= s.backoff) perAttempt += t;
      const perDeadHost = perAttempt * Math.max(1, credentials.length);
      const batches = Math.ceil(targetCount / Math.max(1, s.concurrency));
      const rateBound = ((targetCount * Math.max(1, credentials.length) * (1 + s.retries)) / s.ratePerSecond) * 1000;
      return {
        scopeId: scope.id,
        scopeName: scope.name,
        protocol: scope.protocol,
        options: scope.options,
        ot: scope.ot,
        targets: scope.targets,
        exclusions: scope.exclusions,
        ports: scope.ports,
        addressCount,
        targetCount,
        sampleTargets,
        credentials,
        settings: s,
        depth: scope.depth,
        network: scope.network,
        needsCredentials: collectorPlan.needsCredentials,
        requestsPerTarget: collectorPlan.requestsPerTarget,
        estimatedMaxDurationMs: Math.round(Math.max(batches * perDeadHost, rateBound) + collectorPlan.fixedDurationMs),
        warnings,
        canStart,
        requiresConfirmation: scope.ot,
        activeRunId: activeRunOfScope(db, scope.id),
      };
    },

    scheduled() {
      return listScopes(db)
        .filter((s) => s.enabled && s.schedule)
        .map((s) => ({ scopeId: s.id, schedule: s.schedule as string, timezone: s.scheduleTimezone }));
    },
  };
}
