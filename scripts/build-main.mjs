// Bundles the main-process entries with esbuild. Dependencies stay external (installed in
// node_modules, packed by electron-builder); our own code and the SQL migrations are bundled, so a
// packaged app never reads the migrations folder at run time.
import { build } from 'esbuild';
import { buildCli } from './build-cli.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

await Promise.all([
  // The command line is split into chunks that load on demand (see build-cli.mjs).
  buildCli({ outdir: 'dist/main' }),
  build({
    ...common,
    format: 'esm',
    outdir: 'dist/main',
    outExtension: { '.js': '.mjs' },
    entryPoints: {
      'electron-main': 'src-main/app/electron-main.ts',
      // The desktop app's core, forked by electron-main as a utilityProcess.
      'core-process': 'src-main/app/core-process.ts',
      'import-worker': 'src-main/services/imports/import-worker.ts',
    },
  }),
  // A sandboxed preload must be a single CommonJS file that requires only 'electron'.
  build({
    ...common,
    packages: undefined,
    external: ['electron'],
    format: 'cjs',
    minify: true,
    outfile: 'dist/main/preload.cjs',
    entryPoints: ['src-main/preload/preload.ts'],
  }),
]);
