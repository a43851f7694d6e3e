// Installed software through the real application core: the products, versions and counts equal
// what the assets' own details say, each count lists exactly its assets in the inventory, search and
// sort work, and the CSV export cannot carry a formula.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoftwareProduct } from '../../../src-shared/api/index.js';
import { examplePath, startTestAppCore, type TestAppCore } from '../../test-support/test-app-core.js';

/** product key → version → asset ids, read from every asset's detail (not from the software tables). */
type Installed = Map<string, Map<string | null, Set<string>>>;
const productKey = (name: string, vendor: string | null) => `${name} / ${vendor ?? '(no vendor)'}`;

async function installedFromDetails(t: TestAppCore): Promise<Installed> {
  const installed: Installed = new Map();
  for (const asset of (await t.call('assets.list', { limit: 1000 })).items) {
    for (const sw of (await t.call('assets.get', { id: asset.id })).software) {
      const key = productKey(sw.name, sw.vendor);
      const versions = installed.get(key) ?? new Map<string | null, Set<string>>();
      installed.set(key, versions);
      const ids = versions.get(sw.version) ?? new Set<string>();
      versions.set(sw.version, ids);
      ids.add(asset.id);
    }
  }
  return installed;
}

describe('software', () => {
  let t: TestAppCore;
  let installed: Installed;
  let products: SoftwareProduct[];

  beforeAll(async () => {
    t = await startTestAppCore({ now: () => new Date('2024-05-05T00:00:00Z') });
    for (const [file, kind, sourceName] of [
      ['servers.json', 'servers_cache', 'servers'],
      ['desktops.json', 'desktop_cache', 'desktops'],
    ] as const) {
      expect((await t.importFile(examplePath(file), { kind, sourceName })).status).toBe('succeeded');
    }
    // Two versions of one product on one host, a package without vendor or version, and names a
    // spreadsheet would run as formulas.
    const extra = t.dir.file('extra.json');
    await writeFile(
      extra,
      JSON.stringify([
        {
          id: 'e-1',
          hostname: 'build-01',
          software: [
            { name: 'Python', version: '3.11.8', vendor: 'Python Software Foundation' },
            { name: 'Python', version: '3.12.2', vendor: 'Python Software Foundation' },
            { name: 'inhouse-agent' },
            { name: '=HYPERLINK("http://evil.example")', version: '+1', vendor: '@corp' },
          ],
        },
        { id: 'e-2', hostname: 'build-02', software: [{ name: 'Python', version: '3.12.2', vendor: 'Python Software Foundation' }] },
      ]),
    );
    expect((await t.importFile(extra, { kind: 'servers_cache', sourceName: 'build' })).status).toBe('succeeded');
    installed = await installedFromDetails(t);
    products = (await t.call('software.list', { limit: 1000 })).items;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every product and version with the number of assets running it', async () => {
    const listed = new Map(products.map((p) => [productKey(p.name, p.vendor), new Map(p.versions.map((v) => [v.version, v.assets]))]));
    const expected = new Map([...installed].map(([key, versions]) => [key, new Map([...versions].map(([version, ids]) => [version, ids.size]))]));
    expect(listed).toEqual(expected);
    expect(installed.size).toBeGreaterThan(15);
    const page = await t.call('software.list', { limit: 5 });
    expect(page.total).toBe(installed.size);
    expect(page.versionTotal).toBe([...installed.values()].reduce((n, v) => n + v.size, 0));
    expect(page.items).toHaveLength(5);
  });

  it('counts a product once per asset, whatever versions it runs', () => {
    const python = products.find((p) => p.name === 'Python');
    expect(python?.versions.map((v) => [v.version, v.assets])).toEqual([
      ['3.12.2', 2],
      ['3.11.8', 1],
    ]);
    expect(python?.assets).toBe(2);
    const agent = products.find((p) => p.name === 'inhouse-agent');
    expect(agent).toMatchObject({ vendor: null, assets: 1, versions: [{ version: null, assets: 1 }] });
  });

  it('opens exactly the assets behind each count in the inventory', async () => {
    for (const p of products) {
      const all = await t.call('assets.list', { filter: { software: { name: p.name, vendor: p.vendor } }, limit: 1000 });
      const expectedIds = new Set([...(installed.get(productKey(p.name, p.vendor))?.values() ?? [])].flatMap((ids) => [...ids]));
      expect(new Set(all.items.map((a) => a.id)), p.name).toEqual(expectedIds);
      expect(all.total).toBe(p.assets);
      for (const v of p.versions) {
        const page = await t.call('assets.list', { filter: { software: { name: p.name, vendor: p.vendor, version: v.version } }, limit: 1000 });
        expect(new Set(page.items.map((a) => a.id)), `${p.name} ${v.version}`).toEqual(installed.get(productKey(p.name, p.vendor))?.get(v.version));
        expect(page).toMatchObject({ total: v.assets, totalIsExact: true });
      }
    }
    // Combined with other filters, sorted by anything; unknown software lists nothing.
    const pythonServers = await t.call('assets.list', { filter: { software: { name: 'Python', version: '3.12.2' }, search: 'build-02' }, sort: { field: 'lastSeen', direction: 'desc' } });
    expect(pythonServers.items.map((a) => a.name)).toEqual(['build-02']);
    expect((await t.call('assets.list', { filter: { software: { name: 'Python', version: '2.7' } } })).total).toBe(0);
  });

  it('searches product names, vendors and versions, every word', async () => {
    const names = async (search: string) => (await t.call('software.list', { search })).items.map((p) => p.name);
    const siemens = await names('siemens');
    expect(siemens.length).toBeGreaterThan(1);
    for (const p of products.filter((p) => siemens.includes(p.name))) expect(`${p.name} ${p.vendor}`.toLowerCase()).toContain('siemens');
    expect(await names('python 3.11')).toEqual(['Python']);
    expect(await names('PYTHON foundation')).toEqual(['Python']);
    expect(await names('no-such-package')).toEqual([]);
    expect(await names('100%_')).toEqual([]);
  });

  it('sorts by name, vendor, assets and versions, both ways', async () => {
    const byAssets = (await t.call('software.list', { sort: { field: 'assets', direction: 'desc' }, limit: 1000 })).items.map((p) => p.assets);
    expect(byAssets).toEqual([...byAssets].sort((a, b) => b - a));
    const byName = (await t.call('software.list', { limit: 1000 })).items.map((p) => p.name.toLowerCase());
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'en')));
    const desc = (await t.call('software.list', { sort: { field: 'name', direction: 'desc' }, limit: 1000 })).items.map((p) => p.name.toLowerCase());
    expect(desc).toEqual([...byName].reverse());
    const byVersions = (await t.call('software.list', { sort: { field: 'versions', direction: 'desc' }, limit: 1000 })).items.map((p) => p.versions.length);
    expect(byVersions).toEqual([...byVersions].sort((a, b) => b - a));
    const byVendor = (await t.call('software.list', { sort: { field: 'vendor', direction: 'asc' }, limit: 1000 })).items;
    expect(byVendor.at(-1)?.vendor).toBeNull();
  });

  it('exports the table as CSV, one row per version, formulas neutralised', async () => {
    const file = await t.call('software.export', { search: 'python', sort: { field: 'name', direction: 'asc' } });
    expect(file).toMatchObject({ mediaType: 'text/csv', fileName: 'fieldwise-software-2024-05-05.csv', rows: 2 });
    expect(file.content).toBe(
      'product,vendor,version,assets_with_version,assets_with_product\r\nPython,Python Software Foundation,3.12.2,2,2\r\nPython,Python Software Foundation,3.11.8,1,2\r\n',
    );
    const all = await t.call('software.export', { sort: { field: 'name', direction: 'asc' } });
    expect(all.rows).toBe([...installed.values()].reduce((n, v) => n + v.size, 0));
    expect(all.content).toContain(`"'=HYPERLINK(""http://evil.example"")",'@corp,'+1,1,1\r\n`);
    for (const line of all.content.split('\r\n').slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('rejects a bad query with the field that is wrong', async () => {
    await expect(t.call('software.list', { limit: 0 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(t.call('software.list', { sort: { field: 'size' as 'name', direction: 'asc' } })).rejects.toMatchObject({ code: 'bad_request', details: [expect.objectContaining({ path: 'sort.field' })] });
    await expect(t.call('assets.list', { filter: { lastSeenFrom: 'last Tuesday' } })).rejects.toMatchObject({ code: 'bad_request', details: [expect.objectContaining({ path: 'filter.lastSeenFrom' })] });
  });
});
