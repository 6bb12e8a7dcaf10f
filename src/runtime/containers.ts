// Creating and removing containers: the sequence Docker's daemon runs, each kernel
// change traced and undoable. Callers hold the lock (lock.ts) around these.
import { mkdirSync, rmSync } from 'node:fs';
import { hostname as labHostname } from 'node:os';
import { DockerError } from './docker-error.js';
import { generatedName, newId, shortId, VALID_NAME } from './ids.js';
import { addressOn } from './macvlan-driver.js';
import { attachFor, detachEndpoint } from './drivers.js';
import { CONTAINERS_DIR, etcContents, etcDir, etcOwnerId, pruneEtcFiles, readLabHostFiles, writeEtcFiles } from './etc-files.js';
import { containerNamespaces } from './exec-in.js';
import { useInternalDns } from './dns.js';
import { dnatRules, startDockerProxy, startHttpServer } from './ports.js';
import { killAndWait, spawnDetached, startHolder, type NetMode } from './process.js';
import { Rollback } from './rollback.js';
import type { ContainerRecord, NetworkRecord, PortMapping, RuntimeState } from './state.js';
import { failpoint, ipBatch, iptables, iptablesRemove, type Tracer } from './steps.js';
import { findContainer, isRunning, RUNTIME_DIR } from './store.js';
import type { PortSpec } from './args.js';

export interface CreateRequest {
  name?: string;
  image: string;
  /** The image's ENTRYPOINT, for ps and inspect (what runs is cmd). */
  entrypoint: string[];
  cmd: string[];
  network: string; // bridge | host | none | container:X | a user network
  /** --ip: the address asked for on a user-defined network. */
  ip?: string;
  hostname?: string;
  ports: PortSpec[];
  tty: boolean;
  interactive: boolean;
  autoRemove: boolean;
  /** -d with a CMD that is not a shell: run it in the container, in the background. */
  backgroundCmd: boolean;
  /** --network-alias: more names for it on its (user-defined) network. */
  aliases?: string[];
}

const runErr = (msg: string) => new DockerError(`docker: Error response from daemon: ${msg}`, 125);

export function findNetwork(state: RuntimeState, ref: string): NetworkRecord | undefined {
  return state.networks.find((n) => n.name === ref || n.id === ref)
    ?? (/^[0-9a-f]+$/.test(ref) ? state.networks.filter((n) => n.id.startsWith(ref)).at(0) : undefined);
}

function checkName(state: RuntimeState, name: string): void {
  if (!VALID_NAME.test(name)) throw new DockerError(`docker: Error response from daemon: Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed.`, 125);
  const other = state.containers.find((c) => c.name === name);
  if (other) throw new DockerError(`docker: Error response from daemon: Conflict. The container name "/${name}" is already in use by container "${other.id}". You have to remove (or rename) that container to be able to reuse that name.`, 125);
}

interface Plan { netMode: NetMode; network?: NetworkRecord; sharedWith?: ContainerRecord; networkMode: string }

function plan(state: RuntimeState, req: CreateRequest): Plan {
  const mode = req.network;
  if (mode === 'host') return { netMode: { kind: 'host' }, networkMode: 'host' };
  if (mode === 'none') return { netMode: { kind: 'own' }, networkMode: 'none' };
  if (mode.startsWith('container:')) {
    const ref = mode.slice('container:'.length);
    const other = findContainer(state, ref);
    if (!other) throw new DockerError(`docker: Error response from daemon: No such container: ${ref}.`, 125);
    if (!isRunning(other)) throw runErr(`cannot join network of a non running container: ${other.id}`);
    if (req.ports.length) throw new DockerError('docker: conflicting options: port publishing and the container type network mode.\nSee \'docker run --help\'.', 125);
    return { netMode: { kind: 'join', pid: other.pid }, sharedWith: other, networkMode: `container:${other.id}` };
  }
  const net = findNetwork(state, mode);
  if (!net) throw new DockerError(`docker: Error response from daemon: network ${mode} not found.`, 125);
  if (net.driver === 'host') return { netMode: { kind: 'host' }, networkMode: 'host' };
  if (net.driver === 'null') return { netMode: { kind: 'own' }, networkMode: 'none' };
  return { netMode: { kind: 'own' }, network: net, networkMode: net.name === 'bridge' ? 'bridge' : net.name };
}

function checkPorts(state: RuntimeState, ports: PortSpec[]): void {
  const seen = new Set<number>();
  for (const p of ports) {
    const holder = state.containers.find((c) => isRunning(c) && c.ports.some((q) => q.hostPort === p.hostPort));
    if (holder || seen.has(p.hostPort)) throw runErr(`driver failed programming external connectivity on endpoint: Bind for 0.0.0.0:${p.hostPort} failed: port is already allocated.`);
    seen.add(p.hostPort);
  }
}

/** Images whose real counterpart serves HTTP on port 80 get the small server there too. */
const servesHttp = (image: string) => /^(nginx|httpd)(:|$)/.test(image);

/** Creates and starts a container; on any failure undoes every step and rethrows.
 * The new record is added to `state` (the caller saves it). */
export async function createContainer(state: RuntimeState, req: CreateRequest, tracer: Tracer): Promise<ContainerRecord> {
  const name = req.name ?? generatedName(new Set(state.containers.map((c) => c.name)));
  checkName(state, name);
  const p = plan(state, req);
  let ports = req.ports;
  if (ports.length && p.netMode.kind === 'host') {
    process.stderr.write('WARNING: Published ports are discarded when using host network mode\n');
    ports = [];
  }
  if (ports.length && !p.network) ports = [];
  if (ports.length && p.network?.driver === 'macvlan') {
    process.stderr.write(`WARNING: Published ports are discarded when using a macvlan network: the container has an address of its own on the LAN (${p.network.subnet})\n`);
    ports = [];
  }
  checkPorts(state, ports);
  if (req.ip !== undefined && !p.network) throw runErr('user specified IP address is supported on user defined networks only');
  if (req.aliases?.length && !(p.network && !p.network.builtin)) throw runErr('network-scoped alias is supported only for containers in user defined networks');
  const ip = p.network ? await addressOn(state, p.network, req.ip) : undefined;

  if (req.hostname !== undefined && p.sharedWith) throw runErr('conflicting options: hostname and the network mode.\nSee \'docker run --help\'.');
  const id = newId();
  // Docker's: container:X takes X's hostname, --net=host the host's, others their short id.
  const hostname = req.hostname ?? p.sharedWith?.hostname ?? (p.netMode.kind === 'host' ? labHostname() : shortId(id));
  const now = new Date().toISOString();
  const rollback = new Rollback();
  try {
    tracer.note(`container ${name}: a process in new ${p.netMode.kind === 'own' ? 'network, uts and mount namespaces' : p.netMode.kind === 'host' ? 'uts and mount namespaces (--net=host: the host\'s network)' : `uts and mount namespaces, in the network namespace of ${p.sharedWith!.name} (pid ${p.sharedWith!.pid})`}, hostname ${hostname}; its /etc/hosts, /etc/hostname and /etc/resolv.conf are ${p.sharedWith ? `${p.sharedWith.name}'s` : 'files of its own'} under ${CONTAINERS_DIR}`);
    const rec: ContainerRecord = {
      id, name, image: req.image, ...(req.entrypoint.length ? { entrypoint: req.entrypoint } : {}), cmd: req.cmd,
      created: now, startedAt: now, pid: 0, running: true, exitCode: 0,
      hostname, networkMode: p.networkMode, endpoints: [], ports: [], helpers: [],
      tty: req.tty, interactive: req.interactive, autoRemove: req.autoRemove,
      ...(p.sharedWith ? { sharedWith: p.sharedWith.id } : {}),
    };
    if (p.network && !p.network.builtin) useInternalDns(rec); // its resolv.conf names 127.0.0.11
    // Written before the holder starts, which mounts them (its address is known already).
    // container:X mounts X's.
    if (!p.sharedWith) {
      rollback.push(`remove ${etcDir(id)}`, () => rmSync(etcDir(id), { recursive: true, force: true }));
      writeEtcFiles(id, etcContents(rec, ip ? [ip] : [], readLabHostFiles()));
    }
    failpoint('spawn');
    const pid = await startHolder({ hostname, net: p.netMode, etc: etcDir(etcOwnerId(rec)) }, tracer);
    rollback.push(`kill ${pid}`, () => killAndWait(pid, tracer));
    rec.pid = pid;
    if (p.network) {
      const ep = await attachFor(p.network)({ network: p.network, pid, ip: ip!, ifname: 'eth0', withDefaultRoute: true }, tracer, rollback);
      if (req.aliases?.length) ep.aliases = req.aliases;
      rec.endpoints.push(ep);
    } else if (p.networkMode === 'none') {
      tracer.note('--net=none: only the loopback interface, brought up');
      await ipBatch(tracer, 'bringing lo up', ['link set lo up'], pid);
    }
    await publish(rec, ports, p.network, tracer, rollback);
    if (servesHttp(req.image) && p.netMode.kind !== 'host' && !ports.some((q) => q.containerPort === 80)) {
      tracer.note(`${req.image} serves HTTP on port 80 inside the container`);
      const server = await startHttpServer(pid, 80, name, tracer);
      rollback.push(`kill ${server}`, () => killAndWait(server, tracer));
      rec.helpers.push(server);
    }
    if (req.backgroundCmd) rec.helpers.push(startBackgroundCmd(rec, tracer));
    failpoint('commit');
    state.containers.push(rec);
    rollback.commit();
    return rec;
  } catch (e) {
    tracer.note('failed: undoing every step so far');
    const problems = await rollback.unwind();
    if (problems.length) throw new DockerError(`${(e as Error).message}\n(rollback left problems: ${problems.join('; ')})`, 125, { cause: e });
    throw e;
  }
}

async function publish(rec: ContainerRecord, ports: PortSpec[], network: NetworkRecord | undefined, tracer: Tracer, rollback: Rollback): Promise<void> {
  if (!ports.length || !network) return;
  const ep = rec.endpoints[0];
  const maps: PortMapping[] = ports.map((p) => ({ ...p, ip: ep.ip, bridge: network.bridge! }));
  tracer.note(`-p: DNAT the host port to ${ep.ip} (chain DOCKER), and masquerade the container reaching itself`);
  const add = maps.flatMap((m) => dnatRules(m, '-A'));
  rollback.push('remove the port rules', () => iptablesRemove(tracer, 'nat', maps.flatMap((m) => dnatRules(m, '-D'))));
  failpoint('ports');
  await iptables(tracer, 'publishing ports', 'nat', add);
  rec.ports = maps;
  for (const m of maps) {
    tracer.note(`a small HTTP server listens on port ${m.containerPort} inside the container`);
    const server = await startHttpServer(rec.pid, m.containerPort, rec.name, tracer);
    rollback.push(`kill ${server}`, () => killAndWait(server, tracer));
    rec.helpers.push(server);
    tracer.note(`docker-proxy listens on host port ${m.hostPort}, for what the DNAT rule does not catch (a container using the host's address)`);
    const proxy = await startDockerProxy(m, tracer);
    rollback.push(`kill ${proxy}`, () => killAndWait(proxy, tracer));
    rec.helpers.push(proxy);
  }
}

function startBackgroundCmd(rec: ContainerRecord, tracer: Tracer): number {
  mkdirSync(RUNTIME_DIR, { recursive: true });
  const log = `${RUNTIME_DIR}/${rec.id}.log`;
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return spawnDetached(
    ['sh', '-c', `exec nsenter ${containerNamespaces(rec.pid).join(' ')} -- "$@" >${q(log)} 2>&1 </dev/null`, 'sh', ...rec.cmd],
    tracer,
    `nsenter -t ${rec.pid} -n -u -m ${rec.cmd.join(' ')}`,
  );
}

/** Undoes what createContainer built: port rules, veth pairs, helpers, the holder.
 * Every step tolerates "already gone" (a learner may have deleted a veth by hand). */
export async function teardown(rec: ContainerRecord, tracer: Tracer): Promise<void> {
  if (rec.ports.length && rec.running) {
    tracer.note(`remove the port rules of ${rec.name}`);
    await iptablesRemove(tracer, 'nat', rec.ports.flatMap((m) => dnatRules(m, '-D')));
  }
  const veths = rec.endpoints.filter((ep) => ep.kind !== 'macvlan');
  if (veths.length) tracer.note(`delete the veth pair${veths.length > 1 ? 's' : ''} of ${rec.name} (its peer in the container goes with it)`);
  const macvlans = rec.endpoints.filter((ep) => ep.kind === 'macvlan');
  if (macvlans.length && rec.running) tracer.note(`delete the macvlan${macvlans.length > 1 ? 's' : ''} of ${rec.name}, in its namespace`);
  for (const ep of [...veths, ...macvlans]) await detachEndpoint(ep, rec.pid, rec.running, tracer);
  tracer.note(`end the container's processes`);
  for (const h of rec.helpers) await killAndWait(h, tracer);
  if (rec.running) await killAndWait(rec.pid, tracer);
}

export async function stopContainer(rec: ContainerRecord, tracer: Tracer, exitCode = 137): Promise<void> {
  if (!rec.running) return;
  await teardown(rec, tracer);
  rec.running = false;
  rec.exitCode = exitCode;
  rec.finishedAt = new Date().toISOString();
  rec.endpoints = []; // Docker releases the addresses of a stopped container
  rec.helpers = [];
}

export async function removeContainer(state: RuntimeState, rec: ContainerRecord, force: boolean, tracer: Tracer): Promise<void> {
  if (isRunning(rec) && !force) {
    throw new DockerError(`Error response from daemon: You cannot remove a running container ${rec.id}. Stop the container before attempting removal or force remove`, 1);
  }
  await teardown(rec, tracer);
  state.containers = state.containers.filter((c) => c.id !== rec.id);
  pruneEtcFiles(state);
}
