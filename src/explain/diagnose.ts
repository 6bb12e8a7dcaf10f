// Why a packet from one namespace of the lab would not get an answer, read from the live
// state: no route, an interface or veth peer down, nobody owning the address, no route
// back, forwarding or NAT missing. Used for ping's 100% loss and for error messages.
import type { KernelState, Link } from '../kernel/types.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText, type ExplainNetText } from '../i18n/explain-net-text.js';
import { defaultRoute, linksIn, nsLabel, peerOf, routesIn } from './lab-context.js';
import { lookupRoute, lowerLinkOf } from '../kernel/query.js';

export { lookupRoute };
import { inIpv4Net, parseIpv4 } from './net.js';

function owner(state: KernelState, ip: string): Link | undefined {
  return state.links.find((l) => l.addresses.some((a) => a.family === 'inet' && a.local === ip));
}

function linkDown(state: KernelState, link: Link, t: ExplainNetText): string | undefined {
  const where = nsLabel(state, link.ns, t.lang);
  if (!link.up) return t.linkDown(link.name, where);
  if (link.kind === 'veth') {
    const peer = peerOf(state, link);
    if (peer && !peer.up) return t.vethPeerDown(link.name, peer.name, nsLabel(state, peer.ns, t.lang));
  }
  if (!link.lowerUp && link.kind === 'bridge') {
    const ports = state.links.filter((l) => l.ns === link.ns && l.master === link.name);
    if (ports.length === 0) return t.bridgeNoPorts(link.name, where);
    const why = ports.map((p) => linkDown(state, p, t)).filter(Boolean);
    return t.bridgeNoCarrier(link.name, ports.map((p) => p.name).join(', '), why[0]);
  }
  if (!link.lowerUp) return t.noCarrier(link.name, where);
  return undefined;
}

const sameLink = (a: Link | undefined, b: Link): boolean => a !== undefined && a.ns === b.ns && a.ifindex === b.ifindex;

/** The macvlan trait: a macvlan and the parent it sits on never hear each other, whatever
 * the routes say (frames between them go to the wire or to sibling macvlans only). */
function macvlanBlindSpot(state: KernelState, out: Link, target: Link, dest: string, t: ExplainNetText): string | undefined {
  if (target.kind === 'macvlan' && sameLink(lowerLinkOf(state, target), out)) {
    return t.macvlanToChild(dest, target.name, nsLabel(state, target.ns, t.lang), out.name);
  }
  if (out.kind === 'macvlan' && sameLink(lowerLinkOf(state, out), target)) {
    return t.macvlanToParent(dest, target.name, nsLabel(state, target.ns, t.lang), out.name);
  }
  return undefined;
}

/** Reasons, most likely first, why `dest` gets no answer from namespace `ns`. */
export function diagnoseNoAnswer(state: KernelState, ns: string, dest: string, lang: Lang = currentLang()): string[] {
  if (parseIpv4(dest) === undefined) return [];
  const t = explainNetText(lang);
  const place = (id: string) => nsLabel(state, id, t.lang);
  const here = place(ns);
  const routes = routesIn(state, ns);
  // An address on a DOWN interface installs no route for its subnet: the kernel then sends
  // the packet wherever else a route leads (often the default route), which is rarely meant.
  const sleeping = linksIn(state, ns).find((l) => !l.up && l.addresses.some((a) => a.family === 'inet' && inIpv4Net(dest, `${a.local}/${a.prefixlen}`)));
  if (sleeping) {
    const a = sleeping.addresses.find((x) => x.family === 'inet' && inIpv4Net(dest, `${x.local}/${x.prefixlen}`))!;
    return [t.addressOnDownLink(sleeping.name, `${a.local}/${a.prefixlen}`, dest)];
  }
  const route = lookupRoute(routes, dest);
  if (!route) {
    return [defaultRoute(state, ns) ? t.noMatchingRoute(here, dest) : t.noRouteNoDefault(here, dest)];
  }
  const reasons: string[] = [];
  const out = route.dev ? linksIn(state, ns).find((l) => l.name === route.dev) : undefined;
  if (out) {
    const down = linkDown(state, out, t);
    if (down) reasons.push(down);
    if (out.master) {
      const bridge = linksIn(state, ns).find((l) => l.name === out.master);
      if (bridge && !bridge.up) reasons.push(t.bridgeDown(bridge.name));
    }
  }
  const next = route.gateway ?? dest;
  const target = owner(state, next);
  if (!target) {
    reasons.push(route.gateway ? t.nobodyHasGateway(route.gateway) : t.nobodyHas(dest));
  } else {
    const blind = out ? macvlanBlindSpot(state, out, target, next, t) : undefined;
    if (blind) reasons.unshift(blind);
    const down = linkDown(state, target, t);
    if (down && target !== out) reasons.push(down);
    const src = route.prefsrc ?? out?.addresses.find((a) => a.family === 'inet')?.local;
    // A DOWN target has no routes of its own yet: that, not a missing route, is the cause.
    if (!route.gateway && src && target.ns !== ns && target.up && !lookupRoute(routesIn(state, target.ns), src)) {
      reasons.push(t.noRouteBack(place(target.ns), src));
    }
    if (route.gateway) {
      const fwd = state.sysctls[target.ns]?.['net.ipv4.ip_forward'];
      const destOwner = owner(state, dest);
      if (destOwner?.ns !== target.ns && fwd === '0') reasons.push(t.noForwarding(place(target.ns), route.gateway));
      if (src && destOwner && destOwner.ns !== target.ns && !lookupRoute(routesIn(state, destOwner.ns), src)) {
        const masq = state.nat.some((r) => r.ns === target.ns && r.target === 'MASQUERADE' && (!r.source || inIpv4Net(src, r.source.includes('/') ? r.source : `${r.source}/32`)));
        if (!masq) reasons.push(t.noRouteBackNoMasquerade(place(destOwner.ns), src, place(target.ns)));
      }
    }
  }
  return reasons;
}
