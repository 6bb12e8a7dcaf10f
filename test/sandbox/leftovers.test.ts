// A lab leaves nothing on the machine, however it ends, and whatever the learner typed.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostState, labProcesses, labTagEnv, newLabTag, nslabArgv, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';

/** A `nslab sandbox` fed through a pipe, with a way to wait for text in its output. */
function startSandbox(asUser?: string, args: string[] = []) {
  const argv = nslabArgv(['sandbox', ...args], asUser);
  const tag = newLabTag();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...labTagEnv(tag) } }) as ChildProcessWithoutNullStreams;
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (b: Buffer) => {
    output += b.toString();
    for (const w of [...waiters]) if (output.includes(w.text)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    tag,
    exited,
    get output() { return output; },
    send(line: string) { child.stdin.write(line + '\n'); },
    waitFor(text: string) {
      if (output.includes(text)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve });
        void exited.then(() => setTimeout(() => reject(new Error(`sandbox ended before printing ${text}; output:\n${output}`)), 50));
      });
    },
  };
}

/** Waits until the kernel has torn the lab down: its processes gone (bounded wait). */
async function labGone(tag: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const left = labProcesses(tag);
    if (left.length === 0) return [];
    await new Promise((r) => setTimeout(r, 50));
  }
  return labProcesses(tag);
}

// Lines a careless or curious learner might type. Each is the lab's business only.
const DESTRUCTIVE = [
  'ip link del eth0', 'ip link set lo down', 'ip link del docker0', 'ip route flush table main',
  'ip addr flush dev eth0', 'iptables -F', 'iptables -t nat -F', 'iptables -t nat -X', 'nft flush ruleset',
  'sysctl -w net.ipv4.ip_forward=0', 'sysctl -w net.ipv4.conf.all.rp_filter=2', 'sysctl -w kernel.hostname=evil',
  'sysctl -w kernel.printk_ratelimit=1', 'hostname renamed-by-learner', 'ip netns add junk', 'ip netns del junk',
  'ip link add vx0 type vxlan id 5 dstport 4789', 'ip link add br9 type bridge', 'ip link set br9 up',
  'umount /sys', 'umount -l /run', 'umount -l /run', 'ip netns add after-umount', 'mount -t tmpfs x /mnt',
  'kill -9 1', 'kill -TERM 1',
];

function expectSameHost(before: string) {
  const after = hostState();
  if (after !== before) {
    const b = before.split('\n');
    const a = after.split('\n');
    const diff = a.filter((l) => !b.includes(l)).concat(b.filter((l) => !a.includes(l)).map((l) => `(gone) ${l}`));
    expect(diff.slice(0, 20)).toEqual([]);
  }
}

const users = [
  { who: 'as the current user', asUser: undefined as string | undefined, unavailable: () => undefined as string | undefined },
  { who: `rootless, as ${TEST_USER}`, asUser: TEST_USER, unavailable: rootlessUnavailable },
];

describe.each(users)('leftovers, $who', ({ asUser, unavailable }) => {
  it('destructive lines change nothing outside the lab, and the shell still answers', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const before = hostState();
    const sb = startSandbox(asUser);
    sb.send('echo READY');
    await sb.waitFor('READY');
    for (const line of DESTRUCTIVE) sb.send(`${line} 2>/dev/null; true`);
    sb.send('echo STILL-HERE');
    await sb.waitFor('STILL-HERE');
    sb.child.stdin.end();
    expect((await sb.exited).code).toBe(0);
    expect(await labGone(sb.tag)).toEqual([]);
    expectSameHost(before);
  });

  for (const signal of ['SIGKILL', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${signal} to nslab mid-session leaves nothing behind`, async (ctx) => {
      const why = unavailable();
      if (why) return ctx.skip(why);
      const before = hostState();
      const sb = startSandbox(asUser);
      // Something long-running and something hand-made in the lab when the signal lands.
      sb.send('ip netns add net1; ip link add veth0 type veth peer name veth1 netns net1; sleep 300 & echo READY');
      await sb.waitFor('READY');
      sb.send('sleep 600');
      await new Promise((r) => setTimeout(r, 100));
      sb.child.kill(signal);
      const { code, signal: died } = await sb.exited;
      expect(code !== 0 || died !== null).toBe(true);
      expect(await labGone(sb.tag)).toEqual([]);
      expectSameHost(before);
    });
  }
});

describe('the lab as pid 1', () => {
  it('reaps orphaned processes: no zombies pile up', async () => {
    const sb = startSandbox();
    sb.send('for i in $(seq 30); do (sleep 0.01 &); done; sleep 1; echo "ZOMBIES=$(ps -eo stat= | grep -c ^Z)"');
    await sb.waitFor('ZOMBIES=');
    sb.child.stdin.end();
    await sb.exited;
    expect(sb.output).toContain('ZOMBIES=0');
  });
});
