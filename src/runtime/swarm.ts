// The swarm's key-value store, played by the runtime. In Docker, overlay networks are
// swarm-scoped: the managers keep them in their store, and each node's daemon learns where
// every container of a network runs (its MAC, its address, the node's address) by gossip.
// A lab has no swarm; its Docker hosts share one file instead, which every host's `docker`
// reads: the overlay networks, listed by each host as its own, and their endpoints, which
// become VXLAN forwarding entries on the other hosts (overlay-driver.ts).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { NetworkRecord, RuntimeState } from './state.js';
import { readLabFile } from '../sandbox/lab-files.js';

export const SWARM_DIR = '/run/nslab/swarm';
export const SWARM_FILE = `${SWARM_DIR}/store.json`;
/** Taken after a host's own lock (docker-cli.ts mutate), never before: one order for all. */
export const SWARM_LOCK = `${SWARM_DIR}/lock`;

/** A container on an overlay network, as the other hosts must know it. */
export interface SwarmEndpoint {
  networkId: string;
  endpointId: string;
  host: string; // 'host1' | 'host2'
  hostIp: string; // the VXLAN endpoint (VTEP) that reaches it
  mac: string;
  ip: string;
}

export interface SwarmStore {
  networks: NetworkRecord[];
  endpoints: SwarmEndpoint[];
}

export function loadSwarm(): SwarmStore {
  return swarmIn() ?? { networks: [], endpoints: [] };
}

/** The swarm's store; undefined before its first overlay network (one walk of the lab's tree). */
function swarmIn(): SwarmStore | undefined {
  try {
    const text = readLabFile(SWARM_FILE);
    return text === undefined ? undefined : JSON.parse(text) as SwarmStore;
  } catch (e) {
    throw new Error(`cannot read ${SWARM_FILE}`, { cause: e });
  }
}

/** Written under SWARM_LOCK, replaced with rename(2) as the hosts' states are. */
export function saveSwarm(store: SwarmStore): void {
  mkdirSync(SWARM_DIR, { recursive: true });
  const tmp = `${SWARM_FILE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(store, null, 1));
  renameSync(tmp, SWARM_FILE);
}

/** A host's state with the swarm's networks listed after its own (none before the first
 * overlay network, so a single-host lab's state is read as it always was). */
export function withSwarmNetworks(state: RuntimeState): RuntimeState {
  const swarm = swarmIn();
  if (!swarm) return state;
  const own = state.networks.filter((n) => n.driver !== 'overlay');
  return { ...state, networks: [...own, ...swarm.networks] };
}
