import { describe, expect, it } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_DOWNLOAD_CHANNEL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL, type IpcCallResult } from '../../src-shared/api/bridge.js';
import type { ApiEventName } from '../../src-shared/api/events.js';
import { createEventBus } from '../services/event-bus.js';
import type { AppLogger } from './app-core.js';
import type { CoreLink } from './core-link.js';
import { isAppUrl } from './electron-app-protocol.js';
import {
  isTrustedIpcSender,
  registerIpcTransport,
  uploadBytes,
  type IpcHandlerRegistry,
  type IpcInvokeEventLike,
  type ExportToSave,
  type IpcWindowContents,
} from './electron-ipc-transport.js';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<IpcCallResult>;

function fakeLogger(): AppLogger & { lines: { level: string; message: string; data?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; data?: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message, data) => lines.push({ level: 'info', message, data }),
    warn: (message, data) => lines.push({ level: 'warn', message, data }),
    error: (message, data) => lines.push({ level: 'error', message, data }),
  };
}

type CallOutcome = IpcCallResult | Error;

/** A CoreLink standing in for the relay to the core process: records what reaches it. */
function setup(answer: (method: string, input: unknown, requestId: string) => CallOutcome = (method, input) => ({ ok: true, result: { method, input } })) {
  const handlers = new Map<string, Listener>();
  const sent: unknown[][] = [];
  const calls: { requestId: string; method: string; input: unknown }[] = [];
  const saved: { requestId: string; fileName: string; bytes: number[] }[] = [];
  let destroyed = false;
  const ipc: IpcHandlerRegistry = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const contents: IpcWindowContents = {
    id: 7,
    ipc,
    isDestroyed: () => destroyed,
    send: (...args) => sent.push(args),
  };
  const events = createEventBus();
  const logger = fakeLogger();
  const core: CoreLink = {
    call: async (requestId, method, input) => {
      calls.push({ requestId, method, input });
      const outcome = answer(method, input, requestId);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    upload: async (requestId, fileName, data) => {
      if (data.byteLength > 4) return { ok: false, error: { code: 'payload_too_large', message: 'Too big.', requestId } };
      saved.push({ requestId, fileName, bytes: [...data] });
      return { ok: true, result: { uploadId: 'u-1', bytes: data.byteLength } };
    },
    subscribe: (listener) => events.subscribe((name: ApiEventName, payload: unknown) => listener(name, payload)),
  };
  let nextId = 0;
  const exportsSaved: ExportToSave[] = [];
  const saveExport = async (file: ExportToSave) => {
    exportsSaved.push(file);
    return { status: 'saved' as const, path: `/home/me/${file.fileName}` };
  };
  const transport = registerIpcTransport({ core, logger, contents, isAppUrl, saveExport, newRequestId: () => `req-${++nextId}` });
  const invoke = (channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<IpcCallResult> => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { handlers, sent, calls, saved, exportsSaved, events, logger, transport, invoke, destroy: () => (destroyed = true) };
}

const fromWindow: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'app://fieldwise/index.html', parent: null } };

describe('isTrustedIpcSender', () => {
  const trusted = { webContentsId: 7, isAppUrl };
  it('accepts the main frame of our window on our origin', () => {
    expect(isTrustedIpcSender({ webContentsId: 7, frameUrl: 'app://fieldwise/index.html#/assets', isMainFrame: true }, trusted)).toBe(true);
  });
  it.each([
    ['another web contents', { webContentsId: 8, frameUrl: 'app://fieldwise/index.html', isMainFrame: true }],
    ['a subframe', { webContentsId: 7, frameUrl: 'app://fieldwise/index.html', isMainFrame: false }],
    ['a frame that is gone', { webContentsId: 7, frameUrl: null, isMainFrame: true }],
    ['a remote page', { webContentsId: 7, frameUrl: 'https://example.invalid/', isMainFrame: true }],
    ['a file:// page', { webContentsId: 7, frameUrl: 'file:///tmp/index.html', isMainFrame: true }],
    ['a look-alike host', { webContentsId: 7, frameUrl: 'app://fieldwise.evil/index.html', isMainFrame: true }],
    ['an about:blank page', { webContentsId: 7, frameUrl: 'about:blank', isMainFrame: true }],
  ])('rejects %s', (_label, sender) => {
    expect(isTrustedIpcSender(sender, trusted)).toBe(false);
  });
});

describe('uploadBytes', () => {
  it('accepts ArrayBuffers and views, rejects anything else', () => {
    expect([...(uploadBytes(new Uint8Array([1, 2]).buffer) ?? [])]).toEqual([1, 2]);
    expect([...(uploadBytes(new Uint8Array([0, 3, 4, 0]).subarray(1, 3)) ?? [])]).toEqual([3, 4]);
    expect(uploadBytes('bytes')).toBeNull();
    expect(uploadBytes(null)).toBeNull();
  });
});

describe('registerIpcTransport', () => {
  it('relays a trusted call to the core with a fresh request id', async () => {
    const t = setup();
    const result = await t.invoke(IPC_CALL_CHANNEL, fromWindow, 'system.info', { a: 1 });
    expect(result).toEqual({ ok: true, result: { method: 'system.info', input: { a: 1 } } });
    expect(t.calls).toEqual([{ requestId: 'req-1', method: 'system.info', input: { a: 1 } }]);
  });

  it("passes the core's failures through as they are", async () => {
    const t = setup((_method, _input, requestId) => ({ ok: false, error: { code: 'not_found', message: 'Unknown API call "nope".', requestId } }));
    await expect(t.invoke(IPC_CALL_CHANNEL, fromWindow, 'nope', {})).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Unknown API call "nope".', requestId: 'req-1' },
    });
  });

  it('turns a throwing relay into a generic internal error and logs it with the request id', async () => {
    const t = setup(() => new Error('relay bug at /secret/path'));
    const result = await t.invoke(IPC_CALL_CHANNEL, fromWindow, 'system.info', {});
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', requestId: 'req-1' } });
    expect(t.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', data: expect.objectContaining({ requestId: 'req-1' }) }));
  });

  it('rejects a non-string method name as bad_request', async () => {
    const t = setup();
    expect(await t.invoke(IPC_CALL_CHANNEL, fromWindow, { toString: 'x' }, {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(t.calls).toHaveLength(0);
  });

  it('refuses untrusted senders without dispatching, and logs them', async () => {
    const t = setup();
    const fromSubframe: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'app://fieldwise/index.html', parent: {} } };
    const fromElsewhere: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'https://example.invalid/', parent: null } };
    const gone: IpcInvokeEventLike = { sender: { id: 7 }, senderFrame: null };
    for (const event of [fromSubframe, fromElsewhere, gone]) {
      expect(await t.invoke(IPC_CALL_CHANNEL, event, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await t.invoke(IPC_UPLOAD_CHANNEL, event, 'a.csv', new ArrayBuffer(1))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await t.invoke(IPC_DOWNLOAD_CHANNEL, event, 'e1')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(t.calls).toHaveLength(0);
    expect(t.saved).toHaveLength(0);
    expect(t.exportsSaved).toHaveLength(0);
    expect(t.logger.lines.filter((l) => l.level === 'warn')).toHaveLength(9);
  });

  it('saves uploads and returns their id and size', async () => {
    const t = setup();
    const result = await t.invoke(IPC_UPLOAD_CHANNEL, fromWindow, 'hosts.csv', new Uint8Array([1, 2, 3]).buffer);
    expect(result).toEqual({ ok: true, result: { uploadId: 'u-1', bytes: 3 } });
    expect(t.saved).toEqual([{ requestId: 'req-1', fileName: 'hosts.csv', bytes: [1, 2, 3] }]);
  });

  it("rejects malformed uploads before they reach the core, and passes the core's errors through", async () => {
    const t = setup();
    expect(await t.invoke(IPC_UPLOAD_CHANNEL, fromWindow, '', new ArrayBuffer(1))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await t.invoke(IPC_UPLOAD_CHANNEL, fromWindow, 'x'.repeat(256), new ArrayBuffer(1))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await t.invoke(IPC_UPLOAD_CHANNEL, fromWindow, 'a.csv', 'not bytes')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await t.invoke(IPC_UPLOAD_CHANNEL, fromWindow, 'a.csv', new ArrayBuffer(5))).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(t.saved).toHaveLength(0);
  });

  it('forwards every event to the window until disposed, and skips a destroyed window', () => {
    const t = setup();
    t.events.publish('assets.changed', { reason: 'import', assetIds: ['a'], count: 1 });
    expect(t.sent).toEqual([[IPC_EVENT_CHANNEL, 'assets.changed', { reason: 'import', assetIds: ['a'], count: 1 }]]);
    t.destroy();
    t.events.publish('assets.changed', { reason: 'import', assetIds: [], count: 0 });
    expect(t.sent).toHaveLength(1);
  });

  it('saves a finished export only when the core says it has a file, and says why not otherwise', async () => {
    const jobs: Record<string, unknown> = {
      done: { id: 'done', format: 'xlsx', fileName: 'fieldwise-assets-20260101-000000.xlsx', downloadable: true },
      running: { id: 'running', format: 'csv', fileName: 'fieldwise-assets-20260101-000000.csv', downloadable: false },
    };
    const t = setup((method, input, requestId) => {
      const id = (input as { id: string }).id;
      if (method !== 'exports.get') return new Error(`unexpected ${method}`);
      return jobs[id] ? { ok: true, result: jobs[id] } : { ok: false, error: { code: 'not_found', message: `No export ${id}.`, requestId } };
    });
    expect(await t.invoke(IPC_DOWNLOAD_CHANNEL, fromWindow, 'done')).toEqual({ ok: true, result: { status: 'saved', path: '/home/me/fieldwise-assets-20260101-000000.xlsx' } });
    expect(t.exportsSaved).toEqual([{ id: 'done', format: 'xlsx', fileName: 'fieldwise-assets-20260101-000000.xlsx' }]);
    expect(await t.invoke(IPC_DOWNLOAD_CHANNEL, fromWindow, 'running')).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('no file to download') } });
    expect(await t.invoke(IPC_DOWNLOAD_CHANNEL, fromWindow, 'gone')).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No export gone.' } });
    expect(await t.invoke(IPC_DOWNLOAD_CHANNEL, fromWindow, '../fieldwise.sqlite')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await t.invoke(IPC_DOWNLOAD_CHANNEL, fromWindow, 42)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(t.exportsSaved).toHaveLength(1);
  });

  it('dispose removes the handlers and the event subscription', () => {
    const t = setup();
    expect([...t.handlers.keys()].sort()).toEqual([IPC_CALL_CHANNEL, IPC_DOWNLOAD_CHANNEL, IPC_UPLOAD_CHANNEL].sort());
    expect(t.events.listenerCount()).toBe(1);
    t.transport.dispose();
    t.transport.dispose();
    expect(t.handlers.size).toBe(0);
    expect(t.events.listenerCount()).toBe(0);
  });
});
