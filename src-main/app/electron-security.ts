// Security rules of the desktop shell, applied to the session and to every web contents Electron
// creates. The window only ever shows the bundled renderer: it cannot navigate away, open windows,
// embed webviews, get any permission, or make a network request of its own (offline means
// offline: the main process makes the connections the user configured, never the window).
import type { Session, WebContents, WebPreferences } from 'electron';
import type { AppLogger } from './app-core.js';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './electron-app-protocol.js';

/** Schemes the window may never fetch from. app:, devtools:, data: and blob: are not in the list. */
const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];

/**
 * Replaces any Content-Security-Policy header with ours. Header names arrive in any case, so
 * existing ones are dropped case-insensitively rather than merged.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

export function hardenSession(session: Session, logger: AppLogger): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (details, callback) => {
    logger.warn('Blocked a network request from the window', { url: details.url.slice(0, 200) });
    callback({ cancel: true });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('Denied a permission request from the window', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Chromium's spell checker downloads dictionaries from Google: not in an offline tool.
  session.setSpellCheckerEnabled(false);
}

/** Applied to every web contents (the window, and anything that might be created despite the rules). */
export function hardenWebContents(contents: WebContents, logger: AppLogger): void {
  const blockUnlessApp = (kind: string, url: string, preventDefault: () => void): void => {
    if (isAppUrl(url)) return;
    preventDefault();
    logger.warn(`Blocked ${kind}`, { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => blockUnlessApp('a navigation', event.url, () => event.preventDefault()));
  contents.on('will-frame-navigate', (event) => blockUnlessApp('a frame navigation', event.url, () => event.preventDefault()));
  contents.on('will-redirect', (event) => blockUnlessApp('a redirect', event.url, () => event.preventDefault()));
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('Blocked a new window', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('Blocked a <webview>');
  });
}

/**
 * The window's web preferences. Every one that matters for security is spelled out, even where it
 * equals Electron's default, so a reader (or a future change of default) cannot miss it.
 */
export function mainWindowWebPreferences(options: { preloadPath: string; isDevelopment: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true, // the page cannot reach the preload's scope or Electron internals
    sandbox: true, // the renderer process is an OS-sandboxed Chromium renderer
    nodeIntegration: false, // no require/process in the page
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // same-origin policy stays on
    allowRunningInsecureContent: false,
    webviewTag: false, // no <webview>; will-attach-webview is blocked as well
    navigateOnDragDrop: false, // dropping a file must not replace the app with it
    spellcheck: false, // the spell checker downloads dictionaries from the internet
    safeDialogs: true,
    enableWebSQL: false,
    experimentalFeatures: false,
    devTools: options.isDevelopment,
  };
}
