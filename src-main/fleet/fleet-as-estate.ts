// Generator A's fleet in the GeneratedEstate shape, so the accuracy harness runs it exactly like
// generator B. The addressing below restates what generate-fleet.ts does with each network: data
// centre and plant addresses are allocated once per device (static); office addresses and VPC
// addresses are handed to a new device when an old one goes (DHCP-like); the docker bridge repeats
// on every host and says nothing about addressing.
import type { NetworkAddressing } from '../../src-shared/model/index.js';
import type { GeneratedFleet } from './generate-fleet.js';
import type { GeneratedEstate } from './generated-estate.js';

export function addressingOfFleetNetwork(network: string): NetworkAddressing {
  if (network === 'office' || network.startsWith('vpc-')) return 'dhcp';
  if (network.startsWith('dc') || network.startsWith('plant-')) return 'static';
  return 'unknown';
}

export function fleetAsEstate(fleet: GeneratedFleet, name: string): GeneratedEstate {
  const networks: Record<string, NetworkAddressing> = {};
  for (const o of fleet.observations) {
    for (const i of o.observation.interfaces) {
      for (const ip of i.ips) if (ip.network !== undefined && !(ip.network in networks)) networks[ip.network] = addressingOfFleetNetwork(ip.network);
    }
  }
  return { name, now: fleet.now, networks, observations: fleet.observations, truth: fleet.truth };
}
