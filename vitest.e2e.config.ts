import { defineConfig } from 'vitest/config';

// End-to-end specs: the real app in serve mode (and the Electron shell where its binary exists),
// driven by Playwright in Debian's Chromium. Run after `npm run build`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // expect.poll waits for the UI to reach a state; on a busy 2-core machine that can take far
    // longer than vitest's default 1 s. Patience, not a speed limit: a poll returns as soon as it holds.
    expect: { poll: { timeout: 30_000, interval: 100 } },
  },
});
