import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Lab tests start real namespaces and processes; give them room on a busy 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    // A scratch TMPDIR for the run, removed at its end (first, so the next one uses it);
    // then test/reliability's counters, whose summary line is printed at the end.
    globalSetup: ['./test/scratch-tmpdir.ts', './test/reliability/summary-setup.ts'],
  },
});
