// Prints the closing line CI reads, `N passed, N failed, N skipped`, and the reason of
// every skipped test, so that no test skips silently. A test file that fails to load, one
// that fails outside its tests (a beforeAll that throws leaves its tests skipped), and an
// error thrown outside any test, each count as one failure.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const skips: string[] = [];
    const broken: string[] = [];
    for (const mod of modules) {
      let tests = 0;
      let failedHere = 0;
      for (const test of mod.children.allTests()) {
        tests++;
        const r = test.result();
        if (r.state === 'passed') passed++;
        else if (r.state === 'failed') failedHere++;
        else {
          skipped++;
          skips.push(`  ${mod.moduleId.replace(process.cwd() + '/', '')} › ${test.fullName}: ${(r.state === 'skipped' && r.note) || 'skipped'}`);
        }
      }
      failed += failedHere;
      if (failedHere === 0 && mod.state() === 'failed') {
        failed++;
        if (tests > 0) broken.push(`  ${mod.moduleId.replace(process.cwd() + '/', '')}: failed outside its tests (a hook: see its error above)`);
      }
    }
    if (broken.length) process.stdout.write(`\nFailed outside any test:\n${broken.join('\n')}\n`);
    if (skips.length) process.stdout.write(`\nSkipped, with the reason:\n${skips.join('\n')}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
