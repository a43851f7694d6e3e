// The core process for real, under plain Node: the core-process entry forked through tsx on a
// temporary data folder, behind the same supervisor, client and IPC transport Electron main uses
// (only utilityProcess.fork is swapped for child_process.fork). Nothing here measures time: the
// tests assert what happens and in which order, and every wait is generous.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL, type IpcCallResult } from '../../src-shared/api/bridge.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import type { AppLogger } from './app-core.js';
import { CoreStartError, type CoreExitReport } from './core-process-client.js';
import { coreProcessArgs } from './core-process-main.js';
import { createCoreSupervisor, type CoreSupervisor } from './core-process-supervisor.js';
import { isAppUrl } from './electron-app-protocol.js';
import { registerIpcTransport, type IpcInvokeEventLike, type IpcTransport } from './electron-ipc-transport.js';
import { forkCoreProcess } from './node-child-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORE_ENTRY = fileURLToPath(new URL('./core-process.ts', import.meta.url));
const CORE_WITH_TEST_CALLS = fileURLToPath(new URL('./test-fixtures/core-process-with-test-calls.ts', import.meta.url));
const TSX = ['--import', 'tsx'];
/** Long enough for a busy two-core machine; the tests never wait for it to pass. */
const PATIENCE_MS = 90_000;

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcCallResult>;

const fromWindow: IpcInvokeEventLike = { sender: { id: 1 }, senderFrame: { url: 'app://fieldwise/index.html', parent: null } };
const fromElsewhere: IpcInvokeEventLike = { sender: { id: 1 }, senderFrame: { url: 'https://example.invalid/', parent: null } };

/** A pid that is still a running process (a zombie waiting to be reaped counts as gone). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

async function waitFor(condition: () => boolean, what: string, context: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function quietLogger(lines: string[]): AppLogger {
  const log = (level: string) => (message: string, data?: Record<string, unknown>) => lines.push(`main ${level} ${message} ${data ? JSON.stringify(data) : ''}`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

interface Shell {
  supervisor: CoreSupervisor;
  transport: IpcTransport;
  /** What the window received on the event channel: [name, payload]. */
  events: [string, unknown][];
  /** Every core process this shell started. */
  pids: number[];
  /** Log lines of main and of the core processes (their stderr). */
  logs: string[];
  call(method: unknown, input?: unknown, sender?: IpcInvokeEventLike): Promise<IpcCallResult>;
  upload(fileName: string, bytes: Uint8Array): Promise<IpcCallResult>;
}

/** Electron main's relay (supervisor + IPC transport) with a stand-in window, over a forked core. */
function createShell(dataDir: string, entry = CORE_ENTRY, closeTimeoutMs = PATIENCE_MS): Shell {
  const logs: string[] = [];
  const pids: number[] = [];
  const handlers = new Map<string, Listener>();
  const events: [string, unknown][] = [];
  const supervisor = createCoreSupervisor({
    launch: () => {
      const { process: forked, child } = forkCoreProcess({ modulePath: entry, args: coreProcessArgs({ dataDir, version: '0.0.0-test' }), execArgv: TSX, cwd: root, stdio: 'pipe' });
      if (forked.pid !== undefined) pids.push(forked.pid);
      forked.stderr?.on('data', (chunk: Buffer) => logs.push(`core ${chunk.toString('utf8').trimEnd()}`));
      forked.stdout?.resume();
      return child;
    },
    logger: quietLogger(logs),
    closeTimeoutMs,
    killTimeoutMs: PATIENCE_MS,
  });
  const transport = registerIpcTransport({
    core: supervisor.link,
    logger: quietLogger(logs),
    isAppUrl,
    saveExport: async () => ({ status: 'cancelled' }),
    contents: {
      id: 1,
      ipc: { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) },
      isDestroyed: () => false,
      send: (channel, name, payload) => {
        if (channel === IPC_EVENT_CHANNEL) events.push([name as string, payload]);
      },
    },
  });
  const invoke = (channel: string, sender: IpcInvokeEventLike, ...args: unknown[]): Promise<IpcCallResult> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(sender, ...args);
  };
  return {
    supervisor,
    transport,
    events,
    pids,
    logs,
    call: (method, input = {}, sender = fromWindow) => invoke(IPC_CALL_CHANNEL, sender, method, input),
    // What the preload sends: the file's bytes as an ArrayBuffer.
    upload: (fileName, bytes) => invoke(IPC_UPLOAD_CHANNEL, fromWindow, fileName, bytes.slice().buffer),
  };
}

function resultOf(outcome: IpcCallResult): unknown {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}

describe('the core process behind the relay', { timeout: 4 * PATIENCE_MS }, () => {
  let dir: TempDir;
  let shells: Shell[] = [];
  const dataDir = () => dir.file('data');
  const shell = (entry?: string, closeTimeoutMs?: number): Shell => {
    const created = createShell(dataDir(), entry, closeTimeoutMs);
    shells.push(created);
    return created;
  };
  const logsOf = (s: Shell) => () => s.logs.join('\n');

  beforeEach(async () => {
    dir = await createTempDir('fieldwise-core-process-');
    shells = [];
  });

  afterEach(async () => {
    for (const s of shells) {
      s.transport.dispose();
      await s.supervisor.close();
      // Nothing left running: every core process this test started is gone.
      for (const pid of s.pids) await waitFor(() => !isRunning(pid), `core process ${pid} to end`, logsOf(s));
    }
    await dir.remove();
  });

  it('relays calls and answers with IpcCallResults: results, contract errors, main-side refusals', async () => {
    const s = shell();
    const ready = await s.supervisor.start();
    expect(ready).toEqual({ version: '0.0.0-test', dataDir: dataDir() });
    expect(s.supervisor.pid).not.toBe(process.pid);

    expect(resultOf(await s.call('system.info'))).toMatchObject({ version: '0.0.0-test', dataDir: dataDir() });
    // Validated by the dispatcher in the core, against the contract.
    const invalid = await s.call('runs.get', { id: 42 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request', details: [expect.objectContaining({ path: 'id' })] } });
    expect(await s.call('no.such.call')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Refused in main before anything reaches the core.
    expect(await s.call(42)).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'The call name must be a string.' } });
    expect(await s.call('system.info', {}, fromElsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Every failure names its request id.
    if (!invalid.ok) expect(invalid.error.requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it('streams an upload into the core in chunks, imports it, and forwards the import events to the window', async () => {
    const s = shell();
    await s.supervisor.start();
    // More than two chunks, with every byte value: what arrives must be exactly what was sent.
    const big = new Uint8Array(2 * 1024 * 1024 + 12345).map((_, i) => (i * 31 + 7) % 256);
    const saved = resultOf(await s.upload('big.bin', big)) as { uploadId: string; bytes: number };
    expect(saved.bytes).toBe(big.byteLength);
    expect(Buffer.compare(await readFile(path.join(dataDir(), 'uploads', saved.uploadId)), Buffer.from(big))).toBe(0);

    const csv = await readFile(path.join(root, 'examples', 'servers.csv'));
    const upload = resultOf(await s.upload('servers.csv', csv)) as { uploadId: string; bytes: number };
    expect(upload.bytes).toBe(csv.byteLength);
    const run = resultOf(await s.call('imports.start', { kind: 'servers_cache', uploadId: upload.uploadId })) as { id: string };
    await waitFor(() => s.events.some(([name, payload]) => name === 'run.finished' && (payload as { id: string }).id === run.id), 'the run.finished event', logsOf(s));
    const finished = s.events.find(([name]) => name === 'run.finished')?.[1] as { status: string };
    expect(finished.status).toBe('succeeded');
    expect(s.events.map(([name]) => name)).toContain('run.progress');
    expect(s.events.map(([name]) => name)).toContain('assets.changed');
    const list = resultOf(await s.call('assets.list', {})) as { items: unknown[] };
    expect(list.items.length).toBeGreaterThan(0);
  });

  it('keeps the parent responsive while the core is blocked by a long synchronous job', async () => {
    const s = shell(CORE_WITH_TEST_CALLS);
    await s.supervisor.start();
    const startedFile = dir.file('started');
    const releaseFile = dir.file('release');
    const order: string[] = [];

    const blocking = s.call('test.blockUntil', { startedFile, releaseFile }).then((outcome) => {
      order.push('core answered the blocking call');
      return outcome;
    });
    // The parent's timers keep running while it waits for the core to be inside the job.
    await waitFor(() => existsSync(startedFile), 'the core to start blocking', logsOf(s));
    order.push('core is blocked');
    const queued = s.call('system.info').then((outcome) => {
      order.push('core answered the call queued behind it');
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    order.push('parent timer ran');
    await new Promise((resolve) => setImmediate(resolve));
    order.push('parent immediate ran');
    // Main still answers the window itself: a message from a foreign frame is refused at once.
    expect(await s.call('system.info', {}, fromElsewhere)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    order.push('main answered the window');
    writeFileSync(releaseFile, '');
    order.push('released');

    expect(resultOf(await blocking)).toEqual({ blocked: true });
    expect(resultOf(await queued)).toMatchObject({ version: '0.0.0-test' });
    expect(order).toEqual([
      'core is blocked',
      'parent timer ran',
      'parent immediate ran',
      'main answered the window',
      'released',
      'core answered the blocking call',
      'core answered the call queued behind it',
    ]);
  });

  it('closes in order on quit: the core stops its work, closes the database and exits with 0', async () => {
    const s = shell();
    await s.supervisor.start();
    const pid = s.supervisor.pid!;
    const exits: CoreExitReport[] = [];
    s.supervisor.onUnexpectedExit((report) => exits.push(report));
    expect(existsSync(path.join(dataDir(), 'fieldwise.sqlite-wal'))).toBe(true);

    expect(await s.supervisor.close()).toBe('closed');
    expect(isRunning(pid)).toBe(false);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(path.join(dataDir(), 'fieldwise.sqlite-wal'))).toBe(false);
    expect(exits).toEqual([]);
    expect(await s.call('system.info')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await expect(s.supervisor.start()).rejects.toThrow(/closed/);
  });

  it('reports a core that cannot start with its own message (a database from a newer version)', async () => {
    mkdirSync(dataDir(), { recursive: true });
    const future = new BetterSqlite3(path.join(dataDir(), 'fieldwise.sqlite'));
    future.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
    future.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?, ?)').run('9999_from_a_newer_fieldwise', 'x', new Date().toISOString());
    future.close();

    const s = shell();
    const failure = await s.supervisor.start().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CoreStartError);
    expect((failure as Error).message).toMatch(/migrated by a different version of Fieldwise.*9999_from_a_newer_fieldwise/);
    expect(await s.call('system.info')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('reports a crash with what the core said, fails its open calls, and restarts only when asked', async () => {
    const s = shell(CORE_WITH_TEST_CALLS);
    await s.supervisor.start();
    const firstPid = s.supervisor.pid!;
    const crashes: CoreExitReport[] = [];
    s.supervisor.onUnexpectedExit((report) => crashes.push(report));

    // A call that never finishes in this process: the crash answers it.
    const open = s.call('test.blockUntil', { startedFile: dir.file('started'), releaseFile: dir.file('never') });
    await waitFor(() => existsSync(dir.file('started')), 'the core to start blocking', logsOf(s));
    process.kill(firstPid, 'SIGKILL');
    expect(await open).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    await waitFor(() => crashes.length === 1, 'the crash report', logsOf(s));
    expect(crashes[0]).toMatchObject({ expected: false, signal: 'SIGKILL', closedInOrder: false });

    // Nothing restarts by itself.
    expect(s.supervisor.pid).toBeUndefined();
    expect(await s.call('system.info')).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    await s.supervisor.start();
    expect(s.supervisor.pid).not.toBe(firstPid);
    expect(resultOf(await s.call('system.info'))).toMatchObject({ version: '0.0.0-test' });

    // An uncaught error in the core: its message is what the report (and the dialog) shows.
    expect(resultOf(await s.call('test.crash', { message: 'the reconciler tripped over a cycle' }))).toEqual({ crashing: true });
    await waitFor(() => crashes.length === 2, 'the second crash report', logsOf(s));
    expect(crashes[1]).toMatchObject({ expected: false, code: 1, message: 'the reconciler tripped over a cycle' });
  });

  it('ends a core that does not close within the bound', async () => {
    const s = shell(CORE_WITH_TEST_CALLS, 1_000);
    await s.supervisor.start();
    const pid = s.supervisor.pid!;
    // Blocked for good: it cannot even read the request to close.
    void s.call('test.blockUntil', { startedFile: dir.file('started'), releaseFile: dir.file('never') });
    await waitFor(() => existsSync(dir.file('started')), 'the core to start blocking', logsOf(s));
    expect(await s.supervisor.close()).toBe('killed');
    expect(isRunning(pid)).toBe(false);
  });

  it('closes itself when its parent dies without asking', async () => {
    // An intermediate parent forks the core, reports its pid, and is then killed outright.
    const script = `
      import { fork } from 'node:child_process';
      const core = fork(${JSON.stringify(CORE_ENTRY)}, ${JSON.stringify(coreProcessArgs({ dataDir: dataDir(), version: '0.0.0-test' }))},
        { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      core.on('message', (message) => { if (message.type === 'ready') process.stdout.write(String(core.pid) + '\\n'); });
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = '';
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => (reported += chunk.toString('utf8')));
    parent.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    let corePid = 0;
    try {
      await waitFor(() => /^\d+\n/.test(reported) || parent.exitCode !== null, 'the intermediate parent to report the core pid', () => output);
      expect(parent.exitCode, output).toBeNull();
      corePid = Number(reported.trim());
      expect(isRunning(corePid)).toBe(true);

      parent.kill('SIGKILL');
      await waitFor(() => !isRunning(corePid), 'the orphaned core to close itself', () => output);
      // It closed in order rather than dying: the database was closed cleanly.
      expect(existsSync(path.join(dataDir(), 'fieldwise.sqlite-wal'))).toBe(false);
      expect(output).toContain('The parent process is gone; closing the core');
    } finally {
      parent.kill('SIGKILL');
      if (corePid && isRunning(corePid)) process.kill(corePid, 'SIGKILL');
    }
  });
});
