import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Lab tests start real namespaces and processes; give them room on a busy 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // Adds up test/reliability's counters and prints its summary line at the end.
    globalSetup: ['./test/reliability/summary-setup.ts'],
  },
});
