// Lookups in the live lab state that let explanations name things: which namespace or
// container an ifindex lives in, what a peer is called there. Pure reads of KernelState.
import type { KernelState, Link, Netns, Route } from '../kernel/types.js';
import { explainIpText } from '../i18n/explain-ip-text.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { findLink as findLinkIn, linksIn, nsByName, peerOf, routesIn } from '../kernel/query.js';

export { linksIn, peerOf, routesIn };

export function nsOf(state: KernelState, id: string): Netns | undefined {
  return nsByName(state, id);
}

/** "container bbox1", "namespace net1", "the host namespace". */
export function nsLabel(state: KernelState | undefined, id: string, lang: Lang = currentLang()): string {
  const t = explainIpText(lang);
  const ns = state ? nsOf(state, id) : undefined;
  const container = state?.containers.find((c) => c.ns === id);
  if (container && id !== 'host') return t.nsContainer(container.name);
  if (!ns) return id === 'host' ? t.nsHost : t.nsNamed(id.replace(/^container:/, ''));
  switch (ns.kind) {
    case 'host':
      return t.nsHost;
    case 'outside':
      return t.nsOutside;
    case 'container':
      return t.nsContainer(ns.names[0] ?? id.replace(/^container:/, ''));
    case 'docker-host':
      return t.nsDockerHost(ns.names[0]);
    default:
      return t.nsNamed(ns.names[0] ?? id);
  }
}

/** How to run a command in that namespace, for advice: `ip netns exec net1 …`. */
export function runThere(state: KernelState | undefined, id: string, lang: Lang = currentLang()): string | undefined {
  const ns = state ? nsOf(state, id) : undefined;
  if (!ns) return undefined;
  if (ns.kind === 'named') return `ip netns exec ${ns.names[0]} …`;
  if (ns.kind === 'container') return `docker exec ${ns.names[0]} …`;
  if (ns.kind === 'host') return explainIpText(lang).runOnHost;
  if (ns.kind === 'docker-host') return explainIpText(lang).runOnDockerHost(ns.names[0]);
  return undefined;
}

export function findLink(state: KernelState | undefined, ns: string, name: string): Link | undefined {
  return state ? findLinkIn(state, ns, name) : undefined;
}

export function defaultRoute(state: KernelState, ns: string): Route | undefined {
  return routesIn(state, ns).find((r) => r.dst === 'default' || r.dst === '0.0.0.0/0');
}
