import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './electron-app-protocol.js';
import { mainWindowWebPreferences, withContentSecurityPolicy } from './electron-security.js';

describe('withContentSecurityPolicy', () => {
  it('replaces any existing policy header, whatever its case, and keeps the others', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'X-Other': ['1'] });
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
  it('adds the policy when the response had no headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('mainWindowWebPreferences', () => {
  it('isolates and sandboxes the page and gives it no Node', () => {
    const prefs = mainWindowWebPreferences({ preloadPath: '/app/dist/main/preload.cjs', isDevelopment: false });
    expect(prefs).toMatchObject({
      preload: '/app/dist/main/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });
  it('allows developer tools only in development', () => {
    expect(mainWindowWebPreferences({ preloadPath: '/p', isDevelopment: true }).devTools).toBe(true);
  });
});
