// The operator's side of the OPC UA certificate trust flow: list the server certificates in the
// app's PKI (<dataDir>/opcua-pki), trust or reject one by thumbprint. Every decision is logged.
import { ApiError, type OpcuaCertificate, type OpcuaCertificateStateName } from '../../../src-shared/api/index.js';
import {
  listOpcuaCertificates,
  opcuaPkiDir,
  OpcuaTrustStoreError,
  rejectOpcuaCertificate,
  trustOpcuaCertificate,
  type OpcuaCertificateEntry,
} from '../../collectors/opcua/opcua-trust-store.js';

export interface OpcuaCertificateServiceDeps {
  dataDir: string;
  onDecision?: (decision: 'trusted' | 'rejected', certificate: { thumbprint: string; subject: string; applicationUri: string | null }) => void;
}

export interface OpcuaCertificateService {
  list(state?: OpcuaCertificateStateName): Promise<OpcuaCertificate[]>;
  trust(thumbprint: string): Promise<OpcuaCertificate>;
  reject(thumbprint: string): Promise<OpcuaCertificate>;
}

export function createOpcuaCertificateService(deps: OpcuaCertificateServiceDeps): OpcuaCertificateService {
  const pki = opcuaPkiDir(deps.dataDir);
  const decide = async (thumbprint: string, to: 'trusted' | 'rejected'): Promise<OpcuaCertificate> => {
    let entry: OpcuaCertificateEntry;
    try {
      entry = to === 'trusted' ? await trustOpcuaCertificate(pki, thumbprint) : await rejectOpcuaCertificate(pki, thumbprint);
    } catch (error) {
      if (error instanceof OpcuaTrustStoreError) throw new ApiError(error.reason === 'not_found' ? 'not_found' : 'bad_request', error.message);
      throw error;
    }
    deps.onDecision?.(to, { thumbprint: entry.thumbprint, subject: entry.subject, applicationUri: entry.applicationUri });
    return entry;
  };
  return {
    list: async (state) => (await listOpcuaCertificates(pki)).filter((c) => !state || c.state === state),
    trust: (thumbprint) => decide(thumbprint, 'trusted'),
    reject: (thumbprint) => decide(thumbprint, 'rejected'),
  };
}
