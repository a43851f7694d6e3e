// Generator A's fleet in the GeneratedEstate shape, so the accuracy harness runs it exactly like
// generator B. Every network an observation puts an address on is declared with its addressing
// from the generator's own network list (fleet-a/fleet-networks.ts): data-centre and plant
// networks are static, office, VPN and VPC networks DHCP-like, host-local adapter networks unknown.
import type { NetworkAddressing } from '../../src-shared/model/index.js';
import { addressingOfFleetNetwork } from './fleet-a/fleet-networks.js';
import type { GeneratedFleet } from './generate-fleet.js';
import type { GeneratedEstate } from './generated-estate.js';

export { addressingOfFleetNetwork } from './fleet-a/fleet-networks.js';

export function fleetAsEstate(fleet: GeneratedFleet, name: string): GeneratedEstate {
  const networks: Record<string, NetworkAddressing> = {};
  for (const o of fleet.observations) {
    for (const i of o.observation.interfaces) {
      for (const ip of i.ips) if (ip.network !== undefined && !(ip.network in networks)) networks[ip.network] = addressingOfFleetNetwork(ip.network);
    }
  }
  return { name, now: fleet.now, networks, observations: fleet.observations, truth: fleet.truth };
}
