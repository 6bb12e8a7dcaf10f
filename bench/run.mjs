#!/usr/bin/env node
// `npm run bench`: nslab against the physical limit (ip -batch), against Mininet, and
// against its own targets, side by side in one run on this machine. Every figure is the
// median of --runs rounds (default 5) whose variants run interleaved, so that load from
// other work on a shared machine hits both sides of a ratio alike. Every target is a ratio
// to a baseline measured in the same run (bench/lib/targets.mjs), peak RSS excepted.
// Prints a table (figure, target, verdict) and exits 1 when a target is missed.
//   node bench/run.mjs [--runs N] [--only scale,startup,lines,checks,memory,walk,serve] [--no-mininet]
// The serve section runs once (its 50 learners are its sample); NSLAB_BENCH_LEARNERS=N
// picks another number of learners for a quick run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interleaved, median, timeCommand } from './lib/timing.mjs';
import { ensureMininet } from './lib/mininet.mjs';
import { processTree } from './lib/proctree.mjs';
import { benchServe } from './lib/serve-bench.mjs';
import { ms, verdicts } from './lib/targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const NSLAB = join(root, 'bin', 'nslab');
const SANDBOX = ['unshare', '--net', '--mount', '--pid', '--fork', '--mount-proc'];
const SCALE_NS = [2, 10, 50];
const LINES = 200;

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('--runs', '5'));
const ONLY = new Set(opt('--only', 'scale,startup,lines,checks,memory,walk,serve').split(','));
const LEARNERS = Number(process.env.NSLAB_BENCH_LEARNERS ?? '50');
const SERVE_DEADLINE_MS = 4 * 60_000;
const log = (s) => process.stderr.write(`bench: ${s}\n`);
if (!Number.isInteger(RUNS) || RUNS < 1) { log('--runs takes a whole number ≥ 1'); process.exit(2); }
if (!Number.isInteger(LEARNERS) || LEARNERS < 1 || LEARNERS > 200) { log('NSLAB_BENCH_LEARNERS takes a whole number from 1 to 200'); process.exit(2); }
if (process.getuid?.() !== 0) log('note: not root: the ip-batch and Mininet columns need root (unshare --net); they will read n/a');

// Progress goes to a scratch place: the bench must neither read nor change the learner's.
const stateHome = mkdtempSync(join(os.tmpdir(), 'nslab-bench-'));
const env = { ...process.env, XDG_STATE_HOME: stateHome, NO_COLOR: '1' };
process.on('exit', () => rmSync(stateHome, { recursive: true, force: true }));
// Node as nslab starts its own: bin/nslab unsets NODE_EXTRA_CA_CERTS (Node loads the
// certificates at every start), so a baseline Node must run without it too.
const nodeEnv = { ...process.env };
delete nodeEnv.NODE_EXTRA_CA_CERTS;

const figures = {}; // what each section measured, for verdicts() and the final table
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'ok' : 'MISSED');
const progress = (name, value, error) => log(error ? `${name}: unavailable: ${error}` : `${name}: ${ms(value)}`);
const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function machine() {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown cpu';
  return `${os.hostname()}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${os.release()}, Node ${process.version}`;
}

/** The lessons, from the build: which to start, which step to type lines at, which to check. */
async function pickLessons() {
  const { loadLessons } = await import(join(root, 'dist', 'lesson', 'load.js'));
  const { lessons } = await loadLessons(join(root, 'lessons'));
  if (!lessons.length) throw new Error('no lessons load: run `nslab lint`');
  const numberOf = (l) => String(Number(l.meta.id.slice(0, 2)));
  const startLesson = lessons.find((l) => numberOf(l) === '1') ?? lessons[0];
  // Typed lines go to a step with checks (so each line costs a snapshot and checks) and no
  // question (which would take the lines as answers).
  const linesStep = startLesson.steps.find((s) => s.checks.length && !s.question) ?? startLesson.steps[0];
  // Check latency on the step with the most checks in any lesson.
  let check = { lesson: lessons[0], step: lessons[0].steps[0] };
  for (const l of lessons) for (const s of l.steps) if (s.checks.length > check.step.checks.length) check = { lesson: l, step: s };
  // The class server starts at the first lesson, as `nslab serve` does by default.
  return { startLesson: numberOf(startLesson), startId: startLesson.meta.id, linesStep: linesStep.number, check, classLesson: lessons[0] };
}

async function benchScale() {
  const why = argv.includes('--no-mininet') ? 'skipped (--no-mininet)' : process.getuid?.() === 0 ? ensureMininet(log) : 'needs root';
  if (why) log(`Mininet column n/a: ${why}`);
  // Context for the ratios: a lab with no container and no ping (launcher, namespaces,
  // Node, the docker-host preset, teardown) is nslab's fixed cost.
  const variants = {
    'nslab, empty lab': async () => (await timeCommand([NSLAB, 'run', '--', 'true'], { env })).ms,
  };
  for (const n of SCALE_NS) {
    const last = `172.17.0.${n + 1}`;
    variants[`nslab N=${n}`] = async () =>
      (await timeCommand([NSLAB, 'run', '--containers', String(n), '--', `docker exec c1 ping -c1 -W3 ${last}`], { env })).ms;
    variants[`ip-batch N=${n}`] = async () =>
      (await timeCommand([...SANDBOX, 'sh', join(root, 'bench', 'ip-batch-topology.sh'), String(n)])).ms;
    if (!why) {
      variants[`mininet N=${n}`] = async () =>
        (await timeCommand([...SANDBOX, 'sh', join(root, 'bench', 'mininet-sandbox.sh'), String(n)])).ms;
    }
  }
  const r = await interleaved(RUNS, variants, progress);
  console.log('\nLab scale: N containers on a bridge, one ping c1 → cN, then exit (median wall time)');
  console.log('   N   nslab      ip-batch   mininet    nslab/ip-batch  nslab/mininet');
  for (const n of SCALE_NS) {
    const a = r[`nslab N=${n}`].median, b = r[`ip-batch N=${n}`].median, c = r[`mininet N=${n}`]?.median;
    const ratio = (x, y) => (x === undefined || y === undefined ? 'n/a' : `${(x / y).toFixed(2)}×`);
    console.log(`  ${String(n).padStart(2)}   ${ms(a).padEnd(9)}  ${ms(b).padEnd(9)}  ${ms(c).padEnd(9)}  ${ratio(a, b).padEnd(14)}  ${ratio(a, c)}`);
  }
  console.log(`  (nslab's fixed cost, an empty docker-host lab running \`true\`: ${ms(r['nslab, empty lab'].median)})`);
  for (const [name, slot] of Object.entries(r)) if (slot.error) console.log(`  ${name}: n/a: ${slot.error}`);
  figures.scale = { nslab: r['nslab N=50'].median, ipBatch: r['ip-batch N=50'].median, mininet: r['mininet N=50']?.median };
}

async function benchWalk() {
  // The walk's own cost is what it adds to the same command in the same kind of lab: a
  // fresh lab with one container running the ping, with and without the walk watching.
  const ping = ['docker', 'exec', 'c1', 'ping', '-c1', '-W1', '203.0.113.10'];
  const r = await interleaved(RUNS, {
    'nslab walk': async () => (await timeCommand([NSLAB, 'walk', '--containers', '1', '--', ...ping], { env })).ms,
    'nslab run': async () => (await timeCommand([NSLAB, 'run', '--containers', '1', '--', ...ping], { env })).ms,
  }, progress);
  const walk = r['nslab walk'].median, plain = r['nslab run'].median;
  console.log(`\nPacket walk: \`nslab walk --containers 1 -- ${ping.join(' ')}\`: ${ms(walk)}; the same ping with \`nslab run\`: ${ms(plain)}; the walk itself: ${ms(walk - plain)}`);
  figures.walk = { walk, plain };
}

async function benchStartup(lessons) {
  // One empty line, then EOF: without a line the pipe shell never prints a prompt. The clock
  // stops at the first prompt, `[NN · s/t] host # `.
  const prompt = /^\[[^\]]*\] \S+ # /m;
  // The baseline is Node started as nslab starts its own (nodeEnv), so that the ratio does
  // not depend on whether a machine sets NODE_EXTRA_CA_CERTS. Where it does, `node -e 0`
  // as this machine runs it is printed beside.
  const certs = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const variants = {
    [`nslab start ${lessons.startLesson}`]: async () =>
      (await timeCommand([NSLAB, 'start', lessons.startLesson], { env, input: '\n', until: prompt, okCodes: [0, 1] })).ms,
    'node -e 0': async () => (await timeCommand(['node', '-e', '0'], { env: nodeEnv })).ms,
  };
  if (certs) variants['node -e 0, with certificates'] = async () => (await timeCommand(['node', '-e', '0'])).ms;
  const r = await interleaved(RUNS, variants, progress);
  const a = r[`nslab start ${lessons.startLesson}`].median, b = r['node -e 0'].median, c = r['node -e 0, with certificates']?.median;
  const times = (x, y) => (x && y ? `${(x / y).toFixed(1)}×` : 'n/a');
  console.log(`\nStart-up: launch to the first prompt of \`nslab start ${lessons.startLesson}\` (${lessons.startId}): ${ms(a)}; \`node -e 0\` without NODE_EXTRA_CA_CERTS: ${ms(b)}; ratio ${times(a, b)}`);
  if (certs) console.log(`  (this machine sets NODE_EXTRA_CA_CERTS; \`node -e 0\` with it: ${ms(c)}, ratio ${times(a, c)})`);
  figures.startup = { nslab: a, node: b };
}

async function benchLines(lessons) {
  const lines = Array.from({ length: LINES }, (_, i) => (i % 2 ? 'ip -br a' : 'true')).join('\n') + '\n';
  const step = String(lessons.linesStep);
  const start = ['start', lessons.startLesson, '--step', step];
  const r = await interleaved(RUNS, {
    'sandbox, 200 lines': async () => (await timeCommand([NSLAB, 'sandbox'], { env, input: lines })).ms,
    'sandbox, no line': async () => (await timeCommand([NSLAB, 'sandbox'], { env, input: '' })).ms,
    'lesson shell, 200 lines': async () => (await timeCommand([NSLAB, ...start], { env, input: lines, okCodes: [0, 1] })).ms,
    'lesson shell, no line': async () => (await timeCommand([NSLAB, ...start], { env, input: '', okCodes: [0, 1] })).ms,
    'bash -c, 200 lines': async () => {
      const { stdout } = await timeCommand([NSLAB, 'run', '--', `node ${join(root, 'bench', 'in-lab', 'bash-lines.mjs')}`], { env, input: lines });
      return JSON.parse(stdout.trim().split('\n').pop()).totalMs;
    },
  }, progress);
  // Per round: (with lines − without) / lines, so the lab's start and end cancel out.
  const perLine = (withName, withoutName) => {
    const a = r[withName].runs, b = r[withoutName].runs;
    if (r[withName].error || r[withoutName].error) return undefined;
    return median(a.map((x, i) => (x - b[i]) / LINES));
  };
  const bash = r['bash -c, 200 lines'].error ? undefined : median(r['bash -c, 200 lines'].runs.map((x) => x / LINES));
  const sandbox = perLine('sandbox, 200 lines', 'sandbox, no line');
  const lesson = perLine('lesson shell, 200 lines', 'lesson shell, no line');
  const vs = (x) => (x === undefined || bash === undefined ? 'n/a' : `${(x / bash).toFixed(2)}× bash -c, ${ms(x - bash)} over it`);
  console.log(`\nPer-line cost, ${LINES} lines alternating \`true\` and \`ip -br a\`, stdin a pipe:`);
  console.log(`  bash -c LINE, one process per line (inside a lab):  ${ms(bash)} a line`);
  console.log(`  nslab sandbox (one bash session):                     ${ms(sandbox)} a line, ${vs(sandbox)}`);
  console.log(`  nslab start ${lessons.startLesson} --step ${step} (snapshot + checks each line): ${ms(lesson)} a line, ${vs(lesson)}`);
  figures.lines = { bash, sandbox, lesson };
}

async function benchChecks(lessons) {
  const { lesson, step } = lessons.check;
  const script = `node ${join(root, 'bench', 'in-lab', 'check-latency.mjs')} ${lesson.file} ${step.number} 200`;
  let result;
  try {
    const { stdout } = await timeCommand([NSLAB, 'run', '--preset', lesson.meta.preset, '--', script], { env });
    result = JSON.parse(stdout.trim().split('\n').pop());
  } catch (e) {
    log(`check latency: unavailable: ${e.message}`);
  }
  console.log(`\nCheck latency: one kernel snapshot + the ${step.checks.length} checks of ${lesson.meta.id} step ${step.number} (“${step.title}”), median of 200: ` +
    (result ? `${ms(result.median)} (min ${ms(result.min)}, max ${ms(result.max)}; ${result.passed}/${result.checks.length} checks pass)` : 'n/a'));
  if (result) {
    const { reads } = result;
    console.log(`  the same reads as bare processes (ip -batch, bridge fdb, iptables-save in each of its ${reads.namespaces} namespaces): ${ms(reads.median)} (min ${ms(reads.min)}, max ${ms(reads.max)}); ratio ${(result.median / reads.median).toFixed(1)}×`);
  }
  figures.checks = { check: result?.median, reads: result?.reads.median };
}

/** Peak RSS of `nslab sandbox --containers 10` after some work: the sum of VmHWM over its
 * whole process tree (launcher, unshare, lab pid 1, node, bash session, containers). */
async function measureMemoryOnce() {
  const child = spawn(NSLAB, ['sandbox', '--containers', '10'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const marked = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { out += d; if (/^BENCH-MARK$/m.test(out)) resolve(); });
    child.on('close', (code) => reject(new Error(`nslab sandbox exited ${code} early: ${out.slice(-300)}`)));
  });
  child.stdin.write(['docker ps', 'ip -br a', 'brctl show', 'docker exec c1 ping -c1 -W1 172.17.0.11', 'docker inspect c5 >/dev/null', 'echo BENCH-MARK', ''].join('\n'));
  await marked;
  const tree = processTree(child.pid);
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.stdin.end();
  await closed;
  return tree;
}

async function benchMemory() {
  const trees = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    try { trees.push(await measureMemoryOnce()); } catch (e) { log(`memory: ${e.message}`); }
  }
  if (!trees.length) {
    figures.memory = { peakMb: undefined };
    return;
  }
  const sum = (t) => t.reduce((a, p) => a + p.hwmKb, 0) / 1024;
  const totals = trees.map(sum);
  const total = median(totals);
  const tree = trees[totals.indexOf(totals.find((x) => x === total) ?? totals[0])] ?? trees[0];
  const byName = new Map();
  for (const p of tree) {
    const e = byName.get(p.name) ?? { n: 0, mb: 0 };
    byName.set(p.name, { n: e.n + 1, mb: e.mb + p.hwmKb / 1024 });
  }
  console.log(`\nMemory: \`nslab sandbox --containers 10\` after docker ps, ip, brctl, docker exec ping, docker inspect: sum of VmHWM (peak RSS) over its ${tree.length} live processes: ${total.toFixed(1)} MB`);
  console.log('  ' + [...byName].map(([name, e]) => `${name} ×${e.n}: ${e.mb.toFixed(1)} MB`).join('; '));
  console.log('  (shared pages such as libc are counted once per process, so this overstates the real footprint)');
  // Context only: the target stays absolute, as memory does not depend on the machine's speed.
  const bare = spawnSync('node', ['-e', 'process.stdout.write(require("fs").readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\\s+(\\d+)/m)[1])'], { env: nodeEnv, encoding: 'utf8' });
  if (bare.status === 0) console.log(`  (a bare \`node -e\` on this machine peaks at ${(Number(bare.stdout) / 1024).toFixed(1)} MB)`);
  figures.memory = { peakMb: total };
}

async function benchServeSection(lessons) {
  const { LAB } = await import(join(root, 'dist', 'sandbox', 'presets.js'));
  // The first lesson's question asks for eth0's address, which every lab's host has.
  figures.serve = await benchServe({ root, env, log, lesson: lessons.classLesson, answer: LAB.hostIp, learners: LEARNERS, deadlineMs: SERVE_DEADLINE_MS });
}

console.log(`nslab bench, ${new Date().toISOString()}`);
console.log(machine());
console.log(`load average at start: ${loadavg()}; ${RUNS} interleaved rounds per figure`);
const lessons = await pickLessons();
if (ONLY.has('scale')) await benchScale();
if (ONLY.has('startup')) await benchStartup(lessons);
if (ONLY.has('lines')) await benchLines(lessons);
if (ONLY.has('checks')) await benchChecks(lessons);
if (ONLY.has('memory')) await benchMemory();
if (ONLY.has('walk')) await benchWalk();
if (ONLY.has('serve')) await benchServeSection(lessons);
console.log(`\nload average at end: ${loadavg()}\n`);
const rows = verdicts(figures);
const w = [Math.max(...rows.map((r) => r.figure.length)), Math.max(...rows.map((r) => r.value.length)), 9];
console.log(`${'figure'.padEnd(w[0])}  ${'measured'.padEnd(w[1])}  ${'target'.padEnd(w[2])}  verdict`);
for (const r of rows) console.log(`${r.figure.padEnd(w[0])}  ${r.value.padEnd(w[1])}  ${r.target.padEnd(w[2])}  ${verdict(r.ok)}`);
const missed = rows.filter((r) => r.ok === false);
if (missed.length) console.log(`\n${missed.length} target(s) missed.`);
process.exitCode = missed.length ? 1 : 0;
