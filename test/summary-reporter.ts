// Prints the closing line CI reads, `N passed, N failed, N skipped`, and the reason of
// every skipped test, so that no test skips silently. A test file that fails to load, and
// an error thrown outside any test, each count as one failure.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const skips: string[] = [];
    for (const mod of modules) {
      let tests = 0;
      for (const test of mod.children.allTests()) {
        tests++;
        const r = test.result();
        if (r.state === 'passed') passed++;
        else if (r.state === 'failed') failed++;
        else {
          skipped++;
          skips.push(`  ${mod.moduleId.replace(process.cwd() + '/', '')} › ${test.fullName}: ${(r.state === 'skipped' && r.note) || 'skipped'}`);
        }
      }
      if (tests === 0 && mod.state() === 'failed') failed++;
    }
    if (skips.length) process.stdout.write(`\nSkipped, with the reason:\n${skips.join('\n')}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
