// Why a discovery target can stay silent, said once per run report (the UI's host list, the CLI)
// rather than repeated on every silent host.
export const SILENT_HOST_EXPLANATION =
  'A host that does not reply may be off, absent or filtered, or may not run SNMP on that port. On SNMPv1/v2c a wrong community looks exactly like a silent host (agents drop the request): check the address, the port, ACLs on the device and the community.';

/** The one note for a run's silent hosts, or null when none stayed silent. */
export function silentHostsNote(count: number): string | null {
  if (count <= 0) return null;
  return `${count === 1 ? '1 host' : `${count} hosts`} did not reply. ${SILENT_HOST_EXPLANATION}`;
}
