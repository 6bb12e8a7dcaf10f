// Check latency, measured inside a lab (`bin/nslab run --preset P -- node THIS LESSON STEP`):
// brings the lab to the end of STEP by running the lesson's setup and the reference
// commands of steps 1…STEP, then times one kernel snapshot plus that step's checks
// (takeLabSnapshot + evaluateAll, as the lesson shell does after each line) RUNS times,
// each time followed by one round of the bare reads that snapshot runs (bare-reads.mjs),
// the baseline: interleaved, so that load on the machine hits both alike.
// Prints one line of JSON: { median, min, max, runs, checks, passed, reads: { median,
// min, max, namespaces } }.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startBareReads } from './bare-reads.mjs';

const root = process.env.NSLAB_ROOT;
if (process.env.NSLAB_IN_LAB !== '1' || !root) {
  console.error('check-latency.mjs runs inside a lab: bin/nslab run --preset P -- node bench/in-lab/check-latency.mjs LESSON-FILE STEP');
  process.exit(2);
}
const [file, stepArg, runsArg = '200'] = process.argv.slice(2);
const RUNS = Number(runsArg);
const { loadLessonFile, evaluateAll, pingProber } = await import(join(root, 'dist', 'lesson', 'index.js'));
const { takeLabSnapshot } = await import(join(root, 'dist', 'lab-setup', 'lab-snapshot.js'));
const { IP_BATCH } = await import(join(root, 'dist', 'kernel', 'read-script.js'));
const { lesson, errors } = await loadLessonFile(file);
if (!lesson) {
  console.error(`${file}: ${errors.map((e) => e.message).join('; ')}`);
  process.exit(2);
}
const step = lesson.steps[Number(stepArg) - 1];
const lines = [...lesson.meta.setup.map((l) => l.text), ...lesson.steps.slice(0, step.number).flatMap((s) => s.commands)];
const r = spawnSync('bash', ['-c', lines.join('\n')], { encoding: 'utf8' });
if (r.status !== 0) console.error(`note: the reference commands exited ${r.status}: ${r.stderr.trim().split('\n').pop()}`);

const prober = pingProber();
const once = async () => {
  const state = await takeLabSnapshot();
  return evaluateAll(step.checks, state, prober, { commands: step.commands });
};
const bare = startBareReads(await takeLabSnapshot(), IP_BATCH);
for (let i = 0; i < 5; i++) { await once(); await bare.time(); }
const times = [];
const readTimes = [];
let reports;
for (let i = 0; i < RUNS; i++) {
  const t0 = process.hrtime.bigint();
  reports = await once();
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  readTimes.push(await bare.time());
}
bare.close();
const summary = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1], min: s[0], max: s[s.length - 1] };
};
console.log(JSON.stringify({
  ...summary(times), runs: RUNS,
  checks: step.checks.map((c) => c.text), passed: reports.filter((x) => x.result.ok).length,
  reads: { ...summary(readTimes), namespaces: bare.namespaces },
}));
