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
  },
});
