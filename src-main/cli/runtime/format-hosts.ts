// The per-target table of a discovery run, and what only the operator can decide (an OPC UA server
// certificate nobody trusted yet), as text for `discover run|snmp|<protocol>` and `discover report`.
import { DISCOVERY_HOST_STATUS_LABELS, type DiscoveryHost } from '../../../src-shared/api/index.js';
import { formatTable } from '../format-table.js';

export function formatHosts(hosts: readonly DiscoveryHost[], options: { durations: boolean }): string {
  const headers = ['HOST', 'PORT', 'OUTCOME', 'ASSET', 'DEVICES', 'CREDENTIAL', ...(options.durations ? ['MS'] : []), 'DETAIL'];
  return formatTable(
    headers,
    hosts.map((h) => [
      h.host,
      h.port,
      DISCOVERY_HOST_STATUS_LABELS[h.status],
      h.assetName,
      // The device itself and those found behind it (gateway DeviceSet, routed BACnet, Modbus unit ids).
      h.observationCount || '',
      h.credentialSetName,
      ...(options.durations ? [h.durationMs] : []),
      h.message,
    ]),
    70,
  );
}

export function formatDecisions(hosts: readonly DiscoveryHost[]): string {
  const decisions = hosts.flatMap((h) => h.decisions.map((d) => ({ ...d, target: `${h.host}:${h.port}` })));
  if (decisions.length === 0) return '';
  const lines = [
    `${decisions.length} server certificate${decisions.length === 1 ? '' : 's'} not trusted yet (never trusted silently; review and trust in the window, Discovery → the run's report):`,
    ...decisions.map(
      (d) =>
        `  ${d.target}  ${d.subject}${d.applicationUri ? ` (${d.applicationUri})` : ''}  SHA-1 ${d.thumbprint}${d.validTo ? `  valid until ${d.validTo}` : ''}`,
    ),
  ];
  return lines.join('\n') + '\n';
}
