// Deep register browsing: configured ranges read in protocol-sized requests and kept as a snapshot
// with a stable hash, so that a later run can tell whether a device's configuration changed.
import { createHash } from 'node:crypto';
import type { ModbusRegisterRange } from '../../../src-shared/api/discovery-protocols.js';
import { isModbusError } from './modbus-error.js';
import type { ModbusSafetyGuard } from './modbus-safety-guard.js';

export interface SnapshotRange extends ModbusRegisterRange {
  /** 'scope' for the scope's own ranges, else the profile id that asked for it. */
  source: string;
  /** Registers as numbers, bits as 0/1. */
  values?: number[];
  /** Why the range could not be read (e.g. an exception "illegal data address"). */
  error?: string;
}

export interface RegisterSnapshot {
  ranges: SnapshotRange[];
  /** SHA-256 over the ranges' addresses and values (or errors): equal hashes, equal configuration. */
  hash: string;
}

export async function readRegisterSnapshot(guard: ModbusSafetyGuard, unitId: number, ranges: ReadonlyArray<ModbusRegisterRange & { source: string }>): Promise<RegisterSnapshot> {
  const out: SnapshotRange[] = [];
  for (const range of ranges) {
    try {
      out.push({ ...range, values: await guard.readTable(unitId, range.table, range.start, range.count) });
    } catch (error) {
      // Only the device's answer ("no such register") is kept per range; a silent or broken device ends the read.
      if (!(isModbusError(error) && (error.reason === 'exception' || error.reason === 'limit'))) throw error;
      out.push({ ...range, error: error.detail });
    }
  }
  return { ranges: out, hash: snapshotHash(out) };
}

export function snapshotHash(ranges: readonly SnapshotRange[]): string {
  const canonical = ranges.map((r) => [r.table, r.start, r.count, r.values ?? null, r.error ?? null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
