// Run inside a lab (bin/nslab run): for each step of a lesson, its checks must fail before
// its commands and pass after, evaluated on real kernel snapshots. Prints one JSON line per step.
import { execSync } from 'node:child_process';
const root = process.env.NSLAB_ROOT;
const { loadLessonFile, evaluateAll, pingProber, checkAnswer } = await import(`${root}/dist/lesson/index.js`);
const { takeSnapshot } = await import(`${root}/dist/kernel/index.js`);
const { lesson, errors } = await loadLessonFile(process.argv[2]);
if (!lesson) throw new Error(JSON.stringify(errors));
const prober = pingProber();
for (const line of lesson.meta.setup) execSync(line.text, { shell: '/bin/bash' });
for (const step of lesson.steps) {
  const before = await evaluateAll(step.checks, await takeSnapshot(), prober, { commands: [] });
  for (const c of step.commands) execSync(c, { shell: '/bin/bash', stdio: 'ignore' });
  const state = await takeSnapshot();
  const after = await evaluateAll(step.checks, state, prober, { commands: step.commands });
  const answer = step.question ? checkAnswer(step.question.answer, '', state) : undefined;
  console.log(JSON.stringify({
    step: step.number,
    before: before.map((r) => r.result.ok),
    after: after.map((r) => r.result.ok),
    failedAfter: after.filter((r) => !r.result.ok).map((r) => `${r.check.text}: expected ${r.result.expected}, found ${r.result.found}`),
    answer: answer?.expected,
  }));
}
