// Which endpoint a probe uses: the scope's security mode ('auto' = the most secure one), a security
// policy this app accepts (never the deprecated Basic128Rsa15 / Basic256, whose RSA PKCS#1 v1.5 and
// SHA-1 Node 20 refuses or warns about, CVE-2023-46809), and a user token type the credential can
// present (Anonymous, UserName, Certificate).
import { MessageSecurityMode, SecurityPolicy, UserTokenType, type EndpointDescription } from 'node-opcua';
import type { OpcuaSecurityMode } from '../../../src-shared/api/discovery-protocols.js';
import type { OpcuaEndpointSummary } from './opcua-server-record.js';

/** Policies in order of preference (most preferred first). */
export const OPCUA_ACCEPTED_POLICIES: readonly SecurityPolicy[] = [
  SecurityPolicy.Aes256_Sha256_RsaPss,
  SecurityPolicy.Basic256Sha256,
  SecurityPolicy.Aes128_Sha256_RsaOaep,
  SecurityPolicy.None,
];

export type OpcuaTokenKind = 'Anonymous' | 'UserName' | 'Certificate';

const TOKEN_TYPE: Record<OpcuaTokenKind, UserTokenType> = {
  Anonymous: UserTokenType.Anonymous,
  UserName: UserTokenType.UserName,
  Certificate: UserTokenType.Certificate,
};

export function policyName(uri: string | null | undefined): string {
  return (uri ?? '').split('#')[1] ?? (uri || 'None');
}

export function summariseEndpoint(e: EndpointDescription): OpcuaEndpointSummary {
  const mode = MessageSecurityMode[e.securityMode] as OpcuaEndpointSummary['securityMode'] | undefined;
  return {
    endpointUrl: e.endpointUrl ?? '',
    securityMode: mode ?? 'Invalid',
    securityPolicy: policyName(e.securityPolicyUri),
    securityLevel: e.securityLevel,
    userTokenTypes: (e.userIdentityTokens ?? []).map((t) => UserTokenType[t.tokenType] ?? String(t.tokenType)),
  };
}

export interface EndpointChoice {
  endpoint: EndpointDescription;
  securityMode: MessageSecurityMode;
  securityPolicy: SecurityPolicy;
}

export function chooseEndpoint(endpoints: readonly EndpointDescription[], wanted: OpcuaSecurityMode, token: OpcuaTokenKind): EndpointChoice | null {
  const modeRank = (m: MessageSecurityMode) =>
    m === MessageSecurityMode.SignAndEncrypt ? 3 : m === MessageSecurityMode.Sign ? 2 : m === MessageSecurityMode.None ? 1 : 0;
  const candidates = endpoints.filter((e) => {
    const policy = OPCUA_ACCEPTED_POLICIES.indexOf(e.securityPolicyUri as SecurityPolicy);
    if (policy < 0 || modeRank(e.securityMode) === 0) return false;
    // A secured mode needs a real policy; None needs the None policy.
    if ((e.securityMode === MessageSecurityMode.None) !== (e.securityPolicyUri === SecurityPolicy.None)) return false;
    if (wanted !== 'auto' && MessageSecurityMode[e.securityMode] !== wanted) return false;
    return (e.userIdentityTokens ?? []).some((t) => t.tokenType === TOKEN_TYPE[token]);
  });
  candidates.sort(
    (a, b) =>
      modeRank(b.securityMode) - modeRank(a.securityMode) ||
      OPCUA_ACCEPTED_POLICIES.indexOf(a.securityPolicyUri as SecurityPolicy) - OPCUA_ACCEPTED_POLICIES.indexOf(b.securityPolicyUri as SecurityPolicy) ||
      b.securityLevel - a.securityLevel,
  );
  const best = candidates[0];
  return best ? { endpoint: best, securityMode: best.securityMode, securityPolicy: best.securityPolicyUri as SecurityPolicy } : null;
}
