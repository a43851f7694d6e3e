// Register-map profiles: a JSON format (documented in docs/modbus-profiles.md) that says where a
// device family keeps its serial number, firmware, model and configuration values, and which
// ranges to snapshot. Three example profiles ship in ./profiles; users add their own as
// <data dir>/modbus-profiles/*.json. A bad user file is a warning naming the file and the field,
// and the run goes on without it.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ASSET_CLASSES } from '../../../src-shared/model/asset-classes.js';
import { ModbusRegisterRange } from '../../../src-shared/api/discovery-protocols.js';
import { REGISTER_VALUE_TYPES } from './modbus-register-decode.js';
import modiconLikePlc from './profiles/example-modicon-like-plc.json';
import driveLike from './profiles/example-abb-like-drive.json';
import sunspecInverter from './profiles/sunspec-inverter.json';

/** Observation fields a profile may fill. */
export const PROFILE_IDENTITY_FIELDS = ['serial', 'firmware', 'model', 'vendor', 'name', 'description', 'location'] as const;

const Regex = z
  .string()
  .min(1)
  .max(200)
  .superRefine((value, ctx) => {
    try {
      new RegExp(value, 'i');
    } catch {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${value}` });
    }
  });

const pointShape = {
  table: z.enum(['holding_registers', 'input_registers']).default('holding_registers'),
  /** Zero-based protocol address (register 40001 in "Modicon" numbering is address 0). */
  address: z.number().int().min(0).max(65535),
  type: z.enum(REGISTER_VALUE_TYPES),
  /** Registers a string occupies (2 characters each); ignored for numbers. */
  registers: z.number().int().min(1).max(125).optional(),
  /** Which register holds the high word of a 32-bit value: 'big' = first (default). */
  wordOrder: z.enum(['big', 'little']).default('big'),
  /** Byte order inside a register: 'big' (Modbus default) or 'little' (swapped). */
  byteOrder: z.enum(['big', 'little']).default('big'),
  /** Multiplier for numbers (e.g. 0.1 for a value in tenths). */
  scale: z.number().finite().default(1),
  unit: z.string().max(20).optional(),
  label: z.string().max(100).optional(),
};

function stringNeedsLength(point: { type: string; registers?: number | undefined }, ctx: z.RefinementCtx): void {
  if (point.type === 'string' && point.registers === undefined) ctx.addIssue({ code: 'custom', path: ['registers'], message: 'a string needs "registers" (its length in registers)' });
}

const IdentityPoint = z
  .object({ field: z.enum(PROFILE_IDENTITY_FIELDS), ...pointShape })
  .strict()
  .superRefine(stringNeedsLength);
const ValuePoint = z
  .object({ name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, "_", "." or "-"'), ...pointShape })
  .strict()
  .superRefine(stringNeedsLength);

export const ModbusProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'lower-case letters, digits, ".", "_" or "-"'),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** True for the shipped profiles: their register addresses illustrate the format. */
    example: z.boolean().default(false),
    /** When the profile applies under 'auto': every condition given must hold (none given = only when named). */
    match: z
      .object({
        vendor: Regex.optional(),
        productCode: Regex.optional(),
        model: Regex.optional(),
        sunspec: z.boolean().optional(),
        sunspecModels: z.array(z.number().int().min(1).max(65534)).max(50).optional(),
      })
      .strict()
      .default({}),
    assetClass: z.enum(ASSET_CLASSES).optional(),
    fields: z.array(IdentityPoint).max(20).default([]),
    values: z.array(ValuePoint).max(200).default([]),
    snapshot: z.array(ModbusRegisterRange).max(32).default([]),
  })
  .strict();
export type ModbusProfile = z.infer<typeof ModbusProfile>;
export type ModbusProfilePoint = z.infer<typeof ValuePoint> | z.infer<typeof IdentityPoint>;

export const SHIPPED_PROFILE_SOURCES: readonly unknown[] = [sunspecInverter, modiconLikePlc, driveLike];

/** The shipped profiles, validated (a broken shipped file is a bug: it throws). */
export function shippedProfiles(): ModbusProfile[] {
  return SHIPPED_PROFILE_SOURCES.map((source) => ModbusProfile.parse(source));
}

export interface LoadedProfiles {
  profiles: ModbusProfile[];
  /** One line per file that could not be used: which file, which field, what is wrong. */
  warnings: string[];
}

export const USER_PROFILE_DIR = 'modbus-profiles';
const MAX_PROFILE_BYTES = 256 * 1024;
const MAX_USER_PROFILES = 200;

/** Shipped profiles plus the user's from <dataDir>/modbus-profiles/*.json (a user profile replaces a shipped one of the same id). */
export async function loadModbusProfiles(dataDir: string): Promise<LoadedProfiles> {
  const byId = new Map(shippedProfiles().map((p) => [p.id, p]));
  const warnings: string[] = [];
  const dir = join(dataDir, USER_PROFILE_DIR);
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.json')).sort();
  } catch {
    return { profiles: [...byId.values()], warnings };
  }
  const seenUser = new Set<string>();
  for (const file of files.slice(0, MAX_USER_PROFILES)) {
    const where = `${USER_PROFILE_DIR}/${file}`;
    const path = join(dir, file);
    try {
      const info = await stat(path);
      if (info.size > MAX_PROFILE_BYTES) {
        warnings.push(`Modbus profile ${where} is ignored: ${info.size} bytes, more than the ${MAX_PROFILE_BYTES}-byte limit`);
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        warnings.push(`Modbus profile ${where} is ignored: not valid JSON (${(error as Error).message})`);
        continue;
      }
      const parsed = ModbusProfile.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        // An unknown key is reported on its parent: name the key itself.
        const path = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
        const field = path.length > 0 ? path.join('.') : '(top level)';
        warnings.push(`Modbus profile ${where} is ignored: field "${field}": ${issue?.message ?? 'invalid'}`);
        continue;
      }
      if (seenUser.has(parsed.data.id)) {
        warnings.push(`Modbus profile ${where} is ignored: field "id": another file already defines "${parsed.data.id}"`);
        continue;
      }
      seenUser.add(parsed.data.id);
      byId.set(parsed.data.id, parsed.data);
    } catch (error) {
      warnings.push(`Modbus profile ${where} is ignored: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (files.length > MAX_USER_PROFILES) warnings.push(`only the first ${MAX_USER_PROFILES} files of ${USER_PROFILE_DIR}/ were read`);
  return { profiles: [...byId.values()], warnings };
}

/** What a unit said about itself, for matching profiles. */
export interface ProfileMatchInput {
  vendor?: string;
  productCode?: string;
  model?: string;
  sunspecModels?: readonly number[];
}

export function profileMatches(profile: ModbusProfile, unit: ProfileMatchInput): boolean {
  const m = profile.match;
  const conditions = [m.vendor, m.productCode, m.model, m.sunspec, m.sunspecModels].filter((c) => c !== undefined);
  if (conditions.length === 0) return false;
  const test = (pattern: string | undefined, value: string | undefined): boolean => pattern === undefined || (value !== undefined && new RegExp(pattern, 'i').test(value));
  if (!test(m.vendor, unit.vendor) || !test(m.productCode, unit.productCode) || !test(m.model, unit.model)) return false;
  const sunspec = unit.sunspecModels !== undefined;
  if (m.sunspec !== undefined && m.sunspec !== sunspec) return false;
  if (m.sunspecModels && !m.sunspecModels.some((id) => unit.sunspecModels?.includes(id))) return false;
  return true;
}

/** Profiles to apply to a unit: those named in the scope, plus every matching one under 'auto'. */
export function selectProfiles(all: readonly ModbusProfile[], selection: readonly string[], unit: ProfileMatchInput): ModbusProfile[] {
  const auto = selection.includes('auto');
  return all.filter((p) => selection.includes(p.id) || (auto && profileMatches(p, unit)));
}

/** Named profile ids that no loaded profile has (for the run's warnings). */
export function unknownProfileIds(all: readonly ModbusProfile[], selection: readonly string[]): string[] {
  const ids = new Set(all.map((p) => p.id));
  return selection.filter((s) => s !== 'auto' && !ids.has(s));
}
