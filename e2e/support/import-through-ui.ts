// Imports a file through the Import page as a person does: choose it, say what it is, check it,
// read the preview, commit. Returns once the run report says the import succeeded.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** `network`: the network or site the file's private IPs belong to (left empty when omitted). */
export async function checkThroughUi(page: Page, file: string, kindLabel: string, sourceName: string, network?: string): Promise<void> {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await page.getByTestId('import-kind').click();
  await page.getByRole('option', { name: kindLabel, exact: true }).click();
  await page.getByTestId('import-source-name').fill(sourceName);
  if (network !== undefined) await page.getByTestId('import-network').fill(network);
  await page.getByTestId('import-start').click();
  // Progress may be too quick to catch on a small file; the preview (or a failed report) must appear.
  await page.locator('[data-testid="import-preview"], [data-testid="import-result"]').first().waitFor({ timeout: 60_000 });
}

export async function importThroughUi(page: Page, file: string, kindLabel: string, sourceName: string, network?: string): Promise<void> {
  await checkThroughUi(page, file, kindLabel, sourceName, network);
  const preview = page.getByTestId('import-preview');
  expect(await preview.isVisible(), (await page.getByTestId('import-result').isVisible()) ? await page.getByTestId('import-result').innerText() : '').toBe(true);
  await preview.getByTestId('import-commit').click();
  const result = page.getByTestId('import-result');
  await result.waitFor({ timeout: 60_000 });
  await expect.poll(() => result.getByTestId('run-report').getAttribute('data-status'), { timeout: 60_000 }).not.toBe('running');
  const status = await result.getByTestId('run-report').getAttribute('data-status');
  expect(status, status === 'succeeded' ? '' : await result.innerText()).toBe('succeeded');
}
