// Builds the golden record of one asset from its records: class, name, status, fields with
// provenance, canonical submodels, merge explanations and quality.
import type { AssetClass } from '../../../src-shared/model/index.js';
import { assetIdFor } from './asset-id.js';
import { buildInterfaces } from './build-interfaces.js';
import { buildSoftware } from './build-software.js';
import { mergeTags } from './merge-tags.js';
import type { PreparedObservation } from './prepare-observation.js';
import { newestObservationMs } from './rank-observations.js';
import type { ReconcileConfig } from './reconcile-config.js';
import type { GoldenRecord, MemberRef, MergeRecord } from './reconcile-result.js';
import { scoreQuality } from './score-quality.js';
import { rankingCache, selectFieldValues } from './select-field-values.js';

const DAY_MS = 86_400_000;

/** Whether an asset last seen at `lastSeenMs` is stale at `nowMs` (assets only people describe never are). */
export function isStale(assetClass: AssetClass, lastSeenMs: number, nowMs: number, config: ReconcileConfig): boolean {
  if (!Number.isFinite(lastSeenMs)) return false;
  const days = config.staleAfterDays[assetClass] ?? config.staleAfterDays.default;
  return nowMs - lastSeenMs > days * DAY_MS;
}

export function buildGoldenRecord(
  members: readonly PreparedObservation[],
  merges: readonly MergeRecord[],
  config: ReconcileConfig,
  nowMs: number,
): GoldenRecord {
  const sortedMembers = [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const newestMs = newestObservationMs(sortedMembers, config);
  const ranking = rankingCache(sortedMembers, config, newestMs);
  const { fields, sourceStats, agreement } = selectFieldValues(ranking);

  let assetClass: AssetClass = 'unknown';
  for (const r of ranking('asset_class')) {
    const c = r.obs.sourced.observation.assetClass;
    if (c && c !== 'unknown') {
      assetClass = c;
      break;
    }
  }
  const first = sortedMembers[0];
  const nameValue = fields.name?.value ?? fields.hostname?.value ?? fields.fqdn?.value ?? fields.cloud_instance_id?.value ?? fields.opcua_application_uri?.value ?? first?.sourced.observation.nativeKey ?? '';
  let firstSeenMs = Infinity;
  let lastSeenMs = -Infinity;
  for (const m of sortedMembers) {
    if (config.manualKinds.includes(m.sourced.sourceKind)) continue;
    if (m.firstSeenMs < firstSeenMs) firstSeenMs = m.firstSeenMs;
    if (m.observedAtMs > lastSeenMs) lastSeenMs = m.observedAtMs;
  }
  if (!Number.isFinite(firstSeenMs)) {
    // Only people describe it: their edits are its history.
    for (const m of sortedMembers) if (m.firstSeenMs < firstSeenMs) firstSeenMs = m.firstSeenMs;
  }
  const memberRefs: MemberRef[] = sortedMembers.map((m) => ({
    naturalKey: m.key,
    sourceId: m.sourced.sourceId,
    sourceKind: m.sourced.sourceKind,
    nativeKey: m.sourced.observation.nativeKey,
    observationId: m.sourced.observationId,
    observedAt: m.sourced.observation.observedAt,
    contentHash: m.contentHash,
  }));
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    assetId: assetIdFor(sortedMembers.map((m) => ({ key: m.key, isManual: config.manualKinds.includes(m.sourced.sourceKind), firstSeenMs: m.firstSeenMs }))),
    assetClass,
    name: String(nameValue),
    status: isStale(assetClass, lastSeenMs, nowMs, config) ? 'stale' : 'active',
    firstSeen: Number.isFinite(firstSeenMs) ? new Date(firstSeenMs).toISOString() : '',
    lastSeen: Number.isFinite(lastSeenMs) ? new Date(lastSeenMs).toISOString() : '',
    members: memberRefs,
    fields,
    hardware: {
      vendor: str(fields.vendor?.value),
      model: str(fields.model?.value),
      serial: str(fields.serial?.value),
      firmware: str(fields.firmware?.value),
    },
    interfaces: buildInterfaces(ranking('interfaces')),
    software: buildSoftware(ranking('software')),
    tags: mergeTags(ranking('tags')),
    merges: [...merges],
    quality: scoreQuality(assetClass, fields, agreement, config),
    sourceStats,
  };
}
