// The machine's files, as root and as an ordinary user: a lab runs under ids that own
// nothing on the machine, with the machine's mounts read-only and its own writable places
// (/tmp, /var/tmp, /root, /run, /dev/shm). Sentinel files and folders made here, outside
// the lab, of every kind a careless line could hit (root's, world-writable, sticky, the
// user's own, a symlink, a hard-linked file); the lab then tries ordinary destructive lines
// on them; afterwards every sentinel is byte-, mode- and owner-identical and no new file
// has appeared outside the lab.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRoot, ROOT, rootlessUnavailable, TEST_USER } from '../helpers/lab.js';
import { inLab } from '../helpers/sandbox.js';
import { tally } from './tally.js';

/** Everything about every file under `dir` that a change would show. */
function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    const st = lstatSync(p);
    const kind = st.isSymbolicLink() ? `link→${readlinkSync(p)}` : st.isDirectory() ? 'dir' : st.isFile() ? `file:${readFileSync(p).toString('base64')}` : 'other';
    out[p] = `${kind} mode=${(st.mode & 0o7777).toString(8)} uid=${st.uid} gid=${st.gid} nlink=${st.nlink} size=${st.size} mtime=${st.mtimeMs} ino=${st.ino}`;
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  walk(dir);
  return out;
}

/** Sentinels in a folder the lab can see (not one it covers with its own). */
function makeSentinels(userUid: number | undefined): string {
  const base = `/var/lib/nslab-sentinels-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  mkdirSync(base, { mode: 0o755 });
  chmodSync(base, 0o755);
  writeFileSync(join(base, 'root-file'), 'root sentinel\n', { mode: 0o644 });
  writeFileSync(join(base, 'world-file'), 'anyone may write me\n');
  chmodSync(join(base, 'world-file'), 0o666);
  mkdirSync(join(base, 'world-dir'));
  chmodSync(join(base, 'world-dir'), 0o777);
  writeFileSync(join(base, 'world-dir', 'inside'), 'in a world-writable folder\n');
  mkdirSync(join(base, 'sticky-dir'));
  chmodSync(join(base, 'sticky-dir'), 0o1777);
  mkdirSync(join(base, 'secret-dir'), { mode: 0o700 });
  writeFileSync(join(base, 'secret-dir', 'secret'), 'root only\n', { mode: 0o600 });
  symlinkSync(join(base, 'root-file'), join(base, 'link'));
  linkSync(join(base, 'root-file'), join(base, 'world-dir', 'hard'));
  if (userUid !== undefined) {
    mkdirSync(join(base, 'user-dir'), { mode: 0o755 });
    writeFileSync(join(base, 'user-dir', 'user-file'), 'the user\'s own\n', { mode: 0o644 });
    chownSync(join(base, 'user-dir'), userUid, userUid);
    chownSync(join(base, 'user-dir', 'user-file'), userUid, userUid);
  }
  return base;
}

/** Ordinary lines a curious or careless learner might type, aimed at the sentinels. */
function hostileLines(s: string, marker: string): Record<string, string> {
  return {
    write: `echo x > ${s}/root-file; echo x >> ${s}/world-file; : > ${s}/world-dir/inside; truncate -s0 ${s}/world-file; echo x > ${s}/user-dir/user-file; echo x > ${s}/link`,
    remove: `rm -f ${s}/root-file ${s}/world-file ${s}/link; rm -rf ${s}/world-dir/* ${s}/sticky-dir ${s}/user-dir ${s}/secret-dir; rmdir ${s}/world-dir`,
    create: `touch ${s}/new ${s}/world-dir/new ${s}/sticky-dir/new ${s}/user-dir/new; mkdir ${s}/world-dir/d ${s}/sticky-dir/d`,
    rename: `mv ${s}/world-dir/inside ${s}/world-dir/moved; mv ${s}/user-dir/user-file ${s}/world-dir/; mv ${s}/world-file ${s}/w2`,
    chmod: `chmod 777 ${s}/root-file ${s}; chmod 000 ${s}/world-dir; chmod -R 700 ${s}/user-dir; chmod u+s ${s}/root-file`,
    chown: `chown 0:0 ${s}/user-dir/user-file; chown nobody ${s}/root-file; chown -R 1:1 ${s}/world-dir; chown -h 0 ${s}/link`,
    mknod: `mknod ${s}/world-dir/disk b 252 1; mknod ${s}/sticky-dir/null c 1 3; mknod /tmp/${marker}-node c 1 3`,
    links: `ln ${s}/root-file ${s}/world-dir/hard2; ln -s /etc/shadow ${s}/world-dir/sym; ln -sf ${s}/root-file /tmp/${marker}-l && echo x > /tmp/${marker}-l; ln ${s}/world-dir/hard /tmp/${marker}-h && echo x >> /tmp/${marker}-h`,
    mounts: `mount -o remount,rw /; mount -o remount,rw,bind ${s}; mount -t tmpfs x ${s}/world-dir && touch ${s}/world-dir/over; mount --bind /tmp ${s}/sticky-dir && touch ${s}/sticky-dir/over; umount -l /tmp; touch /tmp/${marker}-after-umount; umount /var/tmp; umount /root; umount /dev`,
    escape: `touch /proc/1/root${s}/via-proc1 /proc/self/root${s}/via-self; nsenter -t 1 -m touch ${s}/via-nsenter; mkdir -p /run/p && mount -t proc proc /run/p && touch /run/p/1/root${s}/via-newproc`,
    proc: `echo evil > /proc/sys/kernel/domainname; echo evil > /proc/sys/kernel/hostname; echo h > /proc/sysrq-trigger; echo 1 > /proc/sys/kernel/sysrq`,
    sys: `echo 1 > /sys/kernel/mm/ksm/run; echo evil > /sys/class/net/lo/ifalias; mkdir -p /run/s && mount -t sysfs s /run/s && echo evil > /run/s/kernel/uevent_helper`,
    uncover: `umount /proc; umount -l /proc; grep -l vitest /proc/[0-9]*/cmdline; echo procs=$(ls /proc | grep -c '^[0-9]')`,
    places: `touch /tmp/${marker} /var/tmp/${marker} /dev/shm/${marker} ${ROOT}/${marker} /etc/${marker} /${marker}; rm -rf /tmp/* /var/tmp/*`,
  };
}

function newFilesOutside(marker: string): string[] {
  const found: string[] = [];
  for (const dir of ['/tmp', '/var/tmp', '/dev/shm', ROOT, '/etc', '/', '/root']) {
    try {
      for (const name of readdirSync(dir)) if (name.includes(marker)) found.push(join(dir, name));
    } catch { /* not there */ }
  }
  return found;
}

const hostname = () => spawnSync('hostname', { encoding: 'utf8' }).stdout;
const sysctl = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : '(none on this kernel)');

describe.each([
  { who: 'as root', asUser: undefined as string | undefined, unavailable: () => (isRoot ? undefined : 'needs root: the test makes root-owned sentinels') },
  { who: `as ${TEST_USER}`, asUser: TEST_USER as string | undefined, unavailable: rootlessUnavailable },
])('the machine\'s files, $who', ({ asUser, unavailable }) => {
  it('survive every destructive line: sentinels identical, nothing new outside the lab', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const userUid = Number(spawnSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).stdout.trim());
    const base = makeSentinels(Number.isInteger(userUid) && userUid > 0 ? userUid : undefined);
    const marker = `nslab-fs-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const before = fingerprint(base);
    const machine = { hostname: hostname(), domainname: sysctl('/proc/sys/kernel/domainname'), sysrq: sysctl('/proc/sys/kernel/sysrq') };
    try {
      const lines = hostileLines(base, marker);
      const { out, leftovers } = await inLab({ ...lines, ids: `id -u; stat -c %u /etc/passwd ${base}/user-dir` }, asUser);
      tally({ lines: Object.keys(lines).length });
      expect(fingerprint(base)).toEqual(before);
      expect(newFilesOutside(marker)).toEqual([]);
      expect({ hostname: hostname(), domainname: sysctl('/proc/sys/kernel/domainname'), sysrq: sysctl('/proc/sys/kernel/sysrq') }).toEqual(machine);
      expect(leftovers).toEqual([]);
      // The lines did run, and were refused by the kernel (not skipped by a typo).
      expect(out.write).toMatch(/Permission denied|Read-only file system/);
      expect(out.mounts).toMatch(/permission denied|not permitted|not mounted|Read-only/i);
      // The lab's /proc cannot be taken away to show the machine's processes.
      expect(out.uncover).not.toMatch(/vitest/);
      expect(Number(/procs=(\d+)/.exec(out.uncover)?.[1])).toBeLessThan(30);
      // Root inside; the machine's root, and the user, are nobody there (65534).
      expect(out.ids.trim().split(/\s+/).map(Number)).toEqual([0, 65534, 65534]);
    } finally {
      rmSync(base, { recursive: true, force: true });
      for (const f of newFilesOutside(marker)) rmSync(f, { recursive: true, force: true });
    }
  });
});

describe('nslab\'s own checkout and state', () => {
  it('the lab reads the checkout it runs from but cannot change it', async (ctx) => {
    if (!isRoot) return ctx.skip('needs root');
    const probe = join(ROOT, `nslab-fs-probe-${process.pid}`);
    const { out } = await inLab({ read: `head -n 2 ${ROOT}/package.json`, write: `touch ${probe}; echo x >> ${ROOT}/package.json` });
    expect(out.read).toContain('{');
    expect(out.write).toMatch(/Permission denied|Read-only file system/);
    expect(existsSync(probe)).toBe(false);
  });
});
