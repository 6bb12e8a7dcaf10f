// takeSnapshot(): the whole lab as one KernelState, read by one batched script (reader.ts:
// a long-lived reader serves it; run once when no reader can), parsed here. Runs inside a
// lab only.
import { run } from '../sandbox/exec.js';
import { assertInsideLab } from '../sandbox/lab.js';
import { parseBridgeFdb } from './parse-fdb.js';
import { parseNatRules } from './parse-iptables.js';
import { parseIpAddr } from './parse-links.js';
import { parseNetnsIds } from './parse-netns-ids.js';
import { parseIpRoute } from './parse-routes.js';
import { parseSysctls } from './parse-sysctls.js';
import { candidates, containerCandidateId, discoverNamespaces, realNamespaceFs, rootedNamespaceFs, type NamespaceFs } from './namespaces.js';
import { currentLab } from '../sandbox/lab-access.js';
import { resolveVethPeers, type NsidMaps } from './peers.js';
import { splitReadOutput, type NamespaceOutput } from './read-script.js';
import { READ_TIMEOUT_MS, readNamespaces, snapshotScript } from './reader.js';
import type { ContainerInfo, DockerNetworkInfo, KernelState, Netns } from './types.js';

export interface SnapshotDeps {
  /** The runtime's containers (src/runtime supplies it); none by default. */
  listContainers?: () => ContainerInfo[] | Promise<ContainerInfo[]>;
  /** The runtime's networks (src/runtime supplies it); none by default. */
  listNetworks?: () => DockerNetworkInfo[];
  fs?: NamespaceFs;
  /** Runs the read script's argv (tests replace it); by default sandbox/exec's run(). */
  runScript?: (argv: string[]) => Promise<{ exitCode: number; stdout: string; stderr: string }>;
}

export class SnapshotError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnapshotError';
  }
}

/** A path to this process's network namespace that other processes can use (unlike
 * /proc/self) and that lives as long as the lab: that of the lab's pid 1, which shares it.
 * (From outside the lab, the lab's host is its pid 1's namespace.) */
function hostPath(fs: NamespaceFs, outside: boolean): string {
  if (outside) return '/proc/1/ns/net';
  const self = fs.stat('/proc/self/ns/net');
  const init = fs.stat('/proc/1/ns/net');
  return self && init && self.ino === init.ino ? '/proc/1/ns/net' : `/proc/${process.pid}/ns/net`;
}

/** Builds the state from the namespaces read and the script's output: pure. */
export function assembleState(namespaces: Netns[], outputs: Map<number, NamespaceOutput>, containers: ContainerInfo[], resolved: Map<string, string>): KernelState {
  const state: KernelState = { namespaces: [], links: [], routes: [], nat: [], iptablesSave: {}, sysctls: {}, fdb: [], containers: [], nsids: {} };
  const fdToNs = new Map<string, string>();
  namespaces.forEach((ns, k) => {
    const out = outputs.get(k);
    if (out) fdToNs.set(out.fdName, ns.id);
  });
  const nsidMaps: NsidMaps = new Map();
  namespaces.forEach((ns, k) => {
    const out = outputs.get(k);
    if (!out) return; // vanished while we read it
    state.namespaces.push(ns);
    state.links.push(...parseIpAddr(out.addrJson, ns.id));
    state.routes.push(...parseIpRoute(out.routeJson, ns.id));
    state.fdb.push(...parseBridgeFdb(out.fdbJson, ns.id));
    state.iptablesSave[ns.id] = out.iptablesSave;
    state.nat.push(...parseNatRules(out.iptablesSave, ns.id));
    state.sysctls[ns.id] = parseSysctls(out.sysctls);
    const ids = new Map<number, string>();
    for (const [nsid, name] of parseNetnsIds(out.netnsIdsJson)) {
      const target = fdToNs.get(name);
      if (target) ids.set(nsid, target);
    }
    nsidMaps.set(ns.id, ids);
    state.nsids![ns.id] = Object.fromEntries(ids);
  });
  state.links = resolveVethPeers(state.links, nsidMaps);
  const present = new Set(state.namespaces.map((n) => n.id));
  state.containers = containers.map((c) => {
    const ns = resolved.get(containerCandidateId(c));
    return ns && present.has(ns) ? { ...c, ns } : { ...c };
  });
  return state;
}

/** Reads the lab's whole network state. Throws unless run inside a lab. */
export async function takeSnapshot(deps: SnapshotDeps = {}): Promise<KernelState> {
  const lab = currentLab();
  const outside = lab.root !== '';
  // From inside, the guard; from outside, the lab was reached through its pid 1.
  if (!outside) assertInsideLab();
  const fs = deps.fs ?? (outside ? rootedNamespaceFs(lab.root) : realNamespaceFs);
  const containers = deps.listContainers ? await deps.listContainers() : [];
  const { namespaces, resolved } = discoverNamespaces(fs, candidates(fs, containers, hostPath(fs, outside)));
  // The host is read through /proc/self: the script is a child, in the same namespace.
  const paths = namespaces.map((n) => (n.kind === 'host' ? '/proc/self/ns/net' : n.path));
  const argv = ['unshare', '--mount', '--propagation', 'private', 'bash', '-c', snapshotScript(), 'nslab-snapshot', ...paths];
  // By default the long-lived reader (reader.ts) answers, and the one-shot script is the
  // fallback when it cannot. A workshop lab has no reader: its agent runs the one-shot
  // script for each read (run() goes through it), rather than a bash and nsenter waiting in
  // each of a class's labs (5.6 MB a learner). Tests pass their own runScript.
  const once = (a: string[]) => run(a, { timeoutMs: READ_TIMEOUT_MS });
  const runScript = deps.runScript ?? (lab.start ? once : (a: string[]) => readNamespaces(paths).catch(() => once(a)));
  let result;
  try {
    result = await runScript(argv);
  } catch (e) {
    throw new SnapshotError('could not read the lab\'s network state: bash or unshare did not start', { cause: e });
  }
  if (result.exitCode !== 0) {
    throw new SnapshotError(`could not read the lab's network state (${'signal' in result && result.signal ? `ended by ${result.signal}; it may take ${READ_TIMEOUT_MS / 1000} s at most` : `exit ${result.exitCode}`}): ${result.stderr.trim() || 'no message'}. \`nslab doctor\` checks the tools it needs (util-linux, iproute2, iptables).`);
  }
  const state = assembleState(namespaces, splitReadOutput(result.stdout), containers, resolved);
  if (deps.listNetworks) state.dockerNetworks = deps.listNetworks();
  return state;
}
