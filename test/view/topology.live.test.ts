// `nslab topo` on the real kernel: a fresh lab drawn, the list beyond 10 containers, and
// --attach drawing a lab that another process is running (as a second terminal would).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { findRunningLabs } from '../../src/commands/topo-attach.js';
import { isRoot, nslabArgv, rootlessUnavailable, runProcess, TEST_USER } from '../helpers/lab.js';

const topo = (args: string[], asUser?: string) => runProcess(nslabArgv(['topo', ...args], asUser));

/** The host end on docker0 and the container's eth0 on one row: the veth drawn as a wire. */
const portWire = (addr: string) => new RegExp(`[├└]─ (veth[0-9a-f]{7}) ─+┼─+┤ eth0 ${addr.replace(/\./g, '\\.')}/16 `);

describe('nslab topo in a fresh lab', () => {
  it('draws three containers, each box with its eth0 address, each veth a port of docker0', async () => {
    const r = await topo(['--containers', '3']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/│ eth0 192\.168\.0\.11\/24 ─+┼─+┤ eth0 192\.168\.0\.1\/24 router/);
    const docker0 = out.split('\n').findIndex((l) => l.includes('docker0 bridge 172.17.0.1/16'));
    expect(docker0).toBeGreaterThan(0);
    const veths = new Set<string>();
    for (const [i, addr] of ['172.17.0.2', '172.17.0.3', '172.17.0.4'].entries()) {
      expect(out).toContain(`┌─ container c${i + 1} `);
      const m = portWire(addr).exec(out);
      expect(m, `a wire from a docker0 port to ${addr}`).not.toBeNull();
      // The port sits below docker0's line, in its tree.
      expect(out.split('\n').findIndex((l) => l.includes(m![1]))).toBeGreaterThan(docker0);
      veths.add(m![1]);
    }
    expect(veths.size).toBe(3);
  });

  it('lists twelve containers instead of drawing them', async () => {
    const r = await topo(['--containers', '12', '--ascii']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('(12 containers and namespaces: listed, as the drawing shows up to 10)');
    for (let i = 1; i <= 12; i++) {
      expect(r.stdout).toMatch(new RegExp(`[|\`]- veth[0-9a-f]{7} +---- eth0 172\\.17\\.0\\.${i + 1}/16 +container c${i}$`, 'm'));
    }
  });

  it('draws the bare preset: the lab host and the outside world only', async () => {
    const r = await topo(['--preset', 'bare']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('┌─ outside world ');
    expect(r.stdout).not.toContain('docker0');
  });
});

describe('nslab topo --attach', () => {
  const started: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM'); // bin/lab-launch.pl ends its lab on TERM
      await gone;
    }
  });

  /** Starts a lab that builds something by hand and stays up; resolves with its pid 1. */
  async function startLab(asUser?: string): Promise<number> {
    const marker = `topo-attach-${randomBytes(4).toString('hex')}`;
    const script = `ip netns add net1 && ip link add veth1 type veth peer name veth1_p netns net1 && echo ${marker} && sleep 300`;
    const argv = nslabArgv(['run', '--containers', '2', '--', script], asUser);
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (b) => { out += b; if (out.includes(marker)) resolve(); });
      child.once('exit', (code) => reject(new Error(`the lab ended early (exit ${code})`)));
    });
    const lab = findRunningLabs(0).find((l) => l.command.includes(marker));
    if (!lab) throw new Error('the lab started but its pid 1 was not found in /proc');
    return lab.pid;
  }

  it('draws the running lab, with what was built in it by hand', async (ctx) => {
    if (!isRoot) return ctx.skip('looks for the lab with findRunningLabs(uid 0), which lists every user\'s labs only as root');
    const pid = await startLab();
    const r = await topo(['--attach', String(pid)]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^lab ${pid}: nslab run --containers 2 -- `));
    // net1 and its pair exist only in that lab: a fresh lab would not show them.
    expect(r.stdout).toMatch(/│ veth1 DOWN ╌+┼╌+┤ veth1_p DOWN /);
    expect(r.stdout).toContain('┌─ netns net1 ');
    expect(r.stdout).toMatch(portWire('172.17.0.2'));
    expect(r.stdout).toMatch(portWire('172.17.0.3'));
  });

  it('draws a rootless lab, from root and from its owner', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const pid = await startLab(TEST_USER);
    for (const user of [undefined, TEST_USER]) {
      const r = await topo(['--attach', String(pid)], user);
      expect(r.stderr, `as ${user ?? 'root'}`).toBe('');
      expect(r.stdout).toContain('┌─ netns net1 ');
      expect(r.stdout).toMatch(portWire('172.17.0.3'));
    }
  });

  it('refuses a pid that is not a lab, without starting one', async () => {
    const r = await topo(['--attach', '999999999']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^nslab: process 999999999 is not a running nslab lab/);
    expect(r.stdout).toBe('');
  });

  it('refuses --containers, which only a fresh lab can have', async () => {
    const r = await topo(['--attach', '--containers', '2']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('--containers applies only to a fresh lab');
  });
});
