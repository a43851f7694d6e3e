// The command-line entry: the main jobs headless, through the same services as the window.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { ApiError, ASSET_SORT_FIELDS, type ApiInput, type ApiMethod, type ApiOutput, type AssetSortField } from '../../src-shared/api/index.js';
import { ASSET_CLASSES, isAssetClass, type AssetClass } from '../../src-shared/model/asset-classes.js';
import { IMPORT_FILE_FORMATS, IMPORT_KINDS, type ImportFileFormat, type ImportKind } from '../../src-shared/model/source-kinds.js';
import { startHttpServer } from '../api/http/http-server.js';
import type { CallContext } from '../api/dispatcher.js';
import { createConsoleLogger } from '../app/console-logger.js';
import { createAppCore, type FullAppCore } from '../app/create-app-core.js';
import { platformDataDir } from '../app/data-dir.js';
import { DatabaseError } from '../db/database-error.js';
import type { CredentialStore } from '../secrets/credential-store.js';
import type { CliIo } from './cli-io.js';
import { processPrompt, type CliPrompt } from './cli-prompt.js';
import { registerDiscoveryCommands } from './discovery-commands.js';
import { formatTable } from './format-table.js';

export interface CliEnvironment {
  io: CliIo;
  env: NodeJS.ProcessEnv;
  version: string;
  /** Resolves when the process is asked to stop (Ctrl+C); used by long-running commands. */
  waitForStop: () => Promise<void>;
  /** Where discovery secrets live (default: the OS keychain). Tests pass a MemoryCredentialStore. */
  credentials?: CredentialStore;
  /** Secret and confirmation prompts (default: the process's terminal or stdin). */
  prompt?: CliPrompt;
}

function choice<T extends string>(values: readonly T[], what: string) {
  return (value: string): T => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`"${value}" is not a valid ${what}; use one of: ${values.join(', ')}.`);
  };
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return n;
}

function rendererDirFrom(moduleUrl: string): string | null {
  // Built: dist/main/cli.mjs → dist/renderer. From source: src-main/cli/run-cli.ts → dist/renderer.
  const here = dirname(fileURLToPath(moduleUrl));
  for (const candidate of [join(here, '..', 'renderer'), join(here, '..', '..', 'dist', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const { io } = environment;
  let exitCode = 0;
  const program = new Command();
  program
    .name('fieldwise')
    .description('Fieldwise: offline-first inventory of IT, OT and cloud assets.')
    .version(environment.version)
    .option('--data-dir <dir>', 'where the database and uploads live (env FIELDWISE_DATA_DIR)')
    .option('--json', 'print results as JSON')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const dataDir = () => {
    const opts = program.opts<{ dataDir?: string }>();
    if (opts.dataDir) return resolve(opts.dataDir);
    if (environment.env.FIELDWISE_DATA_DIR) return resolve(environment.env.FIELDWISE_DATA_DIR);
    return platformDataDir(process.platform, environment.env);
  };
  const asJson = () => Boolean(program.opts<{ json?: boolean }>().json);
  const logger = createConsoleLogger({ quiet: true });

  async function withCore<T>(
    fn: (core: FullAppCore, call: <M extends ApiMethod>(m: M, input: ApiInput<M>) => Promise<ApiOutput<M>>) => Promise<T>,
    options: { scheduler?: boolean } = {},
  ): Promise<T> {
    // One-shot commands do not run scheduled discoveries; `serve` and `demo --serve` do.
    const core = await createAppCore({
      dataDir: dataDir(),
      version: environment.version,
      logger,
      scheduler: options.scheduler ?? false,
      ...(environment.credentials ? { credentials: environment.credentials } : {}),
    });
    const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>) => {
      const ctx: CallContext = { requestId: uuidv7(), actor: `cli:${environment.env.USER ?? environment.env.USERNAME ?? 'local'}`, transport: 'cli', access: 'write' };
      return (await core.dispatcher.dispatch(method, input, ctx)) as ApiOutput<M>;
    };
    try {
      return await fn(core, call);
    } finally {
      await core.close();
    }
  }

  async function serveCore(core: FullAppCore, opts: { host: string; port: number; allowRemote: boolean }): Promise<void> {
    const server = await startHttpServer(core, { host: opts.host, port: opts.port, allowRemote: opts.allowRemote, rendererDir: rendererDirFrom(import.meta.url) });
    io.out(`Fieldwise is ready at ${server.loginUrl}\n`);
    io.out(`Data directory: ${core.dataDir}\nPress Ctrl+C to stop.\n`);
    await environment.waitForStop();
    await server.close();
  }

  program
    .command('serve')
    .description('serve the UI and API on a loopback address; open the printed URL in a browser')
    .option('--host <host>', 'address to listen on (loopback only unless --allow-remote)', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', positiveInt, 4780)
    .option('--allow-remote', 'allow a non-loopback address (anyone with the token can change data)')
    .action(async (opts: { host: string; port: number; allowRemote?: boolean }) => {
      const core = await createAppCore({ dataDir: dataDir(), version: environment.version, logger: createConsoleLogger(), ...(environment.credentials ? { credentials: environment.credentials } : {}) });
      try {
        await serveCore(core, { host: opts.host, port: opts.port, allowRemote: Boolean(opts.allowRemote) });
      } finally {
        await core.close();
      }
    });

  program
    .command('import')
    .description('import a servers, desktops or cloud-instances file (JSON, NDJSON or CSV)')
    .argument('<file>', 'the file to import')
    .requiredOption('--kind <kind>', `what the file holds: ${IMPORT_KINDS.join(', ')}`, choice(IMPORT_KINDS, 'import kind'))
    .option('--format <format>', `${IMPORT_FILE_FORMATS.join(' or ')} (default: from the file extension)`, choice(IMPORT_FILE_FORMATS, 'format'))
    .option('--source-name <name>', 'name of the source (default: the kind); re-importing into the same source updates its records')
    .option('--network <name>', 'site or network the private IPs in this file belong to')
    .action(async (file: string, opts: { kind: ImportKind; format?: ImportFileFormat; sourceName?: string; network?: string }) => {
      await withCore(async (core, call) => {
        const started = await call('imports.start', { kind: opts.kind, path: resolve(file), format: opts.format, sourceName: opts.sourceName, network: opts.network });
        let lastDecile = -1;
        const stop = core.events.subscribe((event, payload) => {
          if (event !== 'run.progress' || asJson()) return;
          const p = payload as ApiOutput<'runs.get'> & { runId: string; records: number; bytesRead: number; totalBytes: number; phase: string };
          if (p.runId !== started.id || p.phase === 'done') return;
          const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 0;
          const line = `${p.phase === 'committing' ? 'committing' : 'reading'} ${p.records} records (${percent}%)`;
          if (io.isTty) io.err(`\r${line}   `);
          else if (p.phase === 'committing' || Math.floor(percent / 10) > lastDecile) {
            // Logs and CI get one line per tenth of the file, not one per progress event.
            lastDecile = Math.floor(percent / 10);
            io.err(`${line}\n`);
          }
        });
        const run = await core.imports.waitFor(started.id);
        stop();
        if (io.isTty && !asJson()) io.err('\n');
        if (asJson()) io.out(JSON.stringify(run, null, 2) + '\n');
        else if (run.status === 'succeeded') {
          const c = run.counts;
          io.out(`Imported ${run.scope}: ${c.read} read, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected in ${run.durationMs} ms (run ${run.id}).\n`);
        } else {
          io.err(`Import ${run.status}: ${run.error?.message ?? 'unknown error'}\n`);
        }
        exitCode = run.status === 'succeeded' ? 0 : 1;
      });
    });

  const assets = program.command('assets').description('browse the inventory');
  assets
    .command('list')
    .description('list assets, sorted and filtered')
    .option('--search <text>', 'free text: name, hostname, IP, MAC, serial, vendor, model')
    .option('--class <class...>', `asset classes: ${ASSET_CLASSES.join(', ')}`)
    .option('--tag <tag>', 'key or key=value')
    .option('--sort <field>', `one of ${ASSET_SORT_FIELDS.join(', ')}`, choice(ASSET_SORT_FIELDS, 'sort field'), 'name')
    .option('--desc', 'sort descending')
    .option('--limit <n>', 'at most this many rows', positiveInt, 50)
    .option('--offset <n>', 'skip this many rows', positiveInt, 0)
    .action(async (opts: { search?: string; class?: string[]; tag?: string; sort: AssetSortField; desc?: boolean; limit: number; offset: number }) => {
      const classes = (opts.class ?? []).map((c) => {
        if (!isAssetClass(c)) throw new InvalidArgumentError(`"${c}" is not an asset class; use one of: ${ASSET_CLASSES.join(', ')}.`);
        return c as AssetClass;
      });
      await withCore(async (_core, call) => {
        const page = await call('assets.list', {
          offset: opts.offset,
          limit: Math.min(Math.max(opts.limit, 1), 1000),
          sort: { field: opts.sort, direction: opts.desc ? 'desc' : 'asc' },
          filter: { search: opts.search, classes: classes.length ? classes : undefined, tag: opts.tag },
        });
        if (asJson()) return io.out(JSON.stringify(page, null, 2) + '\n');
        io.out(formatTable(['ID', 'NAME', 'CLASS', 'IP', 'SERIAL', 'VENDOR', 'MODEL', 'OS', 'LAST SEEN'], page.items.map((a) => [a.id, a.name, a.class, a.primaryIp, a.serial, a.vendor, a.model, a.osName, a.lastSeen])));
        io.out(`${page.items.length} of ${page.total} assets\n`);
      });
    });
  assets
    .command('show')
    .description('show one asset with the source, confidence and time of every field')
    .argument('<id>', 'asset id (see assets list)')
    .action(async (id: string) => {
      await withCore(async (_core, call) => {
        const detail = await call('assets.get', { id });
        if (asJson()) return io.out(JSON.stringify(detail, null, 2) + '\n');
        const s = detail.summary;
        io.out(`${s.name}  (${s.class}, ${s.status}${s.lifecycleStage ? `, ${s.lifecycleStage}` : ''})\nid ${s.id}  first seen ${s.firstSeen}  last seen ${s.lastSeen}\n\n`);
        io.out(formatTable(['FIELD', 'VALUE', 'SOURCE', 'CONFIDENCE', 'OBSERVED'], detail.fields.map((f) => [f.field, f.value === null ? '' : String(f.value), `${f.sourceName} (${f.sourceKind})`, f.confidence.toFixed(2), f.observedAt]), 60));
        if (detail.interfaces.length) io.out('\nInterfaces\n' + formatTable(['NAME', 'MAC', 'IPS'], detail.interfaces.map((n) => [n.name, n.mac, n.ips.map((i) => (i.network ? `${i.address} (${i.network})` : i.address)).join(', ')]), 80));
        if (detail.software.length) io.out('\nSoftware\n' + formatTable(['NAME', 'VERSION', 'VENDOR'], detail.software.map((sw) => [sw.name, sw.version, sw.vendor])));
        if (detail.tags.length) io.out('\nTags: ' + detail.tags.map((t) => `${t.key}=${t.value}`).join(', ') + '\n');
      });
    });

  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('check that no audit event was edited, deleted or reordered (exit code 1 if one was)')
    .action(async () => {
      await withCore(async (_core, call) => {
        const result = await call('audit.verify', {});
        if (asJson()) io.out(JSON.stringify(result, null, 2) + '\n');
        else if (result.ok) io.out(`Audit trail intact: ${result.checked} events checked.\n`);
        else {
          io.out(`Audit trail BROKEN: ${result.problems.length} problem(s) in ${result.checked} events.\n`);
          for (const p of result.problems) io.out(`  ${p.seq === null ? '-' : `#${p.seq}`}: ${p.problem}\n`);
        }
        exitCode = result.ok ? 0 : 1;
      });
    });

  registerDiscoveryCommands(program, {
    io,
    prompt: environment.prompt ?? processPrompt(),
    asJson,
    withCore,
    serve: (core, opts) => serveCore(core, { ...opts, allowRemote: false }),
    waitForStop: environment.waitForStop,
    setExitCode: (code) => {
      exitCode = code;
    },
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ApiError || error instanceof DatabaseError || error instanceof InvalidArgumentError) {
      io.err(`fieldwise: ${error.message}\n`);
      return error instanceof InvalidArgumentError ? 2 : 1;
    }
    io.err(`fieldwise: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
