// Saved views through the real application core: save, list, rename, overwrite, delete, each
// audited; export to a file and import it again; a bad file is refused with errors that name the
// field, and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, DEFAULT_COLUMN_LAYOUT, SAVED_VIEW_FILE_KIND, type SavedViewDefinition } from '../../src-shared/api/index.js';
import { rejectionOf, startTestAppCore, TEST_ACTOR, type TestAppCore } from '../test-support/test-app-core.js';

const NOW = new Date('2024-06-01T12:00:00.000Z');

const PLCS: SavedViewDefinition = {
  filter: { classes: ['plc', 'hmi'], search: 'plant-a', lifecycleStage: 'deployed' },
  sort: { field: 'lastSeen', direction: 'desc' },
  columns: { order: ['name', 'primaryIp', 'class', 'vendor', 'model', 'lastSeen'], hidden: ['serial', 'osName'], widths: { name: 260, primaryIp: 150 } },
};

describe('saved views', () => {
  let t: TestAppCore;
  beforeEach(async () => {
    t = await startTestAppCore({ now: () => NOW });
  });
  afterEach(async () => {
    await t.close();
  });

  const audit = () => t.core.db.prepare("SELECT action, target_id, actor FROM audit_events WHERE target_type = 'saved_view' ORDER BY seq").all();

  it('saves, lists, renames, overwrites and deletes views, each change audited', async () => {
    const saved = await t.call('views.save', { name: '  Plant A PLCs ', definition: PLCS });
    expect(saved).toMatchObject({ name: 'Plant A PLCs', definition: PLCS, createdBy: TEST_ACTOR, createdAt: NOW.toISOString() });
    const other = await t.call('views.save', { name: 'all servers', definition: { filter: { classes: ['server'] }, sort: { field: 'name', direction: 'asc' }, columns: DEFAULT_COLUMN_LAYOUT } });
    expect((await t.call('views.list', {})).map((v) => v.name)).toEqual(['all servers', 'Plant A PLCs']);

    // Names are unique whatever their case.
    const taken = await rejectionOf(t.call('views.save', { name: 'PLANT a plcs', definition: PLCS }));
    expect((taken as ApiError).code).toBe('conflict');
    expect((taken as ApiError).message).toContain('Plant A PLCs');
    const renameTaken = await rejectionOf(t.call('views.rename', { id: other.id, name: 'plant a PLCs' }));
    expect((renameTaken as ApiError).code).toBe('conflict');

    const renamed = await t.call('views.rename', { id: saved.id, name: 'Plant A controllers' });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Plant A controllers', definition: PLCS });
    const wider = { ...PLCS, columns: { ...PLCS.columns, widths: { name: 300 } } };
    const overwritten = await t.call('views.save', { id: saved.id, name: 'Plant A controllers', definition: wider });
    expect(overwritten.definition.columns.widths).toEqual({ name: 300 });
    await t.call('views.delete', { id: other.id });
    expect((await t.call('views.list', {})).map((v) => v.id)).toEqual([saved.id]);
    const gone = await rejectionOf(t.call('views.rename', { id: other.id, name: 'x' }));
    expect((gone as ApiError).code).toBe('not_found');

    expect(audit()).toEqual([
      { action: 'view.created', target_id: saved.id, actor: TEST_ACTOR },
      { action: 'view.created', target_id: other.id, actor: TEST_ACTOR },
      { action: 'view.renamed', target_id: saved.id, actor: TEST_ACTOR },
      { action: 'view.updated', target_id: saved.id, actor: TEST_ACTOR },
      { action: 'view.deleted', target_id: other.id, actor: TEST_ACTOR },
    ]);
    expect((await t.call('audit.verify', {})).ok).toBe(true);
  });

  it('exports a view to a file and imports it again under a free name', async () => {
    const saved = await t.call('views.save', { name: 'Plant A: PLCs', definition: PLCS });
    const file = await t.call('views.export', { id: saved.id });
    expect(file.fileName).toBe('plant-a-plcs.fieldwise-view.json');
    expect(JSON.parse(file.content)).toEqual({ kind: SAVED_VIEW_FILE_KIND, version: 1, name: 'Plant A: PLCs', exportedAt: NOW.toISOString(), ...PLCS });

    const imported = await t.call('views.import', { content: file.content });
    expect(imported.view).toMatchObject({ name: 'Plant A: PLCs (imported)', definition: PLCS });
    expect(imported.warnings).toEqual(['A view named "Plant A: PLCs" already exists: the imported one is called "Plant A: PLCs (imported)".']);
    const second = await t.call('views.import', { content: file.content });
    expect(second.view.name).toBe('Plant A: PLCs (imported 2)');
    const named = await t.call('views.import', { content: file.content, name: 'From a colleague' });
    expect(named).toMatchObject({ view: { name: 'From a colleague' }, warnings: [] });
    expect(audit().filter((e) => (e as { action: string }).action === 'view.imported')).toHaveLength(3);
  });

  it('warns when an imported view filters on a source this inventory does not have', async () => {
    const content = JSON.stringify({ kind: SAVED_VIEW_FILE_KIND, version: 1, name: 'Their CMDB', filter: { sourceId: 'not-here' }, sort: { field: 'name', direction: 'asc' }, columns: DEFAULT_COLUMN_LAYOUT });
    const imported = await t.call('views.import', { content });
    expect(imported.warnings).toEqual(['The view filters on source not-here, which this inventory does not have: it shows no assets until you pick another source.']);
  });

  it('refuses a bad view file with errors that name the field, and stores nothing', async () => {
    const valid = { kind: SAVED_VIEW_FILE_KIND, version: 1, name: 'ok', ...PLCS };
    const problems = async (content: string) => {
      const error = await rejectionOf(t.call('views.import', { content }));
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('bad_request');
      return error as ApiError;
    };

    const notJson = await problems('{"kind": "fieldwise.saved-view", ');
    expect(notJson.message).toMatch(/^The view file is not JSON \(/);
    expect(notJson.details?.[0]?.path).toBe('(file)');

    const wrongKind = await problems(JSON.stringify({ ...valid, kind: 'something-else' }));
    expect(wrongKind.message).toContain('kind: Invalid input: expected "fieldwise.saved-view"');
    expect(wrongKind.message).toContain('A view file starts with "kind": "fieldwise.saved-view"');

    const badSort = await problems(JSON.stringify({ ...valid, sort: { field: 'colour', direction: 'asc' } }));
    expect(badSort.details?.map((d) => d.path)).toEqual(['sort.field']);
    expect(badSort.message).toMatch(/^The view file is not valid: sort\.field: Invalid option/);

    const badColumns = await problems(
      JSON.stringify({ ...valid, columns: { order: ['name', 'colour', 'name'], hidden: ['name'], widths: { vendor: 5 } }, filter: { classes: ['plc'], lifecycle: 'deployed' } }),
    );
    // (The layout's own rules — no duplicates, Name shown — are checked once its values are valid: below.)
    expect(badColumns.details?.map((d) => d.path).sort()).toEqual(['columns.order.1', 'columns.widths.vendor', 'filter']);
    expect(badColumns.details?.find((d) => d.path === 'filter')?.message).toContain('lifecycle');
    expect(badColumns.message).toContain('(and 2 more)');

    const duplicate = await problems(JSON.stringify({ ...valid, columns: { order: ['name', 'vendor', 'vendor'], hidden: ['name'], widths: {} } }));
    expect(duplicate.details).toEqual(
      expect.arrayContaining([
        { path: 'columns.order.2', message: 'column "vendor" is listed twice' },
        { path: 'columns.hidden.0', message: 'the Name column cannot be hidden (it opens the asset)' },
      ]),
    );

    const noName = await problems(JSON.stringify({ ...valid, name: '   ' }));
    expect(noName.details).toEqual([{ path: 'name', message: 'a view needs a name' }]);

    expect(await t.call('views.list', {})).toEqual([]);
    expect(audit()).toEqual([]);
  });

  it('checks a view saved through the API the same way', async () => {
    const error = await rejectionOf(t.call('views.save', { name: 'x', definition: { ...PLCS, sort: { field: 'name', direction: 'up' } } as never }));
    expect((error as ApiError).code).toBe('bad_request');
    expect((error as ApiError).details?.[0]?.path).toBe('definition.sort.direction');
  });
});
