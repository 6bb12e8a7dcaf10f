// Test helpers that start real labs through bin/nslab, as a learner would, and read the
// machine's own state to prove a lab left nothing behind.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const NSLAB = join(ROOT, 'bin', 'nslab');
export const TEST_USER = 'nslabtest';

export interface Ran { exitCode: number; stdout: string; stderr: string }

export interface LabRunOptions {
  preset?: 'bare' | 'docker-host';
  containers?: number;
  /** Run as this unprivileged user (via runuser) instead of the current one. */
  asUser?: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
}

/** The checkout the given user runs nslab from: this one, or, when that user cannot reach
 * it (a clone in /root), the copy test/scratch-tmpdir.ts made. */
export function checkoutFor(asUser?: string): string {
  return (asUser && process.env.NSLAB_TEST_USER_CHECKOUT) || ROOT;
}

/** `path`, as the given user reaches it: inside the copy when it is inside this checkout. */
export function pathFor(path: string, asUser?: string): string {
  const root = checkoutFor(asUser);
  return root !== ROOT && (path === ROOT || path.startsWith(ROOT + '/')) ? root + path.slice(ROOT.length) : path;
}

/** An environment with every path into this checkout made one the given user reaches. */
export function envFor(env: NodeJS.ProcessEnv | undefined, asUser?: string): NodeJS.ProcessEnv | undefined {
  if (!env) return env;
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === undefined ? v : pathFor(v, asUser)]));
}

/** argv that runs `bin/nslab ARGS`, as the given user when asked. setpriv execs rather than
 * forking, so the pid a test holds is nslab's own and a signal to it reaches nslab. */
export function nslabArgv(args: string[], asUser?: string): string[] {
  if (!asUser) return [NSLAB, ...args];
  return ['setpriv', `--reuid=${asUser}`, `--regid=${asUser}`, '--init-groups', '--',
    'env', `HOME=/home/${asUser}`, `USER=${asUser}`, `LOGNAME=${asUser}`, join(checkoutFor(asUser), 'bin', 'nslab'), ...args.map((a) => pathFor(a, asUser))];
}

export function runProcess(argv: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code, sig) => resolve({ exitCode: code ?? (sig ? 128 : 1), stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs one bash script in a fresh lab (`nslab run`). */
export function runInLab(script: string, opts: LabRunOptions = {}): Promise<Ran> {
  const args = ['run', '--preset', opts.preset ?? 'docker-host'];
  if (opts.containers) args.push('--containers', String(opts.containers));
  return runProcess(nslabArgv([...args, '--', script], opts.asUser), { input: opts.input, env: envFor(opts.env, opts.asUser) });
}

export const isRoot = process.getuid?.() === 0;

/** Why the rootless tests cannot run here, or undefined when they can. */
export function rootlessUnavailable(): string | undefined {
  if (!isRoot) return 'the rootless tests switch to the user nslabtest, which needs root to do';
  if (spawnSync('id', ['-u', TEST_USER]).status !== 0) return `user ${TEST_USER} does not exist (npm test's set-up creates it when run as root)`;
  const r = spawnSync(nslabArgv([], TEST_USER)[0], [...nslabArgv([], TEST_USER).slice(1, -1), 'unshare', '--user', '--map-root-user', 'true']);
  if (r.status !== 0) return `user ${TEST_USER} may not create user namespaces here: ${String(r.stderr).trim()}`;
  return undefined;
}

function out(argv: string[]): string {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  return `$ ${argv.join(' ')}\n${r.stdout}${r.stderr}`;
}

/** The machine's own network state, as text to compare before and after a lab. Counters
 * and timestamps are dropped: they move on their own. */
export function hostState(): string {
  const sysctls = spawnSync('sh', ['-c', 'for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf/all/forwarding /proc/sys/net/ipv6/conf/all/forwarding /proc/sys/net/ipv4/ping_group_range /proc/sys/net/ipv4/conf/all/rp_filter; do echo "$f $(cat $f)"; done'], { encoding: 'utf8' }).stdout;
  return [
    out(['ip', '-j', 'link']).replace(/"(stats64|stats)":\{[^}]*\}/g, ''),
    out(['ip', '-j', 'addr']).replace(/"(valid_life_time|preferred_life_time)":\d+/g, ''),
    out(['ip', '-j', 'route', 'show', 'table', 'all']),
    out(['iptables-save']).replace(/^#.*$/gm, '').replace(/\[\d+:\d+\]/g, ''),
    out(['nft', 'list', 'ruleset']),
    out(['ip', 'netns', 'list']),
    out(['hostname']),
    sysctls,
    spawnSync('sh', ['-c', 'cut -d" " -f1-5 /proc/self/mountinfo | sort'], { encoding: 'utf8' }).stdout,
  ].join('\n');
}

/** A tag for the labs one test starts: put `labTagEnv(tag)` in their environment, and
 * `labProcesses(tag)` finds every process that inherited it, whatever it became. Other
 * test files run labs at the same time; a tag keeps their processes apart. */
export function newLabTag(): string {
  return `t${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

export function labTagEnv(tag: string): NodeJS.ProcessEnv {
  return { NSLAB_TEST_TAG: tag };
}

/** Processes still alive that carry the tag in their environment. */
export function labProcesses(tag: string): string[] {
  const needle = Buffer.from(`NSLAB_TEST_TAG=${tag}\0`);
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/environ`).includes(needle)) continue;
      found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()}`);
    } catch { /* gone already, or not ours to read */ }
  }
  return found;
}
