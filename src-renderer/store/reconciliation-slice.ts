// Cache of what reconciliation says about assets (why they are one, their versions), the stewardship
// queue and per-source quality, plus the operator's decisions. Every decision goes to main first; the
// cache is then re-read from main (asset ids move when members move), never patched by guesswork.
import type { ApiOutput } from '../../src-shared/api/contract.js';
import type { AssetSummary } from '../../src-shared/api/inventory.js';
import type {
  AssetExplanation,
  AssetVersion,
  ObservationRef,
  SourceQuality,
  StewardshipDecision,
  StewardshipItem,
  StewardshipKind,
  StewardshipStatus,
} from '../../src-shared/api/reconciliation.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface Loadable<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export interface StewardshipFilter {
  status: StewardshipStatus;
  kind: StewardshipKind | null;
}

export type StewardshipCounts = ApiOutput<'stewardship.counts'>;
export type UnmergeResult = ApiOutput<'assets.unmerge'>;
export type DecideResult = ApiOutput<'stewardship.decide'>;
export type UndoDecisionResult = ApiOutput<'stewardship.undo'>;

/** Enough for a queue a person works through; the page says when there are more. */
export const STEWARDSHIP_PAGE_SIZE = 200;
const VERSIONS_PAGE_SIZE = 100;

export interface ReconciliationSlice {
  explanations: Record<string, Loadable<AssetExplanation>>;
  versions: Record<string, Loadable<{ items: AssetVersion[]; total: number }>>;
  stewardship: {
    filter: StewardshipFilter;
    items: StewardshipItem[];
    total: number;
    /** True once the list has been asked for: only then do changes refresh it. */
    loaded: boolean;
    loading: boolean;
    error: string | null;
    counts: StewardshipCounts | null;
  };
  sourceQuality: Loadable<SourceQuality[]>;
  loadExplanation(id: string): Promise<void>;
  loadVersions(id: string): Promise<void>;
  /** The write actions resolve with main's answer or an error message. */
  unmergeMember(assetId: string, member: ObservationRef, reason?: string): Promise<{ ok: UnmergeResult } | { error: string }>;
  forceMergeAssets(leftId: string, rightId: string, reason?: string): Promise<{ ok: { assetId: string } } | { error: string }>;
  revokeDecision(id: string): Promise<string | null>;
  /** Candidates for "Merge with…": a search that is not cached. */
  findAssets(search: string): Promise<{ items: AssetSummary[] } | { error: string }>;
  setStewardshipFilter(change: Partial<StewardshipFilter>): void;
  loadStewardship(): Promise<void>;
  loadStewardshipCounts(): Promise<void>;
  decideStewardship(ids: string[], decision: StewardshipDecision, note?: string): Promise<{ ok: DecideResult } | { error: string }>;
  /** Undoes the decisions on these items: each goes back to open, its decision revoked. */
  undoStewardshipDecisions(ids: string[]): Promise<{ ok: UndoDecisionResult } | { error: string }>;
  loadSourceQuality(): Promise<void>;
  /** Called for `assets.changed`: re-read what is cached and shown. */
  onReconciliationChanged(ids: readonly string[] | 'all'): void;
}

function idle<T>(): Loadable<T> {
  return { data: null, error: null, loading: false };
}

export const createReconciliationSlice: SliceCreator<ReconciliationSlice> = ({ set, get, client }) => {
  function patchExplanation(id: string, change: Partial<Loadable<AssetExplanation>>): void {
    set((s) => ({ explanations: { ...s.explanations, [id]: { ...(s.explanations[id] ?? idle()), ...change } } }));
  }
  function patchVersions(id: string, change: Partial<Loadable<{ items: AssetVersion[]; total: number }>>): void {
    set((s) => ({ versions: { ...s.versions, [id]: { ...(s.versions[id] ?? idle()), ...change } } }));
  }
  /** After a decision: the queue, its badge and every asset on screen may have changed. */
  function afterDecision(assetIds: readonly string[]): void {
    get().invalidateInventory();
    get().refreshCachedAssets(assetIds);
    get().onReconciliationChanged(assetIds);
  }

  return {
    explanations: {},
    versions: {},
    stewardship: { filter: { status: 'open', kind: null }, items: [], total: 0, loaded: false, loading: false, error: null, counts: null },
    sourceQuality: idle(),

    async loadExplanation(id) {
      patchExplanation(id, { loading: true });
      try {
        const data = await client.call('assets.explain', { id });
        patchExplanation(id, { data, error: null, loading: false });
      } catch (error) {
        patchExplanation(id, { error: errorMessage(error), loading: false });
      }
    },
    async loadVersions(id) {
      patchVersions(id, { loading: true });
      try {
        const page = await client.call('assets.versions', { id, limit: VERSIONS_PAGE_SIZE });
        patchVersions(id, { data: { items: page.items, total: page.total }, error: null, loading: false });
      } catch (error) {
        patchVersions(id, { error: errorMessage(error), loading: false });
      }
    },
    async unmergeMember(assetId, member, reason) {
      try {
        const ok = await client.call('assets.unmerge', { id: assetId, member, ...(reason ? { reason } : {}) });
        afterDecision([assetId, ok.memberAssetId, ...ok.remainingAssetIds]);
        return { ok };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    async forceMergeAssets(leftId, rightId, reason) {
      try {
        const ok = await client.call('assets.forceMerge', { leftId, rightId, ...(reason ? { reason } : {}) });
        afterDecision([leftId, rightId, ok.assetId]);
        return { ok: { assetId: ok.assetId } };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    async revokeDecision(id) {
      try {
        const result = await client.call('decisions.revoke', { id });
        afterDecision(result.assetIds);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async findAssets(search) {
      try {
        const page = await client.call('assets.list', { limit: 20, filter: search.trim() ? { search: search.trim() } : {} });
        return { items: page.items };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    setStewardshipFilter(change) {
      set((s) => ({ stewardship: { ...s.stewardship, filter: { ...s.stewardship.filter, ...change } } }));
      void get().loadStewardship();
    },
    async loadStewardship() {
      const { filter } = get().stewardship;
      set((s) => ({ stewardship: { ...s.stewardship, loading: true, loaded: true } }));
      try {
        const page = await client.call('stewardship.list', {
          status: filter.status,
          ...(filter.kind ? { kind: filter.kind } : {}),
          limit: STEWARDSHIP_PAGE_SIZE,
        });
        // A filter change while this was in flight wins: drop the stale answer.
        if (get().stewardship.filter !== filter) return;
        set((s) => ({ stewardship: { ...s.stewardship, items: page.items, total: page.total, loading: false, error: null } }));
      } catch (error) {
        if (get().stewardship.filter !== filter) return;
        set((s) => ({ stewardship: { ...s.stewardship, loading: false, error: errorMessage(error) } }));
      }
    },
    async loadStewardshipCounts() {
      try {
        const counts = await client.call('stewardship.counts', {});
        set((s) => ({ stewardship: { ...s.stewardship, counts } }));
      } catch {
        // The badge is a hint; the queue page itself reports failures.
      }
    },
    async decideStewardship(ids, decision, note) {
      try {
        const ok = await client.call('stewardship.decide', { ids, decision, ...(note ? { note } : {}) });
        afterDecision(ok.assetIds);
        return { ok };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    async undoStewardshipDecisions(ids) {
      try {
        const ok = await client.call('stewardship.undo', { ids });
        afterDecision(ok.assetIds);
        return { ok };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    async loadSourceQuality() {
      set((s) => ({ sourceQuality: { ...s.sourceQuality, loading: true } }));
      try {
        const data = await client.call('sources.quality', {});
        set({ sourceQuality: { data, error: null, loading: false } });
      } catch (error) {
        set((s) => ({ sourceQuality: { ...s.sourceQuality, error: errorMessage(error), loading: false } }));
      }
    },
    onReconciliationChanged(ids) {
      const state = get();
      const pick = (cached: string[]) => (ids === 'all' ? cached : cached.filter((id) => ids.includes(id)));
      for (const id of pick(Object.keys(state.explanations))) void state.loadExplanation(id);
      for (const id of pick(Object.keys(state.versions))) void state.loadVersions(id);
      void state.loadStewardshipCounts();
      if (state.stewardship.loaded) void state.loadStewardship();
      if (state.sourceQuality.data) void state.loadSourceQuality();
    },
  };
};
