// The reliability suite's counters: each test adds what it tried and what it found; the
// global set-up (summary-setup.ts) adds them up once every test file has run and prints
// the summary line. Files run in parallel workers, so the counts go through small files.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityDir: string;
  }
}

export interface Tally {
  /** Learner lines and fuzzed inputs tried. */
  lines?: number;
  /** Signals and crashes injected. */
  faults?: number;
  /** Things found on the machine after a lab ended (must stay 0). */
  leftovers?: number;
  /** Saved progress found missing afterwards (must stay 0). */
  dataLost?: number;
}

export function tally(t: Tally): void {
  const dir = inject('reliabilityDir');
  if (!dir) return; // run outside the suite's config: nothing to add up
  appendFileSync(join(dir, `${process.pid}.jsonl`), JSON.stringify(t) + '\n');
}
