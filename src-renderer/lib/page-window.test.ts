import { describe, expect, it } from 'vitest';
import { pagesForRows, pagesToEvict } from './page-window.js';

describe('pagesForRows', () => {
  it('covers a window that straddles a page boundary', () => {
    expect(pagesForRows(190, 210, 1000, 200)).toEqual([0, 1]);
  });
  it('clips to the total', () => {
    expect(pagesForRows(350, 900, 400, 200)).toEqual([1]);
  });
  it('asks for the first page while the total is unknown', () => {
    expect(pagesForRows(0, 40, null, 200)).toEqual([0]);
  });
  it('still asks for the first page when the last known total was 0', () => {
    expect(pagesForRows(0, 40, 0, 200)).toEqual([0]);
  });
  it('asks for nothing past the end', () => {
    expect(pagesForRows(500, 540, 400, 200)).toEqual([]);
  });
});

describe('pagesToEvict', () => {
  it('drops the pages farthest from the one in view', () => {
    expect(pagesToEvict([0, 1, 2, 50, 51], 1, 3).sort((a, b) => a - b)).toEqual([50, 51]);
  });
  it('keeps everything under the limit', () => {
    expect(pagesToEvict([0, 1], 0, 3)).toEqual([]);
  });
});
