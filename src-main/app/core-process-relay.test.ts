// The relay's protocol in one process: the core host and the parent's client joined by an in-memory
// channel that copies every message with structuredClone (as Electron's port and Node's 'advanced'
// IPC do). Covers what is awkward to provoke in a real core: the start gate, the upload limit
// reached mid-stream, malformed messages, and the order of an orderly close.
import { EventEmitter } from 'node:events';
import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { Dispatcher } from '../api/dispatcher.js';
import { createEventBus } from '../services/event-bus.js';
import { createFsUploadStore } from '../services/fs-upload-store.js';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import type { AppCore, AppLogger } from './app-core.js';
import { createCoreProcessClient, describeCoreExit, type CoreChildProcess, type CoreProcessExit } from './core-process-client.js';
import { hostCoreProcess } from './core-process-host.js';
import { parseCoreProcessArgs } from './core-process-main.js';
import type { CoreParentPort } from './core-process-port.js';
import { UPLOAD_CHUNK_BYTES } from './core-process-protocol.js';
import { coreCrashDetail } from './core-process-supervisor.js';
import { utilityProcessChild, type UtilityProcessLike } from './utility-process-child.js';

function recordingLogger(lines: string[]): AppLogger {
  return {
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
function deferred(): Deferred {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A core with a stand-in dispatcher and the real file-system upload store. */
async function fakeCore(dir: TempDir, options: { maxUploadBytes: number; gate?: Deferred; order: string[] }): Promise<AppCore> {
  let nextId = 0;
  const uploads = await createFsUploadStore({ dir: dir.file('uploads'), maxBytes: options.maxUploadBytes, newId: () => `u${++nextId}` });
  const dispatcher: Dispatcher = {
    async dispatch(method, input, ctx) {
      if (method === 'echo') return { input, ctx };
      if (method === 'conflict') throw new ApiError('conflict', 'Someone else changed it.');
      if (method === 'explode') throw new Error('disk I/O error at /secret/place');
      if (method === 'wait') {
        await options.gate?.promise;
        options.order.push('slow call finished');
        return { waited: true };
      }
      throw new ApiError('not_found', `Unknown API call "${method}".`);
    },
  };
  return {
    dispatcher,
    events: createEventBus(),
    uploads,
    logger: recordingLogger([]),
    dataDir: dir.path,
    version: '9.9.9',
    async close() {
      options.order.push('core closed');
    },
  };
}

/** Host and client joined in memory; every message is copied and delivered on a later turn. */
function connect(startCore: () => Promise<AppCore>) {
  const toCore: unknown[] = [];
  const toParent: unknown[] = [];
  const logs: string[] = [];
  const parentListeners: ((message: unknown) => void)[] = [];
  const coreListeners: ((message: unknown) => void)[] = [];
  const exitListeners: ((exit: CoreProcessExit) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  let exit: CoreProcessExit | null = null;
  const ended = (value: CoreProcessExit) => {
    if (exit) return;
    exit = value;
    for (const listener of exitListeners) listener(value);
  };
  const deliver = (log: unknown[], listeners: ((message: unknown) => void)[], message: unknown) => {
    const copy = structuredClone(message);
    log.push(copy);
    setImmediate(() => {
      for (const listener of listeners) listener(copy);
    });
  };
  const child: CoreChildProcess = {
    pid: 4242,
    postMessage: (message) => {
      if (!exit) deliver(toCore, coreListeners, message);
    },
    onMessage: (listener) => void parentListeners.push(listener),
    onExit: (listener) => (exit ? listener(exit) : void exitListeners.push(listener)),
    kill: () => ended({ code: null, signal: 'SIGTERM', detail: null }),
  };
  const port: CoreParentPort = {
    postMessage: (message) => deliver(toParent, parentListeners, message),
    onMessage: (listener) => void coreListeners.push(listener),
    onDisconnect: (listener) => void disconnectListeners.push(listener),
    flush: () => new Promise((resolve) => setImmediate(resolve)),
  };
  const exitCodes: number[] = [];
  const host = hostCoreProcess({
    port,
    startCore,
    logger: recordingLogger(logs),
    exit: (code) => {
      exitCodes.push(code);
      setImmediate(() => ended({ code, signal: null, detail: null }));
    },
  });
  const client = createCoreProcessClient(child, { logger: recordingLogger(logs) });
  return {
    client,
    host,
    toCore,
    toParent,
    logs,
    exitCodes,
    injectToCore: (raw: unknown) => deliver(toCore, coreListeners, raw),
    injectToParent: (raw: unknown) => deliver(toParent, parentListeners, raw),
    disconnect: () => disconnectListeners.forEach((listener) => listener()),
  };
}

const typesOf = (messages: unknown[]) => messages.map((m) => (m as { type: string }).type);

describe('the relay protocol (core host ⇄ parent client)', () => {
  let dir: TempDir;
  let order: string[];
  beforeEach(async () => {
    dir = await createTempDir('fieldwise-relay-');
    order = [];
  });
  afterEach(async () => {
    await dir.remove();
  });

  it("answers 'unavailable' until the core is ready, then runs calls as the window's local user", async () => {
    const gate = deferred();
    const r = connect(async () => {
      await gate.promise;
      return fakeCore(dir, { maxUploadBytes: 100, order });
    });
    expect(await r.client.call('r1', 'echo', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'Fieldwise is still starting; try again in a moment.', requestId: 'r1' },
    });
    gate.resolve();
    expect(await r.client.ready).toEqual({ version: '9.9.9', dataDir: dir.path });
    expect(await r.client.call('r2', 'echo', { a: [1, 2] })).toEqual({
      ok: true,
      result: { input: { a: [1, 2] }, ctx: { requestId: 'r2', actor: 'local-user', transport: 'ipc', access: 'write' } },
    });
  });

  it('passes ApiErrors through and hides unexpected errors behind a generic internal error', async () => {
    const r = connect(() => fakeCore(dir, { maxUploadBytes: 100, order }));
    await r.client.ready;
    expect(await r.client.call('r1', 'conflict', {})).toEqual({ ok: false, error: { code: 'conflict', message: 'Someone else changed it.', requestId: 'r1' } });
    const hidden = await r.client.call('r2', 'explode', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal', requestId: 'r2' } });
    expect(JSON.stringify(hidden)).not.toContain('/secret/place');
    expect(r.logs).toContain('error A call from the window failed unexpectedly');
  });

  it('reassembles a chunked upload exactly, one chunk in flight at a time', async () => {
    const r = connect(() => fakeCore(dir, { maxUploadBytes: 10 * UPLOAD_CHUNK_BYTES, order }));
    await r.client.ready;
    const bytes = new Uint8Array(2 * UPLOAD_CHUNK_BYTES + 3).map((_, i) => i % 251);
    const result = await r.client.upload('r1', 'a.bin', bytes);
    expect(result).toEqual({ ok: true, result: { uploadId: 'u1', bytes: bytes.byteLength } });
    expect(typesOf(r.toCore)).toEqual(['upload-start', 'upload-chunk', 'upload-chunk', 'upload-chunk', 'upload-end']);
    // Each chunk went out only after the core pulled for it.
    const pulls = typesOf(r.toParent).filter((t) => t === 'upload-pull').length;
    expect(pulls).toBeGreaterThanOrEqual(4);
    // Every chunk is a copy of its own bytes, not a view of the whole file.
    for (const message of r.toCore.filter((m) => (m as { type: string }).type === 'upload-chunk')) {
      const data = (message as { data: Uint8Array }).data;
      expect(data.buffer.byteLength).toBe(data.byteLength);
    }
  });

  it("stops an upload at the store's limit: the core refuses mid-stream and the parent sends no more", async () => {
    const r = connect(() => fakeCore(dir, { maxUploadBytes: UPLOAD_CHUNK_BYTES + 10, order }));
    await r.client.ready;
    const result = await r.client.upload('r1', 'big.csv', new Uint8Array(6 * UPLOAD_CHUNK_BYTES));
    expect(result).toMatchObject({ ok: false, error: { code: 'payload_too_large', requestId: 'r1' } });
    const chunks = typesOf(r.toCore).filter((t) => t === 'upload-chunk').length;
    expect(chunks).toBeLessThanOrEqual(3);
    expect(typesOf(r.toCore)).not.toContain('upload-end');
    // Nothing of the refused upload is left on disk.
    expect(await readdir(dir.file('uploads'))).toEqual([]);
  });

  it('drops malformed messages on both sides, and answers a malformed call so nobody waits for it', async () => {
    const r = connect(() => fakeCore(dir, { maxUploadBytes: 100, order }));
    await r.client.ready;
    const events: string[] = [];
    r.client.subscribe((name) => events.push(name));
    r.injectToCore({ type: 'call', requestId: 'bad-1', method: 42 });
    r.injectToCore({ type: 'reboot' });
    r.injectToParent({ type: 'event', name: 'not.in.the.contract', payload: {} });
    r.injectToParent({ type: 'result', requestId: 7 });
    r.injectToParent('garbage');
    // A round trip after them: everything above has been handled by the time it returns.
    expect(await r.client.call('r1', 'echo', {})).toMatchObject({ ok: true });
    expect(r.toParent).toContainEqual({
      type: 'result',
      requestId: 'bad-1',
      result: { ok: false, error: { code: 'bad_request', message: 'The core process refused a malformed message.', requestId: 'bad-1' } },
    });
    expect(events).toEqual([]);
    expect(r.logs.filter((line) => line === 'warn Dropped a malformed message from the parent process')).toHaveLength(2);
    expect(r.logs.filter((line) => line === 'warn Dropped a malformed message from the core process')).toHaveLength(3);
  });

  it('closes in order: new calls refused, running uploads cancelled, calls in flight finished, the core closed, exit 0', async () => {
    const gate = deferred();
    const r = connect(() => fakeCore(dir, { maxUploadBytes: 100, gate, order }));
    await r.client.ready;
    const slow = r.client.call('r1', 'wait', {});
    // An upload whose bytes never come: the close must not wait for it.
    r.injectToCore({ type: 'upload-start', requestId: 'up-1', fileName: 'x.csv' });
    const closing = r.client.close({ timeoutMs: 60_000 });
    expect(await r.client.call('r2', 'echo', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'Fieldwise is closing.' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    gate.resolve();
    expect(await slow).toEqual({ ok: true, result: { waited: true } });
    expect(await closing).toBe('closed');
    expect(order).toEqual(['slow call finished', 'core closed']);
    expect(r.exitCodes).toEqual([0]);
    expect(await r.client.exited).toMatchObject({ expected: true, code: 0, closedInOrder: true });
    expect(r.toParent).toContainEqual(expect.objectContaining({ type: 'result', requestId: 'up-1', result: expect.objectContaining({ ok: false }) }));
  });

  it('closes the core when the parent is gone', async () => {
    const r = connect(() => fakeCore(dir, { maxUploadBytes: 100, order }));
    await r.client.ready;
    r.disconnect();
    await r.host.finished;
    expect(order).toEqual(['core closed']);
    expect(r.exitCodes).toEqual([0]);
  });

  it('reports a start failure with the core message, and exits 1', async () => {
    const r = connect(() => Promise.reject(new Error('This database was migrated by a different version of Fieldwise.')));
    await expect(r.client.ready).rejects.toThrow('This database was migrated by a different version of Fieldwise.');
    expect(r.exitCodes).toEqual([1]);
    expect(await r.client.exited).toMatchObject({ expected: false, code: 1, message: 'This database was migrated by a different version of Fieldwise.' });
  });
});

describe('utilityProcessChild', () => {
  it("adapts Electron's UtilityProcess: messages, exit code, and a V8 fatal error's location", () => {
    const emitter = new EventEmitter();
    const posted: unknown[] = [];
    let killed = 0;
    const utility = Object.assign(emitter, {
      pid: 77 as number | undefined,
      postMessage: (message: unknown) => void posted.push(message),
      kill: () => ++killed > 0,
    }) as unknown as UtilityProcessLike;
    const child = utilityProcessChild(utility);
    const messages: unknown[] = [];
    const exits: CoreProcessExit[] = [];
    child.onMessage((message) => messages.push(message));
    child.onExit((exit) => exits.push(exit));
    expect(child.pid).toBe(77);
    child.postMessage({ type: 'close' });
    emitter.emit('message', { type: 'closed' });
    child.kill();
    emitter.emit('error', 'FatalError', 'v8::ToLocalChecked Empty MaybeLocal', 'report');
    emitter.emit('exit', 134);
    emitter.emit('exit', 134);
    expect(posted).toEqual([{ type: 'close' }]);
    expect(messages).toEqual([{ type: 'closed' }]);
    expect(killed).toBe(1);
    expect(exits).toEqual([{ code: 134, signal: null, detail: 'FatalError at v8::ToLocalChecked Empty MaybeLocal' }]);
    const late: CoreProcessExit[] = [];
    child.onExit((exit) => late.push(exit));
    expect(late).toEqual(exits);
  });
});

describe('texts and arguments', () => {
  it('describes how the core ended, for the crash dialog', () => {
    expect(describeCoreExit({ code: 1, signal: null, message: 'boom' })).toBe('The core process exited with code 1: boom');
    expect(describeCoreExit({ code: null, signal: 'SIGKILL', message: null })).toBe('The core process was ended by signal SIGKILL.');
    const detail = coreCrashDetail({ code: 1, signal: null, message: 'boom' }, '/data/plant-a');
    expect(detail).toContain('The core process exited with code 1: boom');
    expect(detail).toContain('marked interrupted');
    expect(detail).toContain('Data folder: /data/plant-a');
  });

  it('reads the arguments the parent passes to the core process', () => {
    expect(parseCoreProcessArgs(['--data-dir', '/d', '--app-version', '1.0.0'])).toEqual({ dataDir: '/d', version: '1.0.0' });
    expect(parseCoreProcessArgs(['--data-dir', '--app-version', '1.0.0'])).toHaveProperty('problem');
    expect(parseCoreProcessArgs([])).toHaveProperty('problem');
  });
});
