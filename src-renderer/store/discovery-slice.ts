// Network discovery as the window sees it: scopes, credential sets (never their secrets), live
// progress of running discoveries, run reports, learned addresses and topology graphs. A cache of
// what main owns: every change goes to main first and the cache takes main's answer. Progress lives
// here (not in a page) so a run keeps reporting while the user is on another screen.
import type {
  CredentialCheck,
  CredentialSet,
  CredentialSetCreateInput,
  CredentialSetUpdateInput,
  DiscoveryHost,
  DiscoveryHostStatus,
  DiscoveryPlan,
  DiscoveryProgressEvent,
  DiscoveryRunReport,
  DiscoveryScheduleSkippedEvent,
  DiscoveryScope,
  DiscoveryScopeCreateInput,
  DiscoveryScopeUpdateInput,
  LearnedAddress,
  Topology,
} from '../../src-shared/api/discovery.js';
import type { Run } from '../../src-shared/api/runs.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface Loadable<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export interface HostsView {
  /** Empty: every outcome. */
  statuses: DiscoveryHostStatus[];
  items: DiscoveryHost[];
  total: number;
  error: string | null;
  loading: boolean;
}

export interface TopologyQuery {
  scopeId: string | null;
  minConfidence: number;
  /** Only this asset's relations (the asset page's neighbours). */
  assetId?: string;
}

export type Result<K extends string, T> = ({ [key in K]: T } & { error?: undefined }) | { error: string };

/** Hosts per page of the run report (the API allows up to 5000). */
export const HOSTS_PAGE_SIZE = 500;
const LEARNED_LIMIT = 2000;
const RECENT_LIMIT = 200;
const SKIPPED_LIMIT = 10;

export interface DiscoveryState {
  scopes: DiscoveryScope[] | null;
  scopesError: string | null;
  credentials: CredentialSet[] | null;
  credentialsError: string | null;
  checks: Record<string, Loadable<CredentialCheck>>;
  progress: Record<string, DiscoveryProgressEvent>;
  /** Hosts finished so far in a running discovery, newest first (bounded), from progress events. */
  recent: Record<string, DiscoveryProgressEvent['recent']>;
  reports: Record<string, Loadable<DiscoveryRunReport>>;
  hosts: Record<string, HostsView>;
  learned: Record<string, Loadable<{ items: LearnedAddress[]; total: number }>>;
  topologies: Record<string, Loadable<Topology>>;
  /** Scheduled runs that were due but did not start, newest first. */
  skipped: DiscoveryScheduleSkippedEvent[];
}

export interface DiscoverySlice {
  discovery: DiscoveryState;
  loadScopes(): Promise<void>;
  loadCredentials(): Promise<void>;
  checkCredential(id: string): Promise<void>;
  saveScope(input: DiscoveryScopeCreateInput | DiscoveryScopeUpdateInput): Promise<Result<'scope', DiscoveryScope>>;
  deleteScope(id: string): Promise<string | null>;
  saveCredential(input: CredentialSetCreateInput | CredentialSetUpdateInput): Promise<Result<'credential', CredentialSet>>;
  deleteCredential(id: string): Promise<string | null>;
  planDiscovery(scopeId: string): Promise<Result<'plan', DiscoveryPlan>>;
  previewSchedule(schedule: string, timezone: string | null): Promise<Result<'preview', { valid: boolean; message: string | null; next: string[] }>>;
  startDiscovery(scopeId: string, options: { confirmOt: boolean; resumeRunId?: string }): Promise<Result<'run', Run>>;
  cancelDiscovery(runId: string): Promise<string | null>;
  loadDiscoveryReport(runId: string): Promise<void>;
  loadDiscoveryHosts(runId: string, statuses: DiscoveryHostStatus[], options?: { append?: boolean }): Promise<void>;
  loadLearnedAddresses(runId: string): Promise<void>;
  loadTopology(query: TopologyQuery): Promise<void>;
  onDiscoveryProgress(event: DiscoveryProgressEvent): void;
  onDiscoveryScheduleSkipped(event: DiscoveryScheduleSkippedEvent): void;
  onDiscoveryRunFinished(run: Run): void;
  /** Relations or assets changed in main: refetch the graphs that are cached. */
  refreshTopologies(): void;
}

export function topologyKey(query: TopologyQuery): string {
  return `${query.scopeId ?? '*'}|${query.minConfidence}|${query.assetId ?? '*'}`;
}

function isCreateScope(input: DiscoveryScopeCreateInput | DiscoveryScopeUpdateInput): input is DiscoveryScopeCreateInput {
  return !('id' in input) || input.id === undefined;
}

function isCreateCredential(input: CredentialSetCreateInput | CredentialSetUpdateInput): input is CredentialSetCreateInput {
  return !('id' in input) || input.id === undefined;
}

const LOADING = { data: null, error: null, loading: true } as const;

export const createDiscoverySlice: SliceCreator<DiscoverySlice> = ({ set, get, client }) => {
  function patch(change: Partial<DiscoveryState> | ((d: DiscoveryState) => Partial<DiscoveryState>)): void {
    set((s) => ({ discovery: { ...s.discovery, ...(typeof change === 'function' ? change(s.discovery) : change) } }));
  }
  function startLoading<T>(current: Loadable<T> | undefined): Loadable<T> {
    // Keep showing what was loaded before while the refresh runs (no flash of an empty table).
    return current ? { ...current, loading: true } : LOADING;
  }

  return {
    discovery: {
      scopes: null,
      scopesError: null,
      credentials: null,
      credentialsError: null,
      checks: {},
      progress: {},
      recent: {},
      reports: {},
      hosts: {},
      learned: {},
      topologies: {},
      skipped: [],
    },

    async loadScopes() {
      try {
        const scopes = await client.call('discovery.scopes.list', {});
        patch({ scopes, scopesError: null });
      } catch (error) {
        patch({ scopesError: errorMessage(error) });
      }
    },

    async loadCredentials() {
      try {
        const credentials = await client.call('discovery.credentials.list', {});
        patch({ credentials, credentialsError: null });
        for (const credential of credentials) void get().checkCredential(credential.id);
      } catch (error) {
        patch({ credentialsError: errorMessage(error) });
      }
    },

    async checkCredential(id) {
      patch((d) => ({ checks: { ...d.checks, [id]: startLoading(d.checks[id]) } }));
      try {
        const check = await client.call('discovery.credentials.check', { id });
        patch((d) => ({ checks: { ...d.checks, [id]: { data: check, error: null, loading: false } } }));
      } catch (error) {
        patch((d) => ({ checks: { ...d.checks, [id]: { data: null, error: errorMessage(error), loading: false } } }));
      }
    },

    async saveScope(input) {
      try {
        const scope = isCreateScope(input) ? await client.call('discovery.scopes.create', input) : await client.call('discovery.scopes.update', input);
        patch((d) => ({ scopes: d.scopes ? upsert(d.scopes, scope) : [scope] }));
        // Credential sets list the scopes that use them.
        void get().loadCredentials();
        return { scope };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },

    async deleteScope(id) {
      try {
        await client.call('discovery.scopes.delete', { id });
        patch((d) => ({ scopes: d.scopes?.filter((s) => s.id !== id) ?? null }));
        void get().loadCredentials();
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },

    async saveCredential(input) {
      try {
        const credential = isCreateCredential(input)
          ? await client.call('discovery.credentials.create', input)
          : await client.call('discovery.credentials.update', input);
        patch((d) => ({ credentials: d.credentials ? upsert(d.credentials, credential) : [credential] }));
        void get().checkCredential(credential.id);
        // Scopes show their credential sets by name.
        void get().loadScopes();
        return { credential };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },

    async deleteCredential(id) {
      try {
        await client.call('discovery.credentials.delete', { id });
        patch((d) => {
          const checks = { ...d.checks };
          delete checks[id];
          return { credentials: d.credentials?.filter((c) => c.id !== id) ?? null, checks };
        });
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },

    async planDiscovery(scopeId) {
      try {
        return { plan: await client.call('discovery.plan', { scopeId }) };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },

    async previewSchedule(schedule, timezone) {
      try {
        return { preview: await client.call('discovery.schedule.preview', { schedule, timezone, count: 5 }) };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },

    async startDiscovery(scopeId, options) {
      try {
        const run = await client.call('discovery.start', {
          scopeId,
          confirmOt: options.confirmOt,
          ...(options.resumeRunId ? { resumeRunId: options.resumeRunId } : {}),
        });
        get().rememberRun(run);
        patch((d) => ({
          scopes: d.scopes?.map((s) => (s.id === scopeId ? { ...s, lastRun: { id: run.id, status: run.status, startedAt: run.startedAt } } : s)) ?? null,
        }));
        return { run };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },

    async cancelDiscovery(runId) {
      try {
        const run = await client.call('discovery.cancel', { runId });
        get().rememberRun(run);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },

    async loadDiscoveryReport(runId) {
      patch((d) => ({ reports: { ...d.reports, [runId]: startLoading(d.reports[runId]) } }));
      try {
        const report = await client.call('discovery.runs.report', { runId });
        patch((d) => ({ reports: { ...d.reports, [runId]: { data: report, error: null, loading: false } } }));
      } catch (error) {
        patch((d) => ({ reports: { ...d.reports, [runId]: { data: d.reports[runId]?.data ?? null, error: errorMessage(error), loading: false } } }));
      }
    },

    async loadDiscoveryHosts(runId, statuses, options = {}) {
      const current = get().discovery.hosts[runId];
      const sameFilter = current !== undefined && sameStatuses(current.statuses, statuses);
      const append = Boolean(options.append) && sameFilter;
      const offset = append && current ? current.items.length : 0;
      patch((d) => ({
        hosts: {
          ...d.hosts,
          [runId]: {
            statuses,
            items: sameFilter && current ? current.items : [],
            total: sameFilter && current ? current.total : 0,
            error: null,
            loading: true,
          },
        },
      }));
      try {
        const page = await client.call('discovery.runs.hosts', { runId, offset, limit: HOSTS_PAGE_SIZE, ...(statuses.length > 0 ? { statuses } : {}) });
        patch((d) => {
          const view = d.hosts[runId];
          // A newer filter was chosen while this page was in flight: drop the stale answer.
          if (!view || !sameStatuses(view.statuses, statuses)) return {};
          const items = append ? [...view.items, ...page.items] : page.items;
          return { hosts: { ...d.hosts, [runId]: { statuses, items, total: page.total, error: null, loading: false } } };
        });
      } catch (error) {
        patch((d) => {
          const view = d.hosts[runId];
          if (!view || !sameStatuses(view.statuses, statuses)) return {};
          return { hosts: { ...d.hosts, [runId]: { ...view, error: errorMessage(error), loading: false } } };
        });
      }
    },

    async loadLearnedAddresses(runId) {
      patch((d) => ({ learned: { ...d.learned, [runId]: startLoading(d.learned[runId]) } }));
      try {
        const page = await client.call('discovery.runs.learned', { runId, limit: LEARNED_LIMIT });
        patch((d) => ({ learned: { ...d.learned, [runId]: { data: page, error: null, loading: false } } }));
      } catch (error) {
        patch((d) => ({ learned: { ...d.learned, [runId]: { data: d.learned[runId]?.data ?? null, error: errorMessage(error), loading: false } } }));
      }
    },

    async loadTopology(query) {
      const key = topologyKey(query);
      patch((d) => ({ topologies: { ...d.topologies, [key]: startLoading(d.topologies[key]) } }));
      try {
        const topology = await client.call('discovery.topology', {
          minConfidence: query.minConfidence,
          ...(query.scopeId ? { scopeId: query.scopeId } : {}),
          ...(query.assetId ? { assetId: query.assetId } : {}),
        });
        patch((d) => ({ topologies: { ...d.topologies, [key]: { data: topology, error: null, loading: false } } }));
      } catch (error) {
        patch((d) => ({ topologies: { ...d.topologies, [key]: { data: d.topologies[key]?.data ?? null, error: errorMessage(error), loading: false } } }));
      }
    },

    onDiscoveryProgress(event) {
      patch((d) => ({
        progress: { ...d.progress, [event.runId]: event },
        recent:
          event.recent.length > 0
            ? { ...d.recent, [event.runId]: [...[...event.recent].reverse(), ...(d.recent[event.runId] ?? [])].slice(0, RECENT_LIMIT) }
            : d.recent,
      }));
      get().noteRunActivity(event.runId);
      const scopes = get().discovery.scopes;
      const scope = scopes?.find((s) => s.id === event.scopeId);
      if (scopes && (!scope || scope.lastRun?.id !== event.runId)) {
        // A run this window did not start (schedule, CLI): the scope's "last run" changed.
        void get().loadScopes();
      }
    },

    onDiscoveryScheduleSkipped(event) {
      patch((d) => ({ skipped: [event, ...d.skipped].slice(0, SKIPPED_LIMIT) }));
    },

    onDiscoveryRunFinished(run) {
      void get().loadScopes();
      const { reports, hosts, learned } = get().discovery;
      if (reports[run.id]) void get().loadDiscoveryReport(run.id);
      const view = hosts[run.id];
      if (view) void get().loadDiscoveryHosts(run.id, view.statuses);
      if (learned[run.id]) void get().loadLearnedAddresses(run.id);
      get().refreshTopologies();
    },

    refreshTopologies() {
      for (const key of Object.keys(get().discovery.topologies)) {
        const [scope = '*', min = '0', asset = '*'] = key.split('|');
        void get().loadTopology({ scopeId: scope === '*' ? null : scope, minConfidence: Number(min), ...(asset === '*' ? {} : { assetId: asset }) });
      }
    },
  };
};

function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}

function sameStatuses(a: readonly DiscoveryHostStatus[], b: readonly DiscoveryHostStatus[]): boolean {
  return a.length === b.length && a.every((s) => b.includes(s));
}
