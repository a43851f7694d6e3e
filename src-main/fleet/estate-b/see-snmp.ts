// The SNMP collector ("snmp"): network gear, printers, UPS network cards, servers with an agent
// and the PLCs and gateways that run one. It keys agents by engine id (RFC 3411: enterprise number
// plus, on most devices, a MAC), reads sysName (the factory "Switch" on unconfigured Cisco
// switches), ENTITY-MIB model and serial where implemented, and every interface's MAC, virtual
// router MACs included.
import type { AssetClass } from '../../../src-shared/model/index.js';
import type { Prng } from '../../../src-shared/lib/mulberry32.js';
import type { TrueEntity } from './estate-b-entity.js';
import type { EstateBRecorder } from './estate-b-recorder.js';
import { interfacesOf, type LensClock } from './lens-helpers.js';

const COVERAGE: Partial<Record<TrueEntity['kind'], number>> = { switch: 0.92, router: 0.92, firewall: 0.92, printer: 0.85, ups: 0.9, physical_server: 0.3, vm: 0.1, plc: 0.4, hmi: 0.2, modbus_gateway: 0.8, drive: 0.2 };
const ENTERPRISE: Record<string, number> = { Cisco: 9, 'Juniper Networks': 2636, 'Arista Networks': 30065, Aruba: 47196, Fortinet: 12356, 'Palo Alto Networks': 25461, HP: 11, Canon: 1602, RICOH: 367, APC: 318, Siemens: 4329, 'Rockwell Automation': 95, 'Schneider Electric': 3833, Moxa: 8691 };
const NET_SNMP = 8072;
const NETWORK_KINDS: ReadonlySet<TrueEntity['kind']> = new Set(['switch', 'router', 'firewall', 'modbus_gateway']);

export function seeSnmp(entities: readonly TrueEntity[], rng: Prng, clock: LensClock, out: EstateBRecorder): void {
  for (const e of entities) {
    if (e.retired || !rng.chance(COVERAGE[e.kind] ?? 0)) continue;
    if (e.ot && !otHasAgent(e)) continue;
    const agent = e.nics.find((n) => n.ip && !n.virtual);
    if (!agent?.ip) continue;
    const hostAgent = e.kind === 'physical_server' || e.kind === 'vm';
    const enterprise = hostAgent ? NET_SNMP : (ENTERPRISE[e.vendor] ?? NET_SNMP);
    const base = e.nics.find((n) => n.mac && !n.virtual)?.mac;
    // Net-SNMP makes a random engine id at first start; vendors derive theirs from a MAC.
    const engineId = `${((0x80000000 | enterprise) >>> 0).toString(16)}${hostAgent || !base ? `80${rng.hex(16)}` : `03${base.replace(/:/g, '')}`}`;
    const sysName = e.hard.has('default_hostname') ? 'Switch' : e.hostname && rng.chance(0.3) && e.domain ? `${e.hostname}.${e.domain}` : (e.ot ? (rng.chance(0.5) ? e.ot.deviceName : undefined) : (e.hostname ?? undefined));
    const entityMib = NETWORK_KINDS.has(e.kind) || e.kind === 'ups' || e.kind === 'printer';
    const virtualSeen = rng.chance(0.7);
    out.record('snmp', e, {
      nativeKey: `snmp:engine:${engineId}`,
      observedAt: clock.daysAgo(0, 0.25),
      assetClass: guessClass(rng, e),
      fields: {
        hostname: sysName,
        description: e.ot ? `${e.vendor} ${e.ot.productName} ${e.ot.productCode} FW ${e.firmware ?? ''}` : [e.vendor, e.model, e.osName ?? e.firmware ?? ''].join(' ').trim(),
        vendor: hostAgent ? undefined : e.vendor,
        model: entityMib && rng.chance(0.7) ? e.model : e.ot ? e.ot.productName : undefined,
        serial: entityMib && rng.chance(0.7) ? (e.serial ?? undefined) : undefined,
        firmware: e.firmware ?? undefined,
        os_name: hostAgent ? (e.osName ?? undefined) : undefined,
        sys_object_id: `1.3.6.1.4.1.${enterprise}.1.${rng.int(1, 3000)}`,
        uptime_seconds: rng.int(3_600, 40_000_000),
        primary_ip: agent.ip,
        location: e.site,
      },
      interfaces: interfacesOf(e.nics.filter((n) => !n.virtual || virtualSeen), 'lower-colon'),
    });
  }
}

function guessClass(rng: Prng, e: TrueEntity): AssetClass | null {
  if (e.kind === 'physical_server' || e.kind === 'vm') return rng.chance(0.5) ? 'server' : null;
  if (e.ot) return rng.chance(0.5) ? e.assetClass : null;
  return rng.chance(0.85) ? e.assetClass : null;
}

/** Which plant devices run an SNMP agent on their Ethernet port. */
function otHasAgent(e: TrueEntity): boolean {
  if (e.kind === 'modbus_gateway') return true;
  if (e.kind === 'plc') return e.vendor === 'Siemens' || e.vendor === 'Schneider Electric' || e.vendor === 'Rockwell Automation';
  if (e.kind === 'hmi') return e.vendor === 'Siemens' || e.vendor === 'Rockwell Automation';
  return e.kind === 'drive' && e.vendor === 'Siemens' && e.nics[0]?.mac !== null;
}
