// Assets turn stale when no source has seen them within their class's window (cloud instances 7
// days, servers 30), and active again when seen; the status counts follow. Real core, real SQLite,
// a clock the test moves.
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempDir, type TempDir } from '../test-support/temp-dir.js';
import { startTestAppCore, type TestAppCore } from '../test-support/test-app-core.js';

const DAY = 86_400_000;
const SEEN = Date.parse('2026-06-01T08:00:00Z');

describe('staleness', () => {
  let files: TempDir | undefined;
  let t: TestAppCore | undefined;
  afterEach(async () => {
    await t?.close();
    await files?.remove();
  });

  it('marks each class stale after its own window and active again when seen, keeping the counts true', async () => {
    files = await createTempDir('fieldwise-stale-');
    let now = SEEN + DAY;
    t = await startTestAppCore({ now: () => new Date(now) });
    const at = (ms: number) => new Date(ms).toISOString();
    const servers = files.file('servers.json');
    await writeFile(servers, JSON.stringify([{ id: 's-1', hostname: 'hist-01', serial: 'AB12345', last_seen: at(SEEN) }]));
    const cloud = files.file('cloud.json');
    await writeFile(cloud, JSON.stringify([{ provider: 'aws', account: '123456789012', region: 'eu-central-1', instance_id: 'i-0abc', name: 'mes-api-1', observed_at: at(SEEN) }]));
    expect((await t.importFile(servers, { kind: 'servers_cache' })).status).toBe('succeeded');
    expect((await t.importFile(cloud, { kind: 'cloud_manual' })).status).toBe('succeeded');

    const statuses = async () => {
      const page = await t!.call('assets.list', { limit: 10 });
      return Object.fromEntries(page.items.map((a) => [a.name, a.status]));
    };
    const counts = async () => Object.fromEntries((await t!.call('assets.summary', {})).byStatus.map((c) => [c.key, c.count]));
    expect(await statuses()).toEqual({ 'hist-01': 'active', 'mes-api-1': 'active' });

    now = SEEN + 10 * DAY;
    await t.core.staleness.sweep();
    expect(await statuses()).toEqual({ 'hist-01': 'active', 'mes-api-1': 'stale' });
    expect(await counts()).toMatchObject({ active: 1, stale: 1 });

    now = SEEN + 40 * DAY;
    await t.core.staleness.sweep();
    expect(await statuses()).toEqual({ 'hist-01': 'stale', 'mes-api-1': 'stale' });

    // Seen again: the import itself brings the server back.
    await writeFile(servers, JSON.stringify([{ id: 's-1', hostname: 'hist-01', serial: 'AB12345', last_seen: at(now - DAY) }]));
    expect((await t.importFile(servers, { kind: 'servers_cache' })).status).toBe('succeeded');
    expect(await statuses()).toEqual({ 'hist-01': 'active', 'mes-api-1': 'stale' });
    expect(await counts()).toMatchObject({ active: 1, stale: 1 });
  });
});
