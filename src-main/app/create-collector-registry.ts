// The collector of each discovery protocol, built once in the composition root and handed to the
// discovery service (which never constructs a collector itself). Adding a protocol is one line here
// plus its folder under src-main/collectors/<protocol>/ (docs/collectors.md).
import type { CollectorRegistry } from '../collectors/collector.js';
import { SnmpCollector } from '../collectors/snmp/snmp-collector.js';
import { systemTiming, type Timing } from '../collectors/sweep/timing.js';

export interface CollectorRegistryDeps {
  timing?: Timing;
}

export function createCollectorRegistry(deps: CollectorRegistryDeps = {}): CollectorRegistry {
  const timing = deps.timing ?? systemTiming;
  return {
    snmp: new SnmpCollector({ timing }),
  };
}
