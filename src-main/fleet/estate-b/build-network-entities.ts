// Switches, routers, firewalls, printers and UPSs of generator B. Gateways come in first-hop
// redundancy pairs that share a virtual MAC (VRRP 00:00:5e:00:01:<vrid>, RFC 5798; Cisco HSRP
// 00:00:0c:07:ac:<group>), and group numbers repeat across sites because everyone starts at 1.
// FortiGate HA clusters share virtual MACs derived from the HA group id (default 0), so two
// clusters on different sites carry the same MACs.
import type { AssetClass } from '../../../src-shared/model/index.js';
import { FORTINET, PALO_ALTO, PRINTER_PRODUCTS, ROUTER_PRODUCTS, SWITCH_PRODUCTS, UPS_PRODUCT, type Product } from './estate-b-catalogue.js';
import type { EstateBContext } from './estate-b-context.js';
import type { Nic, TrueEntity } from './estate-b-entity.js';
import type { EstateBKind } from './estate-b-mix.js';
import { ESTATE_B_DATA_CENTRES, ESTATE_B_OFFICES, ESTATE_B_PLANTS, OOB_NETWORK } from './estate-b-networks.js';

const NET_DOMAIN = 'net.fieldwise-b.net';

/** A management address: the OOB network for data centres and offices, the plant network on plants. */
function managementAddress(ctx: EstateBContext, site: string): { ip: string; network: string } {
  const plant = ESTATE_B_PLANTS.find((p) => p.site === site);
  if (plant) return { ip: `${plant.prefix}.250.${ctx.alloc.next(`mgmt:${site}`) + 1}`, network: site };
  return { ip: ctx.alloc.nextStatic(OOB_NETWORK.name, OOB_NETWORK.prefix), network: OOB_NETWORK.name };
}

function pickSite(ctx: EstateBContext): string {
  const r = ctx.rng.next();
  if (r < 0.3) return ctx.rng.pick(ESTATE_B_DATA_CENTRES).site;
  if (r < 0.8) return ctx.rng.pick(ESTATE_B_OFFICES).site;
  return ctx.rng.pick(ESTATE_B_PLANTS).site;
}

function offsetMac(mac: string, by: number): string {
  const n = (parseInt(mac.slice(9).replace(/:/g, ''), 16) + by) % 0x1000000;
  return `${mac.slice(0, 8)}:${(n.toString(16).padStart(6, '0').match(/../g) ?? []).join(':')}`;
}

function networkDevice(ctx: EstateBContext, kind: EstateBKind, assetClass: AssetClass, product: Product, site: string, name: string, ports: number): TrueEntity {
  const { rng, alloc } = ctx;
  const mgmt = managementAddress(ctx, site);
  const base = alloc.mac(rng.pick(product.ouis));
  const e = ctx.add(kind, assetClass, site, {
    hostname: name,
    domain: NET_DOMAIN,
    vendor: product.vendor,
    model: rng.pick(product.models),
    serial: alloc.unique('serial', () => product.serial(rng)),
    firmware: product.vendor === 'Cisco' ? rng.pick(['17.9.4a', '17.12.2']) : product.vendor.startsWith('Juniper') ? '22.4R3' : rng.pick(['4.30.2F', '10.13.1000', '7.2.8']),
  });
  e.smbiosSerial = e.serial;
  // The management interface carries the chassis (base) MAC; ports count up from it.
  e.nics.push({ name: assetClass === 'firewall' ? 'mgmt' : 'Vlan1', mac: base, ip: mgmt.ip, network: mgmt.network });
  for (let p = 1; p <= ports; p++) e.nics.push({ name: `${product.vendor === 'Cisco' ? 'GigabitEthernet1/0/' : 'ge-0/0/'}${p}`, mac: offsetMac(base, p), ip: null, network: null });
  return e;
}

/** Switches or routers; a share come as redundancy pairs sharing a virtual MAC. */
export function addSwitchOrRouter(ctx: EstateBContext, kind: 'switch' | 'router'): TrueEntity[] {
  const { rng, mix } = ctx;
  const site = pickSite(ctx);
  const product = rng.pick(kind === 'switch' ? SWITCH_PRODUCTS : ROUTER_PRODUCTS);
  const pair = rng.chance(kind === 'router' ? Math.min(1, mix.redundantPair * 2) : mix.redundantPair);
  const n = ctx.alloc.next(`${kind}:${site}`);
  const stem = `${site.replace(/-lan$|-dc$/, '')}-${kind === 'switch' ? 'sw' : 'rt'}${String(n).padStart(2, '0')}`;
  const units = pair ? ['a', 'b'] : [''];
  const made = units.map((u) => networkDevice(ctx, kind, 'network_device', product, site, `${stem}${u}`, kind === 'switch' ? rng.int(8, 24) : rng.int(2, 6)));
  if (pair) {
    const cisco = product.vendor === 'Cisco';
    // Group/VRID 1 is where every configuration guide starts.
    const group = rng.pick([1, 1, 1, 10, 100]);
    const hex = group.toString(16).padStart(2, '0');
    const vmac = cisco ? `00:00:0c:07:ac:${hex}` : `00:00:5e:00:01:${hex}`;
    const gateway = site.startsWith('plant-') ? `${site === 'plant-east' ? '172.20' : '192.168'}.10.1` : null;
    for (const e of made) {
      e.nics.push({ name: cisco ? `Vlan10-hsrp${group}` : `vrrp-${group}`, mac: vmac, ip: gateway, network: gateway ? site : null, virtual: true });
      e.hard.add(cisco ? 'hsrp_pair' : 'vrrp_pair');
    }
  }
  if (!pair && kind === 'switch' && product.vendor === 'Cisco' && rng.chance(mix.defaultHostname / 0.25)) made[0]?.hard.add('default_hostname');
  return made;
}

/** Firewalls always come as HA pairs here. */
export function addFirewallPair(ctx: EstateBContext): TrueEntity[] {
  const { rng } = ctx;
  const site = rng.chance(0.5) ? rng.pick(ESTATE_B_DATA_CENTRES).site : rng.pick([...ESTATE_B_OFFICES, ...ESTATE_B_PLANTS]).site;
  const fortinet = rng.chance(0.6);
  const product = fortinet ? FORTINET : PALO_ALTO;
  const n = ctx.alloc.next(`fw:${site}`);
  const made = ['a', 'b'].map((u) => networkDevice(ctx, 'firewall', 'firewall', product, site, `${site.replace(/-lan$|-dc$/, '')}-fw${String(n).padStart(2, '0')}${u}`, rng.int(4, 8)));
  if (fortinet) {
    // 00:09:0f:09:<group id>:<vcluster><interface index>; most clusters keep group id 0.
    const group = rng.chance(0.7) ? 0 : rng.int(1, 10);
    for (const e of made) {
      for (let idx = 0; idx < 3; idx++) e.nics.push({ name: `port${idx + 1}`, mac: `00:09:0f:09:${group.toString(16).padStart(2, '0')}:0${idx}`, ip: null, network: null, virtual: true } satisfies Nic);
      e.hard.add('firewall_ha_vmac');
    }
  }
  return made;
}

export function addPrinter(ctx: EstateBContext): TrueEntity {
  const { rng, alloc } = ctx;
  const office = rng.pick(ESTATE_B_OFFICES);
  const product = rng.pick(PRINTER_PRODUCTS);
  const e = ctx.add('printer', 'printer', office.site, {
    hostname: `prn-${office.site.replace(/^branch-|-lan$/g, '')}-${String(alloc.next(`prn:${office.site}`)).padStart(3, '0')}`,
    domain: 'corp.fieldwise-b.net',
    vendor: product.vendor,
    model: rng.pick(product.models),
    serial: alloc.unique('serial', () => product.serial(rng)),
  });
  e.smbiosSerial = e.serial;
  e.nics.push({ name: 'NIC', mac: alloc.mac(rng.pick(product.ouis)), ip: ctx.lease(office.site, e.label), network: office.site });
  return e;
}

export function addUps(ctx: EstateBContext): TrueEntity {
  const { rng, alloc } = ctx;
  const site = rng.chance(0.6) ? rng.pick(ESTATE_B_DATA_CENTRES).site : rng.pick(ESTATE_B_PLANTS).site;
  const mgmt = managementAddress(ctx, site);
  const e = ctx.add('ups', 'ups', site, {
    hostname: `ups-${site.replace(/-dc$/, '')}-${String(alloc.next(`ups:${site}`)).padStart(2, '0')}`,
    vendor: UPS_PRODUCT.vendor,
    model: rng.pick(UPS_PRODUCT.models),
    serial: alloc.unique('serial', () => UPS_PRODUCT.serial(rng)),
    firmware: 'AOS v2.5.0.8',
  });
  e.smbiosSerial = e.serial;
  e.nics.push({ name: 'NMC', mac: alloc.mac(rng.pick(UPS_PRODUCT.ouis)), ip: mgmt.ip, network: mgmt.network });
  return e;
}
