// OPC UA server certificates met by discovery runs, as the window sees them: pending ones wait for
// the operator's Trust or Reject (main never trusts one on its own). A cache of main's PKI listing.
import type { OpcuaCertificate } from '../../src-shared/api/opcua-certificates.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface OpcuaCertificatesSlice {
  opcuaCertificates: {
    list: OpcuaCertificate[] | null;
    error: string | null;
    /** Thumbprint being trusted or rejected. */
    busy: string | null;
  };
  loadOpcuaCertificates(): Promise<void>;
  decideOpcuaCertificate(thumbprint: string, decision: 'trust' | 'reject'): Promise<void>;
}

export const createOpcuaCertificatesSlice: SliceCreator<OpcuaCertificatesSlice> = ({ set, get, client }) => ({
  opcuaCertificates: { list: null, error: null, busy: null },
  async loadOpcuaCertificates() {
    try {
      const list = await client.call('discovery.opcuaCertificates.list', {});
      set({ opcuaCertificates: { ...get().opcuaCertificates, list, error: null } });
    } catch (error) {
      set({ opcuaCertificates: { ...get().opcuaCertificates, error: errorMessage(error) } });
    }
  },
  async decideOpcuaCertificate(thumbprint, decision) {
    set({ opcuaCertificates: { ...get().opcuaCertificates, busy: thumbprint } });
    try {
      await client.call(decision === 'trust' ? 'discovery.opcuaCertificates.trust' : 'discovery.opcuaCertificates.reject', { thumbprint });
      set({ opcuaCertificates: { ...get().opcuaCertificates, busy: null, error: null } });
      await get().loadOpcuaCertificates();
    } catch (error) {
      set({ opcuaCertificates: { ...get().opcuaCertificates, busy: null, error: errorMessage(error) } });
    }
  },
});
