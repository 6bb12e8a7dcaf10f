// Workshop mode, the lab's side: the learner's shell reports its session (LabEvents) to
// the server's socket through the lab's broker. A real lab, a real socket, the shell
// driven through its stdin with the test lesson of test/fixtures/shell/lessons.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageEvents, sessionReporter } from '../../src/repl/page-events.js';
import { writeHold } from '../../src/serve/hold.js';
import { LAB_EVENT_MAX, type LabEvent } from '../../src/serve/protocol.js';
import { NSLAB, ROOT, runProcess } from '../helpers/lab.js';
import { startOnPty } from '../helpers/pty.js';

const LESSONS = join(ROOT, 'test', 'fixtures', 'shell', 'lessons');
const servers: Server[] = [];
afterEach(() => { for (const s of servers.splice(0)) s.close(); });

/** Listens on a fresh unix socket; `ended` resolves with every event read, once the
 * connection that brought them has closed (the broker ends with its lab); `sofar`, the
 * events read until now. */
async function eventsSocket(): Promise<{ path: string; ended: Promise<LabEvent[]>; sofar(): LabEvent[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'nslab-page-')), 'events.sock');
  let done!: (events: LabEvent[]) => void;
  const ended = new Promise<LabEvent[]>((resolve) => { done = resolve; });
  let text = '';
  const parsed = () => text.split('\n').slice(0, -1).map((l) => JSON.parse(l) as LabEvent);
  const server = createServer((conn) => {
    conn.on('data', (b) => { text += b.toString(); });
    conn.on('close', () => done(parsed()));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return { path, ended, sofar: parsed };
}

describe('page events: which', () => {
  it('none without NSLAB_EVENTS_SOCKET, or outside a lab (no broker to send through)', () => {
    expect(pageEvents('01', { NSLAB_IN_LAB: '1', NSLAB_STATE_FD: '3' })).toBeUndefined();
    expect(pageEvents('01', { NSLAB_EVENTS_SOCKET: '/tmp/x.sock' })).toBeUndefined();
  });

  it('an event bigger than the broker takes is left out, the next one goes', () => {
    const sent: string[] = [];
    const r = sessionReporter('01', (json) => sent.push(json));
    r.errorSeen('x'.repeat(LAB_EVENT_MAX), 'too long to send');
    r.prompt(true);
    expect(sent).toEqual(['{"kind":"prompt","idle":true}']);
  });

  it('a lab it cannot draw, or a sender that throws, never reaches the shell', () => {
    const r = sessionReporter('01', () => { throw new Error('gone'); });
    expect(() => r.prompt(false)).not.toThrow();
    expect(() => r.lab({} as never)).not.toThrow();
  });
});

describe('page events from a real lab (`nslab start` with NSLAB_EVENTS_SOCKET)', () => {
  it('reports steps, checks after each line (failing, then passing), hints, errors, the topology and the prompt', async () => {
    const socket = await eventsSocket();
    const state = mkdtempSync(join(tmpdir(), 'nslab-state-'));
    const lines = [
      '.hint',
      'ip link show nosuch', // a known error, explained
      'ip netns add net1', // step 1's solution
      'ip link add v0 type veth peer name v1 netns net1',
      'ip addr add 10.9.0.1/24 dev v0',
      'ip link set v0 up', // step 2's
    ];
    const run = await runProcess([NSLAB, 'start', '1'], {
      input: lines.join('\n') + '\n',
      env: { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: state, NO_COLOR: '1', NSLAB_EVENTS_SOCKET: socket.path },
    });
    expect(run.stdout).toContain('✔ Step 2 done.');
    const events = await socket.ended;
    const kinds = events.map((e) => e.kind);
    // The start: the step, the lab as it is, the prompt.
    expect(events.slice(0, 3)).toEqual([
      { kind: 'step', lessonId: '01-shell-test', number: 1, total: 3 },
      expect.objectContaining({ kind: 'topology' }),
      { kind: 'prompt', idle: true },
    ]);
    expect(events).toContainEqual({ kind: 'hint', lessonId: '01-shell-test', number: 1, hint: 'Namespaces are made with `ip netns`.', of: 2, at: 1 });
    expect(events).toContainEqual({ kind: 'error-seen', line: 'Device "nosuch" does not exist.', explanation: expect.stringContaining('nosuch') });
    // Every line: busy, then idle again (six lines, and the prompt at the start).
    expect(kinds.filter((k) => k === 'prompt')).toHaveLength(1 + 2 * lines.length);
    const checks = events.filter((e): e is Extract<LabEvent, { kind: 'checks' }> => e.kind === 'checks');
    expect(checks[0]).toEqual({ kind: 'checks', lessonId: '01-shell-test', number: 1, checks: [expect.objectContaining({ ok: false })] });
    const step1Done = checks.findIndex((c) => c.number === 1 && c.checks.every((x) => x.ok));
    expect(step1Done).toBeGreaterThan(0);
    const step2 = checks.filter((c) => c.number === 2);
    expect(step2[0].checks.map((c) => c.ok)).toEqual([true, false, false]); // after the veth pair alone
    expect(step2.at(-1)!.checks.every((c) => c.ok)).toBe(true);
    // Passed, then the next step shown, in that order.
    const passed1 = events.findIndex((e) => e.kind === 'step-passed' && e.number === 1);
    expect(events[passed1 + 1]).toEqual({ kind: 'step', lessonId: '01-shell-test', number: 2, total: 3 });
    expect(events).toContainEqual({ kind: 'step-passed', lessonId: '01-shell-test', number: 2 });
    // The lab the page draws: net1 and the veth pair appear once made.
    const topologies = events.filter((e): e is Extract<LabEvent, { kind: 'topology' }> => e.kind === 'topology');
    expect(JSON.stringify(topologies[0].model)).not.toContain('v0');
    const last = topologies.at(-1)!.model;
    const net1 = last.boxes.find((b) => b.shortName === 'net1');
    expect(net1).toBeDefined();
    expect(last.wires.filter((w) => w.otherNs === net1!.ns)).toHaveLength(1);
    expect(topologies[0].model.boxes.map((b) => b.shortName)).not.toContain('net1');
    // Sent only when it changed: no two pictures in a row are the same.
    expect(topologies.every((t, i) => i === 0 || JSON.stringify(t.model) !== JSON.stringify(topologies[i - 1].model))).toBe(true);
    expect(JSON.stringify(last.host)).toContain('v0');
    // The last line ran: its report came after its checks, and the prompt came back last.
    expect(events.at(-1)).toEqual({ kind: 'prompt', idle: true });
  });

  it('on a terminal too (the pty `nslab serve` gives each learner): a step passed, and the last line busy as .quit ends the shell', async () => {
    const socket = await eventsSocket();
    const state = mkdtempSync(join(tmpdir(), 'nslab-state-'));
    const pty = startOnPty(`${NSLAB} start 1`, { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: state, NSLAB_EVENTS_SOCKET: socket.path });
    try {
      await pty.waitFor('host # ');
      pty.send('ip netns add net1\r');
      await pty.waitFor('Step 2/3');
      pty.send('.quit\r');
      await pty.exited;
    } finally {
      pty.kill();
    }
    const events = await socket.ended;
    expect(events).toContainEqual({ kind: 'step-passed', lessonId: '01-shell-test', number: 1 });
    expect(events).toContainEqual({ kind: 'checks', lessonId: '01-shell-test', number: 1, checks: [expect.objectContaining({ ok: true })] });
    // `.quit` starts a line and ends the shell: no prompt comes back after it.
    expect(events.at(-1)).toEqual({ kind: 'prompt', idle: false, line: '.quit' });
  });

  it("held by the instructor: the step's solution passes it but the shell stays (.next too), and goes on at the next line once released", async () => {
    const socket = await eventsSocket();
    const state = mkdtempSync(join(tmpdir(), 'nslab-state-'));
    // As the server does, before the lab starts: hold the class at step 1.
    writeHold(state, { lessonId: '01-shell-test', step: 1, message: 'wait for the demo' });
    const pty = startOnPty(`${NSLAB} start 1`, { NSLAB_LESSONS: LESSONS, XDG_STATE_HOME: state, NSLAB_EVENTS_SOCKET: socket.path });
    try {
      await pty.waitFor('host # ');
      pty.send('ip netns add net1\r');
      const said = await pty.waitFor('The instructor holds the class here: wait for the demo.');
      await pty.waitFor('host # ', said);
      await expect.poll(() => socket.sofar().filter((e) => e.kind === 'held')).toEqual([{ kind: 'held', lessonId: '01-shell-test', step: 1, message: 'wait for the demo' }]);
      pty.send('.next\r');
      const again = await pty.waitFor('The instructor holds the class here', said + 1);
      await pty.waitFor('[01 · 1/3] host # ', again);
      expect(pty.output).not.toContain('Step 2/3');
      // Released while the shell runs: the next line moves the learner on.
      writeHold(state, undefined);
      pty.send('true\r');
      await pty.waitFor('Step 2/3');
      await pty.waitFor('[01 · 2/3] host # ');
      pty.send('.quit\r');
      await pty.exited;
    } finally {
      pty.kill();
    }
    const events = await socket.ended;
    const passed = events.findIndex((e) => e.kind === 'step-passed' && e.number === 1);
    expect(events[passed + 1]).toEqual({ kind: 'held', lessonId: '01-shell-test', step: 1, message: 'wait for the demo' });
    expect(events.filter((e) => e.kind === 'held')).toHaveLength(2); // passed, then .next
    expect(events.filter((e) => e.kind === 'step-passed')).toHaveLength(1);
    const step2 = events.findIndex((e) => e.kind === 'step' && e.number === 2);
    expect(step2).toBeGreaterThan(events.findLastIndex((e) => e.kind === 'held'));
  });
});
