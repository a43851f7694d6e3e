// Calibrates the Fellegi–Sunter match levels (src-main/engine/reconcile/match-weights.ts) on
// generator A, the tuning estate: m = how often a level occurs among pairs of records of one true
// device, u = how often among random pairs of different devices. Prints the measured m and u next
// to the configured ones, with the weights (log2 m/u) they give. Levels too rare to measure among
// random pairs (two different devices with one cloud instance id) show u = 0: there the configured
// u is a floor that bounds the weight. Never run this on the held-out estates.
// Run: npx tsx bench/calibrate-match-weights.ts [trueAssets] [seed] [randomPairs]
import { mulberry32 } from '../src-shared/lib/mulberry32.js';
import {
  DEFAULT_RECONCILE_CONFIG as config,
  latestObservations,
  MATCH_EVIDENCE_KINDS,
  NO_FREQUENCIES,
  scorePair,
  type MatchEvidenceKind,
  type PreparedObservation,
} from '../src-main/engine/reconcile/index.js';
import { generateFleet } from '../src-main/fleet/index.js';
import { round, writeBenchResult, type Figures } from './lib/bench-report.js';

const trueAssets = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 20_260_115);
const randomPairs = Number(process.argv[4] ?? 2_000_000);

const fleet = generateFleet({ seed, trueAssets });
const nodes = [...latestObservations(fleet.observations, config).values()];
const truthOf = (o: PreparedObservation) => fleet.truth.get(o.key) ?? `?${o.key}`;

const levelsOf = (a: PreparedObservation, b: PreparedObservation): Set<MatchEvidenceKind> => new Set(scorePair(a, b, config, NO_FREQUENCIES).breakdown.map((e) => e.kind));

/**
 * Which comparison a level belongs to, and whether a pair can be compared on it at all: m and u are
 * rates among comparable pairs (a missing value is no evidence either way, weight 0).
 */
type Family = 'cloud' | 'serial' | 'uuid' | 'virtual' | 'tag' | 'mac' | 'name' | 'ip' | 'vendor' | 'model' | 'opcua' | 'bacnet' | 'modbus' | 'class' | 'source';
const FAMILY: Record<MatchEvidenceKind, Family> = {
  cloud_instance_id: 'cloud', cloud_instance_id_conflict: 'cloud',
  serial: 'serial', serial_one_edit: 'serial', serial_conflict: 'serial', serial_placeholder: 'serial',
  bios_uuid: 'uuid', bios_uuid_conflict: 'uuid',
  virtual_identity: 'virtual', virtual_identity_conflict: 'virtual',
  asset_tag: 'tag', asset_tag_conflict: 'tag',
  mac: 'mac', additional_mac: 'mac', weak_mac: 'mac', no_shared_mac: 'mac',
  fqdn: 'name', hostname: 'name', hostname_similar: 'name', hostname_conflict: 'name',
  ip_static: 'ip', ip_unknown: 'ip', ip_public: 'ip', ip_dhcp_same_time: 'ip', ip_dhcp_other_time: 'ip',
  vendor: 'vendor', vendor_conflict: 'vendor', model: 'model', model_conflict: 'model',
  opcua_application_uri: 'opcua', opcua_application_uri_conflict: 'opcua',
  bacnet_device: 'bacnet', bacnet_device_conflict: 'bacnet', modbus_unit: 'modbus', modbus_unit_conflict: 'modbus',
  class_conflict: 'class', same_source_other_key: 'source',
};
function comparable(a: PreparedObservation, b: PreparedObservation): Set<Family> {
  const x = a.ids;
  const y = b.ids;
  const virtual = x.virtual.isVirtual || y.virtual.isVirtual;
  const out = new Set<Family>(['source']);
  if (x.cloudInstanceId && y.cloudInstanceId) out.add('cloud');
  if (x.serial && y.serial) out.add(virtual ? 'virtual' : 'serial');
  if (x.biosUuid && y.biosUuid) out.add(virtual ? 'virtual' : 'uuid');
  if (x.assetTag && y.assetTag) out.add('tag');
  if ((x.machineMacs.length > 0 && y.machineMacs.length > 0) || (x.otherMacs.length > 0 && y.otherMacs.length > 0)) out.add('mac');
  if (x.hostname && y.hostname) out.add('name');
  if (x.ips.length > 0 && y.ips.length > 0) out.add('ip');
  if (x.vendorKey && y.vendorKey) out.add('vendor');
  if (x.modelKey && y.modelKey) out.add('model');
  if (x.opcuaUri && y.opcuaUri) out.add('opcua');
  if (x.bacnet && y.bacnet && x.bacnetNetwork === y.bacnetNetwork) out.add('bacnet');
  if (x.modbus && y.modbus) out.add('modbus');
  if (x.classFamily !== 'unknown' && y.classFamily !== 'unknown') out.add('class');
  return out;
}
const matchComparable = new Map<Family, number>();
const nonMatchComparable = new Map<Family, number>();
const countComparable = (target: Map<Family, number>, a: PreparedObservation, b: PreparedObservation) => {
  for (const f of comparable(a, b)) target.set(f, (target.get(f) ?? 0) + 1);
};

const matchCounts = new Map<MatchEvidenceKind, number>();
let matchPairs = 0;
const byTruth = new Map<string, PreparedObservation[]>();
for (const o of nodes) {
  const list = byTruth.get(truthOf(o)) ?? [];
  list.push(o);
  byTruth.set(truthOf(o), list);
}
for (const group of byTruth.values()) {
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      matchPairs++;
      countComparable(matchComparable, group[i] as PreparedObservation, group[j] as PreparedObservation);
      for (const level of levelsOf(group[i] as PreparedObservation, group[j] as PreparedObservation)) matchCounts.set(level, (matchCounts.get(level) ?? 0) + 1);
    }
  }
}

const rng = mulberry32(seed);
const nonMatchCounts = new Map<MatchEvidenceKind, number>();
let nonMatchPairs = 0;
while (nonMatchPairs < randomPairs) {
  const a = nodes[Math.floor(rng.next() * nodes.length)] as PreparedObservation;
  const b = nodes[Math.floor(rng.next() * nodes.length)] as PreparedObservation;
  if (a === b || truthOf(a) === truthOf(b)) continue;
  nonMatchPairs++;
  countComparable(nonMatchComparable, a, b);
  for (const level of levelsOf(a, b)) nonMatchCounts.set(level, (nonMatchCounts.get(level) ?? 0) + 1);
}

const figures: Figures = { trueAssets: fleet.assets.length, records: nodes.length, matchPairs, nonMatchPairs };
console.log(`\nRates among pairs comparable on the level's comparison (both sides have the value).`);
console.log(`level                              m measured  m config    u measured  u config    weight(config)`);
for (const kind of MATCH_EVIDENCE_KINDS) {
  const m = (matchCounts.get(kind) ?? 0) / Math.max(1, matchComparable.get(FAMILY[kind]) ?? 0);
  const u = (nonMatchCounts.get(kind) ?? 0) / Math.max(1, nonMatchComparable.get(FAMILY[kind]) ?? 0);
  const c = config.levels[kind];
  console.log(
    `${kind.padEnd(34)} ${m.toFixed(4).padStart(10)}  ${c.m.toFixed(4).padStart(8)}    ${u.toExponential(2).padStart(10)}  ${c.u.toExponential(2).padStart(8)}    ${config.weights[kind].toFixed(2).padStart(6)}`,
  );
  figures[`${kind}.m`] = round(m, 5);
  figures[`${kind}.u`] = Number(u.toExponential(3));
}
writeBenchResult('calibrate-match-weights', figures);
