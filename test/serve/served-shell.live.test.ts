// A learner's shell as the workshop server runs it (served-shell.ts), for a real lab of
// the terminal agent reached from outside, with the test lesson of
// test/fixtures/shell/lessons: what it reports of the session (the events the pages show),
// what the learner's screen gets, the instructor's hold, the end of the shell.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/lesson/load.js';
import { sessionReporter } from '../../src/serve/page-events.js';
import { labEnvironment, labPidOne, outsideLab } from '../../src/sandbox/lab-access.js';
import { writeHold } from '../../src/serve/hold.js';
import type { LabEvent } from '../../src/serve/protocol.js';
import { ServedShell } from '../../src/serve/served-shell.js';
import { killAgentLabs, startAgentLab } from '../helpers/agent-lab.js';
import { ROOT } from '../helpers/lab.js';

const LESSONS = join(ROOT, 'test', 'fixtures', 'shell', 'lessons');
afterEach(() => killAgentLabs());

async function served(opts: { before?: (dir: string) => void } = {}) {
  const lab = await startAgentLab();
  opts.before?.(lab.dir);
  const lesson = (await loadLessons(LESSONS, 'en')).lessons.find((l) => l.meta.id === '01-shell-test')!;
  const pid1 = labPidOne(lab.pty.pid)!;
  const { NSLAB_AGENT_TOKEN: _, ...launcherEnv } = lab.env;
  const events: LabEvent[] = [];
  const prompts: string[] = [];
  let screen = '';
  let ended = false;
  const shell = new ServedShell({
    lesson,
    lang: 'en',
    dir: lab.dir,
    lab: outsideLab(pid1, labEnvironment(launcherEnv, ROOT, pid1), lab.sessions.start),
    sessions: lab.sessions,
    prompt: (text) => prompts.push(text),
    show: (b) => { screen += b.toString(); },
    cols: () => 100,
    observer: sessionReporter(lesson.meta.id, (json) => events.push(JSON.parse(json) as LabEvent)),
    reset: () => {},
    ended: () => { ended = true; },
  });
  const until = async (what: string, ok: () => boolean) => {
    for (const end = Date.now() + 30_000; !ok(); await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the screen: ${screen}`);
    }
  };
  await shell.start();
  await until('the first prompt', () => prompts.length === 1);
  /** Types a line, as the editor gives it, and waits for the next prompt. */
  const run = async (line: string) => {
    const n = prompts.length;
    shell.line(line);
    await until(`the prompt after ${line}`, () => prompts.length > n || ended);
  };
  return { shell, lab, events, prompts, screen: () => screen, run, ended: () => ended, until };
}

describe('a learner\'s shell run by the server', () => {
  it('reports steps, checks after each line (failing, then passing), hints, errors, the topology and the prompt', async () => {
    const s = await served();
    expect(s.prompts[0]).toBe('[01 · 1/3] host # ');
    expect(s.screen()).toContain('Make a namespace');
    expect(s.screen()).not.toMatch(/[^\r]\n/); // a terminal's newlines, as the lab's terminal made them
    const lines = [
      '.hint',
      'ip link show nosuch', // a known error, explained
      'ip netns add net1', // step 1's solution
      'ip link add v0 type veth peer name v1 netns net1',
      'ip addr add 10.9.0.1/24 dev v0',
      'ip link set v0 up', // step 2's
    ];
    for (const line of lines) await s.run(line);
    expect(s.screen()).toContain('✔ Step 2 done.');
    const { events } = s;
    const kinds = events.map((e) => e.kind);
    expect(events.slice(0, 3)).toEqual([
      { kind: 'step', lessonId: '01-shell-test', number: 1, total: 3 },
      expect.objectContaining({ kind: 'topology' }),
      { kind: 'prompt', idle: true },
    ]);
    expect(events).toContainEqual({ kind: 'hint', lessonId: '01-shell-test', number: 1, hint: 'Namespaces are made with `ip netns`.', of: 2, at: 1 });
    expect(events).toContainEqual({ kind: 'error-seen', line: 'Device "nosuch" does not exist.', explanation: expect.stringContaining('nosuch') });
    expect(kinds.filter((k) => k === 'prompt')).toHaveLength(1 + 2 * lines.length);
    const checks = events.filter((e): e is Extract<LabEvent, { kind: 'checks' }> => e.kind === 'checks');
    expect(checks[0]).toEqual({ kind: 'checks', lessonId: '01-shell-test', number: 1, checks: [expect.objectContaining({ ok: false })] });
    const step2 = checks.filter((c) => c.number === 2);
    expect(step2[0].checks.map((c) => c.ok)).toEqual([true, false, false]); // after the veth pair alone
    expect(step2.at(-1)!.checks.every((c) => c.ok)).toBe(true);
    const passed1 = events.findIndex((e) => e.kind === 'step-passed' && e.number === 1);
    expect(events[passed1 + 1]).toEqual({ kind: 'step', lessonId: '01-shell-test', number: 2, total: 3 });
    // The lab the page draws: net1 and the veth pair appear once made, each picture a new one.
    const topologies = events.filter((e): e is Extract<LabEvent, { kind: 'topology' }> => e.kind === 'topology');
    expect(JSON.stringify(topologies[0].model)).not.toContain('v0');
    const last = topologies.at(-1)!.model;
    const net1 = last.boxes.find((b) => b.shortName === 'net1');
    expect(net1).toBeDefined();
    expect(last.wires.filter((w) => w.otherNs === net1!.ns)).toHaveLength(1);
    expect(topologies.every((t, i) => i === 0 || JSON.stringify(t.model) !== JSON.stringify(topologies[i - 1].model))).toBe(true);
    expect(events.at(-1)).toEqual({ kind: 'prompt', idle: true });
    // The progress is the learner's, in their folder on the server.
    expect(s.prompts.at(-1)).toBe('[01 · 3/3] host # ');
  });

  it("held by the instructor: the step's solution passes it but the shell stays (.next too), and goes on at the next line once released", async () => {
    const s = await served({ before: (dir) => writeHold(dir, { lessonId: '01-shell-test', step: 1, message: 'wait for the demo' }) });
    await s.run('ip netns add net1');
    expect(s.screen()).toContain('The instructor holds the class here: wait for the demo.');
    await s.run('.next');
    expect(s.prompts.at(-1)).toBe('[01 · 1/3] host # ');
    expect(s.screen()).not.toContain('Step 2/3');
    writeHold(s.lab.dir, undefined);
    await s.run('true');
    expect(s.screen()).toContain('Step 2/3');
    expect(s.prompts.at(-1)).toBe('[01 · 2/3] host # ');
    const held = s.events.filter((e) => e.kind === 'held');
    expect(held).toEqual([{ kind: 'held', lessonId: '01-shell-test', step: 1, message: 'wait for the demo' }, { kind: 'held', lessonId: '01-shell-test', step: 1, message: 'wait for the demo' }]);
    expect(s.events.filter((e) => e.kind === 'step-passed')).toHaveLength(1);
  });

  it('ends on .quit, saying which steps are left, and the last line reported busy', async () => {
    const s = await served();
    await s.run('ip netns add net1');
    await s.run('.quit');
    expect(s.ended()).toBe(true);
    expect(s.screen()).toMatch(/not finished[^]*2 \(/i);
    expect(s.events.at(-1)).toEqual({ kind: 'prompt', idle: false, line: '.quit' });
  });
});
