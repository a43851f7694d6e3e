// Builds the golden record of one asset from its observations: class, name, fields with
// provenance, canonical submodels, identity claims, merge explanations and quality.
import type { AssetClass } from '../../../src-shared/model/index.js';
import { assetIdFor } from './asset-id.js';
import { buildInterfaces } from './build-interfaces.js';
import { buildSoftware } from './build-software.js';
import { mergeTags } from './merge-tags.js';
import type { PreparedObservation } from './prepare-observation.js';
import type { ReconcileConfig } from './reconcile-config.js';
import type { GoldenRecord, IdentityClaim, MemberRef, MergeRecord } from './reconcile-result.js';
import { scoreQuality } from './score-quality.js';
import { rankingCache, selectFieldValues } from './select-field-values.js';

function identityClaims(members: readonly PreparedObservation[], config: ReconcileConfig): IdentityClaim[] {
  const w = config.weights;
  const claims = new Map<string, IdentityClaim>();
  const add = (kind: IdentityClaim['kind'], value: string | null, weight: number): void => {
    if (value !== null && !claims.has(`${kind}\u001f${value}`)) claims.set(`${kind}\u001f${value}`, { kind, value, weight });
  };
  for (const m of members) {
    const ids = m.ids;
    add('cloud_instance_id', ids.cloudInstanceId, w.cloud_instance_id);
    add('serial', ids.serial, ids.serialIsWeak ? w.weak_serial : ids.vendorKey ? w.vendor_serial : w.serial);
    add('opcua_application_uri', ids.opcuaUri, w.opcua_application_uri);
    add('bacnet_device', ids.bacnet, w.bacnet_device);
    add('modbus_unit', ids.modbus, w.modbus_unit);
    for (const mac of ids.universalMacs) add('mac', mac, w.mac);
    for (const mac of ids.weakMacs) add('mac', mac, w.weak_mac);
    add('fqdn', ids.fqdn, w.fqdn);
    add('hostname', ids.hostname, w.hostname);
    for (const ip of ids.ips) add('ip', ip, w.ip);
  }
  return [...claims.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

export function buildGoldenRecord(
  members: readonly PreparedObservation[],
  merges: readonly MergeRecord[],
  config: ReconcileConfig,
  nowMs: number,
): GoldenRecord {
  const sortedMembers = [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ranking = rankingCache(sortedMembers, config, nowMs);
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
  let firstSeen = '';
  let lastSeen = '';
  for (const m of sortedMembers) {
    if (m.observedAtMs < firstSeenMs) {
      firstSeenMs = m.observedAtMs;
      firstSeen = m.sourced.observation.observedAt;
    }
    if (m.observedAtMs > lastSeenMs) {
      lastSeenMs = m.observedAtMs;
      lastSeen = m.sourced.observation.observedAt;
    }
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
    assetId: assetIdFor(sortedMembers.map((m) => m.key)),
    assetClass,
    name: String(nameValue),
    firstSeen,
    lastSeen,
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
    identities: identityClaims(sortedMembers, config),
    merges: [...merges],
    quality: scoreQuality(assetClass, fields, agreement, lastSeenMs, nowMs, config),
    sourceStats,
  };
}
