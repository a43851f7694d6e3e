// Generator B: a held-out estate for judging reconciliation, designed independently of generator
// A (src-main/fleet/generate-fleet.ts) and of the engine. It first builds a world of true
// entities with a history (buildEstateBWorld), then lets nine sources look at it, each with its
// own coverage, naming, staleness and blind spots. Seeded: the same options give the same estate.
import type { NetworkAddressing } from '../../../src-shared/model/index.js';
import { mulberry32 } from '../../../src-shared/lib/mulberry32.js';
import type { GeneratedEstate } from '../generated-estate.js';
import { buildEstateBWorld } from './build-estate-b-world.js';
import { ESTATE_B_HARD_CASES, type EstateBHardCase, type TrueEntity } from './estate-b-entity.js';
import { ESTATE_B_MIX, type EstateBMix } from './estate-b-mix.js';
import { addressingOfEstateBNetwork } from './estate-b-networks.js';
import { createEstateBRecorder } from './estate-b-recorder.js';
import { createLensClock } from './lens-helpers.js';
import { seeCloudInventories } from './see-cloud-inventories.js';
import { seeCmdb } from './see-cmdb.js';
import { seeEndpointMgmt } from './see-endpoint-mgmt.js';
import { seeMonitoring } from './see-monitoring.js';
import { seeModbus, seeOtSeedList } from './see-ot-sources.js';
import { seeSnmp } from './see-snmp.js';

export interface EstateBOptions {
  seed: number;
  trueAssets: number;
  /** ISO-8601 (default 2026-03-02T00:00:00.000Z). */
  now?: string;
  mix?: Partial<EstateBMix>;
}

export interface EstateBFacts {
  /** True entities by kind (retired ones included). */
  byKind: Record<string, number>;
  /** Entities showing each hard case. */
  hardCases: Record<EstateBHardCase, number>;
}

export interface EstateB extends GeneratedEstate {
  entities: TrueEntity[];
  facts: EstateBFacts;
}

export function generateEstateB(options: EstateBOptions): EstateB {
  const mix: EstateBMix = { ...ESTATE_B_MIX, ...options.mix };
  const now = options.now ?? '2026-03-02T00:00:00.000Z';
  const rng = mulberry32(options.seed);
  const world = buildEstateBWorld(rng, options.trueAssets, mix);
  const clock = createLensClock(rng, now);
  const out = createEstateBRecorder(rng, mix.missingField);
  seeCmdb(world.entities, rng, mix, clock, out);
  seeEndpointMgmt(world.entities, rng, clock, out);
  seeMonitoring(world.entities, rng, mix, clock, out);
  seeCloudInventories(world.entities, rng, clock, out);
  seeSnmp(world.entities, rng, clock, out);
  seeOtSeedList(world.entities, rng, mix, clock, out);
  seeModbus(world.entities, rng, clock, out);

  const networks: Record<string, NetworkAddressing> = {};
  for (const o of out.observations) for (const i of o.observation.interfaces) for (const ip of i.ips) if (ip.network !== undefined) networks[ip.network] ??= addressingOfEstateBNetwork(ip.network);
  markOtIpOnly(world.entities, out.observations, out.truth);
  const k = options.trueAssets >= 1000 ? `${Math.round(options.trueAssets / 1000)}k` : String(options.trueAssets);
  return { name: `estate-b-${k}-seed${options.seed}`, now, networks, observations: out.observations, truth: out.truth, entities: world.entities, facts: factsOf(world.entities) };
}

/** OT devices no source reports a serial or MAC for: only address + vendor/model can tie them. */
function markOtIpOnly(entities: readonly TrueEntity[], observations: EstateB['observations'], truth: ReadonlyMap<string, string>): void {
  const strong = new Set<string>();
  for (const o of observations) {
    if (o.observation.fields.serial !== undefined || o.observation.interfaces.some((i) => i.mac)) strong.add(truth.get(`${o.sourceId}\u001f${o.observation.nativeKey}`) ?? '');
  }
  for (const e of entities) if (e.ot && !strong.has(e.label)) e.hard.add('ot_ip_only');
}

function factsOf(entities: readonly TrueEntity[]): EstateBFacts {
  const byKind: Record<string, number> = {};
  const hardCases = Object.fromEntries(ESTATE_B_HARD_CASES.map((h) => [h, 0])) as Record<EstateBHardCase, number>;
  for (const e of entities) {
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
    for (const h of e.hard) hardCases[h] += 1;
  }
  return { byKind, hardCases };
}
