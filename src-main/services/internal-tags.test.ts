// Internal tags (snmp_credential: which discovery credential answered a device) stay stored but are
// not among a person's tags: the asset's detail and tag calls leave them out, replacing the tags
// keeps them, and a person cannot set one by hand.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src-shared/api/index.js';
import { rejectionOf, startTestAppCore, type TestAppCore } from '../test-support/test-app-core.js';

describe('internal tags', () => {
  let t: TestAppCore;
  let id: string;
  const storedTags = () =>
    t.core.db.prepare("SELECT t.key, t.value FROM tags t JOIN assets a ON a.id = t.asset_id WHERE a.name = 'sw-core-01' ORDER BY t.key").all() as { key: string; value: string }[];

  beforeEach(async () => {
    t = await startTestAppCore();
    const file = t.dir.file('switches.json');
    await writeFile(file, JSON.stringify([{ id: 'SW-1', hostname: 'sw-core-01', serial: 'FOC1234X0AB', tags: { snmp_credential: 'c0ffee00-0000-4000-8000-000000000001', zone: 'L3' } }]));
    expect((await t.importFile(file, { kind: 'servers_cache', sourceName: 'switches' })).status).toBe('succeeded');
    const page = await t.call('assets.list', { filter: { search: 'sw-core-01' }, limit: 10 });
    id = page.items[0]?.id as string;
  });
  afterEach(async () => {
    await t.close();
  });

  it('are stored but left out of the asset detail and the tag calls', async () => {
    expect(storedTags().map((tag) => tag.key)).toEqual(['snmp_credential', 'zone']);
    expect((await t.call('assets.get', { id })).tags).toEqual([{ key: 'zone', value: 'L3' }]);
    expect(await t.call('assets.tags.get', { id })).toEqual([{ key: 'zone', value: 'L3' }]);
  });

  it('survive a person replacing the tags, and cannot be set by hand', async () => {
    expect(await t.call('assets.tags.replace', { id, tags: [{ key: 'owner', value: 'network-team' }] })).toEqual([{ key: 'owner', value: 'network-team' }]);
    expect(storedTags()).toEqual([
      { key: 'owner', value: 'network-team' },
      { key: 'snmp_credential', value: 'c0ffee00-0000-4000-8000-000000000001' },
    ]);
    const refused = (await rejectionOf(t.call('assets.tags.replace', { id, tags: [{ key: 'snmp_credential', value: 'mine' }] }))) as ApiError;
    expect(refused.code).toBe('bad_request');
    expect(refused.message).toContain('"snmp_credential" is kept by Fieldwise itself');
    expect(storedTags().map((tag) => tag.key)).toEqual(['owner', 'snmp_credential']);
  });
});
