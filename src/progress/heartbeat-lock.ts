// (Across labs and the machine, where a pid names no one: a held lock is kept fresh by a
// heartbeat. Within one lab, the runtime's lock names its holder by pid: src/runtime/pid-lock.ts.)
// A lock file next to the progress file, so that concurrent nslab sessions of one user
// take turns at read-merge-write. O_EXCL creation is atomic on local filesystems. A holder
// keeps it for milliseconds and touches it while it does, so a lock untouched for longer
// than `staleMs` was left by a crash; pids do not tell, since each lab has its own pid
// namespace.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StateDir } from './state-dir.js';
import { progressText } from '../i18n/progress-text.js';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock file older than this (ms) is broken. */
  staleMs?: number;
}

/** A lock held too long; the store words it in the learner's language from its fields. */
export class LockTimeoutError extends Error {
  constructor(readonly lockPath: string, readonly seconds: number) {
    super(progressText('en').lockHeld(lockPath, seconds));
  }
}

/** Runs `fn` holding the lock file `name` in `dir`. */
export async function withLock<T>(dir: StateDir, name: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  // A session killed while saving (kill -9, a closed laptop) leaves its lock behind, and
  // the next session, typically started at once, used to wait out a 30 s staleness and
  // lose its first save. Now a holder touches its lock every half second while it holds
  // it, even through a slow fsync, so a lock not touched for 3 s is surely a dead one's.
  const staleMs = opts.staleMs ?? 3_000;
  await acquire(dir, name, opts.timeoutMs ?? 10_000, staleMs);
  const heartbeat = setInterval(() => {
    dir.touch(name).catch(() => {});
  }, Math.max(10, Math.floor(staleMs / 6)));
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await dir.unlink(name).catch(() => {});
  }
}

async function acquire(dir: StateDir, name: string, timeoutMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await dir.createExclusive(name, `${process.pid}\n`);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    try {
      const st = await dir.stat(name);
      if (Date.now() - st.mtimeMs > staleMs) await breakStale(dir, name, st.ino);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      continue; // released between our attempts: try again at once
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(`${dir.path}/${name}`, Math.round(timeoutMs / 1000));
    }
    await sleep(Math.min(5 + attempt * 2, 50) + Math.random() * 10);
  }
}

/** Moves a stale lock aside atomically, so two sessions breaking it at once cannot both
 * think they removed it; if what we moved was a fresh lock, it is put back. */
async function breakStale(dir: StateDir, name: string, staleIno: number): Promise<void> {
  const aside = `${name}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await dir.rename(name, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const st = await dir.stat(aside);
  if (st.ino !== staleIno) await dir.link(aside, name).catch(() => {});
  await dir.unlink(aside).catch(() => {});
}
