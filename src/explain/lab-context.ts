// Lookups in the live lab state that let explanations name things: which namespace or
// container an ifindex lives in, what a peer is called there. Pure reads of KernelState.
import type { KernelState, Link, Netns, Route } from '../kernel/types.js';
import { findLink as findLinkIn, linksIn, nsByName, peerOf, routesIn } from '../kernel/query.js';

export { linksIn, peerOf, routesIn };

export function nsOf(state: KernelState, id: string): Netns | undefined {
  return nsByName(state, id);
}

/** "container bbox1", "namespace net1", "the host namespace". */
export function nsLabel(state: KernelState | undefined, id: string): string {
  const ns = state ? nsOf(state, id) : undefined;
  const container = state?.containers.find((c) => c.ns === id);
  if (container && id !== 'host') return `container ${container.name}`;
  if (!ns) return id === 'host' ? 'the host namespace' : `namespace ${id.replace(/^container:/, '')}`;
  switch (ns.kind) {
    case 'host':
      return 'the host namespace';
    case 'outside':
      return 'the "outside" namespace (router and public host)';
    case 'container':
      return `container ${ns.names[0] ?? id.replace(/^container:/, '')}`;
    case 'docker-host':
      return `the Docker host ${ns.names[0]}`;
    default:
      return `namespace ${ns.names[0] ?? id}`;
  }
}

/** How to run a command in that namespace, for advice: `ip netns exec net1 …`. */
export function runThere(state: KernelState | undefined, id: string): string | undefined {
  const ns = state ? nsOf(state, id) : undefined;
  if (!ns) return undefined;
  if (ns.kind === 'named') return `ip netns exec ${ns.names[0]} …`;
  if (ns.kind === 'container') return `docker exec ${ns.names[0]} …`;
  if (ns.kind === 'host') return 'on the host (leave the container or namespace first)';
  if (ns.kind === 'docker-host') return `on ${ns.names[0]} (.enter ${ns.names[0]})`;
  return undefined;
}

export function findLink(state: KernelState | undefined, ns: string, name: string): Link | undefined {
  return state ? findLinkIn(state, ns, name) : undefined;
}

export function defaultRoute(state: KernelState, ns: string): Route | undefined {
  return routesIn(state, ns).find((r) => r.dst === 'default' || r.dst === '0.0.0.0/0');
}
