// Kernel states for the topology tests: snapshots captured from real labs after each
// lesson's commands (test/fixtures/topology/capture.sh), and small hand-built ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KernelState, Link } from '../../src/kernel/types.js';

export const TOPO_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'topology');

export function captured(name: string): KernelState {
  return JSON.parse(readFileSync(join(TOPO_FIXTURES, `${name}.json`), 'utf8')) as KernelState;
}

/** The state without some containers: their namespaces, links, and the host ends of
 * their veths (as `docker rm -f` would leave it). */
export function withoutContainers(state: KernelState, names: string[]): KernelState {
  const gone = new Set(names.map((n) => `container:${n}`));
  return {
    ...state,
    namespaces: state.namespaces.filter((n) => !gone.has(n.id)),
    links: state.links.filter((l) => !gone.has(l.ns) && !(l.peer && gone.has(l.peer.ns))),
    routes: state.routes.filter((r) => !gone.has(r.ns)),
    containers: state.containers.filter((c) => !names.includes(c.name)),
  };
}

export function link(ns: string, ifindex: number, name: string, extra: Partial<Link> = {}): Link {
  return { ns, ifindex, name, kind: 'veth', mtu: 1500, flags: [], up: true, lowerUp: true, operstate: 'UP', addresses: [], ...extra };
}

export function inet(local: string, prefixlen: number): Link['addresses'][number] {
  return { family: 'inet', local, prefixlen, scope: 'global' };
}

/** Joins two links as the ends of one veth pair. */
export function pair(a: Link, b: Link): [Link, Link] {
  return [
    { ...a, peerIfindex: b.ifindex, peer: { ns: b.ns, ifindex: b.ifindex, name: b.name } },
    { ...b, peerIfindex: a.ifindex, peer: { ns: a.ns, ifindex: a.ifindex, name: a.name } },
  ];
}

export function emptyState(): KernelState {
  return { namespaces: [], links: [], routes: [], nat: [], iptablesSave: {}, sysctls: {}, fdb: [], containers: [] };
}

export function netns(id: string, kind: KernelState['namespaces'][number]['kind'], names = [id]): KernelState['namespaces'][number] {
  return { id, kind, names, path: `/run/netns/${id}`, inode: 1 };
}

// eslint-disable-next-line no-control-regex
export const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
