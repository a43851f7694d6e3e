// How a network (a site, plant floor or VLAN named on IP addresses) hands out addresses. It decides
// what an IP is worth as evidence: on a static network an address names one device; on DHCP the same
// address moves between devices over time, so it never identifies one on its own.
export const NETWORK_ADDRESSING = ['static', 'dhcp', 'unknown'] as const;
export type NetworkAddressing = (typeof NETWORK_ADDRESSING)[number];

export const NETWORK_ADDRESSING_LABELS: Record<NetworkAddressing, string> = {
  static: 'Static addresses',
  dhcp: 'DHCP (addresses move)',
  unknown: 'Unknown',
};
