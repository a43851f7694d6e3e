// The Electron entry (bundled to dist/main/electron-main.mjs). Deliberately thin: the window, the
// menu, the app:// origin, the security rules and the IPC relay. The core (database, engines,
// discovery, imports, schedulers) runs in a utilityProcess (dist/main/core-process.mjs), built
// exactly as serve mode builds it, so nothing it does can freeze the window. Main starts it and
// waits for ready, relays the window's calls to it, reports a crash and offers a restart, and asks
// it to close on quit. All state lives inside main(); nothing is module-level.
import { mkdirSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, Menu, protocol, session, utilityProcess } from 'electron';
import { createConsoleLogger } from './console-logger.js';
import { coreProcessArgs } from './core-process-main.js';
import { coreCrashDetail, createCoreSupervisor } from './core-process-supervisor.js';
import { platformDataDir, resolveDataDir } from './data-dir.js';
import { APP_ENTRY_URL, isAppUrl, registerAppScheme, serveAppProtocol } from './electron-app-protocol.js';
import type { DownloadOutcome } from '../../src-shared/api/api-transport.js';
import { EXPORT_FORMAT_LABELS, EXPORTS_DIR_NAME, storedExportFileName } from '../../src-shared/api/exports.js';
import { registerIpcTransport, type ExportToSave, type IpcTransport } from './electron-ipc-transport.js';
import { aboutDetail, buildAppMenuTemplate } from './electron-menu.js';
import { hardenSession, hardenWebContents } from './electron-security.js';
import { createMainWindow } from './electron-window.js';
import { utilityProcessChild } from './utility-process-child.js';

const PRODUCT_NAME = 'Fieldwise';
/** How long quitting waits for the core to finish or cancel its work and close the database. */
const CORE_CLOSE_TIMEOUT_MS = 30_000;

/** FIELDWISE_CORE_INSPECT=<port> starts the core process with Node's inspector on 127.0.0.1:<port>. */
function coreExecArgv(env: NodeJS.ProcessEnv): string[] {
  const port = env.FIELDWISE_CORE_INSPECT;
  return port && /^\d{1,5}$/.test(port) ? [`--inspect=127.0.0.1:${port}`] : [];
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function main(): void {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const preloadPath = path.join(here, 'preload.cjs');
  const coreEntryPath = path.join(here, 'core-process.mjs');
  const rendererDir = path.join(here, '..', 'renderer');
  const isDevelopment = !app.isPackaged;
  // Main's own log (the core process logs on its own stderr).
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

  const supervisor = createCoreSupervisor({
    // The one Electron-specific line of the relay: everything around it is plain Node.
    launch: () =>
      utilityProcessChild(
        utilityProcess.fork(coreEntryPath, coreProcessArgs({ dataDir, version: app.getVersion() }), {
          serviceName: `${PRODUCT_NAME} core`,
          stdio: 'inherit',
          execArgv: coreExecArgv(process.env),
        }),
      ),
    logger: consoleLogger,
    closeTimeoutMs: CORE_CLOSE_TIMEOUT_MS,
  });
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

  // A finished export waits in the data folder; the person chooses where a copy goes.
  const saveExport = async (file: ExportToSave): Promise<DownloadOutcome> => {
    const options = {
      title: 'Save the export',
      defaultPath: path.join(app.getPath('downloads'), file.fileName),
      filters: [{ name: EXPORT_FORMAT_LABELS[file.format], extensions: [file.format] }],
    };
    const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return { status: 'cancelled' };
    await copyFile(path.join(dataDir, EXPORTS_DIR_NAME, storedExportFileName(file.id, file.format)), chosen.filePath);
    return { status: 'saved', path: chosen.filePath };
  };

  const openWindow = async (): Promise<void> => {
    const created = createMainWindow({ title: PRODUCT_NAME, preloadPath, isDevelopment });
    window = created;
    transport = registerIpcTransport({ core: supervisor.link, logger: consoleLogger, contents: created.webContents, isAppUrl, saveExport });
    created.on('closed', () => {
      transport?.dispose();
      transport = null;
      window = null;
    });
    await created.loadURL(APP_ENTRY_URL);
  };

  /** Starts the core process and waits for ready; on failure shows the core's own message. */
  const startCore = async (): Promise<boolean> => {
    try {
      await supervisor.start();
      return true;
    } catch (error) {
      // A quit while the core was starting ends it on purpose: no dialog for that.
      if (quitPhase !== 'running') return false;
      consoleLogger.error('The Fieldwise core could not start', { dataDir, error: describeError(error) });
      dialog.showErrorBox(`${PRODUCT_NAME} could not start`, `${describeError(error)}\n\nData folder: ${dataDir}`);
      return false;
    }
  };

  // A crash is shown, never papered over: the user restarts the core or quits.
  const offerRestart = async (detail: string): Promise<void> => {
    const options = {
      type: 'error' as const,
      title: `${PRODUCT_NAME} stopped working`,
      message: `The ${PRODUCT_NAME} core stopped unexpectedly.`,
      detail,
      buttons: ['Restart', 'Quit'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    };
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    if (quitPhase !== 'running') return;
    if (response !== 0 || !(await startCore())) {
      app.quit();
      return;
    }
    // The renderer's store is a cache of what the core owns: a reload refetches it from the new core.
    if (window && !window.isDestroyed()) window.webContents.reload();
  };
  supervisor.onUnexpectedExit((report) => {
    if (quitPhase !== 'running') return;
    void offerRestart(coreCrashDetail(report, dataDir)).catch((error: unknown) => {
      consoleLogger.error('Handling the core crash failed', { error: describeError(error) });
      app.quit();
    });
  });

  const start = async (): Promise<void> => {
    await app.whenReady();
    hardenSession(session.defaultSession, consoleLogger);
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, consoleLogger));
    serveAppProtocol(session.defaultSession.protocol, rendererDir);
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildAppMenuTemplate({ productName: PRODUCT_NAME, platform: process.platform, isDevelopment, onAbout: showAbout })));
    if (!(await startCore())) {
      if (quitPhase === 'running') app.exit(1);
      return;
    }
    if (quitPhase === 'running') {
      await openWindow().catch((error: unknown) => consoleLogger.error('The window failed to load', { error: describeError(error) }));
    }
    consoleLogger.info('Desktop shell started', { dataDir, version: app.getVersion(), packaged: app.isPackaged, corePid: supervisor.pid });
  };

  const shutdown = async (): Promise<void> => {
    transport?.dispose();
    transport = null;
    const outcome = await supervisor.close();
    if (outcome === 'killed' || outcome === 'unresponsive') {
      consoleLogger.warn('The core did not close in time and was ended', { outcome, timeoutMs: CORE_CLOSE_TIMEOUT_MS });
    }
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // One window, and the core's life is the window's: closing it quits on every platform (also on
  // macOS, so the core closes the database rather than leave it open behind a dock icon).
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the core to close (bounded by CORE_CLOSE_TIMEOUT_MS, then it is ended).
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

  start().catch((error: unknown) => {
    consoleLogger.error('The desktop shell failed to start', { error: describeError(error) });
    app.exit(1);
  });
}

main();
