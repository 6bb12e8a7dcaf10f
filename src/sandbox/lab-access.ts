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
import type { ChildProcess } from 'node:child_process';
import type { ShellStarter } from './lab-process.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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
  /** Sends `signal` to the program of `child`, a process spawned from enter(argv). */
  signal(child: ChildProcess, signal: NodeJS.Signals): void;
  /** Whether the lab is still the one this access was made for (from outside: its pid 1's
   * pid not yet another process's); none: always. */
  readonly same?: () => boolean;
  /** Starts a program from inside the lab, with descriptors 3 to 6 as BashSession's
   * (a workshop lab's terminal agent, src/serve/lab-agent.ts); none: only enter(). */
  readonly start?: ShellStarter;
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
  signal: (child, signal) => { child.kill(signal); },
};

/** A lab reached from outside, through its pid 1 (`hostPid`, as this process numbers it). */
export function outsideLab(hostPid: number, env: NodeJS.ProcessEnv, start?: ShellStarter): LabAccess {
  const root = `/proc/${hostPid}/root`;
  // Two steps, as the lab's own processes are made. First, into the user namespace the
  // lab was made in (its pid 1's parent's, bin/lab-init.pl), which owns the lab's pid
  // namespace, and from there into pid 1's pid, network, uts and ipc namespaces (nsenter
  // forks for the pid namespace). Then the machine's own nsenter again, before anything of
  // the lab's filesystem is used (the lab's root could put a program of theirs at any path
  // of it, and it would run with the first step's rights), into pid 1's user namespace, where
  // the lab's own processes are, and its mount namespace and working directory. So the
  // program runs as the lab's root does, and what it makes (the preset's namespaces) is the
  // learner's to change. From pid 1's user namespace directly, an ordinary user (a workshop
  // served without root) may not enter the pid namespace; `--all` would also try the
  // machine's cgroup and time namespaces, which they may not.
  const parent = /^PPid:\s+(\d+)$/m.exec(readText(`/proc/${hostPid}/status`))?.[1];
  const madeIn = parent && parent !== '0' ? `/proc/${parent}/ns/user` : `/proc/${hostPid}/ns/user`;
  const pid = String(hostPid);
  // A lab's pid 1 is known by its pid; once the lab has ended, the pid may come to another
  // process (another learner's lab): nothing is entered or read through it then.
  const born = startTime(hostPid);
  const same = () => born !== undefined && startTime(hostPid) === born;
  const ENDED = ['sh', '-c', 'echo "nslab: this lab has ended" >&2; exit 125'];
  return {
    root,
    same,
    // nsenter stays as the program's parent and passes no signal on: a kill reaches the
    // program by its death signal, or by signal() below.
    enter: (argv) => !same() ? ENDED : [
      'nsenter', '-t', pid, `--user=${madeIn}`, '--pid', '--net', '--uts', '--ipc', '--',
      'nsenter', '-t', pid, '--user', '--mount', '--wd', '--', 'setpriv', '--pdeathsig', 'KILL', '--', ...argv,
    ],
    pidAlive: (pid) => Number.isInteger(pid) && pid > 0 && existsSync(`${root}/proc/${pid}`),
    viewPid: 1,
    env,
    owned: new Map(),
    start,
    // To the program itself, nsenter's child: nsenter passes no signal on, and the death
    // signal is lost by a program that changes its ids (tcpdump drops root), so a SIGINT
    // that asks tcpdump to print what it holds and end must reach it there.
    signal: (child, signal) => {
      const pid = child.pid;
      let inner: number[] = [];
      try { inner = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number); } catch { /* ended */ }
      for (const p of inner) try { process.kill(p, signal); } catch { /* ended meanwhile */ }
      if (!inner.length || signal === 'SIGKILL') child.kill(signal);
    },
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

/** The lab's pid 1 among the processes below `pid` (a lab's launcher): the first process
 * found, nearest first, that is numbered 1 in a pid namespace of its own. */
export function labPidOne(pid: number): number | undefined {
  let level = [pid];
  while (level.length) {
    const next: number[] = [];
    for (const p of level) {
      let tasks: string[] = [];
      try { tasks = readdirSync(`/proc/${p}/task`); } catch { continue; }
      for (const t of tasks) {
        let children: number[] = [];
        try { children = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number); } catch { continue; }
        for (const c of children) {
          let nspid: string[] | undefined;
          try { nspid = /^NSpid:\s+(.*)$/m.exec(readFileSync(`/proc/${c}/status`, 'utf8'))?.[1].trim().split(/\s+/); } catch { continue; }
          if (nspid && nspid.length > 1 && nspid[nspid.length - 1] === '1') return c;
          next.push(c);
        }
      }
    }
    level = next;
  }
  return undefined;
}

/** The environment a lab's own processes have, for a lab started by bin/lab-launch.pl with
 * `launcherEnv`, as lab-launch.pl and lab-init.pl make it (a live test holds the two
 * together). Made here, never read from the lab: the server runs nsenter with it, on the
 * machine, before it enters the lab. */
export function labEnvironment(launcherEnv: NodeJS.ProcessEnv, root: string, hostPid: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...launcherEnv };
  delete env.TMPDIR;
  delete env.NSLAB_AGENT_TOKEN; // the agent's alone (bin/lab-init.pl takes it out too)
  const uid = process.getuid?.() ?? 0;
  return {
    ...env,
    NSLAB_OUTER_UID: String(uid),
    NSLAB_OUTER_NETNS: String(statSync('/proc/self/ns/net').ino),
    NSLAB_ROOT: root,
    NSLAB_USERNS_MODE: uid === 0 ? 'root' : ownIdOnly(hostPid) ? 'userns-root-only' : 'userns-auto',
    ...(launcherEnv.HOME !== undefined ? { NSLAB_OUTER_HOME: launcherEnv.HOME } : {}),
    HOME: '/root',
    NSLAB_IN_LAB: '1',
    PATH: `${join(root, 'lab-bin')}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
  };
}

/** Whether the lab of pid 1 `hostPid` maps a single id (the user's own): its uid_map, as
 * this process reads it, has one line of count 1. */
function ownIdOnly(hostPid: number): boolean {
  try {
    const lines = readFileSync(`/proc/${hostPid}/uid_map`, 'utf8').trim().split('\n');
    return lines.length === 1 && lines[0].trim().split(/\s+/)[2] === '1';
  } catch {
    return false;
  }
}

/** When process `pid` started (field 22 of /proc/PID/stat, in clock ticks since boot). */
function startTime(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] : undefined;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
