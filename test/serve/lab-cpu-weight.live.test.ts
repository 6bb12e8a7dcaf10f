// A workshop's labs weigh next to nothing on the CPU beside the server, which echoes every
// learner's keys (bin/lab-launch.pl, after the memory cgroup): as root, each lab is in a cpu
// cgroup of its own at nice 19's weight, which a session it starts itself does not leave;
// as an ordinary user, its session is at nice 19 (the kernel's autogroups). A CLI lab, and a
// launcher that does not lead its own session, change nobody's weight.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAgentLabs, startAgentLab } from '../helpers/agent-lab.js';
import { checkoutFor, isRoot, NSLAB, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { cpuCgroupParent, labLeftovers } from '../helpers/sandbox.js';
import { BashSession } from '../../src/place/bash-session.js';
import { labPidOne } from '../../src/sandbox/lab-access.js';

afterEach(() => killAgentLabs());

/** A process's cgroup of the cpu controller, as /proc/PID/cgroup names it. */
function cpuCgroupOf(pid: number | 'self', text = readFileSync(`/proc/${pid}/cgroup`, 'utf8')): string {
  const lines = text.split('\n').map((l) => l.split(':'));
  const v1 = lines.find(([, ctl]) => ctl !== undefined && ctl.split(',').includes('cpu'));
  return (v1 ?? lines.find(([n, ctl]) => n === '0' && ctl === ''))?.[2] ?? '';
}

const cpu = cpuCgroupParent();
if (!isRoot) console.log('skipped: a root workshop lab\'s cpu cgroup: only root makes cgroups');
else if (!cpu) console.log('skipped: a root workshop lab\'s cpu cgroup: this machine has no cpu cgroup controller (its session\'s weight is lowered instead, as for an ordinary user)');

describe.skipIf(!isRoot || !cpu)('as root, a workshop lab', () => {
  it('is in a cpu cgroup of its own at nice 19\'s weight, which a session it starts stays in, removed with it', async () => {
    const lab = await startAgentLab();
    const launcher = lab.pty.pid;
    const pid1 = labPidOne(launcher)!;
    const path = cpuCgroupOf(pid1);
    expect(path).toMatch(new RegExp(`/nslab-${launcher}$`));
    const dir = join(cpu!.mount, path);
    expect(readFileSync(join(dir, cpu!.v2 ? 'cpu.weight.nice' : 'cpu.shares'), 'utf8').trim()).toBe(cpu!.v2 ? '19' : '15');
    // A session started in the lab (setsid) is in the same cgroup, so it weighs no more.
    const bash = new BashSession({ stdinIsTerminal: true, start: lab.sessions.start, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', TERM: 'xterm' }, out: () => {}, err: () => {} });
    const r = await bash.runLine('cat /proc/self/cgroup; echo --; setsid sh -c "cat /proc/self/cgroup"', { capture: true });
    const [line, session] = r.stdout.split('--\n');
    expect(cpuCgroupOf('self', session)).toBe(cpuCgroupOf('self', line));
    bash.close();
    lab.pty.kill('SIGKILL');
    await lab.exit;
    expect(await labLeftovers('no-such-tag', launcher)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it('but not a CLI lab: it stays in the cpu cgroup nslab was started in', () => {
    const r = spawnSync(NSLAB, ['run', '--preset', 'bare', '--', 'cat /proc/self/cgroup'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(cpuCgroupOf('self', r.stdout)).not.toMatch(/nslab-/);
  });
});

const why = rootlessUnavailable();
if (why) console.log(`skipped: a workshop lab's weight when its server is an ordinary user: ${why}`);

describe.skipIf(why !== undefined)('as an ordinary user, a workshop lab', () => {
  it('lowers its own session to nice 19, even when the kernel makes it wait its turn, and no one else\'s', () => {
    const script = join(checkoutFor(TEST_USER), 'test', 'fixtures', 'serve', 'lab-weight.mjs');
    const r = spawnSync('setpriv', [`--reuid=${TEST_USER}`, `--regid=${TEST_USER}`, '--init-groups', '--', 'setsid', '--wait', 'env', 'HOME=/tmp', 'node', script], { encoding: 'utf8', timeout: 90_000 });
    expect(r.status, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(found.labs).toHaveLength(3);
    for (const seen of found.labs) expect(seen).toMatch(/^\/autogroup-\d+ nice 19$/);
    expect(new Set(found.labs).size).toBe(3); // a session each
    expect(found.own.ready).toBe(true);
    expect(found.own.after).toBe(found.own.before);
    expect(found.own.before).toMatch(/ nice 0$/);
  });
});
