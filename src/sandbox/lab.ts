// Facts about the lab this process runs in, and the guard that refuses to run a learner's
// command anywhere else. The namespaces themselves are made by bin/lab-launch.pl before Node
// starts (see there for why).
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root directory (where bin/, dist/ and lessons/ are). */
export const NSLAB_ROOT = process.env.NSLAB_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the lab keeps its own files: on the lab's private tmpfs, gone with the lab. */
export const LAB_STATE_DIR = '/run/nslab';
/** The namespace that plays the outside world (router 192.168.0.1, host 203.0.113.10).
 * Bind-mounted here rather than under /run/netns, so `ip netns` does not list it. */
export const OUTSIDE_NETNS_PATH = `${LAB_STATE_DIR}/ns/outside`;
/** The two-hosts preset's second Docker host: its network and uts namespaces, kept like
 * the outside world's. The lab's own namespace is host1. */
export const HOST2_NETNS_PATH = `${LAB_STATE_DIR}/ns/host2`;
export const HOST2_UTS_PATH = `${LAB_STATE_DIR}/ns/host2-uts`;

export type UsernsMode = 'root' | 'userns-auto' | 'userns-root-only';

export function inLab(): boolean {
  return process.env.NSLAB_IN_LAB === '1';
}

export function usernsMode(): UsernsMode {
  const m = process.env.NSLAB_USERNS_MODE;
  return m === 'userns-auto' || m === 'userns-root-only' ? m : 'root';
}

export class NotInLabError extends Error {
  constructor(why: string) {
    super(`refusing to run: ${why}. Learner commands run only inside a lab that nslab built; start one with \`nslab sandbox\` or \`nslab start <lesson>\`.`);
    this.name = 'NotInLabError';
  }
}

function netnsInode(path: string): number {
  return statSync(path).ino;
}

let verified = false;
/** Throws unless this process is in the lab's network namespace, which differs from the
 * one nslab was launched from. Cheap after the first call: namespaces do not change
 * under a running process (nslab never calls setns on itself). */
export function assertInsideLab(): void {
  if (verified) return;
  if (!inLab()) throw new NotInLabError('this process is not inside an nslab lab');
  // Digits only, no sign, space or leading zero: bin/lab-holders.pl reads it by the same
  // pattern (test/sandbox/lab-guard.test.ts runs both guards on the same cases).
  const recorded = process.env.NSLAB_OUTER_NETNS ?? '';
  if (!/^[1-9][0-9]*$/.test(recorded)) throw new NotInLabError('the launcher did not record the machine\'s network namespace');
  if (netnsInode('/proc/self/ns/net') === Number(recorded)) throw new NotInLabError('this process is still in the machine\'s own network namespace');
  verified = true;
}
