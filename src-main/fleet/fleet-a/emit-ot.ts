// What the plant's own sources say about OT devices. OPC UA servers give an application URI, often
// a serial and a MAC. The Modbus device-identification sweep gives only vendor, product code,
// revision and unit id at an address; the OT engineers' seed list an address, vendor and model as
// someone typed them, rarely a serial. Between the last two, the address on the plant network plus
// vendor and model is all there is, and the other plant uses the same addresses.
import type { SourceContext } from './fleet-emitter.js';
import { firmwareAs, hostnameTypo, macNotation, modelAlias, reportedSerial, vendorSpelling } from './reported-values.js';
import type { TrueAsset } from './true-asset.js';

function isOt(a: TrueAsset): boolean {
  return a.assetClass === 'plc' || a.assetClass === 'hmi' || a.assetClass === 'drive' || a.assetClass === 'io_module';
}

/** Where the device is reached: its own address, or its gateway's with a unit id. */
function reachOf(a: TrueAsset): { ip: string; network: string; unit: number | null } | null {
  if (a.fieldbus) return { ip: a.fieldbus.ip, network: a.fieldbus.network, unit: a.fieldbus.unit };
  const primary = a.nics[0];
  return primary?.ip ? { ip: primary.ip, network: primary.network, unit: null } : null;
}

export function emitOpcua(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const primary = a.nics[0];
  if ((a.assetClass !== 'plc' && a.assetClass !== 'hmi') || !primary?.ip || a.decommissioned || !c.on('src-opcua') || !rng.chance(c.noise.opcuaCoverage)) return;
  const uri = `urn:${a.hostname}:${(a.vendor?.spellings[0] ?? 'vendor').split(/[\s,]/)[0]}:OPCUA-Server`;
  c.emitter.emit('src-opcua', a, {
    nativeKey: `opc.tcp://${primary.ip}:4840@${primary.network}`,
    assetClass: a.assetClass,
    fields: {
      opcua_application_uri: uri,
      vendor: vendorSpelling(rng, a),
      model: a.model,
      serial: rng.chance(0.85) ? reportedSerial(rng, c.noise, a.serial, false) : undefined,
      firmware: firmwareAs(rng, a.firmware, 'opcua'),
      hostname: rng.chance(0.7) ? (rng.chance(c.noise.hostnameTypo) ? hostnameTypo(rng, a.hostname) : a.hostname) : undefined,
      primary_ip: primary.ip,
    },
    // The collector resolves the MAC by ARP when it shares the segment.
    interfaces: [{ mac: rng.chance(0.85) ? macNotation(rng, primary.mac) : undefined, ips: [{ address: primary.ip, network: primary.network }] }],
  });
}

export function emitModbus(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const reach = reachOf(a);
  if (a.modbusUnit === null || reach === null || a.decommissioned || !c.on('src-modbus') || !rng.chance(c.noise.modbusCoverage)) return;
  const productCode = a.vendor?.productCodes?.[a.model];
  c.emitter.emit('src-modbus', a, {
    nativeKey: `${reach.network}/${reach.ip}#${a.modbusUnit}`,
    // Device identification says nothing of what the device is.
    assetClass: null,
    fields: {
      vendor: vendorSpelling(rng, a),
      model: productCode !== undefined && rng.chance(0.6) ? productCode : a.model,
      firmware: firmwareAs(rng, a.firmware, 'modbus'),
      modbus_unit: a.modbusUnit,
      primary_ip: reach.ip,
    },
    interfaces: [{ ips: [{ address: reach.ip, network: reach.network }] }],
  });
}

export function emitOtSeedList(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const reach = reachOf(a);
  if (!isOt(a) || reach === null || a.decommissioned || !c.on('src-ot-seed') || !rng.chance(c.noise.otSeedCoverage)) return;
  // Half the seed lists leave out what has no address of its own.
  if (reach.unit !== null && rng.chance(0.5)) return;
  c.emitter.emit('src-ot-seed', a, {
    nativeKey: `${reach.network}/${reach.ip}${reach.unit !== null ? `#${reach.unit}` : ''}`,
    // A hand-kept list is updated when someone remembers to.
    age: rng.int(10, 300),
    assetClass: a.assetClass,
    fields: {
      vendor: vendorSpelling(rng, a),
      model: modelAlias(rng, a, 0.4),
      serial: rng.chance(c.noise.otSeedSerial) ? reportedSerial(rng, c.noise, a.serial, false) : undefined,
      location: `${a.plant ?? reach.network}, line ${rng.int(1, 12)}`,
    },
    interfaces: [{ ips: [{ address: reach.ip, network: reach.network }] }],
  });
}
