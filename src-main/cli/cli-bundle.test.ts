// The built `fieldwise` command, as users run it: bundled by scripts/build-cli.mjs (into a
// temporary folder inside the repository, so that node_modules resolves) and started as a real
// process through bin/fieldwise.mjs.
//
// Also guards start-up time without timing anything: the modules cli.mjs loads before a command
// runs must stay cheap (commander, node: built-ins, the cli/ definitions and zod-free value lists).
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli.mjs';
import { examplePath } from '../test-support/test-app-core.js';
import { runCli } from './run-cli.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Outputs read before any command runs: cli.mjs and what it imports statically, transitively. */
function startupOutputs(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entry);
  return [...seen];
}

interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

describe('the built fieldwise command', () => {
  let root: string;
  let bin: string;
  let metafile: Metafile;
  let version: string;

  beforeAll(async () => {
    await mkdir(join(repoRoot, 'dist'), { recursive: true });
    // <root>/bin/fieldwise.mjs runs <root>/dist/main/cli.mjs, which reads <root>/package.json.
    root = await mkdtemp(join(repoRoot, 'dist', '.cli-test-'));
    await mkdir(join(root, 'bin'));
    bin = join(root, 'bin', 'fieldwise.mjs');
    await copyFile(join(repoRoot, 'bin', 'fieldwise.mjs'), bin);
    await copyFile(join(repoRoot, 'package.json'), join(root, 'package.json'));
    version = (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    const built = await buildCli({ outdir: join(root, 'dist', 'main'), metafile: true });
    metafile = built.metafile as Metafile;
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  function run(args: readonly string[], options: { closeStdout?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
      // Closing our end of the pipe at once is what `| head -1` does after the first line, only
      // sooner: every write the command makes then fails with EPIPE.
      if (options.closeStdout) child.stdout.destroy();
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, out, err }));
    });
  }

  it('loads only cheap modules before a command runs', () => {
    const entry = Object.keys(metafile.outputs).find((path) => path.endsWith('/cli.mjs'));
    expect(entry).toBeDefined();
    const outputs = startupOutputs(metafile, entry as string);
    const inputs = outputs.flatMap((path) => Object.keys(metafile.outputs[path]?.inputs ?? {})).map((input) => relative(repoRoot, join(process.cwd(), input)));
    const allowed = [
      /^src-main\/cli\/[^/]+\.ts$/,
      /^src-main\/cli\/commands\/[^/]+-commands?\.ts$/,
      /^src-main\/cli\/commands\/(register-commands|safety-options|protocol-options)\.ts$/,
      /^src-main\/app\/data-dir\.ts$/,
      /^src-shared\/model\//,
      // The OT option syntax the flags parse (pure, zod-free; the scope editor uses it too).
      /^src-shared\/lib\/ot-option-syntax\.ts$/,
    ];
    expect(inputs.filter((input) => !allowed.some((pattern) => pattern.test(input)))).toEqual([]);
    const packages = outputs.flatMap((path) =>
      (metafile.outputs[path]?.imports ?? []).filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path),
    );
    expect(packages.filter((name) => name !== 'commander' && !name.startsWith('node:'))).toEqual([]);
    // Each command's implementation is a chunk of its own, loaded by import() when it runs.
    const dynamic = (metafile.outputs[entry as string]?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => i.path);
    expect(dynamic.some((path) => /cli-assets-actions-\w+\.mjs$/.test(path))).toBe(true);
  });

  it('prints --help and --version', async () => {
    const help = await run(['--help']);
    expect(help).toMatchObject({ code: 0, err: '' });
    expect(help.out).toMatch(/^Usage: fieldwise \[options\] \[command\]/);
    expect(help.out).toContain('discover');
    expect(await run(['--version'])).toMatchObject({ code: 0, out: `${version}\n`, err: '' });
  });

  it('explains a usage error on stderr with exit code 2', async () => {
    const result = await run(['credentials', 'add', 'x', '--kind', 'v4']);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(
      `fieldwise: option '--kind <kind>' argument 'v4' is invalid. "v4" is not a valid credential kind; use one of: v1, v2c, v3, snmp_v1, snmp_v2c, snmp_v3, opcua_user, opcua_certificate.\nRun "fieldwise credentials add --help" for usage.\n`,
    );
  });

  it('ends quietly when the reader of its output has gone (EPIPE)', async () => {
    const help = await run(['--help'], { closeStdout: true });
    expect(help).toMatchObject({ code: 0, signal: null, err: '' });

    // Some assets to list, imported in-process (this test's build has no import worker beside it).
    const dataDir = join(root, 'data');
    const quiet = { out: () => undefined, err: () => undefined, isTty: false };
    const imported = await runCli(['--data-dir', dataDir, 'import', examplePath('servers.csv'), '--kind', 'servers_cache'], {
      io: quiet,
      env: {},
      version,
      waitForStop: () => Promise.resolve(),
    });
    expect(imported).toBe(0);
    const listed = await run(['--data-dir', dataDir, 'assets', 'list'], { closeStdout: true });
    expect(listed).toMatchObject({ code: 0, signal: null, err: '' });
  });
});
