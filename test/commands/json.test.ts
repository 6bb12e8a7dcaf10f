// `nslab list --json`, `nslab progress --json` and `nslab doctor --json`: what a script or an
// instructor's tooling reads. The shapes are the ones README.md documents.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSLAB, ROOT, runProcess } from '../helpers/lab.js';

const LESSONS = join(ROOT, 'test', 'fixtures', 'lessons', 'valid');

/** A state directory whose progress file says: lesson 01 at step 2 with step 1 done, and a
 * lesson that is no longer in the lessons directory. */
function stateWithProgress(): string {
  const state = mkdtempSync(join(tmpdir(), 'nslab-json-'));
  mkdirSync(join(state, 'nslab'));
  writeFileSync(join(state, 'nslab', 'progress.json'), JSON.stringify({
    version: 1,
    lessons: {
      '01-wiring': { done: [{ number: 1, title: 'Find the bridge' }], current: 2, lastVisited: '2026-01-02T03:04:05.000Z', completed: false },
      '77-gone': { done: [{ number: 1, title: 'Old' }], current: 1, completed: false },
    },
  }));
  return state;
}

async function json(args: string[], state = stateWithProgress()): Promise<{ value: any; exitCode: number; path: string }> {
  const r = await runProcess([NSLAB, ...args], { env: { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: state, NO_COLOR: '' } });
  let value: unknown;
  try { value = JSON.parse(r.stdout); } catch { throw new Error(`not JSON (exit ${r.exitCode}): ${r.stdout}${r.stderr}`); }
  return { value, exitCode: r.exitCode, path: join(state, 'nslab', 'progress.json') };
}

const ROW_KEYS = ['completed', 'currentStep', 'doneSteps', 'id', 'lastVisited', 'number', 'steps', 'stepsDone', 'title'];

describe('--json', () => {
  it('list: every lesson, with its number, steps and progress; no lesson that is gone', async () => {
    const { value, exitCode } = await json(['list', '--json']);
    expect(exitCode).toBe(0);
    expect(Object.keys(value).sort()).toEqual(['lessons', 'problems', 'warnings']);
    expect(value.lessons.map((l: { id: string }) => l.id)).toEqual(['01-wiring', '02-next']);
    const [first, second] = value.lessons;
    expect(Object.keys(first).sort()).toEqual([...ROW_KEYS, 'summary'].sort());
    expect(first).toMatchObject({ id: '01-wiring', number: 1, stepsDone: 1, doneSteps: [1], currentStep: 2, completed: false, lastVisited: '2026-01-02T03:04:05.000Z' });
    expect(first.steps).toBeGreaterThan(1);
    expect(typeof first.title).toBe('string');
    expect(typeof first.summary).toBe('string');
    expect(second).toMatchObject({ id: '02-next', number: 2, stepsDone: 0, doneSteps: [], currentStep: null, lastVisited: null, completed: false });
  });

  it('progress: the file it read, every lesson with progress (a gone one with steps null)', async () => {
    const { value, exitCode, path } = await json(['progress', '--json']);
    expect(exitCode).toBe(0);
    expect(Object.keys(value).sort()).toEqual(['file', 'lessons', 'warnings']);
    expect(value.file).toBe(path);
    expect(value.lessons.map((l: { id: string }) => l.id)).toEqual(['01-wiring', '02-next', '77-gone']);
    for (const l of value.lessons) expect(Object.keys(l).sort()).toEqual(ROW_KEYS);
    expect(value.lessons[0]).toMatchObject({ stepsDone: 1, currentStep: 2 });
    expect(value.lessons[2]).toMatchObject({ id: '77-gone', number: 77, title: null, steps: null, stepsDone: 1 });
  });

  it('progress: a damaged progress file is a warning inside the JSON, and stdout stays JSON', async () => {
    const state = mkdtempSync(join(tmpdir(), 'nslab-json-'));
    mkdirSync(join(state, 'nslab'));
    writeFileSync(join(state, 'nslab', 'progress.json'), '{ not json');
    const { value } = await json(['progress', '--json'], state);
    expect(value.warnings.length).toBeGreaterThan(0);
    expect(value.lessons.every((l: { stepsDone: number }) => l.stepsDone === 0)).toBe(true);
  });

  it('progress: --json with --reset is refused with what to do instead', async () => {
    const r = await runProcess([NSLAB, 'progress', '--reset', '--json'], { env: { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: stateWithProgress() } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/does not go with --reset/);
    expect(r.stderr).not.toMatch(/at .*\.js/);
  });

  it('doctor: ok, unmet, and every check with name, ok, optional, detail and fix', async () => {
    const { value, exitCode } = await json(['doctor', '--json']);
    expect(Object.keys(value).sort()).toEqual(['checks', 'ok', 'unmet']);
    expect(exitCode).toBe(value.ok ? 0 : 1);
    expect(value.unmet).toBe(value.checks.filter((c: { ok: boolean; optional: boolean }) => !c.ok && !c.optional).length);
    for (const c of value.checks) {
      expect(Object.keys(c).sort()).toEqual(['detail', 'fix', 'name', 'ok', 'optional']);
      expect(c.fix === null || typeof c.fix === 'string').toBe(true);
    }
    expect(value.checks.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['kernel', 'kernel: veth', 'kernel: vxlan', 'ip']));
  });

  it('doctor: vxlan serves lesson 08 and -d overlay; macvlan serves lesson 07 and -d macvlan; 802.1q is trunk mode; all optional', async () => {
    const { value } = await json(['doctor', '--json']);
    const check = (name: string) => value.checks.find((x: { name: string }) => x.name === name);
    for (const name of ['kernel: vxlan', 'kernel: macvlan', 'kernel: 802.1q vlan']) expect(check(name).optional).toBe(true);
    expect(check('kernel: vxlan').detail).toMatch(/lesson 08 and `docker network create -d overlay`/);
    expect(check('kernel: macvlan').detail).toMatch(/lesson 07 and `docker network create -d macvlan`/);
    expect(check('kernel: 802.1q vlan').detail).toMatch(/trunk mode/);
    if (!check('kernel: 802.1q vlan').ok) expect(check('kernel: 802.1q vlan').fix).toMatch(/modprobe 8021q/);
    expect(value.checks.find((x: { name: string }) => x.name === 'kernel: veth').optional).toBe(false);
  });
});
