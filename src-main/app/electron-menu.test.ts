import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutDetail, buildAppMenuTemplate } from './electron-menu.js';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildAppMenuTemplate', () => {
  const base = { productName: 'Fieldwise', platform: 'linux' as const, onAbout: () => {} };

  it('has File, Edit, View and Help, with Quit in File', () => {
    const menu = buildAppMenuTemplate({ ...base, isDevelopment: false });
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(roles(menu.slice(0, 1))).toEqual(['quit']);
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(buildAppMenuTemplate({ ...base, isDevelopment: false }))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(buildAppMenuTemplate({ ...base, isDevelopment: false }))).not.toContain('toggleDevTools');
    expect(roles(buildAppMenuTemplate({ ...base, isDevelopment: true }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('starts with the application menu on macOS', () => {
    expect(buildAppMenuTemplate({ ...base, platform: 'darwin', isDevelopment: false })[0]).toEqual({ role: 'appMenu' });
  });

  it('calls onAbout from Help', () => {
    let opened = 0;
    const menu = buildAppMenuTemplate({ ...base, isDevelopment: false, onAbout: () => opened++ });
    const help = menu.at(-1)?.submenu;
    const about = Array.isArray(help) ? help[0] : undefined;
    expect(about?.label).toBe('About Fieldwise');
    about?.click?.(undefined as never, undefined, undefined as never);
    expect(opened).toBe(1);
  });
});

describe('aboutDetail', () => {
  it('names the version and the data folder', () => {
    expect(aboutDetail({ version: '0.1.0', dataDir: '/home/u/.config/Fieldwise', electronVersion: '39.8.10' })).toBe(
      'Version 0.1.0\nData folder: /home/u/.config/Fieldwise\nElectron 39.8.10',
    );
  });
});
