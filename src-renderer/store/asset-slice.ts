// Cache of opened assets and their audit history, and the edits made on the asset page. Every edit
// goes to main first; the cache takes main's answer, then the history is refreshed.
import type { AuditEvent } from '../../src-shared/api/audit.js';
import type { AssetDetail, Lifecycle, Tag } from '../../src-shared/api/inventory.js';
import type { OtAssetInput } from '../../src-shared/api/ot.js';
import type { AssetClass } from '../../src-shared/model/asset-classes.js';
import type { AssetFieldName, FieldValue } from '../../src-shared/model/asset-fields.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface AssetEntry {
  detail: AssetDetail | null;
  error: string | null;
  loading: boolean;
  history: AuditEvent[] | null;
  historyError: string | null;
}

export type FieldChanges = Partial<Record<AssetFieldName, FieldValue>>;

export interface AssetSlice {
  assets: Record<string, AssetEntry>;
  loadAsset(id: string): Promise<void>;
  loadAssetHistory(id: string): Promise<void>;
  /** The edit actions resolve with an error message, or null when main accepted the change. */
  saveAssetTags(id: string, tags: Tag[]): Promise<string | null>;
  saveAssetLifecycle(id: string, lifecycle: Lifecycle): Promise<string | null>;
  updateAssetFields(id: string, changes: { class?: AssetClass; fields: FieldChanges }): Promise<string | null>;
  createAsset(input: { class: AssetClass; fields: FieldChanges; tags: Tag[] }): Promise<{ id: string } | { error: string }>;
  /** An OT asset no protocol can see (ot.assets.create), optionally behind a parent. */
  createOtAsset(input: OtAssetInput): Promise<{ id: string } | { error: string }>;
  refreshCachedAssets(ids: readonly string[] | 'all'): void;
}

/** Decisions whose audit events are folded into an asset's history. */
const RELATED_DECISIONS_LIMIT = 20;

const EMPTY_ENTRY: AssetEntry = { detail: null, error: null, loading: false, history: null, historyError: null };

export const createAssetSlice: SliceCreator<AssetSlice> = ({ set, get, client }) => {
  function patch(id: string, change: Partial<AssetEntry>): void {
    set((s) => ({ assets: { ...s.assets, [id]: { ...(s.assets[id] ?? EMPTY_ENTRY), ...change } } }));
  }

  function patchDetail(id: string, change: (detail: AssetDetail) => AssetDetail): void {
    const detail = get().assets[id]?.detail;
    if (detail) patch(id, { detail: change(detail) });
  }

  /**
   * Reconciliation decisions are audited against the decision or the stewardship item, not the asset:
   * fetch those events for the decisions touching this asset so its history tells the whole story.
   * Best effort — the asset's own events still show if this part fails.
   */
  async function relatedDecisionEvents(id: string): Promise<AuditEvent[]> {
    try {
      const decisions = await client.call('decisions.list', { assetId: id, includeRevoked: true, limit: RELATED_DECISIONS_LIMIT });
      const targets = new Map<string, { targetType: string; targetId: string }>();
      for (const decision of decisions.items) {
        targets.set(`d:${decision.id}`, { targetType: 'match_decision', targetId: decision.id });
        if (decision.stewardshipItemId) targets.set(`s:${decision.stewardshipItemId}`, { targetType: 'stewardship', targetId: decision.stewardshipItemId });
      }
      const lists = await Promise.all([...targets.values()].map((target) => client.call('audit.list', { ...target, limit: 20 }).catch(() => [])));
      return lists.flat();
    } catch {
      return [];
    }
  }

  return {
    assets: {},
    async loadAsset(id) {
      patch(id, { loading: true });
      try {
        const detail = await client.call('assets.get', { id });
        patch(id, { detail, error: null, loading: false });
      } catch (error) {
        patch(id, { error: errorMessage(error), loading: false });
      }
    },
    async loadAssetHistory(id) {
      try {
        const [own, related] = await Promise.all([client.call('assets.history', { id, limit: 100 }), relatedDecisionEvents(id)]);
        const byId = new Map([...own, ...related].map((event) => [event.id, event]));
        const history = [...byId.values()].sort((a, b) => b.seq - a.seq);
        patch(id, { history, historyError: null });
      } catch (error) {
        patch(id, { historyError: errorMessage(error) });
      }
    },
    async saveAssetTags(id, tags) {
      try {
        const saved = await client.call('assets.tags.replace', { id, tags });
        patchDetail(id, (detail) => ({ ...detail, tags: saved }));
        void get().loadAssetHistory(id);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async saveAssetLifecycle(id, lifecycle) {
      try {
        const saved = await client.call('assets.lifecycle.replace', { id, lifecycle });
        patchDetail(id, (detail) => ({ ...detail, lifecycle: saved, summary: { ...detail.summary, lifecycleStage: saved.stage } }));
        void get().loadAssetHistory(id);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async updateAssetFields(id, changes) {
      try {
        const detail = await client.call('assets.update', { id, ...changes });
        patch(id, { detail, error: null });
        void get().loadAssetHistory(id);
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    async createOtAsset(input) {
      try {
        const detail = await client.call('ot.assets.create', input);
        patch(detail.summary.id, { detail, error: null, loading: false });
        return { id: detail.summary.id };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    async createAsset(input) {
      try {
        const detail = await client.call('assets.create', input);
        patch(detail.summary.id, { detail, error: null, loading: false });
        return { id: detail.summary.id };
      } catch (error) {
        return { error: errorMessage(error) };
      }
    },
    refreshCachedAssets(ids) {
      const cached = Object.keys(get().assets);
      const targets = ids === 'all' ? cached : cached.filter((id) => ids.includes(id));
      for (const id of targets) {
        void get().loadAsset(id);
        if (get().assets[id]?.history) void get().loadAssetHistory(id);
      }
    },
  };
};
