// System information, sources, the sign-in state of a serve-mode tab and audit verification.
import type { AuditVerifyResult } from '../../src-shared/api/audit.js';
import type { Source, SystemInfo } from '../../src-shared/api/system.js';
import { errorMessage } from '../lib/api-errors.js';
import type { SliceCreator } from './store-types.js';

export interface SystemSlice {
  system: {
    info: SystemInfo | null;
    infoError: string | null;
    sources: Source[];
    /** Set when any call is refused with `unauthorized` (a browser tab that never got the token). */
    signedOut: boolean;
    auditVerify: { running: boolean; result: AuditVerifyResult | null; error: string | null };
  };
  loadSystemInfo(): Promise<void>;
  loadSources(): Promise<void>;
  verifyAudit(): Promise<void>;
  markSignedOut(): void;
}

export const createSystemSlice: SliceCreator<SystemSlice> = ({ set, get, client }) => ({
  system: {
    info: null,
    infoError: null,
    sources: [],
    signedOut: false,
    auditVerify: { running: false, result: null, error: null },
  },
  async loadSystemInfo() {
    try {
      const info = await client.call('system.info', {});
      set((s) => ({ system: { ...s.system, info, infoError: null } }));
    } catch (error) {
      set((s) => ({ system: { ...s.system, infoError: errorMessage(error) } }));
    }
  },
  async loadSources() {
    try {
      const sources = await client.call('sources.list', {});
      set((s) => ({ system: { ...s.system, sources } }));
    } catch {
      // The source filter falls back to kinds only; the inventory itself reports real failures.
    }
  },
  async verifyAudit() {
    if (get().system.auditVerify.running) return;
    set((s) => ({ system: { ...s.system, auditVerify: { running: true, result: null, error: null } } }));
    try {
      const result = await client.call('audit.verify', {});
      set((s) => ({ system: { ...s.system, auditVerify: { running: false, result, error: null } } }));
    } catch (error) {
      set((s) => ({ system: { ...s.system, auditVerify: { running: false, result: null, error: errorMessage(error) } } }));
    }
  },
  markSignedOut() {
    if (!get().system.signedOut) set((s) => ({ system: { ...s.system, signedOut: true } }));
  },
});
