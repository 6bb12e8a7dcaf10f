// The runtime's state on disk, under the lab's private /run (it dies with the lab).
// Writers hold the lock (lock.ts) and replace the file with rename(2), so readers such as
// listContainers() never see half a file and need no lock.
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContainerInfo, DockerNetworkInfo } from '../kernel/types.js';
import { noSuchContainer } from './docker-error.js';
import { newId } from './ids.js';
import { currentLab } from '../sandbox/lab-access.js';
import { readLabFile } from '../sandbox/lab-files.js';
import type { ContainerRecord, RuntimeState } from './state.js';
import { currentHost, HOST1, labHosts, type DockerHost } from './docker-hosts.js';
import { withSwarmNetworks } from './swarm.js';

/** This host's state (host2 of a two-hosts lab has its own; NSLAB_DOCKER_DIR for tests). */
export const RUNTIME_DIR = process.env.NSLAB_DOCKER_DIR ?? (currentHost() ?? HOST1).runtimeDir;
export const STATE_FILE = `${RUNTIME_DIR}/state.json`;
export const LOCK_FILE = `${RUNTIME_DIR}/lock`;
/** One small file per running container name, id and short id: "PID HOSTNAME". lab-bin/docker
 * reads it to run `docker exec NAME CMD` with nsenter straight away, without starting Node
 * (the commonest docker command in the lessons, and Node's start-up is most of its cost). */
export const EXEC_INDEX_DIR = `${RUNTIME_DIR}/exec`;

/** The default bridge, as the docker-host preset built it ("daemon start"). */
export const DEFAULT_BRIDGE = { name: 'docker0', subnet: '172.17.0.0/16', gateway: '172.17.0.1' } as const;

function initialState(): RuntimeState {
  const created = new Date().toISOString();
  return {
    version: 1,
    networks: [
      { id: newId(), name: 'bridge', driver: 'bridge', bridge: DEFAULT_BRIDGE.name, subnet: DEFAULT_BRIDGE.subnet, gateway: DEFAULT_BRIDGE.gateway, created, builtin: true },
      { id: newId(), name: 'host', driver: 'host', created, builtin: true },
      { id: newId(), name: 'none', driver: 'null', created, builtin: true },
    ],
    containers: [],
  };
}

/** `file` of the current lab. Only the lab itself creates it: from outside (the workshop
 * server reading a learner's lab), a file made there would belong to no one in the lab. */
function readState(file: string): RuntimeState {
  return stateIn(file) ?? (currentLab().root === '' ? createState(file) : initialState());
}

/** The state `file` holds; undefined before there is one (one walk of the lab's tree). */
function stateIn(file: string): RuntimeState | undefined {
  try {
    const text = readLabFile(file);
    return text === undefined ? undefined : JSON.parse(text) as RuntimeState;
  } catch (e) {
    throw new Error(`cannot read ${file}`, { cause: e });
  }
}

/** The lab's first state, kept at once: Docker's networks get their ids once, as a daemon
 * gives them at its start, not anew at every `docker network ls` until a container runs.
 * Made without the writers' lock, so by link(2), which fails where another reader got
 * there first: then theirs is the state. Where it cannot be written, this reader's ids. */
function createState(file: string): RuntimeState {
  const state = initialState();
  const tmp = `${file}.${process.pid}.new`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(state, null, 1));
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as RuntimeState;
  } finally {
    rmSync(tmp, { force: true });
  }
  return state;
}

/** Reads the state; the first reader of a lab creates it (Docker's networks get their ids).
 * The swarm's networks (overlay, kept by swarm.ts for every host) are listed with the
 * host's own. */
export function loadState(): RuntimeState {
  return withSwarmNetworks(readState(STATE_FILE));
}

export function saveState(state: RuntimeState): void {
  mkdirSync(RUNTIME_DIR, { recursive: true });
  const tmp = `${STATE_FILE}.${process.pid}.tmp`;
  // The swarm's networks are the swarm store's to keep, not one host's.
  writeFileSync(tmp, JSON.stringify({ ...state, networks: state.networks.filter((n) => n.driver !== 'overlay') }, null, 1));
  renameSync(tmp, STATE_FILE);
  writeExecIndex(state);
}

/** Rewrites EXEC_INDEX_DIR from the state (under the writer's lock, like the state). */
function writeExecIndex(state: RuntimeState): void {
  mkdirSync(EXEC_INDEX_DIR, { recursive: true });
  const want = new Map<string, string>();
  for (const c of state.containers) {
    if (!c.running) continue;
    for (const key of [c.name, c.id, c.id.slice(0, 12)]) want.set(key, `${c.pid} ${c.hostname}\n`);
  }
  for (const old of readdirSync(EXEC_INDEX_DIR)) if (!want.has(old)) rmSync(`${EXEC_INDEX_DIR}/${old}`, { force: true });
  for (const [key, line] of want) {
    const tmp = `${EXEC_INDEX_DIR}/.${key}.${process.pid}`;
    writeFileSync(tmp, line);
    renameSync(tmp, `${EXEC_INDEX_DIR}/${key}`);
  }
}

/** Running as recorded, and its holder process still there (a learner may kill it). */
export function isRunning(c: ContainerRecord): boolean {
  return c.running && currentLab().pidAlive(c.pid);
}

/** Docker's lookup: exact id, exact name (with or without '/'), then a unique id prefix. */
export function findContainer(state: RuntimeState, ref: string): ContainerRecord | undefined {
  const name = ref.replace(/^\//, '');
  const exact = state.containers.find((c) => c.id === ref || c.name === name);
  if (exact) return exact;
  if (!/^[0-9a-f]+$/.test(ref)) return undefined;
  const byPrefix = state.containers.filter((c) => c.id.startsWith(ref));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

export function getContainer(state: RuntimeState, ref: string): ContainerRecord {
  const c = findContainer(state, ref);
  if (!c) throw noSuchContainer(ref);
  return c;
}

/** Another Docker host than host1 names its containers' namespaces `container:HOST/NAME`
 * (names are unique per host only) and its --net=host containers by the host. */
function netnsId(state: RuntimeState, c: ContainerRecord, host: DockerHost): string {
  const on = host === HOST1 ? '' : `${host.name}/`;
  if (c.networkMode === 'host') return host === HOST1 ? 'host' : host.name;
  if (c.sharedWith) {
    const owner = state.containers.find((o) => o.id === c.sharedWith);
    return `container:${on}${owner?.name ?? c.sharedWith}`;
  }
  return `container:${on}${c.name}`;
}

function containersOf(host: DockerHost, file: string): ContainerInfo[] {
  const state = stateIn(file);
  if (!state) return [];
  return state.containers.map((c) => {
    const owner = c.sharedWith ? state.containers.find((o) => o.id === c.sharedWith) : undefined;
    // Docker records container:<id>; the snapshot's readers want the name a learner uses.
    const networkMode = owner ? `container:${owner.name}` : c.networkMode;
    const info: ContainerInfo = { id: c.id, name: c.name, pid: c.pid, running: isRunning(c), networkMode, ns: netnsId(state, c, host) };
    if (host !== HOST1) info.host = host.name;
    const ip = c.endpoints[0]?.ip ?? (c.sharedWith ? state.containers.find((o) => o.id === c.sharedWith)?.endpoints[0]?.ip : undefined);
    if (ip) info.ip = ip;
    return info;
  });
}

/** Every container of this lab, on every Docker host, for the kernel snapshot: synchronous,
 * one small file read per host and one kill(pid, 0) per container. Empty outside a lab or
 * before the first `docker`. */
export function listContainers(): ContainerInfo[] {
  if (process.env.NSLAB_DOCKER_DIR && currentLab().root === '') return containersOf(HOST1, STATE_FILE);
  return labHosts().flatMap((h) => containersOf(h, `${h.runtimeDir}/state.json`));
}

/** The lab's docker networks, for the kernel snapshot (lesson checks name a network; its
 * bridge is the link they look at). Empty before the first docker command. */
export function listNetworks(): DockerNetworkInfo[] {
  // From outside the lab, its own host's (host1's) state.
  const file = currentLab().root === '' ? STATE_FILE : `${HOST1.runtimeDir}/state.json`;
  const state = stateIn(file);
  if (!state) return [];
  return withSwarmNetworks(state).networks.map((n) => ({ name: n.name, id: n.id, driver: n.driver, ...(n.bridge ? { bridge: n.bridge } : {}), ...(n.subnet ? { subnet: n.subnet } : {}), ...(n.gateway ? { gateway: n.gateway } : {}) }));
}

/** The pid holding a running container's namespaces, by name, id or id prefix;
 * undefined when there is no such container or it is not running. */
export function containerPid(nameOrId: string): number | undefined {
  if (!existsSync(STATE_FILE)) return undefined;
  const c = findContainer(loadState(), nameOrId);
  return c && isRunning(c) ? c.pid : undefined;
}
