// OPC UA server certificates in the app's PKI: a run files an unknown server certificate as pending
// (the host shows "Certificate not trusted yet"); the operator trusts or rejects it by thumbprint.
// Nothing here ever trusts a certificate on its own.
import { z } from 'zod';
import { defineCall } from './define-contract.js';

export const OPCUA_CERTIFICATE_STATES = ['pending', 'trusted', 'rejected'] as const;
export type OpcuaCertificateStateName = (typeof OPCUA_CERTIFICATE_STATES)[number];

/** SHA-1 thumbprint: 40 hex digits, colons allowed. */
export const OpcuaThumbprint = z
  .string()
  .trim()
  .transform((s) => s.replaceAll(':', '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{40}$/, 'a thumbprint is 40 hexadecimal digits (SHA-1)'));

export const OpcuaCertificate = z.object({
  thumbprint: z.string(),
  state: z.enum(OPCUA_CERTIFICATE_STATES),
  subject: z.string(),
  applicationUri: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** DER, base64. */
  certificate: z.string(),
});
export type OpcuaCertificate = z.infer<typeof OpcuaCertificate>;

export const opcuaCertificateCalls = {
  'discovery.opcuaCertificates.list': defineCall({
    summary: 'OPC UA server certificates: pending (met by a run, not decided yet), trusted and rejected.',
    access: 'read',
    input: z.object({ state: z.enum(OPCUA_CERTIFICATE_STATES).optional() }).default({}),
    output: z.array(OpcuaCertificate),
  }),
  'discovery.opcuaCertificates.trust': defineCall({
    summary: 'Trust an OPC UA server certificate by thumbprint: the next run connects to that server.',
    access: 'write',
    input: z.object({ thumbprint: OpcuaThumbprint }),
    output: OpcuaCertificate,
  }),
  'discovery.opcuaCertificates.reject': defineCall({
    summary: 'Reject an OPC UA server certificate by thumbprint: runs refuse to open a session with that server.',
    access: 'write',
    input: z.object({ thumbprint: OpcuaThumbprint }),
    output: OpcuaCertificate,
  }),
};
