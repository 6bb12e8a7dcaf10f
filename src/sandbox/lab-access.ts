// How this process reaches the lab it works on. A lab's own Node (`nslab start`, the
// docker command) is inside it: programs start as they are, files are where they seem.
// `nslab serve` runs every learner's shell in its one Node, outside the labs: there a
// program enters its learner's lab first (nsenter, into every namespace of the lab's pid 1)
// and a file of the lab is reached through /proc/PID/root, the lab's own view of its mounts.
//
// Which lab is meant is ambient, not passed down: the server runs each learner's work in
// that learner's scope (withLab), and the snapshot, the pings of the checks, the runtime's
// listing and the command suggestions ask currentLab(), many calls below the shell. Async
// code keeps the scope across awaits (AsyncLocalStorage); outside any scope it is the
// lab this process is in.
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';

export interface LabAccess {
  /** Prefix of the lab's paths as this process opens them: '' inside the lab. */
  readonly root: string;
  /** The argv that runs `argv` in the lab (as it is, from inside). */
  enter(argv: readonly string[]): string[];
  /** Whether the lab's process `pid` (a pid as the lab numbers it) is alive. */
  pidAlive(pid: number): boolean;
  /** The lab's pid of a process whose root is the lab's own view of its mounts, for
   * programs run in the lab that open its paths from a mount namespace of their own. */
  readonly viewPid: number;
  /** The environment programs started in the lab get. */
  readonly env: NodeJS.ProcessEnv;
  /** What belongs to this lab alone among the labs of one process (its snapshot reader). */
  readonly owned: Map<string, unknown>;
}

/** Whether process `pid` of this process's pid namespace is alive. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lab this process is in. */
export const INSIDE: LabAccess = {
  root: '',
  enter: (argv) => [...argv],
  pidAlive,
  get viewPid() { return process.pid; },
  get env() { return process.env; },
  owned: new Map(),
};

/** A lab reached from outside, through its pid 1 (`hostPid`, as this process numbers it). */
export function outsideLab(hostPid: number, env: NodeJS.ProcessEnv): LabAccess {
  const root = `/proc/${hostPid}/root`;
  return {
    root,
    // Every namespace of pid 1, the user namespace first: the program is the lab's root,
    // in its pid namespace (nsenter forks for that), with the lab's /, in pid 1's working
    // directory, where the lab's own Node would be. (`--wd=DIR` would open DIR outside the
    // lab, where its root may not enter it.) nsenter stays as the program's parent and
    // passes no signal on: a kill reaches the program by its death signal.
    enter: (argv) => ['nsenter', '-t', String(hostPid), '--all', '--wd', '--', 'setpriv', '--pdeathsig', 'KILL', '--', ...argv],
    pidAlive: (pid) => Number.isInteger(pid) && pid > 0 && existsSync(`${root}/proc/${pid}`),
    viewPid: 1,
    env,
    owned: new Map(),
  };
}

const scope = new AsyncLocalStorage<LabAccess>();

/** Runs `fn` (and everything it awaits) on `lab`. */
export function withLab<T>(lab: LabAccess, fn: () => T): T {
  return scope.run(lab, fn);
}

/** The lab the current work is for. */
export function currentLab(): LabAccess {
  return scope.getStore() ?? INSIDE;
}

/** `path` of the current lab, as this process opens it. */
export function labPath(path: string): string {
  return currentLab().root + path;
}
