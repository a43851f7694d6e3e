// Generator A: a synthetic estate with known ground truth, the set the reconciliation engine is
// tuned on. True assets (servers, VMs and their clones, desktops, cloud instances, network gear,
// PLCs, HMIs, drives and Modbus gateways) are seen through several sources with the traps a real
// estate has, each a seeded rate in FleetNoise (fleet-a/fleet-noise.ts): shared virtual MACs,
// cloned VM serials and BIOS UUIDs, VMs reported as servers or classless, cloud instances tied to
// the host inventory by one identifier only, OT devices tied only by a plant address plus vendor
// and model (two plants sharing one address plan), renamed hosts, placeholder and mistyped
// serials, replaced hardware under the same name and address, DHCP leases moving between desktops,
// multi-homed hosts, and gone things only stale records remember. Same options, same fleet.
import type { AssetClass } from '../../src-shared/model/index.js';
import type { NaturalKey, SourcedObservation } from '../engine/reconcile/index.js';
import { mulberry32, type Prng } from '../../src-shared/lib/mulberry32.js';
import { emitCloudList } from './fleet-a/emit-cloud-list.js';
import { emitDesktopInventory, emitServerInventory } from './fleet-a/emit-host-inventories.js';
import { emitManualEntry } from './fleet-a/emit-manual.js';
import { emitModbus, emitOpcua, emitOtSeedList } from './fleet-a/emit-ot.js';
import { emitSnmp } from './fleet-a/emit-snmp.js';
import { createFleetAllocators } from './fleet-a/fleet-allocators.js';
import { createFleetEmitter, type SourceContext } from './fleet-a/fleet-emitter.js';
import { DEFAULT_FLEET_NOISE, type FleetNoise } from './fleet-a/fleet-noise.js';
import { FLEET_SOURCES, type FleetSourceId } from './fleet-a/fleet-sources.js';
import { addPlantManagementAddresses, pairForRedundancy, reuseDhcpLeases } from './fleet-a/fleet-traps.js';
import {
  makeCloudInstance,
  makeFieldbusDrive,
  makeGateway,
  makeNetworkDevice,
  makeOtDevice,
  makeReplacedPredecessor,
  makeServer,
  makeVm,
  makeWorkstation,
  type AssetMaker,
} from './fleet-a/make-asset.js';
import { VPN_CLIENTS } from './fleet-a/shared-virtual-adapters.js';
import type { TrueAsset } from './fleet-a/true-asset.js';

export { DEFAULT_FLEET_NOISE, type FleetNoise } from './fleet-a/fleet-noise.js';
export { FLEET_SOURCES, type FleetSourceId } from './fleet-a/fleet-sources.js';
export type { CloudIdentity, FieldbusAddress, Nic, TrueAsset } from './fleet-a/true-asset.js';

export interface FleetOptions {
  seed: number;
  /** Assets in service; gone, replaced and gateway devices come on top, each a true entity of its own. */
  trueAssets: number;
  /** ISO-8601; observation times are placed before it. */
  now?: string;
  /** Sources to emit (default: all of FLEET_SOURCES). */
  sources?: readonly FleetSourceId[];
  noise?: Partial<FleetNoise>;
  /** Most software entries per host (default 6). */
  maxSoftwarePerHost?: number;
}

export interface GeneratedFleet {
  now: string;
  observations: SourcedObservation[];
  /** Observation natural key -> true asset id. */
  truth: Map<NaturalKey, string>;
  assets: TrueAsset[];
}

const CLASS_MIX: readonly (readonly [AssetClass, number])[] = [
  ['server', 0.09],
  ['virtual_machine', 0.21],
  ['workstation', 0.34],
  ['cloud_instance', 0.12],
  ['network_device', 0.07],
  ['firewall', 0.01],
  ['plc', 0.08],
  ['hmi', 0.04],
  ['drive', 0.04],
];

/** Drives behind one Modbus gateway, at most. */
const UNITS_PER_GATEWAY = 6;

export function generateFleet(options: FleetOptions): GeneratedFleet {
  const rng = mulberry32(options.seed);
  const noise: FleetNoise = { ...DEFAULT_FLEET_NOISE, ...options.noise };
  const now = options.now ?? '2026-01-15T00:00:00.000Z';
  const enabled = new Set<string>(options.sources ?? FLEET_SOURCES.map((s) => s.sourceId));
  const alloc = createFleetAllocators(rng, options.trueAssets);
  const maker: AssetMaker = { rng, alloc, noise, maxSoftware: options.maxSoftwarePerHost ?? 6, vpnClient: rng.pick(VPN_CLIENTS) };

  const assets: TrueAsset[] = [];
  const vms: TrueAsset[] = [];
  let gateway: { asset: TrueAsset; units: number; capacity: number } | null = null;
  for (let i = 0; i < options.trueAssets; i++) {
    const assetClass = pickClass(rng);
    const n = alloc.next(`class:${assetClass}`);
    const id = `true-${String(i).padStart(7, '0')}`;
    let asset: TrueAsset;
    switch (assetClass) {
      case 'server':
        asset = makeServer(maker, id, n);
        break;
      case 'virtual_machine': {
        const template = vms.length > 0 && rng.chance(noise.vmClone) ? rng.pick(vms) : undefined;
        asset = makeVm(maker, id, n, template);
        vms.push(asset);
        break;
      }
      case 'workstation':
        asset = makeWorkstation(maker, id, n);
        break;
      case 'cloud_instance':
        asset = makeCloudInstance(maker, id, n);
        break;
      case 'network_device':
      case 'firewall':
        asset = makeNetworkDevice(maker, id, n, assetClass);
        break;
      case 'drive':
        if (rng.chance(noise.driveBehindGateway)) {
          if (gateway === null || gateway.units >= gateway.capacity) {
            gateway = { asset: makeGateway(maker, alloc.entityId(), alloc.next('class:io_module')), units: 0, capacity: rng.int(2, UNITS_PER_GATEWAY) };
            assets.push(gateway.asset);
          }
          gateway.units += 1;
          asset = makeFieldbusDrive(maker, id, n, gateway.asset, gateway.units);
        } else {
          asset = makeOtDevice(maker, id, n, assetClass);
        }
        break;
      default:
        asset = makeOtDevice(maker, id, n, assetClass === 'hmi' ? 'hmi' : 'plc');
    }

    const isHost = assetClass === 'server' || assetClass === 'virtual_machine' || assetClass === 'workstation';
    if (isHost && rng.chance(noise.rename)) asset.previousHostname = `${asset.hostname.split('-')[0]}-old${alloc.next('old')}`;
    // A renamed host keeps its hardware: its stale row under the old name predates any replacement.
    if ((assetClass === 'server' || assetClass === 'workstation') && asset.previousHostname === null && rng.chance(noise.hardwareReplaced)) {
      const old = makeReplacedPredecessor(maker, alloc.entityId(), asset);
      asset.replaces = old.id;
      assets.push(old);
    }
    if ((assetClass === 'workstation' || assetClass === 'cloud_instance') && rng.chance(noise.decommissioned)) {
      // A gone predecessor whose address DHCP (or the VPC) has since handed to this asset.
      const nic = asset.nics[0];
      const reused = nic?.ip ? { network: nic.network, ip: nic.ip } : undefined;
      // Numbered on from its class, so that it never takes a name a current asset has.
      const goneN = alloc.next(`class:${assetClass}`);
      const gone = assetClass === 'workstation' ? makeWorkstation(maker, alloc.entityId(), goneN, reused) : makeCloudInstance(maker, alloc.entityId(), goneN, reused);
      gone.decommissioned = true;
      assets.push(gone);
    }
    assets.push(asset);
  }
  addPlantManagementAddresses(rng, alloc, noise, assets);
  pairForRedundancy(rng, alloc, noise, assets);
  reuseDhcpLeases(rng, noise, assets);

  const observations: SourcedObservation[] = [];
  const truth = new Map<NaturalKey, string>();
  const context: SourceContext = {
    rng,
    noise,
    emitter: createFleetEmitter(rng, noise, Date.parse(now), observations, truth),
    recordId: (sourceId, make) => alloc.recordId(sourceId, make),
    on: (sourceId) => enabled.has(sourceId),
  };
  for (const a of assets) {
    emitServerInventory(a, context);
    emitDesktopInventory(a, context);
    emitCloudList(a, context);
    emitSnmp(a, context);
    emitOpcua(a, context);
    emitModbus(a, context);
    emitOtSeedList(a, context);
    emitManualEntry(a, context);
  }
  return { now, observations, truth, assets };
}

function pickClass(rng: Prng): AssetClass {
  let r = rng.next();
  for (const [cls, share] of CLASS_MIX) {
    if (r < share) return cls;
    r -= share;
  }
  return 'workstation';
}
