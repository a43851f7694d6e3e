// Bundles the `fieldwise` command into <outdir>/cli.mjs plus chunks that load on demand.
//
// Start-up matters for a command line: `fieldwise --help` should not load the database, SNMP,
// Fastify and the whole core. cli.mjs holds only the command definitions (commander, value lists);
// each command's `await import('./x-actions.js')` becomes a split point, so its code (and the core
// behind it) is read from a cli-*.mjs chunk only when that command runs. Chunks sit beside cli.mjs,
// not in a subfolder, because bundled code finds its neighbours relative to its own file
// (import-worker.mjs, ../renderer).
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const CHUNK_PREFIX = 'cli-';

/** @param {{ outdir: string, metafile?: boolean }} options */
export async function buildCli({ outdir, metafile = false }) {
  // Chunk names carry a content hash: clear the previous build's so that stale ones do not pile up.
  const previous = await readdir(outdir).catch(() => []);
  await Promise.all(previous.filter((f) => f.startsWith(CHUNK_PREFIX) && /\.mjs(\.map)?$/.test(f)).map((f) => rm(join(outdir, f), { force: true })));
  return build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    format: 'esm',
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    entryPoints: { cli: 'src-main/cli/main.ts' },
    entryNames: '[name]',
    chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
    metafile,
  });
}
