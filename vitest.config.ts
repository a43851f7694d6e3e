import { defineConfig } from 'vitest/config';

// Unit and integration tests run under plain Node against real SQLite files, real servers on
// 127.0.0.1 and real protocol agents. End-to-end specs (e2e/) run separately with Playwright.
export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
