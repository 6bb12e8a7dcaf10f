// Container processes. A container is one long-lived process in its own network and uts
// namespaces: `unshare --net --uts sh -c 'hostname ID; exec sleep infinity'`. It starts
// in a new session with no terminal and no open pipes to us, so the docker command can
// exit; it is then an orphan of the lab's pid 1 (bash), which reaps it when it dies.
import { spawn } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import { DockerError } from './errors.js';
import type { Tracer } from './steps.js';

export type NetMode = { kind: 'own' } | { kind: 'host' } | { kind: 'join'; pid: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function holderArgv(hostname: string, net: NetMode): string[] {
  const body = ['sh', '-c', `hostname ${hostname} && exec sleep infinity`];
  if (net.kind === 'own') return ['unshare', '--net', '--uts', ...body];
  if (net.kind === 'host') return ['unshare', '--uts', ...body];
  return ['nsenter', `--net=/proc/${net.pid}/ns/net`, 'unshare', '--uts', ...body];
}

function nsLink(pid: number | 'self', ns: 'net' | 'uts'): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/${ns}`);
  } catch {
    return undefined;
  }
}

function comm(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Starts a detached process; returns its pid. */
export function spawnDetached(argv: string[], tracer: Tracer, shown = argv.join(' ')): number {
  tracer.command(`${shown} &`);
  const child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore', cwd: '/' });
  child.on('error', () => { /* reported by the readiness wait: the pid never appears */ });
  child.unref();
  if (child.pid === undefined) throw new DockerError(`docker: Error response from daemon: cannot start ${argv[0]}`, 125);
  return child.pid;
}

/** Starts a container's holder process and waits until it has really entered its
 * namespaces and set its hostname: the namespace links differ from ours and the shell
 * has exec'd sleep. No fixed sleep: it polls /proc, every millisecond or two. */
export async function startHolder(hostname: string, net: NetMode, tracer: Tracer): Promise<number> {
  const argv = holderArgv(hostname, net);
  const pid = spawnDetached(argv, tracer, argv.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' '));
  await waitHolderReady(pid, net);
  return pid;
}

export async function waitHolderReady(pid: number, net: NetMode, timeoutMs = 10_000): Promise<void> {
  const ourNet = nsLink('self', 'net');
  const ourUts = nsLink('self', 'uts');
  const deadline = Date.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    const c = comm(pid);
    if (c === undefined) throw new DockerError(`docker: Error response from daemon: the container process ${pid} exited while starting (unshare or hostname failed)`, 125);
    const netOk = net.kind === 'host' ? true : nsLink(pid, 'net') !== ourNet;
    if (c === 'sleep' && netOk && nsLink(pid, 'uts') !== ourUts) return;
    if (Date.now() > deadline) throw new DockerError(`docker: Error response from daemon: the container process ${pid} did not start within ${timeoutMs / 1000} s`, 125);
    await sleep(wait);
  }
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
