// The window's origin: the bundled renderer is served from dist/renderer under a privileged custom
// scheme (app://fieldwise/...) rather than file://. A real origin makes CSP 'self', the IPC sender
// check and the navigation guard exact string comparisons, and keeps the window from reading any
// other file on disk (file:// pages can fetch file:// URLs; app:// serves only dist/renderer).
// Runtime Electron objects are passed in, so the pure parts here are testable under plain Node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'fieldwise';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The Content-Security-Policy of every page the app serves. 'unsafe-inline' styles only: the
 * component library injects <style> elements. No eval, no remote anything, no frames, no forms.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** True for URLs of the app's own origin (app://fieldwise/...), false for anything else or garbage. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request URL to a file inside rendererDir, or null when the URL is not ours or
 * would escape the folder (../, encoded separators, NUL bytes).
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const full = path.resolve(root, relative);
  return full.startsWith(root + path.sep) ? full : null;
}

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Declares app:// a standard, secure scheme. Electron requires this before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // corsEnabled + standard: Vite emits <script type="module" crossorigin>, which needs both.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/**
 * Serves dist/renderer on app://fieldwise. Every response carries the CSP itself (a custom
 * protocol's responses are not guaranteed to pass through webRequest.onHeadersReceived).
 * Extension-less paths that do not exist fall back to index.html so client-side routes reload.
 */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  const indexPath = path.join(rendererDir, 'index.html');
  const respond = (status: number, body: Uint8Array | string, contentType: string): Response =>
    new Response(typeof body === 'string' ? body : new Uint8Array(body), {
      status,
      headers: {
        'content-type': contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed', 'text/plain');
    const filePath = resolveAppAsset(rendererDir, request.url);
    if (filePath === null) return respond(404, 'Not found', 'text/plain');
    try {
      return respond(200, await readFile(filePath), contentTypeFor(filePath));
    } catch {
      if (path.extname(filePath) !== '') return respond(404, 'Not found', 'text/plain');
      try {
        return respond(200, await readFile(indexPath), contentTypeFor(indexPath));
      } catch {
        return respond(404, 'The renderer is not built: run `npm run build` first.', 'text/plain');
      }
    }
  });
}
