// SNMP sweeps of the data centres and the plants, keyed by agent address on its network. Network
// gear lists every interface, virtual router MACs included; servers and VMs answer sometimes; on
// the plant, PLCs, HMIs and gateways give an address, vendor and model and maybe a sysName. A
// device replaced at the same address is gone from SNMP: the poller overwrote its row.
import type { SourceContext } from './fleet-emitter.js';
import { firmwareAs, hostnameTypo, interfacesOf, reportedSerial, vendorSpelling } from './reported-values.js';
import type { Nic, TrueAsset } from './true-asset.js';
import type { FleetSourceId } from './fleet-sources.js';

function sweepOf(nic: Nic): FleetSourceId {
  return nic.network.startsWith('plant-') ? 'src-snmp-plant' : 'src-snmp-dc';
}

function sysName(c: SourceContext, a: TrueAsset): string {
  if (c.rng.chance(c.noise.hostnameTypo)) return hostnameTypo(c.rng, a.hostname);
  return c.rng.chance(0.3) && a.domain ? `${a.hostname}.${a.domain}` : a.hostname;
}

export function emitSnmp(a: TrueAsset, c: SourceContext): void {
  const { rng } = c;
  const primary = a.nics[0];
  if (a.decommissioned || !primary?.ip) return;
  const isNetwork = a.assetClass === 'network_device' || a.assetClass === 'firewall';
  if (isNetwork) {
    const name = sysName(c, a);
    // A multi-homed switch answers on each management address; each sweep sees the one on its networks.
    for (const mgmt of a.nics.filter((n) => n.ip !== null && n.sharedMac === undefined)) {
      const sourceId = sweepOf(mgmt);
      if (!c.on(sourceId)) continue;
      c.emitter.emit(sourceId, a, {
        nativeKey: `${mgmt.network}/${mgmt.ip ?? ''}`,
        assetClass: rng.chance(0.8) ? a.assetClass : null,
        fields: {
          hostname: name,
          description: `${a.vendor?.spellings[0] ?? ''} ${a.osName}`,
          vendor: vendorSpelling(rng, a),
          model: rng.chance(0.7) ? a.model : undefined,
          serial: rng.chance(0.75) ? reportedSerial(rng, c.noise, a.serial, false) : undefined,
          firmware: a.firmware,
          os_name: a.osName,
          sys_object_id: a.vendor?.sysObjectId,
          uptime_seconds: rng.int(1000, 9_000_000),
          location: sourceId === 'src-snmp-plant' ? 'Plant hall' : 'DC row 4',
          primary_ip: mgmt.ip ?? undefined,
        },
        interfaces: interfacesOf(rng, a.nics),
      });
    }
    return;
  }

  if ((a.assetClass === 'server' && rng.chance(0.35)) || (a.assetClass === 'virtual_machine' && rng.chance(0.15))) {
    if (!c.on('src-snmp-dc')) return;
    c.emitter.emit('src-snmp-dc', a, {
      nativeKey: `${primary.network}/${primary.ip}`,
      assetClass: rng.chance(0.5) ? 'server' : null,
      fields: {
        hostname: rng.chance(c.noise.hostnameTypo) ? hostnameTypo(rng, a.hostname) : a.hostname,
        description: a.osName,
        vendor: rng.chance(0.5) ? vendorSpelling(rng, a) : undefined,
        serial: a.platform === 'physical' && rng.chance(0.1) ? reportedSerial(rng, c.noise, a.serial, false) : undefined,
        primary_ip: primary.ip,
        uptime_seconds: rng.int(1000, 9_000_000),
      },
      interfaces: interfacesOf(rng, a.nics),
    });
    return;
  }

  if ((a.assetClass === 'plc' || a.assetClass === 'hmi' || a.assetClass === 'io_module') && c.on('src-snmp-plant') && rng.chance(c.noise.otSnmpCoverage)) {
    c.emitter.emit('src-snmp-plant', a, {
      nativeKey: `${primary.network}/${primary.ip}`,
      assetClass: rng.chance(0.5) ? a.assetClass : null,
      fields: {
        hostname: rng.chance(0.5) ? (rng.chance(c.noise.hostnameTypo) ? hostnameTypo(rng, a.hostname) : a.hostname) : undefined,
        vendor: vendorSpelling(rng, a),
        model: rng.chance(0.5) ? a.model : undefined,
        serial: rng.chance(0.3) ? reportedSerial(rng, c.noise, a.serial, false) : undefined,
        firmware: firmwareAs(rng, a.firmware, 'snmp'),
        primary_ip: primary.ip,
      },
      interfaces: interfacesOf(rng, a.nics),
    });
  }
}
