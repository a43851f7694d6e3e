// One entry of an OT seed list (ot_seed): a known OT endpoint from engineering documents (I/O lists,
// network drawings, P&IDs), as the file holds it (`OtSeedFileRecord`) and as validation accepts it
// (`OtSeedRecord`, before mapping). Format documented in docs/ot-seed-and-manual.md.
import { isIP } from 'node:net';
import { z } from 'zod';
import { ASSET_CLASSES, isAssetClass } from '../../../src-shared/model/asset-classes.js';
import { CRITICALITY_PROBLEM, parseCriticality, parsePurdueLevel, PURDUE_LEVEL_PROBLEM } from '../../../src-shared/model/ot-fields.js';
import { parseProtocolHint } from '../../../src-shared/model/ot-protocols.js';
import { describeValue, optionalText, optionalTimestamp, optionalWholeNumber, tagMap } from './record-field-schemas.js';

/** The JSON shape; CSV rows are converted to it. */
export interface OtSeedFileRecord {
  /** The document's own key for the entry (a tag or line number); default: the address (with the Modbus unit). */
  id?: string;
  /** "10.20.1.10", "10.20.1.10:5020" or "[fd00::10]:4840". */
  address: string;
  /** "modbus;opcua:4841" in CSV, or a list: each a protocol, optionally with a port. */
  protocols?: string | string[];
  name?: string;
  class?: string;
  vendor?: string;
  model?: string;
  serial?: string;
  firmware?: string;
  description?: string;
  site?: string;
  area?: string;
  zone?: string;
  conduit?: string;
  purdue_level?: string | number;
  criticality?: string;
  process_function?: string;
  modbus_unit?: number | string;
  bacnet_device?: number | string;
  opcua_endpoint?: string;
  opcua_application_uri?: string;
  tags?: Record<string, string>;
  last_seen?: string;
}

/** An address as written, split: the IP (brackets removed) and the port when one was given. */
export function splitSeedAddress(text: string): { ip: string; port: number | null } | null {
  const trimmed = text.trim();
  if (isIP(trimmed) !== 0) return { ip: trimmed, port: null };
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(trimmed);
  const plain = /^([^:\s]+):(\d{1,5})$/.exec(trimmed);
  const m = bracketed ?? plain;
  if (!m) return null;
  const ip = m[1] as string;
  if (isIP(ip) === 0) return null;
  if (m[2] === undefined) return { ip, port: null };
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { ip, port } : null;
}

const ADDRESS_EXPECTED = 'an IP address, or IP:port, such as 10.20.1.10 or 10.20.1.10:502 ([fd00::10]:4840 for IPv6)';

const address = z
  .union([z.string(), z.number()], { error: (issue) => `every seed entry needs its address: ${ADDRESS_EXPECTED}, got ${describeValue(issue.input)}` })
  .refine((v) => String(v).trim() !== '', `every seed entry needs its address: ${ADDRESS_EXPECTED}`)
  .refine((v) => String(v).trim() === '' || splitSeedAddress(String(v)) !== null, { error: (issue) => `expected ${ADDRESS_EXPECTED}, got ${describeValue(issue.input)}` });

const protocolEntry = z.string().superRefine((entry, ctx) => {
  if (entry.trim() === '') return;
  const hint = parseProtocolHint(entry, null);
  if ('problem' in hint) ctx.addIssue({ code: 'custom', message: hint.problem });
});

const protocols = z
  .union([z.string(), z.array(z.string())], { error: (issue) => `expected protocols such as "modbus;opcua", got ${describeValue(issue.input)}` })
  .nullish()
  .superRefine((value, ctx) => {
    if (value === null || value === undefined) return;
    for (const entry of splitProtocolList(value)) {
      const result = protocolEntry.safeParse(entry);
      if (!result.success) {
        ctx.addIssue({ code: 'custom', message: result.error.issues[0]?.message ?? 'not a protocol' });
        return;
      }
    }
  });

/** The entries of a protocols cell or list ("modbus; opcua:4841", ["modbus"]). */
export function splitProtocolList(value: string | readonly string[]): string[] {
  const entries = typeof value === 'string' ? value.split(/[;,|]+/) : value;
  return entries.map((e) => e.trim()).filter((e) => e !== '');
}

const assetClass = z
  .string()
  .refine((text) => text.trim() === '' || isAssetClass(text.trim().toLowerCase()), {
    error: (issue) => `expected one of ${ASSET_CLASSES.join(', ')}, got ${describeValue(issue.input)}`,
  })
  .nullish();

const purdueLevel = z
  .union([z.string(), z.number()], { error: (issue) => `${PURDUE_LEVEL_PROBLEM}, got ${describeValue(issue.input)}` })
  .nullish()
  .refine((v) => v === null || v === undefined || String(v).trim() === '' || parsePurdueLevel(v) !== null, {
    error: (issue) => `${PURDUE_LEVEL_PROBLEM}, got ${describeValue(issue.input)}`,
  });

const criticality = z
  .string({ error: (issue) => `${CRITICALITY_PROBLEM}, got ${describeValue(issue.input)}` })
  .nullish()
  .refine((v) => v === null || v === undefined || v.trim() === '' || parseCriticality(v) !== null, {
    error: (issue) => `${CRITICALITY_PROBLEM}, got ${describeValue(issue.input)}`,
  });

const OPCUA_ENDPOINT = /^opc\.tcp:\/\/(?:\[[0-9a-f:.]+\]|[^\s/:[\]]+)(?::\d{1,5})?(?:\/\S*)?$/i;
const opcuaEndpoint = z
  .string({ error: (issue) => `expected an OPC UA endpoint URL such as opc.tcp://10.20.1.10:4840, got ${describeValue(issue.input)}` })
  .nullish()
  .refine((v) => v === null || v === undefined || v.trim() === '' || OPCUA_ENDPOINT.test(v.trim()), {
    error: (issue) => `expected an OPC UA endpoint URL such as opc.tcp://10.20.1.10:4840, got ${describeValue(issue.input)}`,
  });

export const otSeedRecordSchema = z.object({
  id: optionalText,
  address,
  protocols,
  name: optionalText,
  class: assetClass,
  vendor: optionalText,
  model: optionalText,
  serial: optionalText,
  firmware: optionalText,
  description: optionalText,
  site: optionalText,
  area: optionalText,
  zone: optionalText,
  conduit: optionalText,
  purdue_level: purdueLevel,
  criticality,
  process_function: optionalText,
  // Unit ids 0–247 address devices; 248–255 are reserved but gateways answer on 255.
  modbus_unit: optionalWholeNumber(0, 255),
  // 4194303 is the wildcard instance, never a device's own.
  bacnet_device: optionalWholeNumber(0, 4194302),
  opcua_endpoint: opcuaEndpoint,
  opcua_application_uri: optionalText,
  tags: tagMap,
  last_seen: optionalTimestamp,
});

export type OtSeedRecord = z.output<typeof otSeedRecordSchema>;
