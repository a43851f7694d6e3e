// OT calls: the seed list as default targets for active collectors, and manual entry of OT assets
// no protocol can see (docs/ot-seed-and-manual.md).
import { z } from 'zod';
import { ASSET_CLASSES } from '../model/asset-classes.js';
import { CRITICALITIES, parsePurdueLevel, PURDUE_LEVEL_PROBLEM } from '../model/ot-fields.js';
import { OT_SEED_PROTOCOLS } from '../model/ot-protocols.js';
import { Id } from './common.js';
import { defineCall } from './define-contract.js';
import { AssetDetail } from './inventory.js';

/** One endpoint a seed list names for a protocol: where an active collector should look. */
export const OtSeedTarget = z.object({
  protocol: z.enum(OT_SEED_PROTOCOLS),
  address: z.string(),
  port: z.number().int(),
  /** The network (site) the address belongs to, as the seed list was imported with; null when none. */
  network: z.string().nullable(),
  modbusUnit: z.number().int().nullable(),
  bacnetDevice: z.number().int().nullable(),
  endpointUrl: z.string().nullable(),
  name: z.string().nullable(),
  /** The asset the seed entry belongs to now. */
  assetId: Id.nullable(),
  sourceName: z.string(),
  nativeKey: z.string(),
});
export type OtSeedTarget = z.infer<typeof OtSeedTarget>;

export const OtSeedTargets = z.object({
  targets: z.array(OtSeedTarget),
  /**
   * The distinct endpoints as a scope's target list takes them: "10.20.1.10" on the protocol's
   * default port, "10.20.1.10:5020" otherwise, in address order.
   */
  hosts: z.array(z.string()),
});
export type OtSeedTargets = z.infer<typeof OtSeedTargets>;

const OptionalText = z.string().trim().max(500).optional();

export const OtAssetInput = z.object({
  class: z.enum(ASSET_CLASSES),
  name: z.string().trim().min(1, 'give the asset a name (its tag or label)').max(200),
  vendor: OptionalText,
  model: OptionalText,
  serial: OptionalText,
  firmware: OptionalText,
  description: z.string().trim().max(5000).optional(),
  site: OptionalText,
  area: OptionalText,
  zone: OptionalText,
  conduit: OptionalText,
  /** 0–5 or 3.5 (the industrial DMZ); "L2", "Level 3.5" and "DMZ" are read too. */
  purdueLevel: z
    .union([z.string().max(20), z.number()])
    .optional()
    .refine((v) => v === undefined || (typeof v === 'string' && v.trim() === '') || parsePurdueLevel(v) !== null, PURDUE_LEVEL_PROBLEM),
  criticality: z.enum(CRITICALITIES).optional(),
  processFunction: OptionalText,
  /** The asset this one is reached through or mounted in (a PLC, a gateway, a rack). */
  parentAssetId: Id.optional(),
});
export type OtAssetInput = z.input<typeof OtAssetInput>;

export const otCalls = {
  'ot.seeds.targets': defineCall({
    summary: 'The endpoints the imported OT seed lists name for one protocol (optionally on one network): the default target list for active collectors.',
    access: 'read',
    input: z.object({ protocol: z.enum(OT_SEED_PROTOCOLS), network: z.string().trim().min(1).max(100).optional() }),
    output: OtSeedTargets,
  }),
  'ot.assets.create': defineCall({
    summary: 'Enter an OT asset no protocol can see (a serial drive, an I/O module, a safety relay), with its OT fields and parent asset.',
    access: 'write',
    input: OtAssetInput,
    output: AssetDetail,
  }),
};
