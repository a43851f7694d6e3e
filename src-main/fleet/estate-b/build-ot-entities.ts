// PLCs, HMIs and drives of generator B on three plants. North and south were built from one
// template, so their address plans are identical: 192.168.<10+line>.<n> on both. Many drives sit
// on RS-485 behind a Modbus TCP gateway: one IP for all of them, told apart only by unit id.
import { DRIVE_PRODUCTS, HMI_PRODUCTS, MODBUS_GATEWAY, PLC_PRODUCTS, type OtProduct } from './estate-b-catalogue.js';
import type { EstateBContext } from './estate-b-context.js';
import type { TrueEntity } from './estate-b-entity.js';
import { ESTATE_B_PLANTS } from './estate-b-networks.js';

export interface OtLines {
  /** Open gateway per plant: its entity and the units handed out so far. */
  gateways: Map<string, { entity: TrueEntity; units: number }>;
}

const HOST_BASE = { plc: 10, hmi: 100, drive: 150, modbus_gateway: 200 } as const;
const PER_LINE = 12;

function pickPlant(ctx: EstateBContext): (typeof ESTATE_B_PLANTS)[number] {
  let r = ctx.rng.next();
  return ESTATE_B_PLANTS.find((p) => (r -= p.share) < 0) ?? ESTATE_B_PLANTS[0];
}

function otEntity(ctx: EstateBContext, kind: keyof typeof HOST_BASE, plant: (typeof ESTATE_B_PLANTS)[number], product: OtProduct, withAddress: boolean): TrueEntity {
  const { rng, alloc } = ctx;
  const n = alloc.next(`ot:${plant.site}:${kind}`) - 1;
  const line = Math.floor(n / PER_LINE) + 1;
  const [productCode, productName, firmware] = rng.pick(product.variants);
  const assetClass = kind === 'modbus_gateway' ? 'network_device' : kind;
  const prefix = kind === 'plc' ? 'plc' : kind === 'hmi' ? 'hmi' : kind === 'drive' ? 'ds' : 'gw';
  const deviceName = `${prefix}-l${line}-${String((n % PER_LINE) + 1).padStart(2, '0')}`;
  const serial = alloc.unique('serial', () => (product.vendor === 'Siemens' ? `S C-${rng.alnum(9)}` : rng.alnum(10)));
  const e = ctx.add(kind, assetClass, plant.site, {
    hostname: deviceName,
    vendor: product.vendor,
    model: productCode,
    serial,
    smbiosSerial: serial,
    firmware,
    ot: { plant: plant.site, line, deviceName, productCode, productName, modbusUnit: product.modbus ? rng.pick([255, 255, 0, 1]) : null, gateway: null },
  });
  if (withAddress) {
    const ip = `${plant.prefix}.${10 + line}.${HOST_BASE[kind] + (n % PER_LINE) + 1}`;
    e.nics.push({ name: 'X1 P1', mac: ctx.alloc.mac(rng.pick(product.ouis)), ip, network: plant.site });
  }
  return e;
}

export function addPlc(ctx: EstateBContext): TrueEntity {
  return otEntity(ctx, 'plc', pickPlant(ctx), ctx.rng.pick(PLC_PRODUCTS), true);
}

export function addHmi(ctx: EstateBContext): TrueEntity {
  return otEntity(ctx, 'hmi', pickPlant(ctx), ctx.rng.pick(HMI_PRODUCTS), true);
}

/** A drive; Modbus drives often hang off a gateway (a new gateway every eight units). */
export function addDrive(ctx: EstateBContext, lines: OtLines): TrueEntity[] {
  const { rng, mix } = ctx;
  const plant = pickPlant(ctx);
  const product = rng.pick(DRIVE_PRODUCTS);
  if (!product.modbus || !rng.chance(mix.driveBehindGateway)) return [otEntity(ctx, 'drive', plant, product, true)];
  const made: TrueEntity[] = [];
  let gw = lines.gateways.get(plant.site);
  if (!gw || gw.units >= 8) {
    gw = { entity: otEntity(ctx, 'modbus_gateway', plant, MODBUS_GATEWAY, true), units: 0 };
    lines.gateways.set(plant.site, gw);
    made.push(gw.entity);
  }
  gw.units += 1;
  const drive = otEntity(ctx, 'drive', plant, product, false);
  const gwNic = gw.entity.nics[0];
  drive.nics.push({ name: 'RS-485', mac: null, ip: gwNic?.ip ?? null, network: plant.site });
  if (drive.ot) {
    drive.ot.modbusUnit = gw.units;
    drive.ot.gateway = gw.entity.label;
  }
  drive.hard.add('behind_modbus_gateway');
  made.push(drive);
  return made;
}
