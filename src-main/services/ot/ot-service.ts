// OT use cases beside the collectors: the imported seed lists as default target lists for active
// collectors, and manual entry of OT assets no protocol can see. A manual OT asset is an
// observation of the 'ot_manual' source (one record per entry, under a native key made of its
// parent and name, so entering it twice is refused rather than doubled), written through the write
// queue together with its audit event; its parent is a part_of relation claimed by one of the
// parent's own identifiers, so it follows the parent through merges.
import { ApiError, type ApiParsedInput, type AssetDetail, type OtSeedTarget, type OtSeedTargets } from '../../../src-shared/api/index.js';
import {
  type AssetFieldName,
  type FieldValue,
  normaliseOtFieldValue,
  type ObservationInput,
  type ObservedRelation,
  OT_DEFAULT_PORTS,
  type OtSeedProtocol,
  readProtocolHints,
  SEED_OPCUA_ENDPOINT_TAG,
  SEED_PROTOCOLS_TAG,
} from '../../../src-shared/model/index.js';
import { appendAuditEvent } from '../../db/audit-log.js';
import type { Database } from '../../db/database.js';
import { getAssetDetail, getAssetRow } from '../../db/inventory-queries.js';
import { ipSortKey } from '../../db/ip-sort-key.js';
import { listSeedEntries } from '../../db/list-seed-entries.js';
import type { RecordWriter } from '../../db/record-writer.js';
import { ensureSource } from '../../db/sources-repository.js';
import { uniqueAssetKey } from '../../db/unique-asset-key.js';
import type { EventPublisher } from '../event-bus.js';
import type { Actor } from '../inventory-service.js';
import type { WriteQueue } from '../write-queue.js';

export interface OtServiceDeps {
  db: Database;
  events: EventPublisher;
  writes: WriteQueue;
  writer: RecordWriter;
  now: () => Date;
  newId: () => string;
}

export interface OtService {
  seedTargets(input: ApiParsedInput<'ot.seeds.targets'>): OtSeedTargets;
  createAsset(input: ApiParsedInput<'ot.assets.create'>, by: Actor): Promise<AssetDetail>;
}

/** The one source manual OT entries belong to. */
export const OT_MANUAL_SOURCE_NAME = 'manual OT entry';

function numberOrNull(value: FieldValue | undefined): number | null {
  if (value === null || value === undefined || typeof value === 'boolean') return null;
  const n = Number(value);
  return Number.isInteger(n) ? n : null;
}

function textOrNull(value: FieldValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function compareTargets(a: OtSeedTarget, b: OtSeedTarget): number {
  const ka = ipSortKey(a.address);
  const kb = ipSortKey(b.address);
  const byIp = ka && kb ? Buffer.compare(ka, kb) : a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
  return byIp || a.port - b.port || (a.modbusUnit ?? -1) - (b.modbusUnit ?? -1) || (a.nativeKey < b.nativeKey ? -1 : a.nativeKey > b.nativeKey ? 1 : 0);
}

/** "10.0.0.5" on the protocol's default port, else "10.0.0.5:5020" ("[fd00::5]:5020" for IPv6). */
function hostOf(target: OtSeedTarget): string {
  if (target.port === OT_DEFAULT_PORTS[target.protocol]) return target.address;
  return target.address.includes(':') ? `[${target.address}]:${target.port}` : `${target.address}:${target.port}`;
}

/** A native key for a manual OT entry: the same name under the same parent is the same entry. */
function manualKeyOf(name: string, parentAssetId: string | undefined): string {
  return `ot:${parentAssetId ?? '-'}/${name.trim().toLowerCase()}`;
}

export function createOtService(deps: OtServiceDeps): OtService {
  const { db } = deps;
  const iso = () => deps.now().toISOString();

  function seedTargets(input: ApiParsedInput<'ot.seeds.targets'>): OtSeedTargets {
    const network = input.network?.toLowerCase();
    const targets: OtSeedTarget[] = [];
    for (const entry of listSeedEntries(db)) {
      const hint = readProtocolHints(entry.body.t[SEED_PROTOCOLS_TAG]).find((h) => h.protocol === (input.protocol as OtSeedProtocol));
      if (!hint) continue;
      const ip = entry.body.i.flatMap((i) => i.ips)[0];
      if (!ip) continue;
      const ipNetwork = ip.network ?? null;
      if (network !== undefined && ipNetwork?.toLowerCase() !== network) continue;
      const f = entry.body.f;
      targets.push({
        protocol: hint.protocol,
        address: ip.address,
        port: hint.port,
        network: ipNetwork,
        modbusUnit: hint.protocol === 'modbus' ? numberOrNull(f.modbus_unit) : null,
        bacnetDevice: hint.protocol === 'bacnet' ? numberOrNull(f.bacnet_device) : null,
        endpointUrl: hint.protocol === 'opcua' ? (entry.body.t[SEED_OPCUA_ENDPOINT_TAG] ?? null) : null,
        name: textOrNull(f.name),
        assetId: entry.assetUid,
        sourceName: entry.sourceName,
        nativeKey: entry.nativeKey,
      });
    }
    targets.sort(compareTargets);
    const hosts: string[] = [];
    for (const t of targets) {
      const host = hostOf(t);
      if (!hosts.includes(host)) hosts.push(host);
    }
    return { targets, hosts };
  }

  function fieldsOf(input: ApiParsedInput<'ot.assets.create'>): ObservationInput['fields'] {
    const given: Partial<Record<AssetFieldName, FieldValue | undefined>> = {
      name: input.name,
      vendor: input.vendor,
      model: input.model,
      serial: input.serial,
      firmware: input.firmware,
      description: input.description,
      site: input.site,
      area: input.area,
      zone: input.zone,
      conduit: input.conduit,
      purdue_level: input.purdueLevel,
      criticality: input.criticality,
      process_function: input.processFunction,
    };
    const fields: ObservationInput['fields'] = {};
    for (const [name, value] of Object.entries(given) as [AssetFieldName, FieldValue | undefined][]) {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
      const normalised = normaliseOtFieldValue(name, typeof value === 'string' ? value.trim() : value);
      if ('problem' in normalised) throw new ApiError('bad_request', `${name}: ${normalised.problem}.`, [{ path: name, message: normalised.problem }]);
      fields[name] = normalised.value;
    }
    return fields;
  }

  function parentRelation(parentAssetId: string): ObservedRelation {
    if (!getAssetRow(db, parentAssetId)) throw new ApiError('not_found', `Parent asset ${parentAssetId} does not exist (it may have been merged or removed); open the parent again and retry.`);
    const key = uniqueAssetKey(db, parentAssetId);
    if (key === null) {
      throw new ApiError(
        'bad_request',
        `Parent asset ${parentAssetId} has no identifier that names it alone (a serial, an IP on a network, a host name…); give it one (edit its fields), then add the device behind it.`,
        [{ path: 'parentAssetId', message: 'the parent has no unique identifier' }],
      );
    }
    return { type: 'part_of', target: { kind: 'identity_key', value: key }, confidence: 1 };
  }

  return {
    seedTargets,

    async createAsset(input, by) {
      const fields = fieldsOf(input);
      const nativeKey = manualKeyOf(input.name, input.parentAssetId);
      const assetId = await deps.writes.run('ot.asset.create', () => {
        const relations = input.parentAssetId ? [parentRelation(input.parentAssetId)] : [];
        const source = ensureSource(db, 'ot_manual', OT_MANUAL_SOURCE_NAME, { newId: deps.newId, now: iso });
        const existing = db.prepare('SELECT a.uid FROM records r LEFT JOIN assets a ON a.id = r.asset_id WHERE r.source_seq = ? AND r.native_key = ?').pluck().get(source.seq, nativeKey) as
          | string
          | null
          | undefined;
        if (existing !== undefined) {
          throw new ApiError(
            'conflict',
            `An OT asset named "${input.name}" was already entered ${input.parentAssetId ? 'behind this parent' : 'without a parent'}${existing ? ` (asset ${existing})` : ''}; edit that asset instead, or choose another name.`,
          );
        }
        const observation: ObservationInput = {
          nativeKey,
          observedAt: iso(),
          assetClass: input.class,
          fields,
          interfaces: [],
          software: [],
          tags: {},
          relations,
          raw: { ...input },
        };
        const written = deps.writer.write(
          { sourceSeq: source.seq, runId: null, items: [{ observation }] },
          { now: iso(), cause: { kind: 'manual', id: null, correlationId: by.correlationId } },
        );
        const id = written.records[0]?.assetId ?? '';
        appendAuditEvent(db, {
          id: deps.newId(),
          at: iso(),
          actor: by.actor,
          action: 'ot.asset.created',
          targetType: 'asset',
          targetId: id,
          before: null,
          after: { class: input.class, fields, parentAssetId: input.parentAssetId ?? null, parentKey: relations[0]?.target.value ?? null, nativeKey },
          correlationId: by.correlationId,
        });
        return id;
      });
      deps.events.publish('assets.changed', { reason: 'manual', assetIds: [assetId], count: 1 });
      return getAssetDetail(db, assetId) as AssetDetail;
    },
  };
}
