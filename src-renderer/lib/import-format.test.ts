import { describe, expect, it } from 'vitest';
import { inferImportFormat } from './import-format.js';

describe('inferImportFormat', () => {
  it('reads the extension, case-insensitively', () => {
    expect(inferImportFormat('servers.CSV')).toBe('csv');
    expect(inferImportFormat('desktops.json')).toBe('json');
    expect(inferImportFormat('cloud.ndjson')).toBe('json');
    expect(inferImportFormat('cloud.jsonl')).toBe('json');
  });
  it('gives up on anything else', () => {
    expect(inferImportFormat('inventory.xlsx')).toBeNull();
  });
});
