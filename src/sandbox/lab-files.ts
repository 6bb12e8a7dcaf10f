// Reading a lab's files from outside it (the workshop server, for a learner's lab), where
// the learner is root and may have put anything at any path: a symlink to the machine's
// own files (`/run/nslab/x → /etc/shadow`: followed from outside, an absolute link leads to
// the server's root, not the lab's), a FIFO (a plain read would wait forever, and with it
// every learner's shell in the server's thread), /dev/zero (no end). So a path is walked a
// component at a time from the lab's root, each opened without following it (O_PATH,
// O_NOFOLLOW, through /proc/self/fd/N: Node has no openat) and a symlink's target walked
// again from the lab's root: a path swapped for a link midway can lead nowhere else. What
// is read must be a regular file, and no larger than asked. Inside the lab (`nslab start`),
// the same rules, on its own files.
import { closeSync, constants, fstatSync, openSync, readdirSync, readlinkSync, readSync, statfsSync } from 'node:fs';
import { posix } from 'node:path';
import { currentLab } from './lab-access.js';

const O_PATH = 0o10000000; // Linux, on every architecture nslab runs on
const MAX_LINKS = 40;
const PROC_SUPER_MAGIC = 0x9fa0;

/** An O_PATH descriptor of `path` in the lab at `root` ('' inside), every symlink on the way
 * resolved inside the lab; undefined when some part of it does not exist. `throughProc`:
 * in the lab's own /proc (a procfs, not whatever the lab may have put there), the kernel's
 * links are followed as the kernel makes them (`/proc/PID/ns/net` leads to the namespace,
 * which has no path). */
function walk(root: string, path: string, same: () => boolean = () => true, throughProc = false): number | undefined {
  if (root === '') {
    try { return openSync(path, O_PATH); } catch { return undefined; }
  }
  // The lab's root, opened, then its pid 1 checked to be the lab's still (not a reused pid).
  const top = () => {
    const fd = openSync(root, O_PATH | constants.O_DIRECTORY);
    if (!same()) { closeSync(fd); throw new Error('the lab has ended'); }
    return fd;
  };
  let dirs: number[]; // the way down, for `..` (never above the lab's root)
  try { dirs = [top()]; } catch { return undefined; }
  let parts = posix.normalize(path).split('/').filter(Boolean);
  let links = 0;
  const closeAll = () => { for (const fd of dirs) closeSync(fd); dirs = []; };
  try {
    while (parts.length) {
      const part = parts.shift()!;
      if (part === '.') continue;
      if (part === '..') {
        if (dirs.length > 1) closeSync(dirs.pop()!);
        continue;
      }
      const at = `/proc/self/fd/${dirs.at(-1)}/${part}`;
      let fd: number;
      try { fd = openSync(at, O_PATH | constants.O_NOFOLLOW); } catch { closeAll(); return undefined; }
      // (A lab process's own entries only: not /proc/self, ours, and no way back up with ..)
      if (throughProc && dirs.length === 1 && part === 'proc' && /^\d+$/.test(parts[0] ?? '') && !parts.includes('..')
        && statfsSync(`/proc/self/fd/${fd}`).type === PROC_SUPER_MAGIC) {
        let inProc: number | undefined;
        try { inProc = openSync(`/proc/self/fd/${fd}/${parts.join('/')}`, O_PATH); } catch { /* none */ }
        closeSync(fd);
        closeAll();
        return inProc;
      }
      if (fstatSync(fd).isSymbolicLink()) {
        let target: string;
        try { target = readlinkSync(at); } catch { closeSync(fd); closeAll(); return undefined; }
        closeSync(fd);
        if (++links > MAX_LINKS) { closeAll(); return undefined; }
        if (target.startsWith('/')) { closeAll(); dirs = [top()]; }
        parts = [...target.split('/').filter(Boolean), ...parts];
        continue;
      }
      dirs.push(fd);
    }
    const last = dirs.pop()!;
    closeAll();
    return last;
  } catch {
    closeAll();
    return undefined;
  }
}

/** The text of the regular file `path` of the current lab; undefined when there is none.
 * Anything else there (a FIFO, a device, a folder), or a file over `max` bytes, is an
 * error saying so. */
export function readLabFile(path: string, max = 16 << 20): string | undefined {
  const at = walk(currentLab().root, path, currentLab().same);
  if (at === undefined) return undefined;
  let fd: number | undefined;
  try {
    const st = fstatSync(at);
    if (!st.isFile()) throw new Error(`${path} in the lab is not a regular file`);
    if (st.size > max) throw new Error(`${path} in the lab is ${st.size} bytes, more than the ${max} it may be`);
    // Through the descriptor, not the path again: what was checked is what is read.
    fd = openSync(`/proc/self/fd/${at}`, constants.O_RDONLY | constants.O_NONBLOCK);
    const buf = Buffer.alloc(Math.min(max, st.size) + 1);
    let n = 0;
    for (let got; n < buf.length && (got = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += got;
    if (n > max) throw new Error(`${path} in the lab grew past the ${max} bytes it may be`);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    if (fd !== undefined) closeSync(fd);
    closeSync(at);
  }
}

/** The names in the folder `path` of the current lab ([] when there is none). */
export function listLabDir(path: string): string[] {
  return listDirIn(currentLab().root, path);
}

/** The names in the folder `path` of the lab at `root` ('' inside it), sorted. */
export function listDirIn(root: string, path: string): string[] {
  const at = walk(root, path);
  if (at === undefined) return [];
  try {
    return fstatSync(at).isDirectory() ? readdirSync(`/proc/self/fd/${at}`).sort() : [];
  } catch {
    return [];
  } finally {
    closeSync(at);
  }
}

/** Whether `path` of the current lab is a file anyone may run (a command on its PATH). */
export function labExecutable(path: string): boolean {
  const at = walk(currentLab().root, path, currentLab().same);
  if (at === undefined) return false;
  try {
    const st = fstatSync(at);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  } finally {
    closeSync(at);
  }
}

/** dev and inode of what `path` of the lab at `root` leads to, symlinks followed in the
 * lab's tree and into its /proc; undefined when it leads nowhere. */
export function statIn(root: string, path: string): { dev: number; ino: number } | undefined {
  const at = walk(root, path, () => true, true);
  if (at === undefined) return undefined;
  try {
    const st = fstatSync(at);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return undefined;
  } finally {
    closeSync(at);
  }
}

/** Whether `path` of the current lab is there (a symlink counts only if it leads somewhere in the lab). */
export function labHas(path: string): boolean {
  const at = walk(currentLab().root, path, currentLab().same);
  if (at === undefined) return false;
  closeSync(at);
  return true;
}
