import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createRunAbandonedCheck, processRunOwner } from './process-run-owner.js';

describe('run ownership', () => {
  const self = processRunOwner();
  const isAbandoned = createRunAbandonedCheck(self);

  it('treats runs without an owner, of this process (a restart) or of another host as abandoned', () => {
    expect(isAbandoned(null)).toBe(true);
    expect(isAbandoned(self)).toBe(true);
    expect(isAbandoned({ host: `${self.host}-elsewhere`, pid: self.pid })).toBe(true);
  });

  it('leaves a live process alone and takes over from a dead one', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    await once(child, 'spawn');
    const owner = { host: self.host, pid: child.pid as number };
    expect(isAbandoned(owner)).toBe(false);
    child.kill();
    await once(child, 'exit');
    expect(isAbandoned(owner)).toBe(true);
  });
});
