import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../src-shared/api/contract.js';
import { apiEvents } from '../../src-shared/api/events.js';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL } from '../../src-shared/api/bridge.js';
import { createBridge, type PreloadIpc } from './create-bridge.js';

function fakeIpc(answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, result: null })) {
  const invoked: unknown[][] = [];
  const onListeners: { channel: string; listener: (event: unknown, ...args: unknown[]) => void }[] = [];
  const ipc: PreloadIpc = {
    invoke: (channel, ...args) => {
      invoked.push([channel, ...args]);
      return answer(channel, ...args);
    },
    on: (channel, listener) => onListeners.push({ channel, listener }),
  };
  const emit = (...args: unknown[]) => {
    for (const { channel, listener } of onListeners) if (channel === IPC_EVENT_CHANNEL) listener({ sender: 'ipcRenderer' }, ...args);
  };
  return { ipc, invoked, onListeners, emit };
}

describe('createBridge', () => {
  it('exposes exactly the contract: one function per call, one subscription per event, and upload', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['calls', 'download', 'events', 'upload']);
    expect(Object.keys(bridge.calls).sort()).toEqual([...API_METHODS].sort());
    expect(Object.keys(bridge.events).sort()).toEqual(Object.keys(apiEvents).sort());
    for (const fn of [...Object.values(bridge.calls), ...Object.values(bridge.events)]) expect(typeof fn).toBe('function');
    expect(Object.isFrozen(bridge) && Object.isFrozen(bridge.calls) && Object.isFrozen(bridge.events)).toBe(true);
  });

  it('sends each call on the call channel with its method name', async () => {
    const { ipc, invoked } = fakeIpc(async () => ({ ok: true, result: { appName: 'Fieldwise' } }));
    const bridge = createBridge(ipc);
    await expect(bridge.calls['system.info']({})).resolves.toEqual({ ok: true, result: { appName: 'Fieldwise' } });
    expect(invoked).toEqual([[IPC_CALL_CHANNEL, 'system.info', {}]]);
  });

  it('turns a failed invoke into an unavailable result instead of a rejection', async () => {
    const bridge = createBridge(fakeIpc(async () => Promise.reject(new Error('No handler registered'))).ipc);
    await expect(bridge.calls['system.info']({})).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('sends uploads on the upload channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const data = new ArrayBuffer(3);
    await createBridge(ipc).upload('a.csv', data);
    expect(invoked).toEqual([[IPC_UPLOAD_CHANNEL, 'a.csv', data]]);
  });

  it('delivers events by name, payload only, until unsubscribed', () => {
    const { ipc, emit, onListeners } = fakeIpc();
    const bridge = createBridge(ipc);
    expect(onListeners).toHaveLength(1);
    const received: unknown[][] = [];
    const off = bridge.events['assets.changed']((...args) => received.push(args));
    bridge.events['run.finished']((payload) => received.push(['wrong', payload]));
    emit('assets.changed', { count: 1 });
    emit('not.an.event', { count: 2 });
    off();
    emit('assets.changed', { count: 3 });
    expect(received).toEqual([[{ count: 1 }]]);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const { ipc, emit } = fakeIpc();
    const errors: unknown[] = [];
    const bridge = createBridge(ipc, { onListenerError: (e) => errors.push(e) });
    const received: unknown[] = [];
    bridge.events['assets.changed'](() => {
      throw new Error('listener bug');
    });
    bridge.events['assets.changed']((payload) => received.push(payload));
    emit('assets.changed', 'p');
    expect(received).toEqual(['p']);
    expect(errors).toHaveLength(1);
  });
});
