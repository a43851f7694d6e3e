// Maps every call of the contract to the service that implements it. The Handlers type makes a
// missing or mistyped handler a compile error.
import { ApiError } from '../../src-shared/api/index.js';
import type { NetworkAddressing } from '../../src-shared/model/network-addressing.js';
import { listAuditEvents, verifyAuditChain } from '../db/audit-log.js';
import type { Database } from '../db/database.js';
import { getRun, listRuns } from '../db/runs-repository.js';
import { listSources } from '../db/sources-repository.js';
import type { DashboardService } from '../services/dashboard/dashboard-service.js';
import type { DiscoveryService } from '../services/discovery/discovery-service.js';
import type { OpcuaCertificateService } from '../services/discovery/opcua-certificate-service.js';
import type { ExportService } from '../services/exports/export-service.js';
import type { ImportService } from '../services/imports/import-service.js';
import type { InventoryService } from '../services/inventory-service.js';
import type { OtService } from '../services/ot/ot-service.js';
import type { ReconciliationService } from '../services/reconciliation/reconciliation-service.js';
import type { SoftwareService } from '../services/software/software-service.js';
import type { SystemService } from '../services/system-service.js';
import type { BulkChangeService } from '../services/bulk/bulk-change-service.js';
import type { SavedViewsService } from '../services/saved-views-service.js';
import type { CallContext, Handlers } from './dispatcher.js';

export interface HandlerServices {
  db: Database;
  inventory: InventoryService;
  imports: ImportService;
  system: SystemService;
  discovery: DiscoveryService;
  reconciliation: ReconciliationService;
  exports: ExportService;
  views: SavedViewsService;
  bulk: BulkChangeService;
  software: SoftwareService;
  dashboard: DashboardService;
  ot: OtService;
  opcuaCertificates: OpcuaCertificateService;
}

function by(ctx: CallContext) {
  return { actor: ctx.actor, correlationId: ctx.requestId };
}

export function createHandlers(s: HandlerServices): Handlers {
  /** A scope's network addressing belongs to the network: declared there, after the scope is saved. */
  async function declareScopeNetwork<T extends { network: string | null }>(scope: T, addressing: NetworkAddressing | undefined, ctx: CallContext): Promise<T> {
    if (addressing && scope.network) await s.reconciliation.setNetwork({ name: scope.network, addressing }, by(ctx));
    return scope;
  }
  return {
    // Paths only for callers on this machine; serve mode's browser may be at the far end of a tunnel.
    'system.info': (_input, ctx) => s.system.info({ withPaths: ctx.transport === 'ipc' || ctx.transport === 'cli' || ctx.transport === 'test' }),
    'sources.list': () => listSources(s.db),
    'assets.list': (input) => s.inventory.list(input),
    'assets.get': (input) => s.inventory.get(input.id),
    'assets.summary': () => s.inventory.summary(),
    'assets.create': (input, ctx) => s.inventory.create(input, by(ctx)),
    'assets.update': (input, ctx) => s.inventory.update(input, by(ctx)),
    'assets.tags.get': (input) => s.inventory.getTags(input.id),
    'assets.tags.replace': (input, ctx) => s.inventory.replaceTags(input.id, input.tags, by(ctx)),
    'assets.lifecycle.get': (input) => s.inventory.getLifecycle(input.id),
    'assets.lifecycle.replace': (input, ctx) => s.inventory.replaceLifecycle(input.id, input.lifecycle, by(ctx)),
    'assets.history': (input) => s.inventory.history(input.id, input.limit),
    'imports.start': (input, ctx) => {
      // A path names a file on the machine running main: only local, trusted callers may use it.
      if (input.path && ctx.transport !== 'cli' && ctx.transport !== 'test') {
        throw new ApiError('forbidden', 'Importing by path is only available from the command line; upload the file instead.');
      }
      return s.imports.start(input, { actor: ctx.actor, trigger: ctx.transport === 'cli' ? 'cli' : 'manual' });
    },
    'imports.commit': (input, ctx) => s.imports.commit(input, { actor: ctx.actor }),
    'imports.discard': (input) => s.imports.discard(input.runId),
    'imports.rejected': (input) => s.imports.rejected(input),
    'runs.list': (input) => listRuns(s.db, input.limit, input.offset),
    'runs.get': (input) => {
      const run = getRun(s.db, input.id);
      if (!run) throw new ApiError('not_found', `Run ${input.id} does not exist.`);
      return run;
    },
    'runs.cancel': (input) => (s.discovery.isActive(input.id) ? s.discovery.cancel(input.id) : s.imports.cancel(input.id)),
    'audit.list': (input) => listAuditEvents(s.db, input),
    'audit.verify': () => verifyAuditChain(s.db),
    'discovery.credentials.list': () => s.discovery.credentials.list(),
    'discovery.credentials.create': (input, ctx) => s.discovery.credentials.create(input, by(ctx)),
    'discovery.credentials.update': ({ id, ...changes }, ctx) => s.discovery.credentials.update(id, changes, by(ctx)),
    'discovery.credentials.delete': (input, ctx) => s.discovery.credentials.delete(input.id, by(ctx)),
    'discovery.credentials.check': (input) => s.discovery.credentials.check(input.id),
    'discovery.scopes.list': () => s.discovery.scopes.list(),
    'discovery.scopes.get': (input) => s.discovery.scopes.get(input.id),
    'discovery.scopes.create': async (input, ctx) => declareScopeNetwork(s.discovery.scopes.create(input, by(ctx)), input.addressing, ctx),
    'discovery.scopes.update': async (input, ctx) => declareScopeNetwork(s.discovery.scopes.update(input, by(ctx)), input.addressing, ctx),
    'discovery.scopes.delete': (input, ctx) => s.discovery.scopes.delete(input.id, by(ctx)),
    'discovery.schedule.preview': (input) => s.discovery.schedulePreview(input),
    'discovery.plan': (input) => s.discovery.scopes.plan(input.scopeId),
    'discovery.start': (input, ctx) => s.discovery.start(input, { ...by(ctx), trigger: ctx.transport === 'cli' ? 'cli' : 'manual' }),
    'discovery.cancel': (input) => s.discovery.cancel(input.runId),
    'discovery.runs.report': (input) => s.discovery.report(input.runId),
    'discovery.runs.hosts': (input) => s.discovery.hosts(input),
    'discovery.runs.learned': (input) => s.discovery.learned(input),
    'discovery.topology': (input) => s.discovery.topology(input),
    'assets.explain': (input) => s.reconciliation.explain(input.id),
    'assets.versions': (input) => s.reconciliation.versions(input),
    'assets.unmerge': (input, ctx) => s.reconciliation.unmerge(input, by(ctx)),
    'assets.forceMerge': (input, ctx) => s.reconciliation.forceMerge(input, by(ctx)),
    'decisions.list': (input) => s.reconciliation.listDecisions(input),
    'decisions.revoke': (input, ctx) => s.reconciliation.revokeDecision(input, by(ctx)),
    'stewardship.list': (input) => s.reconciliation.listStewardship(input),
    'stewardship.decide': (input, ctx) => s.reconciliation.decide(input, by(ctx)),
    'stewardship.counts': () => s.reconciliation.stewardshipCounts(),
    'sources.quality': () => s.reconciliation.sourceQuality(),
    'reconcile.rebuild': (_input, ctx) => s.reconciliation.rebuild(by(ctx)),
    'networks.list': () => s.reconciliation.listNetworks(),
    'networks.set': (input, ctx) => s.reconciliation.setNetwork(input, by(ctx)),
    'exports.start': (input, ctx) => {
      // A path names a file on the machine running main: only local, trusted callers may write there.
      if (input.path && ctx.transport !== 'cli' && ctx.transport !== 'test') {
        throw new ApiError('forbidden', 'Exporting to a path is only available from the command line; download the file instead.');
      }
      return s.exports.start(input);
    },
    'exports.get': (input) => s.exports.get(input.id),
    'exports.list': () => s.exports.list(),
    'exports.cancel': (input) => s.exports.cancel(input.id),
    'stewardship.undo': (input, ctx) => s.reconciliation.undoDecisions(input, by(ctx)),
    'views.list': () => s.views.list(),
    'views.save': (input, ctx) => s.views.save(input, by(ctx)),
    'views.rename': (input, ctx) => s.views.rename(input, by(ctx)),
    'views.delete': (input, ctx) => s.views.delete(input.id, by(ctx)),
    'views.export': (input) => s.views.exportFile(input.id),
    'views.import': (input, ctx) => s.views.importFile(input, by(ctx)),
    'assets.bulk.preview': (input) => s.bulk.preview(input),
    'assets.bulk.apply': (input, ctx) => s.bulk.apply(input, by(ctx)),
    'assets.bulk.undo': (input, ctx) => s.bulk.undo(input.id, by(ctx)),
    'assets.bulk.list': (input) => s.bulk.list(input),
    'software.list': (input) => s.software.list(input),
    'software.export': (input) => s.software.exportCsv(input),
    'dashboard.get': (input) => s.dashboard.summary(input),
    'ot.seeds.targets': (input) => s.ot.seedTargets(input),
    'ot.assets.create': (input, ctx) => s.ot.createAsset(input, by(ctx)),
    'discovery.opcuaCertificates.list': (input) => s.opcuaCertificates.list(input.state),
    'discovery.opcuaCertificates.trust': (input) => s.opcuaCertificates.trust(input.thumbprint),
    'discovery.opcuaCertificates.reject': (input) => s.opcuaCertificates.reject(input.thumbprint),
  };
}
