// A hostile learner, as root and rootless: batches of destructive or odd lines, each batch
// in a fresh lab; afterwards the machine is exactly as before, and the lab still answered
// (or ended with a clear message). Supersedes test/sandbox/leftovers.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostState, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { hostChanges, labLeftovers, machineState, pidsCgroupDirs, startLab, startReadyLab } from '../helpers/sandbox.js';
import { BATCHES, ENDING_LINES } from './hostile-lines.js';
import { FAULT_LESSONS } from './faults.js';
import { tally } from './tally.js';

const machine = machineState;

const users = [
  { who: 'as root', asUser: undefined as string | undefined, unavailable: () => (process.getuid?.() === 0 ? undefined : 'needs root') },
  { who: `rootless, as ${TEST_USER}`, asUser: TEST_USER, unavailable: rootlessUnavailable },
];

describe.each(users)('a hostile learner, $who', ({ asUser, unavailable }) => {
  it.each(BATCHES)('$name: the machine is unchanged and the shell still answers', async (batch, ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const before = machine();
    const lab = await startReadyLab({ asUser });
    // Each line's own failure is expected; what matters is where its effects land.
    for (const line of batch.lines) lab.send(`${line} </dev/null 2>&1`);
    lab.send('echo STILL-HERE');
    await lab.waitFor('STILL-HERE', { timeoutMs: 60_000 });
    lab.child.stdin.end();
    const { code } = await lab.exited;
    const left = await labLeftovers(lab.tag, lab.pid);
    const changed = hostChanges(before, machine());
    tally({ lines: batch.lines.length, leftovers: left.length + changed.length });
    expect(code).toBe(0);
    expect(left).toEqual([]);
    expect(changed).toEqual([]);
  });

  it.each(ENDING_LINES)('`$line` ends the lab with a clear message, leaving nothing', async ({ line, says }, ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const before = machine();
    const lab = await startReadyLab({ asUser });
    lab.send(line);
    lab.send('echo SHOULD-NOT-RUN');
    const { code, signal } = await lab.exited;
    const left = await labLeftovers(lab.tag, lab.pid);
    const changed = hostChanges(before, machine());
    tally({ lines: 1, leftovers: left.length + changed.length });
    expect(lab.output).not.toContain('SHOULD-NOT-RUN\n');
    if (says) expect(lab.output).toMatch(says);
    expect(lab.output).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m); // no stack trace
    expect(signal).toBeNull();
    expect(code).not.toBeNull();
    expect(left).toEqual([]);
    expect(changed).toEqual([]);
  });

  it('a fork bomb hits the lab\'s process limit, and the machine is unharmed', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    // As real root the limit is a pids cgroup; rootless it is RLIMIT_NPROC (see the README).
    if (!asUser && pidsCgroupDirs().length === 0) return ctx.skip('no pids cgroup controller mounted here, so a root lab has no process limit');
    const before = machine();
    const lab = await startReadyLab({ asUser, env: { NSLAB_PIDS_MAX: '150' } });
    // Bounded: timeout(1) kills the bomb's whole process group after 4 s, and the end of
    // the lab kills whatever escaped.
    lab.send(`timeout -s KILL 4 bash -c 'b() { b | b & }; b' 2>&1 | grep -m1 -o 'Resource temporarily unavailable'; echo BOMB-OVER`);
    await lab.waitFor('BOMB-OVER', { timeoutMs: 60_000 });
    lab.send('echo STILL-HERE');
    await lab.waitFor('STILL-HERE', { timeoutMs: 60_000 });
    lab.child.stdin.end();
    await lab.exited;
    const left = await labLeftovers(lab.tag, lab.pid);
    const changed = hostChanges(before, machine());
    tally({ lines: 1, leftovers: left.length + changed.length });
    expect(lab.output).toContain('Resource temporarily unavailable');
    expect(left).toEqual([]);
    expect(changed).toEqual([]);
  });
});

describe('a lesson whose helpers the learner kills', () => {
  it.each(users)('$who: the snapshot reader, the shell and a container killed; nslab still answers and checks still pass', async ({ asUser, unavailable }, ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const state = mkdtempSync(join(tmpdir(), 'nslab-hostile-'));
    if (asUser) spawnSync('chown', [asUser, state]);
    try {
      const before = machine();
      const lab = startLab({ asUser, args: ['start', '90'], env: { XDG_STATE_HOME: state, NSLAB_LESSONS: FAULT_LESSONS } });
      const lines = [
        // every bash and unshare but the learner's own shell and pid 1: nslab's helpers
        'for p in $(pgrep -x bash) $(pgrep -x unshare); do [ $p != $$ ] && [ $p != 1 ] && kill -9 $p; done; echo HELPERS-KILLED',
        'ip netns add n1',
        'kill -9 $$',
        'docker run -d --name c1 busybox',
        'kill -9 $(docker inspect -f \'{{.State.Pid}}\' c1); docker ps -a',
        'ip link add va type veth peer name vb',
      ];
      for (const l of lines) lab.send(l);
      lab.child.stdin.end();
      const { code } = await lab.exited;
      const left = await labLeftovers(lab.tag, lab.pid);
      const changed = hostChanges(before, machine());
      tally({ lines: lines.length, leftovers: left.length + changed.length });
      expect(lab.output).toContain('HELPERS-KILLED');
      expect(lab.output).toContain('Step 1 done');
      expect(lab.output).toContain('the shell exited: a fresh one takes its place');
      expect(lab.output).toContain('Step 2 done');
      expect(lab.output).toContain('Lesson complete');
      expect(code).toBe(0);
      expect(left).toEqual([]);
      expect(changed).toEqual([]);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});

describe('ending the sandbox', () => {
  it('`exit` ends it at once with the status a shell would give, though its input stays open', async () => {
    const lab = startLab();
    lab.send('false');
    lab.send('echo "status=$?"');
    lab.send('false');
    lab.send('exit');
    // stdin is left open: the lab must not wait for its end
    const { code } = await lab.exited;
    tally({ lines: 4 });
    expect(lab.output).toContain('status=1');
    expect(code).toBe(1);
    expect(await labLeftovers(lab.tag, lab.pid)).toEqual([]);
  });
});

describe('the lab as pid 1', () => {
  it('reaps orphaned processes: no zombies pile up', async () => {
    const lab = startLab();
    lab.send('for i in $(seq 30); do (sleep 0.01 &); done; sleep 1; echo "ZOMBIES=$(ps -eo stat= | grep -c ^Z)"');
    await lab.waitFor('ZOMBIES=');
    lab.child.stdin.end();
    await lab.exited;
    tally({ lines: 1 });
    expect(lab.output).toContain('ZOMBIES=0');
  });

  it('a root lab cannot set the clock: its capabilities are its user namespace\'s', async (ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('needs root');
    const lab = startLab();
    // Harmless even if it were allowed: the clock is set to what it is.
    lab.send('echo "<<"; readlink /proc/self/ns/user; date -s "@$(date +%s)" >/dev/null; echo ">>"');
    const at = await lab.waitFor('<<\n');
    await lab.waitFor('>>\n', { from: at });
    lab.child.stdin.end();
    await lab.exited;
    const out = lab.output.slice(at);
    expect(out).not.toContain(readlinkSync('/proc/self/ns/user'));
    expect(out).toMatch(/date:.*Operation not permitted/);
  });
});
