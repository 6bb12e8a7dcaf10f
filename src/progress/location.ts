// Where the progress file lives: $XDG_STATE_HOME/nslab, else ~/.local/state/nslab. Under
// sudo it belongs to the user who typed sudo, not to root: their home comes from
// /etc/passwd (SUDO_USER), and the files are handed to them (owner).
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export interface ProgressLocation {
  /** The progress file itself. */
  path: string;
  /** Who must own the files nslab creates (set only under sudo). */
  owner?: { uid: number; gid: number };
}

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/** Parses /etc/passwd text; malformed lines are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  return text.split('\n').flatMap((line) => {
    const f = line.split(':');
    if (f.length < 7 || line.startsWith('#')) return [];
    const uid = Number(f[2]);
    const gid = Number(f[3]);
    return Number.isInteger(uid) && Number.isInteger(gid) && f[5] ? [{ name: f[0], uid, gid, home: f[5] }] : [];
  });
}

export interface LocationInputs {
  env: NodeJS.ProcessEnv;
  uid: number | undefined;
  readPasswd: () => string;
}

// Inside a lab, HOME is the lab's own and the uid is the lab's root: the place is the one
// outside, as bin/lab-launch.pl and bin/lab-init.pl recorded it (bin/lab-state.pl, which writes
// there, follows the same rules; a test holds the two together).
const defaultInputs = (): LocationInputs => {
  const env = process.env;
  const outerUid = Number(env.NSLAB_OUTER_UID);
  return {
    env: env.NSLAB_OUTER_HOME !== undefined ? { ...env, HOME: env.NSLAB_OUTER_HOME } : env,
    uid: env.NSLAB_OUTER_UID !== undefined && Number.isInteger(outerUid) ? outerUid : process.getuid?.(),
    readPasswd: () => readFileSync('/etc/passwd', 'utf8'),
  };
};

export function progressLocation(inputs: Partial<LocationInputs> = {}): ProgressLocation {
  const { env, uid, readPasswd } = { ...defaultInputs(), ...inputs };
  const sudoUser = env.SUDO_USER;
  if (uid === 0 && sudoUser && sudoUser !== 'root') {
    const entry = lookup(readPasswd, (e) => e.name === sudoUser);
    if (entry) {
      // sudo may keep the invoking user's XDG_STATE_HOME; trust it only inside their home.
      const xdg = env.XDG_STATE_HOME;
      // (Compared once normalised: `/home/u/../../etc` is not inside it.)
      const base = xdg && isAbsolute(xdg) && resolve(xdg).startsWith(resolve(entry.home) + '/') ? xdg : join(entry.home, '.local', 'state');
      return { path: join(base, 'nslab', 'progress.json'), owner: { uid: entry.uid, gid: entry.gid } };
    }
  }
  const xdg = env.XDG_STATE_HOME;
  // The XDG spec says a relative path is invalid and must be ignored.
  if (xdg && isAbsolute(xdg)) return { path: join(xdg, 'nslab', 'progress.json') };
  const home = env.HOME || lookup(readPasswd, (e) => e.uid === uid)?.home || '/root';
  return { path: join(home, '.local', 'state', 'nslab', 'progress.json') };
}

function lookup(readPasswd: () => string, pred: (e: PasswdEntry) => boolean): PasswdEntry | undefined {
  try {
    return parsePasswd(readPasswd()).find(pred);
  } catch {
    return undefined;
  }
}
