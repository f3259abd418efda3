import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // better-sqlite3 is a native module: process isolation keeps one crash from taking the run down.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
