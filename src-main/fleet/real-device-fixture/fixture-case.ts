// One hand-labelled case of real device behaviour: a few records as real tools report them, the
// true entity of each record, and where the behaviour is documented. Cases are evaluated one at a
// time, so a case's records never meet another case's.
import type { AssetClass, AssetFieldName, FieldValue, NetworkAddressing, SourceKind } from '../../../src-shared/model/index.js';
import { naturalKeyOf, type SourcedObservation } from '../../engine/reconcile/index.js';
import type { GeneratedEstate } from '../generated-estate.js';

export interface FixtureReference {
  title: string;
  url: string;
}

/** [name, mac, ip, network]; any part may be omitted with null. */
export type FixtureNic = readonly [name: string | null, mac: string | null, ip?: string | null, network?: string | null];

export interface FixtureRecord {
  source: string;
  kind: SourceKind;
  nativeKey: string;
  /** The true entity this record describes. */
  entity: string;
  assetClass?: AssetClass | null;
  fields: Partial<Record<AssetFieldName, FieldValue>>;
  nics?: readonly FixtureNic[];
  tags?: Record<string, string>;
  /** Days before the fixture's now (default 1). */
  ageDays?: number;
}

export interface RealDeviceCase {
  id: string;
  /** The real behaviour reproduced. */
  behaviour: string;
  /** The partition a correct reconciliation produces, in words. */
  expected: string;
  references: readonly FixtureReference[];
  /** Why a case cites nothing (a general behaviour no public document pins down). */
  noReferenceBecause?: string;
  networks: Record<string, NetworkAddressing>;
  records: readonly FixtureRecord[];
}

export const FIXTURE_NOW = '2026-03-02T00:00:00.000Z';

export function fixtureCaseAsEstate(c: RealDeviceCase): GeneratedEstate {
  const nowMs = Date.parse(FIXTURE_NOW);
  const observations: SourcedObservation[] = c.records.map((r, i) => ({
    observationId: `${c.id}-${i + 1}`,
    sourceId: r.source,
    sourceKind: r.kind,
    observation: {
      nativeKey: r.nativeKey,
      observedAt: new Date(nowMs - (r.ageDays ?? 1) * 86_400_000).toISOString(),
      assetClass: r.assetClass ?? null,
      fields: r.fields,
      interfaces: (r.nics ?? []).map(([name, mac, ip, network]) => ({ ...(name ? { name } : {}), ...(mac ? { mac } : {}), ips: ip ? [{ address: ip, ...(network ? { network } : {}) }] : [] })),
      software: [],
      tags: r.tags ?? {},
      relations: [],
      raw: null,
    },
  }));
  const truth = new Map(c.records.map((r) => [naturalKeyOf(r.source, r.nativeKey), `${c.id}:${r.entity}`]));
  return { name: `fixture:${c.id}`, now: FIXTURE_NOW, networks: c.networks, observations, truth };
}
