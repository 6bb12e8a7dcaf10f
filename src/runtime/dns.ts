// Name resolution on user-defined networks, as Docker's embedded DNS server does it: a
// container that joins a user-defined network gets a resolver at 127.0.0.11 in its own
// network namespace, and /etc/resolv.conf saying `nameserver 127.0.0.11`. The resolver
// answers the names (and --network-aliases, and short ids) of the running containers that
// share a user-defined network with it; the default bridge has none, so its containers
// find no one by name.
//
// The resolver is dnsmasq (Debian's dnsmasq-base), one per container, listening on
// 127.0.0.11:53 in the container's namespace and reading a hosts directory it watches with
// inotify: the runtime rewrites one small file there whenever a container starts, stops,
// connects or disconnects, and the names appear and vanish without a restart. Why dnsmasq:
// ~12 ms to start and ~5 MB resident each (a Node responder: ~110 ms, ~44 MB), and its
// queries are real DNS packets on the container's lo (`tcpdump -i lo port 53`).
// Where dnsmasq is missing or cannot start, the names go into the container's /etc/hosts
// instead (they still resolve; there are no DNS packets to see), and the runtime says so.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { currentHost, HOST1 } from './docker-hosts.js';
import { findTool } from '../../scripts/tools.mjs';
import { udpBound } from '../sandbox/public-dns.js';
import { refreshEtcFiles } from './etc-files.js';
import { shortId } from './ids.js';
import { spawnDetached } from './process.js';
import type { ContainerRecord, RuntimeState } from './state.js';
import type { Tracer } from './steps.js';

export const RESOLVER_IP = '127.0.0.11';
export const DNS_DIR = process.env.NSLAB_DNS_DIR ?? (currentHost() ?? HOST1).dnsDir;

const resolverDir = (id: string) => `${DNS_DIR}/${id}`;
const hostsDir = (id: string) => `${resolverDir(id)}/hosts.d`;
export const namesFile = (id: string): string => `${hostsDir(id)}/names`;
const logFile = (id: string) => `${resolverDir(id)}/dnsmasq.log`;

/** Marks a container as one with Docker's internal resolver (it joined a user-defined
 * network); its resolv.conf then names 127.0.0.11 (etc-files.ts). The resolver itself
 * starts in syncNames. */
export function useInternalDns(c: ContainerRecord): void {
  if (c.resolver) return;
  c.resolver = { mode: findTool('dnsmasq') ? 'dnsmasq' : 'hosts' };
  if (c.resolver.mode === 'hosts') {
    process.stderr.write(`nslab: dnsmasq is not installed (Debian: apt-get install dnsmasq-base), so ${c.name} has no DNS server on ${RESOLVER_IP}: the names of its networks go into its /etc/hosts instead. They resolve, but no DNS packets cross lo.\n`);
  }
}

/** The names `c`'s resolver answers, address → names: for each of c's user-defined networks
 * in the order it joined them, every running member's name, aliases and short id (the
 * first network that has a name wins, as Docker's resolver looks them up). Pure. */
export function namesFor(state: RuntimeState, c: ContainerRecord, running: (o: ContainerRecord) => boolean): [string, string[]][] {
  const seen = new Set<string>();
  const byIp = new Map<string, string[]>();
  for (const ep of c.endpoints) {
    const net = state.networks.find((n) => n.id === ep.networkId);
    if (!net || net.builtin) continue;
    for (const o of state.containers) {
      const oe = o.endpoints.find((e) => e.networkId === ep.networkId);
      if (!oe || !running(o)) continue;
      for (const name of [o.name, ...(oe.aliases ?? []), shortId(o.id)]) {
        const key = name.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        byIp.set(oe.ip, [...(byIp.get(oe.ip) ?? []), name]);
      }
    }
  }
  return [...byIp];
}

export const hostsLines = (names: [string, string[]][]): string => names.map(([ip, ns]) => `${ip}\t${ns.join(' ')}\n`).join('');

/** dnsmasq's arguments: no configuration file, no upstream, no /etc/hosts of the lab host;
 * only the hosts directory, on 127.0.0.11 only. Unknown names get NXDOMAIN at once (nothing
 * outside the lab could answer them). --user=root --group=: dnsmasq would switch to
 * nobody:dip, which a user namespace mapping only root cannot do. */
export function dnsmasqArgs(id: string): string[] {
  return [
    'dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--local=/#/', '--no-negcache',
    `--hostsdir=${hostsDir(id)}`, `--listen-address=${RESOLVER_IP}`, '--bind-interfaces', '--pid-file=',
    '--user=root', '--group=', `--log-facility=${logFile(id)}`,
  ];
}


/** Alive and not a zombie (dnsmasq is our child until this docker command exits). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts dnsmasq in the container's network namespace and waits until it listens; returns
 * its pid, or why it could not start. */
async function startDnsmasq(c: ContainerRecord, tracer: Tracer): Promise<number | string> {
  // Tests make it fail here (NSLAB_RUNTIME_FAIL_AT=dnsmasq) to prove the /etc/hosts fallback.
  if (process.env.NSLAB_RUNTIME_FAIL_AT === 'dnsmasq') return 'injected failure (NSLAB_RUNTIME_FAIL_AT=dnsmasq)';
  mkdirSync(hostsDir(c.id), { recursive: true });
  if (!existsSync(namesFile(c.id))) writeFileSync(namesFile(c.id), '');
  tracer.note(`${c.name} is on a user-defined network: its own DNS server on ${RESOLVER_IP}:53 in its network namespace (dnsmasq, reading ${hostsDir(c.id)}, which it watches)`);
  const args = dnsmasqArgs(c.id);
  const pid = spawnDetached(['nsenter', `--net=/proc/${c.pid}/ns/net`, ...args], tracer, `nsenter -t ${c.pid} -n ${args.join(' ')}`);
  for (let wait = 1, waited = 0; waited < 5000; waited += wait, wait = Math.min(wait * 2, 50)) {
    let table = '';
    try { table = readFileSync(`/proc/${c.pid}/net/udp`, 'utf8'); } catch { /* the container is gone */ }
    if (udpBound(table, RESOLVER_IP, 53)) return pid;
    if (!alive(pid)) break;
    await sleep(wait);
  }
  try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  let log = '';
  try { log = readFileSync(logFile(c.id), 'utf8').trim().split('\n').slice(-2).join(' / '); } catch { /* none */ }
  return log || 'it did not listen on 127.0.0.11:53 within 5 s';
}

/** Whether it wrote: a file already holding `text` is left alone. */
function writeIfChanged(path: string, text: string): boolean {
  try { if (readFileSync(path, 'utf8') === text) return false; } catch { /* new */ }
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path); // dnsmasq sees a whole file appear (IN_MOVED_TO), never half of one
  return true;
}

const nameList = (names: [string, string[]][]): string => names.map(([ip, ns]) => `${ns.join('/')} ${ip}`).join(', ') || 'no names';

/** Brings every running container's resolver in line with the state: starts the ones
 * missing, rewrites the names they answer, and removes what containers that are gone left.
 * Runs after every change the docker command makes. */
export async function syncNames(state: RuntimeState, running: (o: ContainerRecord) => boolean, tracer: Tracer, warn: (s: string) => void): Promise<void> {
  for (const c of state.containers) {
    if (!c.resolver || !running(c)) continue;
    if (c.resolver.mode === 'dnsmasq' && !(c.resolver.pid && alive(c.resolver.pid))) {
      const started = await startDnsmasq(c, tracer);
      if (typeof started === 'number') {
        c.resolver.pid = started;
        c.helpers.push(started); // ends with the container
      } else {
        c.resolver = { mode: 'hosts' };
        refreshEtcFiles(c);
        warn(`nslab: dnsmasq could not start in ${c.name} (${started}); its names go into its /etc/hosts instead: they resolve, but no DNS packets cross lo.`);
      }
    }
    const names = namesFor(state, c, running);
    const text = hostsLines(names);
    if (c.resolver.mode === 'dnsmasq') {
      if (writeIfChanged(namesFile(c.id), text)) tracer.note(`${c.name}'s DNS server on ${RESOLVER_IP} now answers: ${nameList(names)} (${namesFile(c.id)}, which it rereads by itself)`);
    } else refreshEtcFiles(c, undefined, text);
  }
  let dirs: string[] = [];
  try { dirs = readdirSync(DNS_DIR); } catch { return; }
  const live = new Set(state.containers.filter((c) => c.resolver && running(c)).map((c) => c.id));
  for (const d of dirs) if (!live.has(d)) rmSync(resolverDir(d), { recursive: true, force: true });
}

