// The per-host message of a run report: names the host, the reason and the fix, with credential
// sets by name. Built only from the outcome's status, attempts and failure details, which the
// collector guarantees never contain a secret.
import { DISCOVERY_PROTOCOL_LABELS, type DiscoveryProtocol } from '../../../src-shared/api/index.js';
import type { CollectorOutcome } from '../../collectors/collector.js';

const MAX_MESSAGE = 1000;

export function describeHostOutcome(outcome: CollectorOutcome, credentialName: (id: string) => string, protocol: DiscoveryProtocol = 'snmp'): string | null {
  const where = `${outcome.target.host}:${outcome.target.port}`;
  const tried = [...new Set(outcome.attempts.map((a) => a.credentialId))].map((id) => `"${credentialName(id)}"`).join(', ') || 'none';
  const details = outcome.failures.map((f) => (f.section ? `${f.section}: ${f.detail}` : f.detail));
  let message: string | null;
  switch (outcome.status) {
    case 'found':
      message =
        details.length === 0
          ? null
          : outcome.credentialId
            ? `Read with credential "${credentialName(outcome.credentialId)}", but some ${protocol === 'snmp' ? 'tables' : 'parts'} failed: ${details.join('; ')}`
            : `Read, but some parts failed: ${details.join('; ')}`;
      break;
    case 'auth_failure':
      message =
        protocol === 'snmp'
          ? `SNMPv3 authentication failed for ${where} with credential set(s) ${tried}: check the user name, the protocols and the auth/privacy keys.`
          : `${DISCOVERY_PROTOCOL_LABELS[protocol]} authentication failed for ${where} with credential set(s) ${tried}${details.length ? `: ${details.join('; ')}` : ''}.`;
      break;
    case 'no_response':
      // Why a host can be silent is said once per report (SILENT_HOST_EXPLANATION), not per host.
      message = outcome.attempts.length > 0 || protocol === 'snmp' ? `No reply to credential set(s) ${tried}.` : details.join('; ') || 'No reply.';
      break;
    case 'refused':
      message = `The safety guard stopped talking to ${where}: ${details.join('; ') || 'it failed too many requests in a row'}.`;
      break;
    case 'timeout':
      message = `${where} answered and then stopped answering; what was read is kept. Raise the timeout or lower the rate for this scope.`;
      break;
    case 'credential_missing':
      message = `${details.join('; ') || 'No secret could be read for the credential sets of this scope'}. Store the secret again (Discovery → Credentials, or \`fieldwise credentials add\`).`;
      break;
    case 'malformed':
    case 'limit':
      message = `${where} sent a reply that was ${outcome.status === 'limit' ? 'over a safety limit' : 'malformed'}; the rest of this device was skipped: ${details.join('; ')}`;
      break;
    case 'cancelled':
      message = 'The run was cancelled before this host finished.';
      break;
    default:
      message = details.join('; ') || null;
  }
  return message && message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}
