// Builds generator B's world: the true entities in the mix's proportions, then the things that
// happen to an estate over time: renames, hardware replaced under the same name, VMs copied,
// workstations retired while their DHCP lease goes to someone else, terminated cloud instances,
// servers only the CMDB still remembers.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import { addCloudInstance, addTerminatedInstance, createCloudAccounts } from './build-cloud-entities.js';
import { addPhysicalServer, addVirtualMachine, addWorkstation, type DockPools, type HypervisorPools } from './build-it-entities.js';
import { addFirewallPair, addPrinter, addSwitchOrRouter, addUps } from './build-network-entities.js';
import { addDrive, addHmi, addPlc, type OtLines } from './build-ot-entities.js';
import { createEstateBAllocator } from './estate-b-allocator.js';
import { createDhcpScope, createEstateBContext, type DhcpScope, type EstateBContext } from './estate-b-context.js';
import type { TrueEntity } from './estate-b-entity.js';
import { ESTATE_B_KINDS, type EstateBMix } from './estate-b-mix.js';
import { ESTATE_B_OFFICES } from './estate-b-networks.js';

export interface EstateBWorld {
  entities: TrueEntity[];
  scopes: Map<string, DhcpScope>;
}

const OLD_USERS = ['jdoe', 'asmith', 'mmueller', 'knowak', 'lsilva', 'pdubois', 'arossi', 'tjansen'];

export function buildEstateBWorld(rng: Prng, trueAssets: number, mix: EstateBMix): EstateBWorld {
  const alloc = createEstateBAllocator(rng);
  const scopes = new Map<string, DhcpScope>();
  const expectedClients = trueAssets * (mix.kinds.workstation * (1 + mix.replaced) + mix.kinds.printer);
  for (const o of ESTATE_B_OFFICES) scopes.set(o.site, createDhcpScope(o.site, o.prefix, expectedClients * o.share));
  const ctx = createEstateBContext(rng, alloc, mix, scopes);
  const hv: HypervisorPools = { hypervHosts: [], vms: [] };
  const docks: DockPools = { hotDesk: new Map() };
  const lines: OtLines = { gateways: new Map() };
  const accounts = createCloudAccounts(rng);

  for (const kind of ESTATE_B_KINDS) {
    const quota = Math.round(trueAssets * mix.kinds[kind]);
    let made = 0;
    while (made < quota) {
      const before = ctx.entities.length;
      switch (kind) {
        case 'workstation':
          withReplacement(ctx, () => addWorkstation(ctx, docks), (old) => addWorkstation(ctx, docks, { hostname: old.hostname, domain: old.domain }));
          break;
        case 'physical_server':
          withReplacement(ctx, () => addPhysicalServer(ctx), (old) => addPhysicalServer(ctx, { hostname: old.hostname, domain: old.domain, site: old.site }));
          break;
        case 'vm':
          addVirtualMachine(ctx, hv);
          break;
        case 'cloud':
          addCloudInstance(ctx, accounts);
          break;
        case 'switch':
        case 'router':
          addSwitchOrRouter(ctx, kind);
          break;
        case 'firewall':
          addFirewallPair(ctx);
          break;
        case 'printer':
          addPrinter(ctx);
          break;
        case 'ups':
          addUps(ctx);
          break;
        case 'plc':
          addPlc(ctx);
          break;
        case 'hmi':
          addHmi(ctx);
          break;
        case 'drive':
          addDrive(ctx, lines);
          break;
      }
      for (let i = before; i < ctx.entities.length; i++) if (ctx.entities[i]?.kind === kind) made += 1;
    }
  }
  afterTheFact(ctx, hv, docks, accounts, trueAssets);
  return { entities: ctx.entities, scopes };
}

/** Builds an entity; now and then it is the replacement of an older one with the same name. */
function withReplacement(ctx: EstateBContext, make: () => TrueEntity, replace: (old: TrueEntity) => TrueEntity): void {
  const first = make();
  if (!ctx.rng.chance(ctx.mix.replaced)) return;
  first.retired = true;
  first.hard.add('replaced_old');
  const successor = replace(first);
  successor.hard.add('replaced_new');
  // A server's replacement takes over its static address; a desktop gets whatever lease is free.
  const oldNic = first.nics[0];
  const newNic = successor.nics[0];
  if (successor.kind === 'physical_server' && oldNic && newNic) {
    newNic.ip = oldNic.ip;
    newNic.network = oldNic.network;
  }
}

function afterTheFact(ctx: EstateBContext, hv: HypervisorPools, docks: DockPools, accounts: ReturnType<typeof createCloudAccounts>, trueAssets: number): void {
  const { rng, mix } = ctx;
  const current = ctx.entities.filter((e) => !e.retired);
  for (const e of current) {
    if ((e.kind === 'physical_server' || e.kind === 'vm' || e.kind === 'workstation') && !e.hard.has('replaced_new') && rng.chance(mix.renamed)) {
      e.oldHostname = e.kind === 'workstation' ? `${rng.pick(OLD_USERS)}-${e.hostname?.includes('l') ? 'laptop' : 'pc'}${rng.int(1, 99)}` : `${e.hostname?.slice(0, 3) ?? 'srv'}old${ctx.alloc.next('oldname')}`;
      e.hard.add('renamed');
    }
    if (e.kind === 'workstation' && rng.chance(mix.reimaged)) e.hard.add('reimaged');
    if (e.kind === 'cloud' && rng.chance(mix.cloudInCmdb)) e.hard.add('cloud_in_cmdb');
  }
  // Older leases: CMDB rows of desktops keep an address the desktop had before.
  for (const e of current) {
    if (e.kind !== 'workstation' || !rng.chance(mix.cmdbStaleLease)) continue;
    const scope = ctx.scopes.get(e.site);
    if (!scope) continue;
    const stale = rng.pick(scope.addresses);
    const holder = scope.leased.get(stale);
    if (holder === e.label) continue;
    e.staleIp = stale;
    if (holder !== undefined) e.hard.add('stale_dhcp_lease');
  }
  const workstations = current.filter((e) => e.kind === 'workstation');
  const retiredCount = Math.round(workstations.length * mix.retiredWorkstation);
  for (let i = 0; i < retiredCount && workstations.length > 0; i++) {
    const heir = rng.pick(workstations);
    const heirNic = heir.nics.find((n) => n.ip);
    const gone = addWorkstation(ctx, docks);
    const goneNic = gone.nics.find((n) => n.ip);
    if (goneNic?.ip) ctx.scopes.get(gone.site)?.leased.delete(goneNic.ip);
    gone.retired = true;
    gone.hard.add('retired_workstation');
    // Its last lease is the heir's address now.
    if (goneNic && heirNic) {
      goneNic.ip = heirNic.ip;
      goneNic.network = heirNic.network;
      gone.site = heir.site;
    }
  }
  const servers = Math.round(trueAssets * (mix.kinds.physical_server + mix.kinds.vm) * mix.ghostServer);
  for (let i = 0; i < servers; i++) {
    const ghost = rng.chance(0.5) ? addPhysicalServer(ctx) : addVirtualMachine(ctx, hv);
    ghost.retired = true;
    ghost.hard.add('ghost_server');
  }
  const clouds = current.filter((e) => e.kind === 'cloud').length;
  for (let i = 0; i < Math.round(clouds * mix.terminatedInstance); i++) addTerminatedInstance(ctx, accounts);
  markSharedAddresses(ctx.entities);
}

/** Hard cases that only show across entities: duplicate Hyper-V MACs, the same plant address on two plants. */
function markSharedAddresses(entities: readonly TrueEntity[]): void {
  const macOwners = new Map<string, Set<string>>();
  const plantIp = new Map<string, Set<string>>();
  for (const e of entities) {
    for (const n of e.nics) {
      if (n.mac?.startsWith('00:15:5d') && !n.virtual) (macOwners.get(n.mac) ?? macOwners.set(n.mac, new Set()).get(n.mac))?.add(e.label);
      if (e.ot && n.ip) (plantIp.get(n.ip) ?? plantIp.set(n.ip, new Set()).get(n.ip))?.add(e.site);
    }
  }
  for (const e of entities) {
    for (const n of e.nics) {
      if (n.mac && (macOwners.get(n.mac)?.size ?? 0) > 1) e.hard.add('hyperv_pool_collision');
      if (e.ot && n.ip && (plantIp.get(n.ip)?.size ?? 0) > 1) e.hard.add('plant_ip_overlap');
    }
  }
}
