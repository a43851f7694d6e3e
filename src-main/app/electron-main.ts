// The Electron entry (bundled to dist/main/electron-main.mjs). Deliberately thin: it builds the same
// AppCore that serve mode, the CLI and the tests use, then adds the shell around it — the app://
// origin, the security rules, one window, the menu and the IPC transport — and closes the core on
// quit. All state lives inside main(); nothing is module-level.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, Menu, protocol, session } from 'electron';
import type { AppCore } from './app-core.js';
import { createConsoleLogger } from './console-logger.js';
import { createAppCore } from './create-app-core.js';
import { platformDataDir, resolveDataDir } from './data-dir.js';
import { APP_ENTRY_URL, isAppUrl, registerAppScheme, serveAppProtocol } from './electron-app-protocol.js';
import { registerIpcTransport, type IpcTransport } from './electron-ipc-transport.js';
import { aboutDetail, buildAppMenuTemplate } from './electron-menu.js';
import { hardenSession, hardenWebContents } from './electron-security.js';
import { createMainWindow } from './electron-window.js';

const PRODUCT_NAME = 'Fieldwise';

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function main(): void {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const preloadPath = path.join(here, 'preload.cjs');
  const rendererDir = path.join(here, '..', 'renderer');
  const isDevelopment = !app.isPackaged;
  // Used until the core (and its own logger) exists, and for failures that keep it from existing.
  const consoleLogger = createConsoleLogger();

  // These must run before 'ready', so nothing above them awaits.
  registerAppScheme(protocol);
  app.enableSandbox();
  // The same default as the CLI and serve mode (not Electron's userData, which differs on Linux),
  // so the desktop app and `fieldwise import ...` work on the same inventory.
  const dataDir = resolveDataDir(process.argv, process.env, platformDataDir(process.platform, process.env));
  // Chromium's profile (cache, local storage) lives in a subfolder of the data folder, and the
  // single-instance lock, which is keyed on userData, becomes one instance per data folder: what
  // the SQLite database needs. setPath requires the folder to exist.
  const profileDir = path.join(dataDir, 'electron-profile');
  try {
    mkdirSync(profileDir, { recursive: true });
  } catch (error) {
    // showErrorBox is safe before 'ready'.
    dialog.showErrorBox(`${PRODUCT_NAME} could not start`, `The data folder cannot be created: ${describeError(error)}\n\nData folder: ${dataDir}`);
    app.exit(1);
    return;
  }
  app.setPath('userData', profileDir);
  app.setPath('sessionData', profileDir);
  if (!app.requestSingleInstanceLock()) {
    consoleLogger.info('Fieldwise is already running with this data folder; handing over to it.', { dataDir });
    app.quit();
    return;
  }

  let coreStarting: Promise<AppCore | null> | null = null;
  let window: BrowserWindow | null = null;
  let transport: IpcTransport | null = null;
  let quitPhase: 'running' | 'closing' | 'closed' = 'running';

  const showAbout = (): void => {
    const options = {
      type: 'info' as const,
      title: `About ${PRODUCT_NAME}`,
      message: PRODUCT_NAME,
      detail: aboutDetail({ version: app.getVersion(), dataDir, electronVersion: process.versions.electron ?? 'unknown' }),
      buttons: ['OK'],
    };
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };

  const openWindow = async (core: AppCore): Promise<void> => {
    const created = createMainWindow({ title: PRODUCT_NAME, preloadPath, isDevelopment });
    window = created;
    transport = registerIpcTransport({ core, contents: created.webContents, isAppUrl });
    created.on('closed', () => {
      transport?.dispose();
      transport = null;
      window = null;
    });
    await created.loadURL(APP_ENTRY_URL);
  };

  const start = async (): Promise<AppCore | null> => {
    await app.whenReady();
    let core: AppCore;
    try {
      core = await createAppCore({ dataDir, version: app.getVersion() });
    } catch (error) {
      consoleLogger.error('Fieldwise could not open its data folder', { dataDir, error: describeError(error) });
      dialog.showErrorBox(`${PRODUCT_NAME} could not start`, `${describeError(error)}\n\nData folder: ${dataDir}`);
      app.exit(1);
      return null;
    }
    hardenSession(session.defaultSession, core.logger);
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, core.logger));
    serveAppProtocol(session.defaultSession.protocol, rendererDir);
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate({ productName: PRODUCT_NAME, platform: process.platform, isDevelopment, onAbout: showAbout })));
    if (quitPhase === 'running') {
      await openWindow(core).catch((error: unknown) => core.logger.error('The window failed to load', { error: describeError(error) }));
    }
    core.logger.info('Desktop shell started', { dataDir, version: core.version, packaged: app.isPackaged });
    return core;
  };

  const shutdown = async (): Promise<void> => {
    transport?.dispose();
    transport = null;
    const core = await coreStarting;
    await core?.close();
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // One window, and the core's life is the window's: closing it quits on every platform (also on
  // macOS, so the database is closed rather than left open behind a dock icon).
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitPhase === 'closed') return;
    event.preventDefault();
    if (quitPhase === 'closing') return;
    quitPhase = 'closing';
    shutdown()
      .catch((error: unknown) => consoleLogger.error('Closing the core failed', { error: describeError(error) }))
      .finally(() => {
        quitPhase = 'closed';
        app.quit();
      });
  });
  // Ctrl+C in the terminal of `npm start` goes through the same orderly quit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  coreStarting = start().catch((error: unknown) => {
    consoleLogger.error('The desktop shell failed to start', { error: describeError(error) });
    app.exit(1);
    return null;
  });
}

main();
