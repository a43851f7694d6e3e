import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutput } from '../../src-shared/api/index.js';
import { createAppCore, type FullAppCore } from '../app/create-app-core.js';

describe('removing a manual value', () => {
  let dir: string;
  let core: FullAppCore;
  let call: <M extends ApiMethod>(method: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fieldwise-revert-'));
    core = await createAppCore({ dataDir: dir, version: 'test', logger: { info() {}, warn() {}, error() {} } });
    call = async (method, input) => (await core.dispatcher.dispatch(method, input, { requestId: 'r', actor: 'tester', transport: 'test', access: 'write' })) as never;
  });
  afterEach(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to the newest collected value, updates the list columns and is audited', async () => {
    const run = await call('imports.start', { kind: 'servers_cache', path: join(process.cwd(), 'examples', 'servers.csv') });
    expect((await core.imports.waitFor(run.id)).status).toBe('succeeded');
    const page = await call('assets.list', { filter: { search: 'hist-01' } });
    const asset = page.items.find((a) => a.hostname === 'hist-01');
    expect(asset).toBeDefined();
    const id = asset!.id;
    const collectedVendor = asset!.vendor;
    expect(collectedVendor).toBeTruthy();

    const edited = await call('assets.update', { id, fields: { vendor: 'Hand-typed Vendor' } });
    expect(edited.fields.find((f) => f.field === 'vendor')).toMatchObject({ value: 'Hand-typed Vendor', sourceKind: 'manual' });
    expect(edited.summary.vendor).toBe('Hand-typed Vendor');

    const reverted = await call('assets.update', { id, fields: { vendor: null } });
    const vendor = reverted.fields.find((f) => f.field === 'vendor');
    expect(vendor).toMatchObject({ value: collectedVendor, sourceKind: 'servers_cache' });
    expect(reverted.summary.vendor).toBe(collectedVendor);
    const listed = await call('assets.list', { filter: { search: 'Hand-typed' } });
    expect(listed.total).toBe(0);

    const history = await call('assets.history', { id });
    expect(history[0]).toMatchObject({ action: 'asset.manual_values.removed', after: { removed: ['vendor'] } });
    expect((await call('audit.verify', {})).ok).toBe(true);
  });

  it('removes a manual-only field entirely', async () => {
    const created = await call('assets.create', { class: 'plc', fields: { name: 'PLC-7', location: 'Line 3' } });
    const after = await call('assets.update', { id: created.summary.id, fields: { location: null } });
    expect(after.fields.some((f) => f.field === 'location')).toBe(false);
    expect(after.summary.name).toBe('PLC-7');
  });
});
