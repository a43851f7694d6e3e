// The app's OPC UA PKI under <dataDir>/opcua-pki, in node-opcua's folder layout (own/, trusted/certs/,
// rejected/, issuers/) plus pending/: server certificates a run met that nobody has decided on yet.
// A server certificate is never trusted silently: the collector files an unknown one under pending/
// and stops; the operator trusts it (moved to trusted/certs/, where node-opcua's certificate manager
// finds it on the next run) or rejects it (moved to rejected/, and the collector refuses that server).
// Certificates are parsed with node:crypto's X509Certificate; files are named by SHA-1 thumbprint.
import { X509Certificate } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OPCUACertificateManager } from 'node-opcua';

export type OpcuaCertificateState = 'pending' | 'trusted' | 'rejected';

export interface OpcuaCertificateInfo {
  /** SHA-1 thumbprint, lower-case hex without separators. */
  thumbprint: string;
  subject: string;
  applicationUri: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** DER, base64. */
  certificate: string;
}

export interface OpcuaCertificateEntry extends OpcuaCertificateInfo {
  state: OpcuaCertificateState;
}

export class OpcuaTrustStoreError extends Error {
  override readonly name = 'OpcuaTrustStoreError';
  constructor(
    readonly reason: 'not_found' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export function opcuaPkiDir(dataDir: string): string {
  return path.join(dataDir, 'opcua-pki');
}

const FOLDERS: Record<OpcuaCertificateState, string> = { pending: 'pending', trusted: path.join('trusted', 'certs'), rejected: 'rejected' };

/** The first certificate of a DER chain (servers may send their certificate followed by issuers). */
export function firstCertificate(der: Buffer): Buffer {
  if (der.length < 4 || der[0] !== 0x30) return der;
  const lengthByte = der[1] ?? 0;
  if (lengthByte < 0x80) return der.subarray(0, 2 + lengthByte);
  const octets = lengthByte & 0x7f;
  if (octets < 1 || octets > 4 || der.length < 2 + octets) return der;
  let length = 0;
  for (let i = 0; i < octets; i += 1) length = length * 256 + (der[2 + i] ?? 0);
  return der.subarray(0, Math.min(der.length, 2 + octets + length));
}

export function describeCertificate(der: Buffer): OpcuaCertificateInfo {
  const first = firstCertificate(der);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(first);
  } catch (error) {
    throw new OpcuaTrustStoreError('invalid', `not a DER X.509 certificate: ${error instanceof Error ? error.message : String(error)}`);
  }
  const uri = /URI:([^,\s]+)/.exec(x509.subjectAltName ?? '')?.[1] ?? null;
  return {
    thumbprint: x509.fingerprint.replaceAll(':', '').toLowerCase(),
    subject: x509.subject.replaceAll('\n', ', '),
    applicationUri: uri,
    validFrom: isoOrNull(x509.validFrom),
    validTo: isoOrNull(x509.validTo),
    certificate: first.toString('base64'),
  };
}

function isoOrNull(text: string): string | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

async function listFolder(pkiDir: string, state: OpcuaCertificateState): Promise<Array<OpcuaCertificateEntry & { file: string }>> {
  const folder = path.join(pkiDir, FOLDERS[state]);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const out: Array<OpcuaCertificateEntry & { file: string }> = [];
  for (const name of names.filter((n) => /\.(der|pem)$/i.test(n)).sort()) {
    const file = path.join(folder, name);
    try {
      const bytes = await readFile(file);
      const der = name.toLowerCase().endsWith('.pem') ? pemToDer(bytes.toString('utf8')) : bytes;
      out.push({ ...describeCertificate(der), state, file });
    } catch {
      // An unreadable file in the store is skipped, not fatal: the operator can still act on the rest.
    }
  }
  return out;
}

function pemToDer(pem: string): Buffer {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem)?.[1] ?? '';
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

/** Every server certificate the store knows, pending first. */
export async function listOpcuaCertificates(pkiDir: string): Promise<OpcuaCertificateEntry[]> {
  const all = [...(await listFolder(pkiDir, 'pending')), ...(await listFolder(pkiDir, 'trusted')), ...(await listFolder(pkiDir, 'rejected'))];
  // A decided certificate no longer shows as pending.
  const decided = new Set(all.filter((c) => c.state !== 'pending').map((c) => c.thumbprint));
  const seen = new Set<string>();
  const out: OpcuaCertificateEntry[] = [];
  for (const { file: _file, ...entry } of all) {
    const key = `${entry.state}:${entry.thumbprint}`;
    if ((entry.state === 'pending' && decided.has(entry.thumbprint)) || seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

/** Where the store stands on a server certificate: 'unknown' means nobody decided yet. */
export async function opcuaCertificateState(pkiDir: string, der: Buffer): Promise<OpcuaCertificateState | 'unknown'> {
  const { thumbprint } = describeCertificate(der);
  if ((await listFolder(pkiDir, 'rejected')).some((c) => c.thumbprint === thumbprint)) return 'rejected';
  if ((await listFolder(pkiDir, 'trusted')).some((c) => c.thumbprint === thumbprint)) return 'trusted';
  if ((await listFolder(pkiDir, 'pending')).some((c) => c.thumbprint === thumbprint)) return 'pending';
  return 'unknown';
}

/** Files a server certificate for the operator's decision (idempotent). */
export async function recordPendingCertificate(pkiDir: string, der: Buffer): Promise<OpcuaCertificateInfo> {
  const info = describeCertificate(der);
  const folder = path.join(pkiDir, FOLDERS.pending);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, `${info.thumbprint}.der`), Buffer.from(info.certificate, 'base64'));
  return info;
}

async function decide(pkiDir: string, thumbprint: string, to: 'trusted' | 'rejected'): Promise<OpcuaCertificateEntry> {
  const wanted = thumbprint.replaceAll(':', '').toLowerCase();
  const candidates = [...(await listFolder(pkiDir, 'pending')), ...(await listFolder(pkiDir, 'trusted')), ...(await listFolder(pkiDir, 'rejected'))].filter(
    (c) => c.thumbprint === wanted,
  );
  const found = candidates[0];
  if (!found) throw new OpcuaTrustStoreError('not_found', `no OPC UA server certificate with thumbprint ${wanted} in ${pkiDir}`);
  const folder = path.join(pkiDir, FOLDERS[to]);
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, `${wanted}.der`);
  await writeFile(target, Buffer.from(found.certificate, 'base64'));
  for (const c of candidates) if (c.file !== target) await rm(c.file, { force: true });
  const { file: _file, ...entry } = found;
  return { ...entry, state: to };
}

export function trustOpcuaCertificate(pkiDir: string, thumbprint: string): Promise<OpcuaCertificateEntry> {
  return decide(pkiDir, thumbprint, 'trusted');
}

export function rejectOpcuaCertificate(pkiDir: string, thumbprint: string): Promise<OpcuaCertificateEntry> {
  return decide(pkiDir, thumbprint, 'rejected');
}

/**
 * The app's own client certificate manager, created on first use (node-opcua generates the key
 * and a self-signed certificate under own/). Never accepts an unknown server certificate.
 */
export async function openOpcuaCertificateManager(pkiDir: string): Promise<OPCUACertificateManager> {
  await mkdir(pkiDir, { recursive: true });
  const manager = new OPCUACertificateManager({ rootFolder: pkiDir, automaticallyAcceptUnknownCertificate: false });
  await manager.initialize();
  return manager;
}
