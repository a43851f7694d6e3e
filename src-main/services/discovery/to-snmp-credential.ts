// A credential-set row as the collector's SnmpCredential: the set's id and its keychain references.
import type { SnmpCredential, SnmpV3Credential } from '../../collectors/snmp/snmp-credential.js';
import type { CredentialSetRow } from '../../db/discovery-credentials-repository.js';

export function toSnmpCredential(row: CredentialSetRow): SnmpCredential {
  if (row.kind !== 'snmp_v3') {
    return { id: row.id, version: row.kind === 'snmp_v1' ? 'v1' : 'v2c', communityRef: row.community_ref ?? '' };
  }
  const credential: SnmpV3Credential = { id: row.id, version: 'v3', user: row.v3_user ?? '', level: row.v3_level ?? 'noAuthNoPriv' };
  if (row.v3_auth_protocol) credential.authProtocol = row.v3_auth_protocol;
  if (row.auth_key_ref) credential.authKeyRef = row.auth_key_ref;
  if (row.v3_priv_protocol) credential.privProtocol = row.v3_priv_protocol;
  if (row.priv_key_ref) credential.privKeyRef = row.priv_key_ref;
  if (row.v3_context) credential.context = row.v3_context;
  return credential;
}
