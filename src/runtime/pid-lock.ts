// (Within one lab, where pids name their holders. Across labs, where they do not, the
// progress file has a lock of another kind: src/progress/heartbeat-lock.ts.)
// One lock for every docker command that changes state, so that two `docker run`s at
// once never pick the same address or name. The lock is a file created atomically with
// link(2) from a temporary file that already holds our pid: a lock file therefore always
// names its holder. A holder that died (kill -9 of a docker command) leaves a stale lock;
// the next caller sees its pid is gone and breaks it. Breaking happens under a second,
// short-lived lock so that two callers cannot both break it and then steal each other's
// fresh lock.
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { DockerError } from './docker-error.js';
import { pidAlive } from '../sandbox/lab-access.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


function holder(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8').trim());
  } catch {
    return undefined; // gone meanwhile
  }
}

function tryCreate(path: string): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${process.pid}\n`);
  try {
    linkSync(tmp, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(tmp);
  }
}

function removeIfHeldBy(path: string, pid: number): void {
  if (holder(path) === pid) {
    try { unlinkSync(path); } catch { /* already gone */ }
  }
}

function breakIfStale(path: string): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker)) {
    const b = holder(breaker);
    if (b !== undefined && !pidAlive(b)) removeIfHeldBy(breaker, b);
    return;
  }
  try {
    const h = holder(path);
    if (h !== undefined && !pidAlive(h)) removeIfHeldBy(path, h);
  } finally {
    removeIfHeldBy(breaker, process.pid);
  }
}

/** Runs fn holding the lock at `path`; waits for another holder up to timeoutMs. */
export async function withLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 2; !tryCreate(path); wait = Math.min(wait * 2, 50)) {
    breakIfStale(path);
    if (Date.now() > deadline) {
      throw new DockerError(`docker: the runtime's lock ${path} is held by pid ${holder(path)} for more than ${timeoutMs / 1000} s; if that process is stuck, end it (kill ${holder(path)}).`, 125);
    }
    await sleep(wait);
  }
  try {
    return await fn();
  } finally {
    removeIfHeldBy(path, process.pid);
  }
}
