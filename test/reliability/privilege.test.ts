// Privilege. A lab runs under ids that own nothing on the machine, whoever starts it: it
// reads no secret file, writes nothing outside itself (what it writes stays in its own
// /tmp, which vanishes with it), sees nothing of the machine's network, and no setuid file
// comes out of it. However it tries, the way toward the machine's network leads back into
// the lab. (The files themselves: filesystem.test.ts.)
import { existsSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostState, labProcesses, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { hostChanges, inLab as inLabUntallied, startLab } from '../helpers/sandbox.js';
import { tally } from './tally.js';

async function inLab(lines: Record<string, string>, asUser?: string) {
  tally({ lines: Object.keys(lines).length });
  return inLabUntallied(lines, asUser);
}

const hostNetns = readlinkSync('/proc/self/ns/net');
const hostLinks = (JSON.parse(spawnSync('ip', ['-j', 'link'], { encoding: 'utf8' }).stdout) as { ifname: string }[]).map((l) => l.ifname);
/** Interfaces of the machine that a lab of the docker-host preset does not have itself. */
const hostOnlyLinks = hostLinks.filter((n) => !['lo', 'eth0', 'docker0'].includes(n));

describe(`rootless, as ${TEST_USER}`, () => {
  it('reads no secret, writes nothing outside itself, sees nothing of the machine\'s network; nothing setuid comes out', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const probe = `/tmp/nslab-priv-${process.pid}-${Date.now()}`;
    const before = hostState();
    try {
      const { out, leftovers } = await inLab({
        whoami: 'id -u',
        shadow: 'cat /etc/shadow >/dev/null && echo READ || echo DENIED',
        rootdir: 'ls /proc/1/root/root >/dev/null 2>&1; ls -d /root && touch /root/mine && echo OWN-HOME',
        etcwrite: `touch /etc/nslab-priv-probe && echo WROTE || echo DENIED`,
        passwd: ': >> /etc/passwd && echo WROTE || echo DENIED',
        chownroot: `echo data > ${probe}-file && chown 0:0 ${probe}-file; echo done`,
        setuid: `cp /bin/true ${probe}-suid && chown 0:0 ${probe}-suid && chmod 4755 ${probe}-suid; echo done`,
        netns: 'readlink /proc/self/ns/net',
        links: 'ls /sys/class/net',
        pid1: 'nsenter --net=/proc/1/ns/net ip -o link | cut -d: -f2',
        sysctl: 'sysctl -w kernel.domainname=evil >/dev/null && echo WROTE || echo DENIED',
      }, TEST_USER);
      expect(out.whoami.trim()).toBe('0'); // root inside the lab …
      expect(out.shadow.trim()).toMatch(/DENIED$/); // … but nobody's rights outside it
      expect(out.rootdir).toMatch(/OWN-HOME/); // a home of its own
      expect(out.etcwrite.trim()).toMatch(/DENIED$/);
      expect(existsSync('/etc/nslab-priv-probe')).toBe(false);
      expect(out.passwd.trim()).toMatch(/DENIED$/);
      expect(out.sysctl.trim()).toMatch(/DENIED$/);
      // What the lab wrote in its /tmp stayed there, setuid bit and all.
      expect(existsSync(`${probe}-file`)).toBe(false);
      expect(existsSync(`${probe}-suid`)).toBe(false);
      expect(out.netns.trim()).not.toBe(hostNetns);
      for (const name of hostOnlyLinks) expect(out.links.split(/\s+/)).not.toContain(name);
      for (const name of hostOnlyLinks) expect(out.pid1).not.toContain(name);
      expect(leftovers).toEqual([]);
      expect(hostChanges(before)).toEqual([]);
    } finally {
      rmSync(`${probe}-file`, { force: true });
      rmSync(`${probe}-suid`, { force: true });
      rmSync('/etc/nslab-priv-probe', { force: true });
    }
  });
});

describe('the lab\'s own processes', () => {
  it('every process of the lab\'s user namespace is inside its pid namespace (none the lab could take over outside it)', async (ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('needs root to look at every process');
    const lab = startLab();
    lab.send('echo READY');
    await lab.waitFor('READY\n');
    const ns = (pid: string, kind: string) => { try { return readlinkSync(`/proc/${pid}/ns/${kind}`); } catch { return undefined; } };
    const pids = labProcesses(lab.tag).map((l) => l.split(' ')[0]);
    const init = pids.find((p) => /^NSpid:\s+\d+\s+1$/m.test(readFileSync(`/proc/${p}/status`, 'utf8')));
    expect(init).toBeDefined();
    const labUserns = ns(init!, 'user');
    const labPidns = ns(init!, 'pid');
    for (const p of pids) {
      if (ns(p, 'user') === labUserns) expect({ p, pidns: ns(p, 'pid') }).toEqual({ p, pidns: labPidns });
    }
    // lab-init's first process waits outside, in the user namespace above the lab's.
    const waiter = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${init}/status`, 'utf8'))![1];
    expect(ns(waiter, 'user')).not.toBe(labUserns);
    lab.child.stdin.end();
    await lab.exited;
  });
});

describe('as root', () => {
  it('every way toward the machine\'s network leads back into the lab', async (ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('needs root');
    const before = hostState();
    const { out, leftovers } = await inLab({
      netns: 'readlink /proc/self/ns/net',
      pid1: 'nsenter --net=/proc/1/ns/net ip link add evil1 type bridge; nsenter -t 1 -a ip link add evil2 type bridge; nsenter --net=/proc/1/ns/net ip -o link | cut -d: -f2',
      newproc: 'mkdir -p /run/p && mount -t proc proc /run/p && cat /run/p/1/cmdline | tr "\\0" " "; echo; grep -l vitest /run/p/[0-9]*/cmdline; nsenter --net=/run/p/1/ns/net ip link add evil3 type bridge; echo done',
      sysfs: 'mkdir -p /run/s && mount -t sysfs sysfs /run/s && ls /run/s/class/net',
      moveout: 'ip link add h0 type veth peer name h1 && ip link set h1 netns 1; ip -o link | cut -d: -f2',
      iptables: 'iptables -P FORWARD DROP; iptables -t nat -F; nft flush ruleset; echo done',
      sysctl: 'sysctl -w kernel.domainname=evil >/dev/null && echo WROTE || echo DENIED',
    });
    expect(out.netns.trim()).not.toBe(hostNetns);
    expect(out.newproc).toMatch(/lab-init|permission denied/); // a fresh proc is the lab's own, or refused
    expect(out.newproc).not.toMatch(/\/\d+\/cmdline/); // no process of the machine in sight
    expect(out.sysctl.trim()).toMatch(/DENIED$/);
    for (const name of hostOnlyLinks) {
      expect(out.pid1).not.toContain(name);
      expect(out.sysfs.split(/\s+/)).not.toContain(name);
    }
    expect(leftovers).toEqual([]);
    expect(hostChanges(before)).toEqual([]);
  });
});
