// Container processes. A container is one long-lived process in its own network, uts and
// mount namespaces, what `unshare --net --uts --mount sh -c 'hostname ID && mount --bind
// … /etc/hosts … && exec sleep infinity'` makes.
// bin/lab-holders.pl starts them, many at once from one process, and wires their network
// with netlink: two programs per container started from Node was most of the time a lab
// with 50 containers took. A holder is in a new session with no terminal and no open
// pipes to us, so the docker command can exit; it is then an orphan of the lab's pid 1,
// which reaps it when it dies.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../sandbox/exec.js';
import { NSLAB_ROOT } from '../sandbox/lab.js';
import { plugLines } from './bridge-driver.js';
import { DockerError } from './docker-error.js';
import type { Endpoint } from './state.js';
import type { Tracer } from './steps.js';

export type NetMode = { kind: 'own' } | { kind: 'host' } | { kind: 'join'; pid: number };

/** One container for startHolders; `wire` also gives it a veth pair, the container end
 * configured as in `ep`, whose host end joins `bridge` (or, without one, stays down and
 * unplugged for the caller to plug in). */
export interface HolderSpec {
  hostname: string;
  net: NetMode;
  /** A directory holding hosts, hostname and resolv.conf: the holder gets a mount
   * namespace of its own with them over /etc's (etc-files.ts). */
  etc?: string;
  wire?: { bridge?: string; ep: Endpoint };
}

/** What bin/lab-holders.pl accepts (and sethostname's limit of 64 bytes); a test holds the
 * two to the same rule. */
export const VALID_HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function specLine(s: HolderSpec): string {
  const words = [s.hostname, `net=${s.net.kind === 'join' ? `join:${s.net.pid}` : s.net.kind}`];
  if (s.etc) words.push(`etc=${s.etc}`);
  if (s.wire) {
    const { bridge, ep } = s.wire;
    words.push(`veth=${ep.hostIf}`, `ifname=${ep.ifname}`, `mac=${ep.mac}`, `addr=${ep.ip}/${ep.prefixlen}`, `gw=${ep.gateway}`);
    if (bridge) words.push(`bridge=${bridge}`);
  }
  return words.join(' ');
}

/** The command a learner would type to start the same holder. */
function holderCommand(s: HolderSpec): string {
  const mounts = s.etc ? ` && mount --make-rslave / && for f in hosts hostname resolv.conf; do mount --bind ${s.etc}/$f /etc/$f; done` : '';
  const body = `sh -c 'hostname ${s.hostname}${mounts} && exec sleep infinity'`;
  const unshare = `unshare${s.net.kind === 'own' ? ' --net' : ''} --uts${s.etc ? ' --mount' : ''}`;
  if (s.net.kind === 'join') return `nsenter --net=/proc/${s.net.pid}/ns/net ${unshare} ${body} &`;
  return `${unshare} ${body} &`;
}

/** The ip commands that wire a holder as bin/lab-holders.pl does with netlink: the pair is
 * made with its container end already in the container, named, with its MAC. */
function wireCommands(pid: number, bridge: string | undefined, ep: Endpoint): string[] {
  const inside = `nsenter -t ${pid} -n ip`;
  return [
    `${inside} link set lo up`,
    `ip link add ${ep.hostIf} type veth peer name ${ep.ifname} address ${ep.mac} netns ${pid}`,
    `${inside} link set ${ep.ifname} up`,
    `${inside} addr add ${ep.ip}/${ep.prefixlen} brd + dev ${ep.ifname}`,
    `${inside} route add default via ${ep.gateway} dev ${ep.ifname}`,
    ...(bridge ? plugCommands(ep.hostIf, bridge) : []),
  ];
}

function plugCommands(hostIf: string, bridge: string): string[] {
  return plugLines(hostIf, bridge).map((l) => `ip ${l}`);
}

/** Starts the holders (and wires those that ask for it) with one bin/lab-holders.pl; returns
 * their pids in the order of `specs`. Each has entered its namespaces, set its hostname
 * and exec'd sleep when this returns. On failure nothing is left: the helper kills what
 * it started and deletes the veths it made. */
export async function startHolders(specs: HolderSpec[], tracer: Tracer, bridgesReady?: Promise<unknown>): Promise<number[]> {
  if (specs.length === 0) return [];
  const odd = specs.find((s) => !VALID_HOSTNAME.test(s.hostname));
  if (odd) throw new DockerError(`docker: Error response from daemon: invalid hostname "${odd.hostname}": 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit`, 125);
  // What runs is one bin/lab-holders.pl, with system calls and rtnetlink: the trace says so,
  // then shows the same work as the commands a learner would type for it.
  tracer.note(`bin/lab-holders.pl makes ${specs.length > 1 ? `these ${specs.length} container processes` : 'the container process'} with system calls; typed as commands, that is:`);
  for (const s of specs) tracer.command(holderCommand(s));
  const argv = ['perl', join(NSLAB_ROOT, 'bin', 'lab-holders.pl')];
  // With bridgesReady, the holders are made at once (the `--` line) and plugged into their
  // bridges when it settles and the input ends.
  const input = specs.map(specLine).join('\n') + (bridgesReady ? '\n--\n' : '\n');
  const r = await run(argv, { input, endInputWhen: bridgesReady });
  const pids = r.stdout.trim().split('\n').map(Number);
  if (r.exitCode !== 0 || pids.length !== specs.length || !pids.every((p) => Number.isInteger(p) && p > 0)) {
    // Exit 0 with output we cannot read: end whatever it says it started.
    if (r.exitCode === 0) for (const p of pids) if (Number.isInteger(p) && p > 1) try { process.kill(p, 'SIGKILL'); } catch { /* gone */ }
    const detail = (r.stderr.trim() || `\`${argv.join(' ')}\` exited ${r.signal ?? r.exitCode}`).replace(/^lab-holders: /, '');
    throw new DockerError(`docker: Error response from daemon: starting the container process${specs.length > 1 ? 'es' : ''} failed: ${detail}`, 125);
  }
  if (specs.some((s) => s.wire)) tracer.note('bin/lab-holders.pl wired them over rtnetlink; typed as ip commands, that is:');
  specs.forEach((s, i) => { if (s.wire) for (const c of wireCommands(pids[i], s.wire.bridge, s.wire.ep)) tracer.command(c); });
  return pids;
}

/** One holder, no network of its own yet: docker run wires it step by step (attach). */
export async function startHolder(spec: HolderSpec, tracer: Tracer): Promise<number> {
  return (await startHolders([spec], tracer))[0];
}

/** Starts a detached process; returns its pid. */
export function spawnDetached(argv: string[], tracer: Tracer, shown = argv.join(' ')): number {
  tracer.command(`${shown} &`);
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore', cwd: '/' });
  child.on('error', () => { /* reported by the caller's wait (waitListening): the process is gone */ });
  child.unref();
  if (child.pid === undefined) throw new DockerError(`docker: Error response from daemon: cannot start ${argv[0]}`, 125);
  return child.pid;
}

/** Ends a process we started (by its recorded pid), and waits until it is gone, so
 * that its namespace (and the veth inside) has been released when rm returns. */
export async function killAndWait(pid: number, tracer: Tracer, timeoutMs = 5000): Promise<void> {
  tracer.command(`kill -9 ${pid}`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; Date.now() < deadline; wait = Math.min(wait * 2, 20)) {
    const state = statusOf(pid);
    if (state === undefined || state === 'Z') return; // a zombie holds no namespaces
    await sleep(wait);
  }
}

function statusOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** Waits until a process in some namespace listens on a TCP port (read from the
 * namespace's own /proc/PID/net/tcp), so that `docker run -p` returns only when a curl
 * would be answered. */
export async function waitListening(pid: number, port: number, timeoutMs = 10_000): Promise<void> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    let table = '';
    try {
      table = readFileSync(`/proc/${pid}/net/tcp`, 'utf8');
    } catch {
      throw new DockerError(`docker: Error response from daemon: the server for port ${port} exited while starting`, 125);
    }
    if (table.split('\n').some((l) => { const f = l.trim().split(/\s+/); return f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A'; })) return;
    if (Date.now() > deadline) throw new DockerError(`docker: Error response from daemon: nothing listens on port ${port} after ${timeoutMs / 1000} s`, 125);
    await sleep(wait);
  }
}
