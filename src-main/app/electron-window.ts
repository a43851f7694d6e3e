// The one application window; its web preferences come from electron-security.ts.
import { BrowserWindow } from 'electron';
import { mainWindowWebPreferences } from './electron-security.js';

export interface MainWindowOptions {
  title: string;
  /** Absolute path of dist/main/preload.cjs. */
  preloadPath: string;
  /** Developer tools are available only in unpackaged runs. */
  isDevelopment: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: mainWindowWebPreferences({ preloadPath: options.preloadPath, isDevelopment: options.isDevelopment }),
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
