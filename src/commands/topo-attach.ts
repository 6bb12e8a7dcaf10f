// `nslab topo --attach`: the lab of a session already running (an instructor's second
// terminal), found through /proc as its pid 1 — perl running bin/lab-init.pl, pid 1 in its
// own pid namespace — and read from inside its namespaces with nsenter. Nothing is built: the
// snapshot only reads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { toolsText } from '../i18n/tools-text.js';
import type { KernelState } from '../kernel/types.js';
import { run } from '../sandbox/exec.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';

export interface RunningLab {
  /** The lab's pid 1, as numbered outside the lab. */
  pid: number;
  uid: number;
  /** What the lab runs: `nslab start 1`, `nslab sandbox`, … */
  command: string;
}

/** A lab's pid 1 from its /proc files, or undefined when the process is something else.
 * Pure: cmdline is NUL-separated argv, status the text of /proc/PID/status. */
export function parseLabInit(pid: number, cmdline: string, status: string): RunningLab | undefined {
  const argv = cmdline.split('\0');
  if (argv.at(-1) === '') argv.pop();
  const at = argv.findIndex((a) => a.endsWith('/bin/lab-init.pl'));
  if (at < 0 || at > 1 || (at === 1 && basename(argv[0]) !== 'perl')) return undefined;
  const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
  const nspid = /^NSpid:\s+([\d\s]+)$/m.exec(status)?.[1].trim().split(/\s+/);
  // Only the lab's own pid 1 holds all its namespaces; a lab-init that is not pid 1 of a
  // pid namespace is the process that made them and waits outside (or a lab not yet made).
  if (!Number.isInteger(uid) || !nspid || nspid.length < 2 || nspid.at(-1) !== '1') return undefined;
  return { pid, uid, command: ['nslab', ...argv.slice(at + 1)].join(' ') };
}

/** Who started the lab whose pid 1 is `pid`: the lab's own ids are nobody's on the
 * machine, so its owner is the user of the bin/lab-launch.pl above it (a few parents up). */
function launcherUid(pid: number): number | undefined {
  let at = pid;
  for (let hops = 0; hops < 6; hops++) {
    const status = readFileSync(`/proc/${at}/status`, 'utf8');
    if (hops > 0 && readFileSync(`/proc/${at}/cmdline`, 'latin1').split('\0').some((a) => a.endsWith('/bin/lab-launch.pl'))) {
      return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    }
    at = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    if (!at) return undefined;
  }
  return undefined;
}

/** Every running lab this user may look into: their own, or everyone's for root. */
export function findRunningLabs(uid = process.getuid?.() ?? -1): RunningLab[] {
  const labs: RunningLab[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const lab = parseLabInit(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'latin1'), readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (lab) lab.uid = launcherUid(lab.pid) ?? lab.uid;
      if (lab && (uid === 0 || lab.uid === uid)) labs.push(lab);
    } catch {
      // The process ended while we looked, or is not ours to read: not a lab we can use.
    }
  }
  return labs.sort((a, b) => a.pid - b.pid);
}

function userName(uid: number): string {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[2] === String(uid));
    return line?.split(':')[0] ?? String(uid);
  } catch {
    return String(uid);
  }
}

function describeLabs(labs: RunningLab[]): string {
  const row = (pid: string, user: string, command: string) => `  ${pid.padStart(7)}  ${user.padEnd(10)} ${command}`;
  return [row('PID', 'USER', 'COMMAND'), ...labs.map((l) => row(String(l.pid), userName(l.uid), l.command))].join('\n');
}

/** The lab --attach means: the one named by pid, or the only one running. */
export function chooseLab(labs: RunningLab[], wanted: number | undefined): RunningLab {
  if (wanted !== undefined) {
    const lab = labs.find((l) => l.pid === wanted);
    if (lab) return lab;
    throw new UserError(
      toolsText().notALab(wanted) + (labs.length ? toolsText().runningLabs(describeLabs(labs)) : toolsText().noLabRunning),
    );
  }
  if (labs.length === 1) return labs[0];
  if (!labs.length) {
    throw new UserError(toolsText().noLabToAttach);
  }
  throw new UserError(toolsText().whichLab(labs.length, `${toolsText().labsHead}\n${describeLabs(labs)}`));
}

function nsInode(pid: number | 'self', ns: string): number {
  return statSync(`/proc/${pid}/ns/${ns}`).ino;
}

/** The argv that takes the snapshot inside the lab: its namespaces entered (its user
 * namespace only when it has its own), then nslab's hidden snapshot entry point. */
export function attachArgv(lab: RunningLab, opts: { sameUserns: boolean; outerNetns: number; node: string; root: string; waiterPid?: number }): string[] {
  return [
    // The pid namespace first: it belongs to the user namespace above the lab's (that of
    // the process waiting for the lab's pid 1), which must be entered to join it; then the
    // lab's own user namespace and the rest.
    ...(opts.sameUserns ? ['nsenter', `--target=${lab.pid}`, '--pid', '--']
      : ['nsenter', `--user=/proc/${opts.waiterPid}/ns/user`, `--pid=/proc/${lab.pid}/ns/pid`, '--']),
    'nsenter', `--target=${lab.pid}`, ...(opts.sameUserns ? [] : ['--user']), '--mount', '--net', '--uts', '--ipc', '--',
    'env', 'NSLAB_IN_LAB=1', `NSLAB_ROOT=${opts.root}`, `NSLAB_OUTER_NETNS=${opts.outerNetns}`,
    opts.node, `${opts.root}/dist/cli.js`, 'topo', '--snapshot-here',
  ];
}

/** The nslab checkout the lab runs, as its own mounts show it: the one this command runs
 * from may not be there (the lab has its own /root and /tmp). */
function labCheckout(pid: number): string {
  try {
    const vars = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
    return vars.find((v) => v.startsWith('NSLAB_ROOT='))?.slice('NSLAB_ROOT='.length) || NSLAB_ROOT;
  } catch {
    return NSLAB_ROOT;
  }
}

function parsePid(attach: string | boolean): number | undefined {
  if (attach === true) return undefined;
  const pid = Number(attach);
  if (!Number.isInteger(pid) || pid <= 0) throw new UserError(toolsText().notAPid(String(attach)));
  return pid;
}

export async function snapshotOfRunningLab(attach: string | boolean): Promise<{ lab: RunningLab; state: KernelState }> {
  const lab = chooseLab(findRunningLabs(), parsePid(attach));
  let sameUserns: boolean;
  try {
    sameUserns = nsInode(lab.pid, 'user') === nsInode('self', 'user');
  } catch (e) {
    throw new UserError(toolsText().labGone(lab.pid, (e as Error).message), 1, { cause: e });
  }
  const waiterPid = Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${lab.pid}/status`, 'utf8'))?.[1]);
  const argv = attachArgv(lab, { sameUserns, outerNetns: nsInode('self', 'net'), node: process.execPath, root: labCheckout(lab.pid), waiterPid });
  const r = await run(argv, { timeoutMs: 30_000 });
  if (r.exitCode !== 0) {
    throw new UserError(toolsText().cannotReadLab(lab.pid, lab.command, (r.stderr || r.stdout).trim() || toolsText().nsenterExited(r.exitCode)));
  }
  try {
    return { lab, state: JSON.parse(r.stdout) as KernelState };
  } catch (e) {
    throw new UserError(toolsText().notASnapshot(lab.pid, r.stdout.slice(0, 200)), 1, { cause: e });
  }
}
