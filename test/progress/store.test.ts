import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brokerStateDir, ProgressStore, PROGRESS_VERSION, StateBroker } from '../../src/progress/index.js';
import { ROOT } from '../helpers/lab.js';

// Every test runs twice: the store on the folder itself (outside a lab), and through
// bin/lab-state.pl, the broker a lab's nslab writes through (the broker picks the folder from
// its own XDG_STATE_HOME, as it does from the launcher's environment).
const BACKENDS = ['direct', 'broker'] as const;
type Backend = (typeof BACKENDS)[number];
const brokers: ReturnType<typeof spawn>[] = [];
afterEach(() => { for (const b of brokers.splice(0)) b.kill(); });

let backend: Backend = 'direct';
function fresh(opts: ConstructorParameters<typeof ProgressStore>[1] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-progress-'));
  const path = join(dir, 'nslab', 'progress.json');
  let t = Date.UTC(2025, 0, 1, 10, 0, 0);
  if (backend === 'broker') {
    const child = spawn('perl', [join(ROOT, 'bin', 'lab-state.pl'), '3'], { stdio: ['ignore', 'inherit', 'inherit', 'pipe'], env: { ...process.env, XDG_STATE_HOME: dir, SUDO_USER: '' } });
    brokers.push(child);
    opts = { ...opts, dir: brokerStateDir(new StateBroker(child.stdio[3] as Socket), join(dir, 'nslab')) };
  }
  const store = new ProgressStore({ path }, { now: () => new Date((t += 60_000)), ...opts });
  return { dir: join(dir, 'nslab'), path, store };
}

const onDisk = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe.each(BACKENDS)('ProgressStore, %s', (which) => {
  beforeEach(() => { backend = which; });
  it('no file yet: empty progress, no warning', async () => {
    const { store } = fresh();
    expect(await store.read()).toEqual({ data: { version: PROGRESS_VERSION, lessons: {} }, warnings: [] });
  });

  it('records visits and done steps, and completes a lesson when every step is done', async () => {
    const { store, path, dir } = fresh();
    expect((await store.visit('00-first-steps', { number: 1, title: 'Look' })).saved).toBe(true);
    await store.markDone('00-first-steps', { number: 1, title: 'Look' }, 2);
    await store.markDone('00-first-steps', { number: 1, title: 'Look' }, 2);
    await store.visit('00-first-steps', { number: 2, title: 'Wire' });
    expect(onDisk(path).lessons['00-first-steps']).toEqual({ done: [{ number: 1, title: 'Look' }], current: 2, lastVisited: '2025-01-01T10:04:00.000Z', completed: false });
    const r = await store.markDone('00-first-steps', { number: 2, title: 'Wire' }, 2);
    expect(r.data.lessons['00-first-steps'].completed).toBe(true);
    expect(onDisk(path)).toEqual(r.data);
    // atomic writes leave no temporary file and no lock behind
    expect(readdirSync(dir)).toEqual(['progress.json']);
  });

  it('a pass that moves on saves the step done and the next one current in the same write', async () => {
    const { store, path } = fresh();
    await store.visit('a', { number: 1, title: 'x' });
    await store.markDone('a', { number: 1, title: 'x' }, 3, { number: 2, title: 'y' });
    expect(onDisk(path).lessons.a).toMatchObject({ done: [{ number: 1, title: 'x' }], current: 2, completed: false });
    // Without a next step (the last one, or held there) the current step stays.
    await store.markDone('a', { number: 2, title: 'y' }, 3);
    expect(onDisk(path).lessons.a).toMatchObject({ current: 2 });
  });

  it('reset clears one lesson or all', async () => {
    const { store, path } = fresh();
    await store.visit('a', { number: 1, title: 'x' });
    await store.visit('b', { number: 1, title: 'x' });
    await store.reset('a');
    expect(Object.keys(onDisk(path).lessons)).toEqual(['b']);
    await store.reset();
    expect(onDisk(path).lessons).toEqual({});
  });

  it('a corrupt file is kept as .bak, then .bak.1, said once, and progress starts afresh', async () => {
    const { store, path } = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '{"version": 1, "lessons": {"a": ');
    const r1 = await store.read();
    expect(r1.data.lessons).toEqual({});
    expect(r1.warnings).toHaveLength(1);
    expect(r1.warnings[0]).toMatch(new RegExp(`^your progress file ${path} could not be read \\(it is not valid JSON \\(.+\\)\\); it is kept as ${path}\\.bak and your progress starts afresh\\.$`));
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"version": 1, "lessons": {"a": ');
    expect((await store.read()).warnings).toEqual([]);

    writeFileSync(path, '{"version": 1, "lessons": {"a": {"done": "all"}}}');
    const r2 = await store.visit('b', { number: 1, title: 'x' });
    expect(r2.saved).toBe(true);
    expect(r2.warnings[0]).toContain(`it is kept as ${path}.bak.1 `);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"version": 1, "lessons": {"a": ');
    expect(Object.keys(onDisk(path).lessons)).toEqual(['b']);
  });

  it('an empty file or a non-object is corrupt too', async () => {
    for (const text of ['', '[1,2]', '{"lessons":{}}']) {
      const { store, path } = fresh();
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, text);
      const r = await store.read();
      expect(r.warnings[0]).toContain('could not be read');
      expect(readFileSync(`${path}.bak`, 'utf8')).toBe(text);
    }
  });

  it('a file from a newer nslab is read as far as possible and never overwritten', async () => {
    const { store, path } = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    const future = JSON.stringify({ version: 7, lessons: { a: { done: [{ number: 1, title: 'x' }], current: 2, completed: false, stars: 3 }, b: { shape: 'new' } }, themes: {} });
    writeFileSync(path, future);
    const r = await store.read();
    expect(r.data.lessons).toEqual({ a: { done: [{ number: 1, title: 'x' }], current: 2, completed: false } });
    expect(r.warnings).toEqual([
      `your progress file ${path} was written by a newer nslab (format version 7; this one knows 1): progress is shown as far as it can be read, but not saved, so that the newer file is left intact. Update nslab to save progress again.`,
    ]);
    const s = await store.markDone('a', { number: 2, title: 'y' }, 3);
    expect(s.saved).toBe(false);
    expect(s.warnings).toEqual([]); // said once already
    expect(s.data.lessons.a.done).toHaveLength(2); // the session still sees its progress
    expect(readFileSync(path, 'utf8')).toBe(future);
  });

  it('a stale lock left by a crash is broken; a live one makes the save fail with a warning', async () => {
    const { store, path } = fresh();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(`${path}.lock`, '999\n');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(`${path}.lock`, old, old);
    expect((await store.visit('a', { number: 1, title: 'x' })).saved).toBe(true);

    const impatient = new ProgressStore({ path }, { lock: { timeoutMs: 100 } });
    writeFileSync(`${path}.lock`, '999\n');
    const r = await impatient.visit('a', { number: 2, title: 'y' });
    expect(r.saved).toBe(false);
    expect(r.warnings).toEqual([`progress not saved: ${path}.lock has been held for over 0 s; if no other nslab is running, delete it`]);
    expect(onDisk(path).lessons.a.current).toBe(1);
  });

  it('a directory it cannot make is a warning, not a crash (a file stands where it should be: true for root too)', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'nslab-blocked-')), 'state');
    writeFileSync(blocker, 'a file, not a directory');
    const path = join(blocker, 'nslab', 'progress.json');
    const store = new ProgressStore({ path });
    const r = await store.visit('a', { number: 1, title: 'x' });
    expect(r.saved).toBe(false);
    expect(r.warnings[0]).toContain(`cannot save your progress file ${path}: `);
  });

  it('under sudo the files and directories it creates belong to the invoking user', async (ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('chown to another user needs root');
    const base = mkdtempSync(join(tmpdir(), 'nslab-owner-'));
    const path = join(base, 'state', 'nslab', 'progress.json');
    const store = new ProgressStore({ path, owner: { uid: 4321, gid: 8765 } });
    expect((await store.visit('a', { number: 1, title: 'x' })).saved).toBe(true);
    for (const p of [path, join(base, 'state', 'nslab'), join(base, 'state')]) {
      expect([statSync(p).uid, statSync(p).gid]).toEqual([4321, 8765]);
    }
    expect(statSync(base).uid).toBe(0); // existed before: left alone
  });
});

describe('concurrent sessions', () => {
  it('several processes saving at once lose no saved step', async () => {
    const { path } = fresh();
    const storeModule = join(ROOT, 'dist', 'progress', 'index.js');
    const script = `
      const { ProgressStore } = await import(${JSON.stringify(storeModule)});
      const [who, path] = process.argv.slice(1);
      const store = new ProgressStore({ path });
      const lost = [];
      for (let n = 1; n <= 10; n++) {
        const r = await store.markDone('shared', { number: Number(who) * 10 + n, title: 'p' + who + '-' + n }, 0);
        await store.visit('p' + who, { number: n, title: 's' });
        if (!r.saved) lost.push(n);
      }
      process.stdout.write(JSON.stringify(lost));
    `;
    const procs = 6;
    const results = await Promise.all(
      Array.from({ length: procs }, (_, who) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--input-type=module', '-e', script, String(who), path], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (b) => (out += b));
          child.stderr.on('data', (b) => (err += b));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`session ${who} exited ${code}: ${err}`))));
        }),
      ),
    );
    expect(results).toEqual(Array(procs).fill('[]'));
    const data = onDisk(path);
    expect(data.lessons.shared.done).toHaveLength(procs * 10);
    for (let who = 0; who < procs; who++) expect(data.lessons[`p${who}`].current).toBe(10);
    expect(readdirSync(join(path, '..'))).toEqual(['progress.json']);
  });
});
