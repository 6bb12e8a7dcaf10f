import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { nslabArgv, rootlessUnavailable, runProcess, TEST_USER } from '../helpers/lab.js';
import { describe, expect, it } from 'vitest';
import { usernsBlockedMessage, usernsBlockers } from '../../src/sandbox/userns.js';

describe('explaining blocked user namespaces', () => {
  it('names each blocking sysctl with the command that lifts it', () => {
    const s = { unprivilegedUsernsClone: '0', apparmorRestrict: '1', maxUserNamespaces: '0' };
    expect(usernsBlockers(s).map((b) => b.fix)).toEqual([
      'sudo sysctl -w kernel.unprivileged_userns_clone=1',
      'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
      'sudo sysctl -w user.max_user_namespaces=15000',
    ]);
    const msg = usernsBlockedMessage(s);
    expect(msg).toContain('kernel.apparmor_restrict_unprivileged_userns = 1');
    expect(msg).toContain('sudo nslab');
  });

  it('says something useful when no known sysctl is to blame', () => {
    const msg = usernsBlockedMessage({ maxUserNamespaces: '15000' });
    expect(usernsBlockers({ maxUserNamespaces: '15000' })).toEqual([]);
    expect(msg).toMatch(/security module or a container runtime/);
  });
});

describe('a rootless lab where user namespaces are denied', () => {
  it('explains the cause and the fix, and exits 3', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    // User namespaces blocked as the kernel blocks them, without touching the machine: in
    // a user namespace of the test's own whose limit allows one more level (the one nslab
    // runs in, as the test user's uid), nslab's own attempt is refused (ENOSPC).
    const dir = mkdtempSync(join(tmpdir(), 'nslab-nouserns-'));
    try {
      const argv = nslabArgv(['sandbox'], TEST_USER);
      const uid = spawnSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).stdout.trim();
      const envAt = argv.indexOf('env');
      const inner = ['unshare', '--user', `--map-user=${uid}`, `--map-group=${uid}`, '--', ...argv.slice(envAt)];
      const blocked = [...argv.slice(0, envAt), 'unshare', '--user', '--map-root-user', '--', 'sh', '-c',
        'echo 1 > /proc/sys/user/max_user_namespaces && exec "$@"', 'blocked', ...inner];
      const r = await runProcess(blocked, { input: 'echo should-not-run\n' });
      expect(r.exitCode).toBe(3);
      expect(r.stdout).not.toContain('should-not-run');
      expect(r.stderr).toMatch(/may not create user namespaces/);
      expect(r.stderr).toMatch(/sudo nslab/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
