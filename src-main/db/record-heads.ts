// Reads source records (their head observation) as the engine sees them, prepared once. The head's
// observedAt is when its content was last seen (records.last_seen) and firstSeenAt when the record
// was first seen, so the engine's view is a function of what was stored, not of arrival order.
import type { AssetClass, ObservationInput } from '../../src-shared/model/index.js';
import { prepareObservation, type NetworkAddressingLookup, type PreparedObservation, type ReconcileConfig, type SourcedObservation } from '../engine/reconcile/index.js';
import type { Database } from './database.js';
import type { SourceDirectory } from './source-directory.js';

/** The stored JSON of an observation's content. */
export interface ObservationBody {
  c: AssetClass | null;
  f: ObservationInput['fields'];
  i: ObservationInput['interfaces'];
  s: ObservationInput['software'];
  t: ObservationInput['tags'];
  r: ObservationInput['relations'];
}

export function observationBodyOf(o: ObservationInput): ObservationBody {
  return { c: o.assetClass ?? null, f: o.fields, i: o.interfaces, s: o.software, t: o.tags, r: o.relations };
}

export function observationFromBody(nativeKey: string, observedAt: string, body: ObservationBody): ObservationInput {
  return { nativeKey, observedAt, assetClass: body.c, fields: body.f, interfaces: body.i, software: body.s, tags: body.t, relations: body.r, raw: null };
}

export interface RecordRow {
  id: number;
  source_seq: number;
  native_key: string;
  head_id: number;
  content_hash: string;
  raw_hash: string | null;
  first_seen: string;
  last_seen: string;
  asset_id: number | null;
  solo: number;
}

export interface LoadedRecord {
  row: RecordRow;
  prepared: PreparedObservation;
}

export interface HeadLoaderOptions {
  config: ReconcileConfig;
  sources: SourceDirectory;
  addressingOf: NetworkAddressingLookup;
}

/** The engine's view of a stored record. */
export function sourcedOf(row: RecordRow, body: ObservationBody, sources: SourceDirectory): SourcedObservation {
  const source = sources.bySeq(row.source_seq);
  return {
    observationId: String(row.head_id),
    sourceId: source.ref,
    sourceKind: source.kind,
    observation: observationFromBody(row.native_key, row.last_seen, body),
    firstSeenAt: row.first_seen,
  };
}

export function createHeadLoader(db: Database, options: HeadLoaderOptions) {
  const select = db.prepare(
    `SELECT r.id, r.source_seq, r.native_key, r.head_id, r.content_hash, r.raw_hash, r.first_seen, r.last_seen, r.asset_id, r.solo, o.body
     FROM json_each(?) j CROSS JOIN records r ON r.id = j.value JOIN observations o ON o.id = r.head_id`,
  );
  return {
    /** Loads and prepares the given records (ids not stored are skipped). */
    load(ids: readonly number[]): LoadedRecord[] {
      const out: LoadedRecord[] = [];
      for (let start = 0; start < ids.length; start += 5000) {
        const rows = select.all(JSON.stringify(ids.slice(start, start + 5000))) as (RecordRow & { body: string })[];
        for (const r of rows) {
          const { body, ...row } = r;
          const sourced = sourcedOf(row, JSON.parse(body) as ObservationBody, options.sources);
          out.push({ row, prepared: prepareObservation(sourced, options.config, options.addressingOf, row.content_hash) });
        }
      }
      return out;
    },
  };
}

export type HeadLoader = ReturnType<typeof createHeadLoader>;
