// Audit trail calls: read events and verify the hash chain.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';
import { defineCall } from './define-contract.js';

export const AuditEvent = z.object({
  seq: z.number().int(),
  id: Id,
  at: IsoTime,
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  correlationId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int().nullable(), problem: z.string() })),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const auditCalls = {
  'audit.list': defineCall({
    summary: 'Audit events, newest first, optionally about one target.',
    access: 'read',
    input: z.object({
      targetType: z.string().max(50).optional(),
      targetId: z.string().max(64).optional(),
      beforeSeq: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(AuditEvent),
  }),
  'audit.verify': defineCall({
    summary: 'Recompute the audit hash chain and report any edited, deleted or reordered event.',
    access: 'read',
    input: z.object({}).default({}),
    output: AuditVerifyResult,
  }),
};
