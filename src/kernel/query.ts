// Small lookups over a KernelState that checks, explainers and the topology drawing share.
import type { KernelState, Link, NatRule, Netns, Route } from './types.js';
import { inIpv4Net } from '../net/ipv4.js';

/** The namespace a learner means by `name`: its id ('host', 'container:c1', 'net1'), any
 * of its names ('c1', a short container id, a /run/netns name), or the name of a container
 * that shares it (--net=container:X). */
export function nsByName(state: KernelState, name: string): Netns | undefined {
  const byName = state.namespaces.find((n) => n.id === name) ?? state.namespaces.find((n) => n.names.includes(name));
  if (byName) return byName;
  const container = state.containers.find((c) => c.name === name);
  return container ? state.namespaces.find((n) => n.id === container.ns) : undefined;
}

/** The names `ip netns` lists for live namespaces: every /run/netns entry that leads to one,
 * a container's exposed with `ln -s /proc/PID/ns/net /run/netns/X` included. */
export function listedNetnsNames(state: KernelState): string[] {
  return state.namespaces.flatMap((n) => n.listed ?? (n.kind === 'named' ? n.names : []));
}

/** Resolves a namespace name to its id; unknown names are returned unchanged, so a
 * lookup by them finds nothing rather than something else. */
function nsId(state: KernelState, ns: string): string {
  return nsByName(state, ns)?.id ?? ns;
}

export function linksIn(state: KernelState, ns: string): Link[] {
  const id = nsId(state, ns);
  return state.links.filter((l) => l.ns === id);
}

export function findLink(state: KernelState, ns: string, name: string): Link | undefined {
  return linksIn(state, ns).find((l) => l.name === name);
}

/** Routes of a namespace; table 'main' unless asked otherwise ('all' for every table). */
export function routesIn(state: KernelState, ns: string, table = 'main'): Route[] {
  const id = nsId(state, ns);
  return state.routes.filter((r) => r.ns === id && (table === 'all' || r.table === table));
}

export function natRulesIn(state: KernelState, ns: string): NatRule[] {
  const id = nsId(state, ns);
  return state.nat.filter((r) => r.ns === id);
}

/** The links enslaved to a bridge, in ifindex order. */
export function bridgePorts(state: KernelState, ns: string, bridge: string): Link[] {
  return linksIn(state, ns).filter((l) => l.master === bridge);
}

/** The link at the other end of a veth: the snapshot's resolved peer, else the one link
 * elsewhere whose ifindexes pair with this one (for hand-built states). */
export function peerOf(state: KernelState, link: Link): Link | undefined {
  const p = link.peer;
  if (p) return state.links.find((l) => l.ns === p.ns && l.ifindex === p.ifindex);
  if (link.peerIfindex === undefined) return undefined;
  const candidates = state.links.filter((l) => l.ns !== link.ns && l.ifindex === link.peerIfindex && l.peerIfindex === link.ifindex);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The link a stacked link (a macvlan, a VLAN) sits on: in its own namespace, or, once
 * it was moved away from it, in the namespace its link-netnsid names. */
export function lowerLinkOf(state: KernelState, link: Link): Link | undefined {
  if (link.peerIfindex === undefined) return undefined;
  const ns = link.linkNetnsid === undefined ? link.ns : nsByNetnsid(state, link.ns, link.linkNetnsid)?.id;
  return ns === undefined ? undefined : state.links.find((l) => l.ns === ns && l.ifindex === link.peerIfindex);
}

export function sysctl(state: KernelState, ns: string, name: string): string | undefined {
  return state.sysctls[nsId(state, ns)]?.[name];
}

/** The namespace that `link-netnsid N` means when printed inside namespace `ns`. */
export function nsByNetnsid(state: KernelState, ns: string, nsid: number): Netns | undefined {
  const target = state.nsids?.[nsId(state, ns)]?.[nsid];
  return target === undefined ? undefined : state.namespaces.find((n) => n.id === target);
}

/** The route the kernel would pick for an IPv4 destination: longest prefix, then metric. */
export function lookupRoute(routes: Route[], dest: string): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of routes) {
    if (r.type && r.type !== 'unicast') continue;
    const cidr = r.dst === 'default' ? '0.0.0.0/0' : r.dst.includes('/') ? r.dst : `${r.dst}/32`;
    if (cidr.includes(':') || !inIpv4Net(dest, cidr)) continue;
    const len = Number(cidr.split('/')[1]);
    if (len > bestLen || (len === bestLen && (r.metric ?? 0) < (best?.metric ?? 0))) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}
