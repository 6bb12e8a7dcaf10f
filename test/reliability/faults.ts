// Fault injection: a signal to nslab at a chosen moment of a lesson (start, `docker run`,
// saving progress, a running command, teardown), then the proofs: nothing left on the
// machine, the progress file still valid JSON and holding everything reported as saved.
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostState, ROOT } from '../helpers/lab.js';
import { hostChanges, labLeftovers, sleep, startLab } from '../helpers/sandbox.js';
import { describe, expect, it } from 'vitest';
import { tally } from './tally.js';

export const FAULT_LESSONS = join(ROOT, 'test', 'fixtures', 'reliability', 'lessons');

export type Phase = 'lesson start' | 'docker run' | 'saving progress' | 'running command' | 'teardown';
export const PHASES: Phase[] = ['lesson start', 'docker run', 'saving progress', 'running command', 'teardown'];

/** Where to strike: after which text appears, and a delay range (ms) after it. */
const STRIKE: Record<Phase, { after?: string; minMs: number; maxMs: number }> = {
  'lesson start': { minMs: 0, maxMs: 400 },
  'docker run': { after: 'PHASE-DOCKER', minMs: 0, maxMs: 150 },
  'saving progress': { after: '✔ Step', minMs: 0, maxMs: 25 },
  'running command': { after: 'PHASE-RUN', minMs: 30, maxMs: 300 },
  // Input ends only once the lesson is complete, so the strike falls while the shell
  // closes, node exits and the kernel tears the namespaces down.
  teardown: { after: 'Lesson complete', minMs: 0, maxMs: 6 },
};

/** A small seeded generator: the same moments on every run, so a failure reproduces. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Fault {
  phase: Phase;
  signal: 'SIGKILL' | 'SIGTERM' | 'SIGHUP';
  delayMs: number;
  asUser?: string;
}

export function schedule(seed: number, signal: Fault['signal'], count: number, rootless: string | undefined): Fault[] {
  const rand = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const phase = PHASES[i % PHASES.length];
    const { minMs, maxMs } = STRIKE[phase];
    return { phase, signal, delayMs: Math.round(minMs + rand() * (maxMs - minMs)), asUser: i % 2 === 1 ? rootless : undefined };
  });
}

const EARLIER = { done: [{ number: 1, title: 'Saved in an earlier session' }], current: 2, completed: false };

export interface FaultOutcome {
  /** The signal reached a live nslab (not one that had already finished). */
  landed: boolean;
  leftovers: string[];
  hostChanged: string[];
  /** Saved progress missing afterwards, or a file that is no longer valid. */
  lost: string[];
  output: string;
}

function userIds(user: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout);
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout);
  return { uid, gid };
}

export async function injectFault(f: Fault): Promise<FaultOutcome> {
  const state = mkdtempSync(join(tmpdir(), 'nslab-fault-'));
  const dir = join(state, 'nslab');
  mkdirSync(dir);
  const file = join(dir, 'progress.json');
  writeFileSync(file, JSON.stringify({ version: 1, lessons: { '00-earlier': EARLIER } }, null, 2) + '\n');
  if (f.asUser) {
    const { uid, gid } = userIds(f.asUser);
    for (const p of [state, dir, file]) chownSync(p, uid, gid);
  }
  try {
    const before = hostState();
    const lab = startLab({ asUser: f.asUser, args: ['start', '90'], env: { XDG_STATE_HOME: state, NSLAB_LESSONS: FAULT_LESSONS } });
    const script = ['ip netns add n1', 'echo PHASE-DOCKER', 'docker run -d --name c1 busybox', 'ip link add va type veth peer name vb'];
    if (f.phase === 'running command') script.push('echo PHASE-RUN', 'sleep 30');
    for (const line of script) lab.send(line);
    if (f.phase !== 'teardown') lab.child.stdin.end();
    const { after } = STRIKE[f.phase];
    if (after) await lab.waitFor(after, { timeoutMs: 30_000 }).catch(() => { /* ended first: strike anyway */ });
    if (f.phase === 'teardown') lab.child.stdin.end();
    await sleep(f.delayMs);
    const landed = lab.child.exitCode === null && lab.child.signalCode === null;
    lab.child.kill(f.signal);
    await lab.exited;
    const leftovers = await labLeftovers(lab.tag, lab.pid);
    const hostChanged = hostChanges(before);
    return { landed, leftovers, hostChanged, lost: lostProgress(file, lab.output), output: lab.output };
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** Progress reported as saved (the next step was shown, which happens only after the save
 * returned) that the file no longer holds; or the file itself broken. */
export function lostProgress(file: string, output: string): string[] {
  let data: { version?: number; lessons?: Record<string, { done: { number: number }[] }> };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`progress file unreadable: ${(e as Error).message}`];
  }
  const lost: string[] = [];
  if (JSON.stringify(data.lessons?.['00-earlier']) !== JSON.stringify(EARLIER)) lost.push('the earlier session\'s progress');
  const saved = [1, 2].filter((n) => output.includes(`── Step ${n + 1}/3`));
  if (output.includes('Lesson complete')) saved.push(3);
  const done = new Set((data.lessons?.['90-faults']?.done ?? []).map((d) => d.number));
  for (const n of saved) if (!done.has(n)) lost.push(`step ${n} of 90-faults`);
  const strays = readdirSync(join(file, '..')).filter((n) => n.endsWith('.tmp'));
  void strays; // a temp file of a save cut short is cleaned by the next save (progress-crash.test.ts)
  return lost;
}

/** One test per fault: strike, then nothing may be left, changed or lost. */
export function testFaults(title: string, faults: Fault[]): void {
  describe(title, () => {
    it.each(faults.map((f, i) => ({ ...f, n: i + 1, who: f.asUser ?? 'root' })))('#$n $signal during $phase (+$delayMs ms, $who)', async (f, ctx) => {
      if (process.getuid?.() !== 0) return ctx.skip('needs root (the root half) and root to switch to the test user');
      const r = await injectFault(f);
      if (!r.landed) console.log(`fault #${f.n} (${f.signal} during ${f.phase}) struck after nslab had already ended: not counted`);
      tally({ faults: r.landed ? 1 : 0, leftovers: r.leftovers.length + r.hostChanged.length, dataLost: r.lost.length });
      expect(r.leftovers).toEqual([]);
      expect(r.hostChanged).toEqual([]);
      expect(r.lost).toEqual([]);
    });
  });
}
