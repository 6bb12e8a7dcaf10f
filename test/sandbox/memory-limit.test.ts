// NSLAB_MEMORY_MAX: a lab may use so much memory and no more (a workshop runs many labs on
// one machine). As root, the launcher puts the lab in a memory cgroup it made; the lab
// cannot see that cgroup's files (its /sys is its own), so the test reads them from
// outside, at the path the lab's /proc/self/cgroup names, while the lab still runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NSLAB, isRoot, nslabArgv, rootlessUnavailable, runInLab, runProcess, TEST_USER } from '../helpers/lab.js';
import { launcherFiles } from '../helpers/sandbox.js';

const LIMIT = 64 << 20;

/** Where this machine keeps memory limits: a cgroup v1 memory hierarchy, or cgroup v2
 * handing out the memory controller. */
function memoryHierarchy(): { v2: boolean; mount: string } | undefined {
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [left, right] = line.split(' - ');
    if (!right) continue;
    const mount = left.split(' ')[4];
    const [fstype, , options] = right.split(' ');
    if (fstype === 'cgroup' && `,${options},`.includes(',memory,')) return { v2: false, mount };
    if (fstype === 'cgroup2' && existsSync(join(mount, 'cgroup.subtree_control'))
      && /\bmemory\b/.test(readFileSync(join(mount, 'cgroup.subtree_control'), 'utf8'))) return { v2: true, mount };
  }
  return undefined;
}
const hierarchy = memoryHierarchy();
const why = !isRoot ? 'only a lab started by root gets a memory cgroup' : !hierarchy ? 'this machine has no memory cgroup controller' : undefined;
if (why) console.log(`memory limit tests skipped: ${why}`);

/** The files of the lab's memory cgroup, read while it runs. */
async function limitsOfRunningLab(): Promise<{ dir: string; limits: Record<string, string> }> {
  const child = spawn(NSLAB, ['run', '--preset', 'bare', '--', 'cat /proc/self/cgroup; echo END; read x'], {
    stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NSLAB_MEMORY_MAX: '64M' },
  });
  let out = '';
  const lines = await new Promise<string[]>((resolve, reject) => {
    child.stdout.on('data', (b) => { out += b; if (/^END$/m.test(out)) resolve(out.split('\n')); });
    child.on('exit', () => reject(new Error(`the lab ended first: ${out}`)));
  });
  let dir = '';
  try {
    const path = hierarchy!.v2
      ? lines.find((l) => l.startsWith('0::'))!.slice(3)
      : lines.map((l) => l.split(':')).find(([, ctl]) => ctl.split(',').includes('memory'))![2];
    dir = join(hierarchy!.mount, path);
    const names = hierarchy!.v2 ? ['memory.max', 'memory.swap.max'] : ['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes'];
    return { dir, limits: Object.fromEntries(names.filter((n) => existsSync(join(dir, n))).map((n) => [n, readFileSync(join(dir, n), 'utf8').trim()])) };
  } finally {
    child.stdin.end('\n');
    await new Promise((resolve) => child.on('close', resolve));
  }
}

describe.skipIf(why)('NSLAB_MEMORY_MAX (as root)', () => {
  it('puts the lab in a cgroup with that memory limit, and no swap', async () => {
    const { dir, limits } = await limitsOfRunningLab();
    expect(dir).toMatch(/\/nslab-\d+$/);
    if (hierarchy!.v2) {
      expect(limits['memory.max']).toBe(String(LIMIT));
      if ('memory.swap.max' in limits) expect(limits['memory.swap.max']).toBe('0');
    } else {
      expect(limits['memory.limit_in_bytes']).toBe(String(LIMIT));
      if ('memory.memsw.limit_in_bytes' in limits) expect(limits['memory.memsw.limit_in_bytes']).toBe(String(LIMIT));
    }
    // Gone with the lab (the launcher removes it as it ends; its watcher, if it cannot yet).
    await expect.poll(() => existsSync(dir), { timeout: 15_000 }).toBe(false);
  });

  it('a process of the lab that takes more is killed; the lab itself carries on', async () => {
    // `tail` keeps a line whole, and 100 MiB of zeros is one line.
    const script = 'head -c 100M /dev/zero | tail | wc -c; echo "status ${PIPESTATUS[1]}"; echo still here';
    const limited = await runInLab(script, { preset: 'bare', env: { NSLAB_MEMORY_MAX: '64M' } });
    expect(limited.stdout).toContain('status 137'); // SIGKILL, from the cgroup's OOM killer
    expect(limited.stdout).toContain('still here');
    // The same, with no limit: the memory is there to take (so the kill above was the limit's).
    const free = await runInLab(script, { preset: 'bare' });
    expect(free.stdout).toContain(`${100 << 20}\nstatus 0`);
  });

  it('refuses an amount it cannot read, saying how to write one, and leaves nothing behind', () => {
    const r = spawnSync(NSLAB, ['run', '--preset', 'bare', '--', 'true'], { encoding: 'utf8', env: { ...process.env, NSLAB_MEMORY_MAX: '64 megs' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('NSLAB_MEMORY_MAX=64 megs is not an amount of memory: give bytes, or a number with K, M or G');
    // bin/nslab execs the launcher: its pid names the lab's relaunch file and cgroups.
    expect(launcherFiles(r.pid)).toEqual([]);
  });
});

const rootless = rootlessUnavailable();
describe.skipIf(rootless)('NSLAB_MEMORY_MAX (as an ordinary user)', () => {
  it('the lab starts, and a note says the limit is not enforced, and why', async () => {
    const r = await runProcess(nslabArgv(['run', '--preset', 'bare', '--', 'echo started'], TEST_USER), { env: { NSLAB_MEMORY_MAX: '64M' } });
    expect(r.stdout).toContain('started');
    expect(r.stderr).toMatch(/nslab: note: NSLAB_MEMORY_MAX is not enforced: only a lab started by root gets a cgroup of its own/);
  });
});
