// The plant's two sources. The OT seed list (servers_cache "ot-seed-list") is transcribed from
// engineering documents months ago: device name, vendor as engineers abbreviate it, order number,
// planned address, rarely a serial; drives behind a gateway are listed with the gateway's address
// and their Modbus address. Modbus device identification ("modbus", FC 43/14) gives VendorName,
// ProductCode and MajorMinorRevision per unit behind an address, and no MAC.
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBMix } from './estate-b-mix.js';
import type { EstateBRecorder } from './estate-b-recorder.js';
import type { LensClock } from './lens-helpers.js';
import { DRIVE_PRODUCTS, HMI_PRODUCTS, MODBUS_GATEWAY, PLC_PRODUCTS } from './estate-b-catalogue.js';

const SHORT_VENDOR = new Map([...PLC_PRODUCTS, ...HMI_PRODUCTS, ...DRIVE_PRODUCTS, MODBUS_GATEWAY].map((p) => [p.vendor, p.shortVendor]));

export function seeOtSeedList(entities: readonly TrueEntity[], rng: Prng, mix: EstateBMix, clock: LensClock, out: EstateBRecorder): void {
  const documentDate = clock.daysAgo(180, 180);
  for (const e of entities) {
    const ot = e.ot;
    if (!ot || !rng.chance(0.9)) continue;
    const nic = e.nics[0];
    out.record('ot-seed-list', e, {
      nativeKey: `${ot.plant.replace('plant-', '').toUpperCase()}-${ot.deviceName.toUpperCase()}`,
      observedAt: documentDate,
      assetClass: e.assetClass,
      fields: {
        hostname: rng.chance(0.5) ? ot.deviceName : undefined,
        vendor: SHORT_VENDOR.get(e.vendor) ?? e.vendor,
        model: rng.chance(0.7) ? ot.productCode : `${ot.productName} ${ot.productCode}`,
        firmware: rng.chance(0.4) ? (e.firmware ?? undefined) : undefined,
        serial: rng.chance(mix.otSerialInSeed) ? (e.serial ?? undefined) : undefined,
        location: `${ot.plant} / line ${ot.line}`,
      },
      interfaces: nic?.ip ? [{ ips: [{ address: nic.ip, network: ot.plant }] }] : [],
      tags: { line: String(ot.line), ...(ot.gateway && ot.modbusUnit !== null ? { modbus_address: String(ot.modbusUnit) } : {}) },
    });
  }
}

export function seeModbus(entities: readonly TrueEntity[], rng: Prng, clock: LensClock, out: EstateBRecorder): void {
  for (const e of entities) {
    const ot = e.ot;
    const ip = e.nics[0]?.ip;
    if (!ot || ot.modbusUnit === null || !ip || e.retired || !rng.chance(0.9)) continue;
    out.record('modbus', e, {
      nativeKey: `modbus:${ot.plant}:${ip}:${ot.modbusUnit}`,
      observedAt: clock.daysAgo(0, 1),
      assetClass: null,
      fields: { vendor: e.vendor, model: ot.productCode, firmware: e.firmware ?? undefined, modbus_unit: ot.modbusUnit, primary_ip: ip, name: rng.chance(0.5) ? ot.productName : undefined },
      interfaces: [{ ips: [{ address: ip, network: ot.plant }] }],
    });
  }
}
