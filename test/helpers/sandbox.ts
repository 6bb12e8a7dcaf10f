// A lab driven as a learner would drive it, and the proofs that it left nothing behind.
// Shared by test/reliability/* (formerly inside test/sandbox/leftovers.test.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { envFor, hostState, labProcesses, labTagEnv, newLabTag, nslabArgv } from './lab.js';

export interface Sandbox {
  child: ChildProcessWithoutNullStreams;
  tag: string;
  /** The launcher's pid: it names the lab's cgroup and relaunch file. */
  pid: number;
  exited: Promise<{ code: number | null; signal: string | null }>;
  readonly output: string;
  send(line: string): void;
  /** Resolves once `text` has appeared in the output after position `from`; rejects if the
   * lab ends first or after `timeoutMs`. Returns where it appeared. */
  waitFor(text: string, opts?: { from?: number; timeoutMs?: number }): Promise<number>;
}

/** Starts `nslab ARGS` (default: `sandbox`) fed through a pipe, tagged for labProcesses. */
export function startLab(opts: { asUser?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Sandbox {
  const argv = nslabArgv(opts.args ?? ['sandbox'], opts.asUser);
  const tag = newLabTag();
  const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...envFor(opts.env, opts.asUser), ...labTagEnv(tag) } }) as ChildProcessWithoutNullStreams;
  // Output is kept as chunks and joined only when read: a flood of megabytes appended to
  // one string and searched after every chunk would be quadratic. A waiter looks only at
  // each new chunk, plus the tail of the previous ones that could start its text.
  const chunks: string[] = [];
  let length = 0;
  const output = () => {
    if (chunks.length > 1) chunks.splice(0, chunks.length, chunks.join(''));
    return chunks[0] ?? '';
  };
  const waiters = new Set<(chunk: string, at: number) => void>();
  let ended = false;
  const onData = (b: Buffer) => {
    const chunk = b.toString();
    const at = length;
    chunks.push(chunk);
    length += chunk.length;
    for (const w of [...waiters]) w(chunk, at);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.stdin.on('error', () => { /* the lab may end before its input does */ });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => {
    ended = true;
    for (const w of [...waiters]) w('', length);
    resolve({ code, signal });
  }));
  return {
    child,
    tag,
    pid: child.pid!,
    exited,
    get output() { return output(); },
    send(line: string) { if (!child.stdin.destroyed) child.stdin.write(line + '\n'); },
    waitFor(text, { from = 0, timeoutMs = 30_000 } = {}) {
      return new Promise((resolve, reject) => {
        const first = output().indexOf(text, from);
        if (first >= 0) return resolve(first);
        let carry = output().slice(Math.max(from, length - text.length + 1));
        const done = () => { clearTimeout(timer); waiters.delete(look); };
        const look = (chunk: string, at: number) => {
          const window = carry + chunk;
          const i = window.indexOf(text);
          if (i >= 0 && at - carry.length + i >= from) { done(); resolve(at - carry.length + i); return; }
          carry = window.slice(-(text.length - 1) || window.length);
          if (ended) { done(); reject(new Error(`the lab ended before printing ${JSON.stringify(text)}; output:\n${output().slice(-3000)}`)); }
        };
        const timer = setTimeout(() => { done(); reject(new Error(`no ${JSON.stringify(text)} within ${timeoutMs} ms; output:\n${output().slice(-3000)}`)); }, timeoutMs);
        waiters.add(look);
        if (ended) look('', length);
      });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the kernel has torn the lab down: its processes gone (bounded wait), and
 * returns what is still there: processes, the launcher's relaunch file, the lab's cgroup. */
export async function labLeftovers(tag: string, launcherPid?: number): Promise<string[]> {
  let left: string[] = [];
  for (let i = 0; i < 200; i++) {
    left = [...labProcesses(tag), ...(launcherPid ? launcherFiles(launcherPid) : [])];
    if (left.length === 0) return [];
    await sleep(50);
  }
  return left;
}

/** Files and cgroups on the machine named after a lab's launcher pid. */
export function launcherFiles(launcherPid: number): string[] {
  const found: string[] = [];
  const tmp = process.env.TMPDIR || '/tmp';
  for (const f of readdirSync(tmp)) if (f.startsWith(`nslab-relaunch-${launcherPid}-`)) found.push(`${tmp}/${f}`);
  const cpu = cpuCgroupParent();
  for (const dir of [...pidsCgroupDirs(), ...(cpu && !cpu.v2 ? [cpu.dir] : [])]) if (existsSync(`${dir}/nslab-${launcherPid}`)) found.push(`${dir}/nslab-${launcherPid}`);
  return found;
}

/** Where the launcher puts a root lab's pids cgroup, when this machine has one. */
export function pidsCgroupDirs(): string[] {
  return ['/sys/fs/cgroup/pids', '/sys/fs/cgroup'].filter((d) => existsSync(`${d}/cgroup.procs`));
}

/** Where the launcher puts a root workshop lab's cpu cgroup, as it finds it: cgroup v1's cpu
 * hierarchy at this process's own cgroup there, or cgroup v2's root when it hands the cpu
 * controller to its children; undefined where there is neither. */
export function cpuCgroupParent(): { dir: string; mount: string; v2: boolean } | undefined {
  const own = readFileSync('/proc/self/cgroup', 'utf8').split('\n').map((l) => l.split(':'))
    .find(([, ctl]) => ctl !== undefined && ctl.split(',').includes('cpu'))?.[2] ?? '/';
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const [left, right] = line.split(' - ');
    if (!right) continue;
    const mount = left.split(' ')[4];
    const [fstype, , options] = right.split(' ');
    if (fstype === 'cgroup' && options.split(',').includes('cpu')) return { dir: mount + (own === '/' ? '' : own), mount, v2: false };
    if (fstype === 'cgroup2' && existsSync(`${mount}/cgroup.subtree_control`) && /\bcpu\b/.test(readFileSync(`${mount}/cgroup.subtree_control`, 'utf8'))) return { dir: mount, mount, v2: true };
  }
  return undefined;
}

/** Lines of the machine's state that changed since `before` (empty when identical). */
/** Kernel-wide settings hostState() does not cover, which a leaky lab could change. */
function kernelState(): string {
  const keys = ['kernel/hostname', 'kernel/domainname', 'kernel/printk_ratelimit', 'kernel/pid_max', 'vm/swappiness', 'vm/overcommit_memory', 'net/core/somaxconn'];
  return keys.map((k) => `${k}=${readFileSync(`/proc/sys/${k}`, 'utf8').trim()}`).join('\n');
}

/** The machine's network and kernel-wide state, as text to compare before and after. */
export function machineState(): string {
  return hostState() + '\n' + kernelState();
}

export function hostChanges(before: string, after = hostState()): string[] {
  if (after === before) return [];
  const b = before.split('\n');
  const a = after.split('\n');
  return a.filter((l) => !b.includes(l)).concat(b.filter((l) => !a.includes(l)).map((l) => `(gone) ${l}`)).slice(0, 20);
}

/** A sandbox whose shell has answered once: the lab is built and ready for lines. */
export async function startReadyLab(opts: Parameters<typeof startLab>[0] = {}): Promise<Sandbox> {
  const lab = startLab(opts);
  lab.send('echo READY');
  await lab.waitFor('READY');
  return lab;
}

/** Runs lines in a fresh sandbox; each line's output is kept under its own marker. Returns
 * the outputs and what the lab left behind once it ended. */
export async function inLab(lines: Record<string, string>, asUser?: string): Promise<{ out: Record<string, string>; leftovers: string[] }> {
  const lab = startLab({ asUser });
  for (const [key, line] of Object.entries(lines)) lab.send(`echo "<<${key}"; { ${line}; } 2>&1; echo ">>${key}"`);
  lab.send('echo ALL-DONE');
  await lab.waitFor('ALL-DONE\n', { timeoutMs: 60_000 });
  lab.child.stdin.end();
  await lab.exited;
  const out: Record<string, string> = {};
  for (const key of Object.keys(lines)) {
    const m = lab.output.match(new RegExp(`^<<${key}\\n([\\s\\S]*?)^>>${key}$`, 'm'));
    out[key] = m ? m[1] : `(no output section for ${key})`;
  }
  return { out, leftovers: await labLeftovers(lab.tag, lab.pid) };
}

