import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src-shared/api/api-error.js';
import { settleIpcCall } from './ipc-call-result.js';

describe('settleIpcCall', () => {
  it('wraps a result', async () => {
    expect(await settleIpcCall('r1', async () => 42, () => {})).toEqual({ ok: true, result: 42 });
  });
  it('passes ApiErrors through with the request id and details', async () => {
    const details = [{ path: 'q', message: 'Required' }];
    const result = await settleIpcCall('r2', async () => Promise.reject(new ApiError('bad_request', 'Invalid input.', details)), () => {});
    expect(result).toEqual({ ok: false, error: { code: 'bad_request', message: 'Invalid input.', requestId: 'r2', details } });
  });
  it('hides unexpected errors behind a generic internal error and reports them', async () => {
    const reported: unknown[] = [];
    const result = await settleIpcCall('r3', async () => Promise.reject(new Error('SQLITE_CORRUPT at /secret/path')), (e) => reported.push(e));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.requestId).toBe('r3');
    expect(result.error.message).not.toContain('/secret/path');
    expect(reported).toHaveLength(1);
  });
});
