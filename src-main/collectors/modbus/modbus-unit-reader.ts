// Reads one unit id of one device through the safety guard: identification (function 43), SunSpec,
// then, for a full read, the register-map profiles that apply and the register snapshot. Each
// section's failure is recorded against the section and the read goes on; a unit whose first
// request gets no answer (or a gateway's "no device at this id") is not there, and nothing more is
// asked of it.
import type { ModbusRegisterRange, ModbusScopeOptions } from '../../../src-shared/api/discovery-protocols.js';
import type { CollectorFailure } from '../collector.js';
import { readDeviceIdentification, type DeviceIdentification } from './modbus-device-identification.js';
import { isGatewayMiss, isModbusError } from './modbus-error.js';
import { selectProfiles, type ModbusProfile, type ProfileMatchInput } from './modbus-profile.js';
import { readProfile, type ProfileRead } from './modbus-profile-reader.js';
import { readRegisterSnapshot, type RegisterSnapshot } from './modbus-register-snapshot.js';
import type { ModbusSafetyGuard } from './modbus-safety-guard.js';
import { readSunspec, type SunspecRead } from './modbus-sunspec.js';

export interface ModbusUnitRecord {
  host: string;
  port: number;
  unitId: number;
  /** The unit sent at least one reply. */
  answered: boolean;
  identification?: DeviceIdentification;
  sunspec?: SunspecRead | null;
  profiles: ProfileRead[];
  /** Asset class the first applied profile gives, if any. */
  profileAssetClass?: string;
  snapshot?: RegisterSnapshot;
  failures: CollectorFailure[];
}

export interface UnitReadOptions {
  options: ModbusScopeOptions;
  depth: 'identify' | 'full';
  profiles: readonly ModbusProfile[];
}

/** Ends the unit's read: the device (or the run) is done for. */
class StopUnit extends Error {}

export async function readModbusUnit(guard: ModbusSafetyGuard, unitId: number, read: UnitReadOptions): Promise<ModbusUnitRecord> {
  const record: ModbusUnitRecord = { host: guard.host, port: guard.port, unitId, answered: false, profiles: [], failures: [] };
  const section = async <T>(name: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      const failure = toFailure(error, name);
      if (failure.reason === 'cancelled') throw error;
      // A gateway saying nobody answers at this id, or silence before any reply: the unit is not there.
      const absent = isGatewayMiss(error) || (!guard.answered(unitId) && (failure.reason === 'timeout' || failure.reason === 'no_response'));
      record.failures.push(failure);
      if (absent || failure.reason === 'breaker_open' || failure.reason === 'network' || guard.breakerOpen) throw new StopUnit();
      return undefined;
    }
  };
  try {
    const { options } = read;
    if (options.identification) {
      const identification = await section('identification', () => readDeviceIdentification(guard, unitId));
      if (identification) record.identification = identification;
    }
    if (options.sunspecAddresses.length > 0) {
      const sunspec = await section('sunspec', () => readSunspec(guard, unitId, options.sunspecAddresses));
      if (sunspec !== undefined) record.sunspec = sunspec;
    }
    if (read.depth === 'full') {
      const chosen = selectProfiles(read.profiles, options.profiles, matchInput(record));
      const ranges: Array<ModbusRegisterRange & { source: string }> = options.registerRanges.map((r) => ({ ...r, source: 'scope' }));
      for (const profile of chosen) {
        const applied = await section(`profile ${profile.id}`, () => readProfile(guard, unitId, profile));
        if (applied) {
          record.profiles.push(applied);
          if (profile.assetClass && !record.profileAssetClass) record.profileAssetClass = profile.assetClass;
          ranges.push(...profile.snapshot.map((r) => ({ ...r, source: profile.id })));
        }
      }
      if (ranges.length > 0) {
        const snapshot = await section('registers', () => readRegisterSnapshot(guard, unitId, ranges));
        if (snapshot) record.snapshot = snapshot;
      }
    }
  } catch (error) {
    if (!(error instanceof StopUnit)) throw error;
  }
  record.answered = guard.answered(unitId);
  return record;
}

/** What the unit said about itself so far, for profile matching. */
export function matchInput(record: Pick<ModbusUnitRecord, 'identification' | 'sunspec'>): ProfileMatchInput {
  const objects = record.identification?.objects ?? {};
  const common = record.sunspec?.common;
  const input: ProfileMatchInput = {};
  const vendor = objects.VendorName ?? common?.Mn;
  const model = objects.ModelName ?? objects.ProductName ?? common?.Md;
  if (vendor) input.vendor = vendor;
  if (objects.ProductCode) input.productCode = objects.ProductCode;
  if (model) input.model = model;
  if (record.sunspec) input.sunspecModels = record.sunspec.models.map((m) => m.id);
  return input;
}

export function toFailure(error: unknown, section: string): CollectorFailure {
  if (isModbusError(error)) return { reason: error.reason, detail: error.detail, section };
  return { reason: 'malformed', detail: 'the reply could not be processed', section };
}
