// Electron main stays thin: its bundle holds the window, the security rules and the relay, and
// none of the core (database, services, engines, collectors). If an import pulled the core back
// into main, a long rebuild could freeze the window again; this test would say which file did it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function bundleInputs(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { files: Object.keys(result.metafile.inputs), packages: (output?.imports ?? []).filter((i) => i.external).map((i) => i.path) };
}

describe('the Electron main bundle', () => {
  it('holds none of the core: no database, services, engines, collectors or createAppCore', async () => {
    const main = await bundleInputs('src-main/app/electron-main.ts');
    const core = main.files.filter((file) => /^src-main\/(db|services|engine|collectors|sync|secrets|api)\/|create-app-core/.test(file));
    expect(core).toEqual([]);
    expect(main.packages).not.toContain('better-sqlite3');
    expect(main.packages).toContain('electron');
  });

  it('leaves the core to the core-process bundle', async () => {
    const coreProcess = await bundleInputs('src-main/app/core-process.ts');
    expect(coreProcess.files).toContain('src-main/app/create-app-core.ts');
    expect(coreProcess.packages).not.toContain('electron');
  });
});
