// The application menu: deliberately small. Quit, the standard edit and zoom roles (without an Edit
// menu, copy and paste shortcuts do not work on macOS), reload and developer tools only in
// development, and an About box that shows the version and where the data lives.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  productName: string;
  platform: NodeJS.Platform;
  /** Unpackaged runs (npm start) get Reload and Developer Tools; packaged builds do not. */
  isDevelopment: boolean;
  onAbout: () => void;
}

export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const developmentItems: MenuItemConstructorOptions[] = options.isDevelopment
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [...developmentItems, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { label: '&Help', role: 'help', submenu: [{ label: `About ${options.productName}`, click: () => options.onAbout() }] },
  ];
}

/** The text of the About box. */
export function aboutDetail(info: { version: string; dataDir: string; electronVersion: string }): string {
  return [`Version ${info.version}`, `Data folder: ${info.dataDir}`, `Electron ${info.electronVersion}`].join('\n');
}
