import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePasswd, progressLocation } from '../../src/progress/index.js';
import { ROOT } from '../helpers/lab.js';

const passwd = 'root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\nana:x:1001:1002:Ana,,,:/home/ana:/bin/bash\n';
const readPasswd = () => passwd;

describe('progressLocation', () => {
  it('uses $XDG_STATE_HOME/nslab when set', () => {
    expect(progressLocation({ env: { XDG_STATE_HOME: '/x/state', HOME: '/home/ana' }, uid: 1001, readPasswd })).toEqual({ path: '/x/state/nslab/progress.json' });
  });
  it('else ~/.local/state/nslab; a relative XDG_STATE_HOME is ignored, as the spec says', () => {
    expect(progressLocation({ env: { HOME: '/home/ana' }, uid: 1001, readPasswd })).toEqual({ path: '/home/ana/.local/state/nslab/progress.json' });
    expect(progressLocation({ env: { XDG_STATE_HOME: 'rel', HOME: '/home/ana' }, uid: 1001, readPasswd }).path).toBe('/home/ana/.local/state/nslab/progress.json');
  });
  it('without HOME, the home of the uid in /etc/passwd', () => {
    expect(progressLocation({ env: {}, uid: 1001, readPasswd }).path).toBe('/home/ana/.local/state/nslab/progress.json');
  });
  it('under sudo: the invoking user home and ownership, not root', () => {
    expect(progressLocation({ env: { SUDO_USER: 'ana', HOME: '/root', XDG_STATE_HOME: '/root/.state' }, uid: 0, readPasswd })).toEqual({
      path: '/home/ana/.local/state/nslab/progress.json',
      owner: { uid: 1001, gid: 1002 },
    });
    expect(progressLocation({ env: { SUDO_USER: 'ana', XDG_STATE_HOME: '/home/ana/st' }, uid: 0, readPasswd }).path).toBe('/home/ana/st/nslab/progress.json');
  });
  it('sudo to root, or an unknown SUDO_USER, stays with root', () => {
    expect(progressLocation({ env: { SUDO_USER: 'root', HOME: '/root' }, uid: 0, readPasswd })).toEqual({ path: '/root/.local/state/nslab/progress.json' });
    expect(progressLocation({ env: { SUDO_USER: 'ghost', HOME: '/root' }, uid: 0, readPasswd })).toEqual({ path: '/root/.local/state/nslab/progress.json' });
  });
  it('parsePasswd skips comments and malformed lines', () => {
    expect(parsePasswd(passwd)).toEqual([
      { name: 'root', uid: 0, gid: 0, home: '/root' },
      { name: 'ana', uid: 1001, gid: 1002, home: '/home/ana' },
    ]);
  });
});

// bin/lab-state.pl writes a lab's state where src/progress/location.ts says it is: the same
// rules, in perl (the broker runs outside the lab, where no Node is started). Held together.
describe('the broker picks the folder the store names', () => {
  const cases: Record<string, string | undefined>[] = [
    { HOME: '/home/ann' },
    { HOME: '/home/ann', XDG_STATE_HOME: '/var/state/ann' },
    { HOME: '/home/ann', XDG_STATE_HOME: 'relative/ignored' },
    { HOME: '/home/ann/', XDG_STATE_HOME: '/x/../y//z/' },
    { HOME: '' },
    { HOME: '/home/ann', SUDO_USER: 'nobody' },
    { HOME: '/root', SUDO_USER: 'root' },
    { HOME: '/root', SUDO_USER: 'no-such-user-here' },
    { HOME: '/root', SUDO_USER: 'nobody', XDG_STATE_HOME: '/nonexistent/state' },
    { HOME: '/root', SUDO_USER: 'nobody', XDG_STATE_HOME: '/elsewhere/state' },
    { HOME: '/root', SUDO_USER: 'nobody', XDG_STATE_HOME: '/nonexistent/../../etc' },
    { HOME: '/root', SUDO_USER: 'nobody', XDG_STATE_HOME: '/nonexistent/' },
  ];
  it.each(cases)('%o', (vars) => {
    const env = { PATH: process.env.PATH, ...vars } as NodeJS.ProcessEnv;
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const r = spawnSync('perl', [join(ROOT, 'bin', 'lab-state.pl'), '--where'], { env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const [dir, owner] = r.stdout.trim().split('\n');
    const loc = progressLocation({ env, uid: process.getuid?.() });
    expect(dir).toBe(dirname(loc.path));
    expect(owner).toBe(loc.owner ? `${loc.owner.uid}:${loc.owner.gid}` : undefined);
  });
});
