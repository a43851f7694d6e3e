// Test support: the badges and buttons on the page whose label does not fit (shown cut to an
// ellipsis or a letter), as "text (shown px of needed px)". Tag badges, whose text is a person's
// and may be cut to their container on purpose, and hidden elements are left out.
import type { Page } from 'playwright-core';

interface Box {
  scrollWidth: number;
  clientWidth: number;
}

export async function truncatedLabels(page: Page): Promise<string[]> {
  return page.locator('.mantine-Badge-root:visible, .mantine-Button-root:visible').evaluateAll((roots) => {
    const cut: string[] = [];
    for (const root of roots) {
      if (root.classList.contains('fw-tag-badge')) continue;
      const boxes = [root, ...Array.from(root.querySelectorAll('.mantine-Badge-label, .mantine-Button-label'))] as unknown as Box[];
      const tight = boxes.find((box) => box.scrollWidth > box.clientWidth + 1);
      if (tight) cut.push(`${(root.textContent ?? '').trim()} (shown ${tight.clientWidth}px of ${tight.scrollWidth}px)`);
    }
    return cut;
  });
}
