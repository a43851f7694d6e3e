import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMN_LAYOUT, INVENTORY_COLUMN_IDS } from '../../src-shared/api/saved-views.js';
import { COLUMN_LAYOUT_SETTING, completeOrder, fitColumnWidths, loadColumnLayout, MIN_FIT_FACTOR, moveColumn, saveColumnLayout, setColumnVisible, shiftColumn, visibleColumns } from './column-layout.js';
import { memorySettings } from './local-settings.js';

describe('column layout', () => {
  it('lists every column once, those a layout leaves out in their default place after it', () => {
    expect(completeOrder({ order: ['vendor', 'name', 'vendor'], hidden: [], widths: {} })).toEqual([
      'vendor',
      'name',
      ...INVENTORY_COLUMN_IDS.filter((id) => id !== 'vendor' && id !== 'name'),
    ]);
  });

  it('hides and shows columns, but never the Name column', () => {
    const hidden = setColumnVisible(DEFAULT_COLUMN_LAYOUT, 'serial', false);
    expect(visibleColumns(hidden)).not.toContain('serial');
    expect(visibleColumns(setColumnVisible(hidden, 'serial', true))).toContain('serial');
    expect(setColumnVisible(DEFAULT_COLUMN_LAYOUT, 'name', false)).toBe(DEFAULT_COLUMN_LAYOUT);
  });

  it('moves a column to a place, and one step among the visible ones (skipping hidden columns)', () => {
    expect(completeOrder(moveColumn(DEFAULT_COLUMN_LAYOUT, 'lastSeen', 0))[0]).toBe('lastSeen');
    // class, [hostname and fqdn hidden], primaryIp: one step later lands after primaryIp.
    const shifted = visibleColumns(shiftColumn(DEFAULT_COLUMN_LAYOUT, 'class', 1));
    expect(shifted.indexOf('class')).toBe(shifted.indexOf('primaryIp') + 1);
  });

  it('is kept in the local settings, and a stored layout that is no longer valid falls back to the default', () => {
    const settings = memorySettings();
    const layout = { ...setColumnVisible(DEFAULT_COLUMN_LAYOUT, 'fqdn', true), widths: { hostname: 300 } };
    saveColumnLayout(settings, layout);
    expect(loadColumnLayout(settings)).toEqual(layout);
    settings.write(COLUMN_LAYOUT_SETTING, JSON.stringify({ order: ['colour'], hidden: [], widths: {} }));
    expect(loadColumnLayout(settings)).toEqual(DEFAULT_COLUMN_LAYOUT);
    settings.write(COLUMN_LAYOUT_SETTING, '{not json');
    expect(loadColumnLayout(settings)).toEqual(DEFAULT_COLUMN_LAYOUT);
  });

  it('narrows the columns nobody sized to fit the width, keeping fixed and hand-set ones, within a limit', () => {
    const columns = [
      { id: 'name', size: 200 },
      { id: 'model', size: 100 },
      { id: 'lastSeen', size: 140, fixed: true },
    ];
    // Room for all: nothing changes, nothing grows.
    expect(fitColumnWidths(columns, {}, 1000, 40)).toEqual({ name: 200, model: 100, lastSeen: 140 });
    // 380 px: the fixed column keeps 140; the other two share 240 in proportion (×0.8).
    expect(fitColumnWidths(columns, {}, 380, 40)).toEqual({ name: 160, model: 80, lastSeen: 140 });
    // A hand-set width is kept and left out of the answer; the rest fit around it.
    expect(fitColumnWidths(columns, { name: 150 }, 370, 40)).toEqual({ model: 80, lastSeen: 140 });
    // Never below the limit: past it the grid scrolls.
    const narrow = fitColumnWidths(columns, {}, 200, 40);
    expect(narrow.name).toBe(Math.floor(200 * MIN_FIT_FACTOR));
    expect(narrow.model).toBe(Math.floor(100 * MIN_FIT_FACTOR));
  });
});
