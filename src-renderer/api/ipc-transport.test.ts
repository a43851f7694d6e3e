import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/api-error.js';
import type { FieldwiseBridge, IpcCallResult } from '../../src-shared/api/bridge.js';
import { API_METHODS, type ApiMethod } from '../../src-shared/api/contract.js';
import { apiEvents, type ApiEventName } from '../../src-shared/api/events.js';
import { createIpcTransport } from './ipc-transport.js';

function fakeBridge(answer: (method: string, input: unknown) => IpcCallResult) {
  const called: { method: string; input: unknown }[] = [];
  const uploads: { fileName: string; bytes: number[] }[] = [];
  const subscribed: string[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const calls = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      async (input: unknown) => {
        called.push({ method, input });
        return answer(method, input);
      },
    ]),
  ) as Record<ApiMethod, (input: unknown) => Promise<IpcCallResult>>;
  const events = Object.fromEntries(
    (Object.keys(apiEvents) as ApiEventName[]).map((name) => [
      name,
      (listener: (payload: unknown) => void) => {
        subscribed.push(name);
        listeners.set(name, listener);
        return () => {
          listeners.delete(name);
        };
      },
    ]),
  ) as Record<ApiEventName, (listener: (payload: unknown) => void) => () => void>;
  const bridge: FieldwiseBridge = {
    calls,
    events,
    upload: async (fileName, data) => {
      uploads.push({ fileName, bytes: [...new Uint8Array(data)] });
      return answer('upload', fileName);
    },
    download: async (exportId) => answer('download', exportId),
  };
  return { bridge, called, uploads, subscribed, listeners };
}

describe('createIpcTransport', () => {
  it('invokes the bridge function of the method and returns its result', async () => {
    const f = fakeBridge(() => ({ ok: true, result: { appName: 'Fieldwise' } }));
    const transport = createIpcTransport(f.bridge);
    await expect(transport.invoke('system.info', {})).resolves.toEqual({ appName: 'Fieldwise' });
    expect(f.called).toEqual([{ method: 'system.info', input: {} }]);
  });

  it('throws ApiError with the code, message and details of a failed call', async () => {
    const details = [{ path: 'limit', message: 'Too big' }];
    const f = fakeBridge(() => ({ ok: false, error: { code: 'bad_request', message: 'Invalid input.', requestId: 'r1', details } }));
    const error = await createIpcTransport(f.bridge).invoke('system.info', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'bad_request', message: 'Invalid input.', details });
  });

  it('maps an error code outside the contract to internal', async () => {
    const f = fakeBridge(() => ({ ok: false, error: { code: 'weird', message: 'Odd.', requestId: 'r2' } }));
    await expect(createIpcTransport(f.bridge).invoke('system.info', {})).rejects.toMatchObject({ code: 'internal', message: 'Odd.' });
  });

  it('rejects unknown methods with not_found without calling the bridge', async () => {
    const f = fakeBridge(() => ({ ok: true, result: null }));
    const transport = createIpcTransport(f.bridge);
    await expect(transport.invoke('toString', {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(transport.invoke('__proto__', {})).rejects.toMatchObject({ code: 'not_found' });
    expect(f.called).toHaveLength(0);
  });

  it('subscribes through the bridge and refuses unknown events', () => {
    const f = fakeBridge(() => ({ ok: true, result: null }));
    const transport = createIpcTransport(f.bridge);
    const received: unknown[] = [];
    const off = transport.subscribe('assets.changed', (payload) => received.push(payload));
    f.listeners.get('assets.changed')?.({ count: 1 });
    off();
    expect(received).toEqual([{ count: 1 }]);
    expect(f.listeners.has('assets.changed')).toBe(false);
    expect(() => transport.subscribe('nope', () => {})).toThrow(ApiError);
  });

  it('uploads a Blob as an ArrayBuffer and returns the upload reference', async () => {
    const f = fakeBridge(() => ({ ok: true, result: { uploadId: 'u1', bytes: 3 } }));
    const result = await createIpcTransport(f.bridge).upload('a.csv', new Blob([new Uint8Array([1, 2, 3])]));
    expect(result).toEqual({ uploadId: 'u1', bytes: 3 });
    expect(f.uploads).toEqual([{ fileName: 'a.csv', bytes: [1, 2, 3] }]);
  });

  it('asks the bridge to save an export by id and returns how it ended; a refusal is an ApiError', async () => {
    const saved = fakeBridge(() => ({ ok: true, result: { status: 'saved', path: '/home/me/a.csv' } }));
    expect(await createIpcTransport(saved.bridge).download('e1', 'a.csv')).toEqual({ status: 'saved', path: '/home/me/a.csv' });
    const refused = fakeBridge(() => ({ ok: false, error: { code: 'not_found', message: 'This export has no file to download.', requestId: 'r4' } }));
    await expect(createIpcTransport(refused.bridge).download('e1', 'a.csv')).rejects.toMatchObject({ code: 'not_found' });
    const odd = fakeBridge(() => ({ ok: true, result: { status: 'somewhere' } }));
    await expect(createIpcTransport(odd.bridge).download('e1', 'a.csv')).rejects.toMatchObject({ code: 'internal' });
  });

  it('throws the ApiError of a refused upload', async () => {
    const f = fakeBridge(() => ({ ok: false, error: { code: 'payload_too_large', message: 'Too big.', requestId: 'r3' } }));
    await expect(createIpcTransport(f.bridge).upload('a.csv', new Blob(['x']))).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
