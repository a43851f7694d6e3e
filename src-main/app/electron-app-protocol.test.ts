import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  isAppUrl,
  registerAppScheme,
  resolveAppAsset,
  serveAppProtocol,
} from './electron-app-protocol.js';

describe('isAppUrl', () => {
  it('accepts only app://fieldwise', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://fieldwise/assets/index-abc.js?x=1#y')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://fieldwise.evil/index.html')).toBe(false);
    expect(isAppUrl('https://fieldwise/index.html')).toBe(false);
    expect(isAppUrl('file:///fieldwise/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('resolveAppAsset', () => {
  const root = path.resolve('/srv/renderer');
  it('maps paths inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://fieldwise/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://fieldwise/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://fieldwise/assets/a%20b.js?v=1')).toBe(path.join(root, 'assets', 'a b.js'));
  });
  it.each([
    'app://fieldwise/../../etc/passwd',
    'app://fieldwise/%2e%2e/%2e%2e/etc/passwd',
    'app://fieldwise/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://fieldwise/..%5c..%5cwindows%5cwin.ini',
    'app://fieldwise/index.html%00.js',
    'app://fieldwise/%E0%A4%A',
    'app://elsewhere/index.html',
    'https://fieldwise/index.html',
  ])('keeps %s inside the folder or refuses it', (url) => {
    const resolved = resolveAppAsset(root, url);
    expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
  });
  it('never resolves outside the folder for traversal attempts', () => {
    // The URL parser already resolves plain and %2e dot segments; encoded slashes reach the decoder.
    expect(resolveAppAsset(root, 'app://fieldwise/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppAsset(root, 'app://fieldwise/assets/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppAsset(root, 'app://fieldwise/index.html%00.js')).toBeNull();
    expect(resolveAppAsset(root, 'app://elsewhere/index.html')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the files Vite emits', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.bin')).toBe('application/octet-stream');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows only our own scripts and no remote connections', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
  });
});

describe('registerAppScheme', () => {
  it('registers app:// as standard and secure', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });
});

describe('serveAppProtocol', () => {
  let dir = '';
  let handler: ((request: Request) => Response | Promise<Response>) | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fieldwise-protocol-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Fieldwise</title>');
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    serveAppProtocol(
      {
        handle: (scheme, h) => {
          expect(scheme).toBe('app');
          handler = h;
        },
      },
      path.join(dir, 'renderer'),
    );
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const get = async (url: string, method = 'GET') => {
    if (!handler) throw new Error('no handler');
    return handler(new Request(url, { method }));
  };

  it('serves files with their type and the CSP', async () => {
    const response = await get('app://fieldwise/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('console.log(1)');
  });
  it('falls back to index.html for client-side routes but not for missing files', async () => {
    const route = await get('app://fieldwise/assets-view/123');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Fieldwise</title>');
    expect((await get('app://fieldwise/assets/missing.js')).status).toBe(404);
  });
  it('does not serve anything outside the renderer folder', async () => {
    const response = await get('app://fieldwise/assets/..%2f..%2fsecret.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });
  it('answers only GET and HEAD', async () => {
    expect((await get('app://fieldwise/index.html', 'POST')).status).toBe(405);
  });
});
