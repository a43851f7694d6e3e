// Test fixture, never bundled: the real core process (the same runCoreProcess and createAppCore as
// src-main/app/core-process.ts) with two calls the contract does not have, for tests of what the
// relay does when the core misbehaves:
//   test.blockUntil { startedFile, releaseFile }: writes startedFile, then blocks the core's event
//     loop synchronously until releaseFile exists (a stand-in for a long rebuild or merge);
//   test.crash { message }: throws an uncaught error on the next turn of the event loop.
import { existsSync, writeFileSync } from 'node:fs';
import { runCoreProcess } from '../core-process-main.js';
import { createAppCore } from '../create-app-core.js';

function blockUntil(input: unknown): { blocked: true } {
  const { startedFile, releaseFile } = input as { startedFile: string; releaseFile: string };
  writeFileSync(startedFile, '');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  // Synchronous on purpose: nothing else runs in this process until the file appears.
  while (!existsSync(releaseFile)) Atomics.wait(pause, 0, 0, 5);
  return { blocked: true };
}

runCoreProcess(async (options) => {
  const core = await createAppCore(options);
  const dispatch = core.dispatcher.dispatch.bind(core.dispatcher);
  return {
    ...core,
    dispatcher: {
      async dispatch(method, input, ctx) {
        if (method === 'test.blockUntil') return blockUntil(input);
        if (method === 'test.crash') {
          const { message } = input as { message: string };
          setImmediate(() => {
            throw new Error(message);
          });
          return { crashing: true };
        }
        return dispatch(method, input, ctx);
      },
    },
  };
});
