// The progress file across processes: sessions of one user saving at once, sessions killed
// in the middle of a save, a crash between write and rename, a corrupt file, a file from a
// newer nslab. Nothing reported as saved is lost, and nothing crashes. (Single-process
// behaviour is unit-tested in test/progress.)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lab.js';
import { labLeftovers, sleep, startLab } from '../helpers/sandbox.js';
import { FAULT_LESSONS, seeded } from './faults.js';
import { tally } from './tally.js';

const WRITER = join(ROOT, 'test', 'fixtures', 'reliability', 'progress-writer.mjs');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function stateDir(): { state: string; file: string } {
  const state = mkdtempSync(join(tmpdir(), 'nslab-progress-'));
  dirs.push(state);
  mkdirSync(join(state, 'nslab'));
  return { state, file: join(state, 'nslab', 'progress.json') };
}

function writer(file: string, lesson: string, first: number, count: number) {
  const child = spawn(process.execPath, [WRITER, file, lesson, String(first), String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, done, get out() { return out; } };
}

function savedClaims(out: string): string[] {
  return [...out.matchAll(/^SAVED (\S+) (\d+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
}

/** Claims of a save that the file does not hold, or why the file is unusable. */
function lost(file: string, claims: string[]): string[] {
  let data: { version: number; lessons: Record<string, { done: { number: number }[] }> };
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`unreadable: ${(e as Error).message}`];
  }
  return claims.filter((c) => {
    const [lesson, n] = c.split(' ');
    return !data.lessons[lesson]?.done.some((d) => d.number === Number(n));
  });
}

describe('the progress file across processes', () => {
  it('six sessions of one user saving at once lose none of each other\'s steps', async () => {
    const { file } = stateDir();
    const ws = Array.from({ length: 6 }, (_, i) => writer(file, i % 2 ? 'shared' : `lesson-${i}`, i * 1000 + 1, 12));
    await Promise.all(ws.map((w) => w.done));
    const claims = ws.flatMap((w) => savedClaims(w.out));
    const missing = lost(file, claims);
    tally({ dataLost: missing.length });
    expect(ws.map((w) => w.out).join('')).not.toMatch(/WARNING|Error/);
    expect(claims).toHaveLength(72);
    expect(missing).toEqual([]);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['progress.json']);
  });

  it('killed with SIGKILL mid-save, six times over: every reported save survives, and the next session saves at once', async () => {
    const { file } = stateDir();
    const rand = seeded(42);
    const claims: string[] = [];
    for (let round = 0; round < 6; round++) {
      const w = writer(file, 'crashy', round * 10_000 + 1, 0);
      // Strike after a first save or two, at a moment in the middle of the next ones.
      while (savedClaims(w.out).length < 2 && w.child.exitCode === null) await sleep(5);
      await sleep(Math.floor(rand() * 15));
      w.child.kill('SIGKILL');
      await w.done;
      claims.push(...savedClaims(w.out));
    }
    const next = writer(file, 'after', 1, 1);
    await next.done;
    claims.push(...savedClaims(next.out));
    const missing = lost(file, claims);
    tally({ faults: 6, dataLost: missing.length });
    expect(missing).toEqual([]);
    expect(next.out).toBe('SAVED after 1\n'); // saved, without a lock warning
    // No lock and no temporary file of a cut-short save stays behind.
    expect(readdirSync(join(file, '..')).sort()).toEqual(['progress.json']);
  });

  it('a crash between write and rename (a temp file and a lock left behind) costs the next session nothing', async () => {
    const { file } = stateDir();
    writeFileSync(file, JSON.stringify({ version: 1, lessons: { kept: { done: [{ number: 1, title: 'a' }], current: 2, completed: false } } }));
    writeFileSync(`${file}.lock`, '12\n');
    writeFileSync(join(file, '..', '.progress.json.12.0badf00d.tmp'), '{"version":1,"less');
    const w = writer(file, 'next', 1, 1);
    await w.done;
    tally({ faults: 1, dataLost: lost(file, ['kept 1', ...savedClaims(w.out)]).length });
    expect(w.out).toBe('SAVED next 1\n');
    expect(lost(file, ['kept 1', 'next 1'])).toEqual([]);
    expect(readdirSync(join(file, '..')).sort()).toEqual(['progress.json']);
  });
});

describe('a lesson with a damaged progress file', () => {
  const steps = ['ip netns add n1', 'docker run -d --name c1 busybox', 'ip link add va type veth peer name vb'];

  async function runLesson(state: string) {
    const lab = startLab({ args: ['start', '90'], env: { XDG_STATE_HOME: state, NSLAB_LESSONS: FAULT_LESSONS } });
    for (const s of steps) lab.send(s);
    lab.child.stdin.end();
    const { code } = await lab.exited;
    expect(await labLeftovers(lab.tag, lab.pid)).toEqual([]);
    return { code, output: lab.output };
  }

  it('a corrupt file is kept as .bak, said so, and progress is saved afresh', async () => {
    const { state, file } = stateDir();
    const garbage = '{"version":1,"lessons":{"a":\u0000\u00ff garbage';
    writeFileSync(file, garbage);
    const { code, output } = await runLesson(state);
    expect(output).toMatch(/could not be read .* it is kept as .*progress\.json\.bak/s);
    expect(output).not.toMatch(/^\s+at /m);
    expect(code).toBe(0);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(garbage);
    const missing = lost(file, ['90-faults 1', '90-faults 2', '90-faults 3']);
    tally({ lines: 1, dataLost: missing.length });
    expect(missing).toEqual([]);
  });

  it('a file from a newer nslab is read, never overwritten, and the lesson still runs', async () => {
    const { state, file } = stateDir();
    const future = JSON.stringify({ version: 99, lessons: { '90-faults': { done: [{ number: 1, title: 'Make a namespace' }], current: 2, completed: false, extra: 'new' } }, more: [1] });
    writeFileSync(file, future);
    const { code, output } = await runLesson(state);
    expect(output).toContain('written by a newer nslab');
    expect(output).toContain('Lesson complete');
    expect(output).not.toMatch(/^\s+at /m);
    expect(code).toBe(0);
    tally({ lines: 1, dataLost: readFileSync(file, 'utf8') === future ? 0 : 1 });
    expect(readFileSync(file, 'utf8')).toBe(future);
  });

  it('two labs of one user finishing lessons at once both keep their progress', async () => {
    const { state, file } = stateDir();
    const [a, b] = await Promise.all([runLesson(state), runLesson(state)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const missing = lost(file, ['90-faults 1', '90-faults 2', '90-faults 3']);
    tally({ dataLost: missing.length });
    expect(missing).toEqual([]);
    expect(readdirSync(join(file, '..')).filter((n) => n.startsWith('progress.json')).sort()).toEqual(['progress.json']);
  });
});
