// Privilege. A lab started by an unprivileged user reaches nothing that user could not:
// no secret files, no root-owned file written, no view of the machine's network; what it
// writes belongs to the user, and no setuid-root file comes out of it. A lab started by
// root still cannot touch the machine's network, whatever way in it tries.
import { existsSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostState, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { hostChanges, labLeftovers, startLab } from '../helpers/sandbox.js';
import { tally } from './tally.js';

/** Runs lines in a fresh sandbox; each line's output is kept under its own marker. */
async function inLab(lines: Record<string, string>, asUser?: string): Promise<{ out: Record<string, string>; leftovers: string[] }> {
  const lab = startLab({ asUser });
  for (const [key, line] of Object.entries(lines)) lab.send(`echo "<<${key}"; { ${line}; } 2>&1; echo ">>${key}"`);
  lab.send('echo ALL-DONE');
  await lab.waitFor('ALL-DONE\n', { timeoutMs: 60_000 });
  lab.child.stdin.end();
  await lab.exited;
  const out: Record<string, string> = {};
  for (const key of Object.keys(lines)) {
    const m = lab.output.match(new RegExp(`^<<${key}\\n([\\s\\S]*?)^>>${key}$`, 'm'));
    out[key] = m ? m[1] : `(no output section for ${key})`;
  }
  tally({ lines: Object.keys(lines).length });
  return { out, leftovers: await labLeftovers(lab.tag, lab.pid) };
}

const hostNetns = readlinkSync('/proc/self/ns/net');
const hostLinks = (JSON.parse(spawnSync('ip', ['-j', 'link'], { encoding: 'utf8' }).stdout) as { ifname: string }[]).map((l) => l.ifname);
/** Interfaces of the machine that a lab of the docker-host preset does not have itself. */
const hostOnlyLinks = hostLinks.filter((n) => !['lo', 'eth0', 'docker0'].includes(n));

describe(`rootless, as ${TEST_USER}`, () => {
  it('reaches nothing the user could not; files it writes are the user\'s; nothing setuid-root comes out', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const probe = `/tmp/nslab-priv-${process.pid}-${Date.now()}`;
    const uid = Number(spawnSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).stdout);
    const before = hostState();
    try {
      const { out, leftovers } = await inLab({
        whoami: 'id -u',
        shadow: 'cat /etc/shadow >/dev/null && echo READ || echo DENIED',
        rootdir: 'ls /root >/dev/null && echo READ || echo DENIED',
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
      expect(out.shadow.trim()).toMatch(/DENIED$/); // … but only the user's rights outside it
      expect(out.rootdir.trim()).toMatch(/DENIED$/);
      expect(out.etcwrite.trim()).toMatch(/DENIED$/);
      expect(existsSync('/etc/nslab-priv-probe')).toBe(false);
      expect(out.passwd.trim()).toMatch(/DENIED$/);
      expect(out.sysctl.trim()).toMatch(/DENIED$/);
      // What the lab wrote belongs to the user, even after `chown 0` inside it.
      expect(statSync(`${probe}-file`).uid).toBe(uid);
      const suid = statSync(`${probe}-suid`);
      expect(suid.uid).toBe(uid);
      expect(suid.uid === 0 && (suid.mode & 0o4000) !== 0).toBe(false);
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

describe('as root', () => {
  it('every way toward the machine\'s network leads back into the lab', async (ctx) => {
    if (process.getuid?.() !== 0) return ctx.skip('needs root');
    const before = hostState();
    const { out, leftovers } = await inLab({
      netns: 'readlink /proc/self/ns/net',
      pid1: 'nsenter --net=/proc/1/ns/net ip link add evil1 type bridge; nsenter -t 1 -a ip link add evil2 type bridge; nsenter --net=/proc/1/ns/net ip -o link | cut -d: -f2',
      newproc: 'mkdir -p /run/p && mount -t proc proc /run/p && cat /run/p/1/cmdline | tr "\\0" " "; echo; grep -l vitest /run/p/[0-9]*/cmdline; nsenter --net=/run/p/1/ns/net ip link add evil3 type bridge; echo done',
      sysfs: 'umount /sys; ls /sys/class/net; mkdir -p /run/s && mount -t sysfs sysfs /run/s && ls /run/s/class/net',
      moveout: 'ip link add h0 type veth peer name h1 && ip link set h1 netns 1; ip -o link | cut -d: -f2',
      iptables: 'iptables -P FORWARD DROP; iptables -t nat -F; nft flush ruleset; echo done',
      sysctl: 'sysctl -w kernel.domainname=evil >/dev/null && echo WROTE || echo DENIED',
    });
    expect(out.netns.trim()).not.toBe(hostNetns);
    expect(out.newproc).toMatch(/lab-init/); // pid 1 of a fresh proc is the lab's own
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
