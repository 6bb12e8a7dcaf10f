// Why a packet from one namespace of the lab would not get an answer, read from the live
// state: no route, an interface or veth peer down, nobody owning the address, no route
// back, forwarding or NAT missing. Used for ping's 100% loss and for error messages.
import type { KernelState, Link } from '../kernel/types.js';
import { defaultRoute, linksIn, nsLabel, peerOf, routesIn } from './lab-context.js';
import { lookupRoute, lowerLinkOf } from '../kernel/query.js';

export { lookupRoute };
import { inIpv4Net, parseIpv4 } from './net.js';

function owner(state: KernelState, ip: string): Link | undefined {
  return state.links.find((l) => l.addresses.some((a) => a.family === 'inet' && a.local === ip));
}

function linkDown(state: KernelState, link: Link): string | undefined {
  const where = nsLabel(state, link.ns);
  if (!link.up) return `${link.name} in ${where} is DOWN: \`ip link set ${link.name} up\`.`;
  if (link.kind === 'veth') {
    const peer = peerOf(state, link);
    if (peer && !peer.up) return `The veth peer of ${link.name} is ${peer.name} in ${nsLabel(state, peer.ns)}, and it is DOWN: bring it up there.`;
  }
  if (!link.lowerUp && link.kind === 'bridge') {
    const ports = state.links.filter((l) => l.ns === link.ns && l.master === link.name);
    if (ports.length === 0) return `The bridge ${link.name} in ${where} has no port attached, so it has no carrier.`;
    const why = ports.map((p) => linkDown(state, p)).filter(Boolean);
    return `The bridge ${link.name} has no carrier because none of its ports (${ports.map((p) => p.name).join(', ')}) has one${why.length ? `: ${why[0]}` : ''}`;
  }
  if (!link.lowerUp) return `${link.name} in ${where} has no carrier (NO-CARRIER): nothing is up at its other end.`;
  return undefined;
}

const sameLink = (a: Link | undefined, b: Link): boolean => a !== undefined && a.ns === b.ns && a.ifindex === b.ifindex;

/** The macvlan trait: a macvlan and the parent it sits on never hear each other, whatever
 * the routes say (frames between them go to the wire or to sibling macvlans only). */
function macvlanBlindSpot(state: KernelState, out: Link, target: Link, dest: string): string | undefined {
  if (target.kind === 'macvlan' && sameLink(lowerLinkOf(state, target), out)) {
    return `${dest} is ${target.name} of ${nsLabel(state, target.ns)}, a macvlan on ${out.name}: the very interface this packet leaves by. A macvlan and its own parent never hear each other; reach it through a macvlan of your own on ${out.name} (an address of its LAN as a /32, and a /32 route to ${dest} through it).`;
  }
  if (out.kind === 'macvlan' && sameLink(lowerLinkOf(state, out), target)) {
    return `${dest} is on ${target.name} of ${nsLabel(state, target.ns)}, the parent of ${out.name}, the macvlan this packet leaves by: a macvlan and its own parent never hear each other. That host answers only through a macvlan of its own on ${target.name}.`;
  }
  return undefined;
}

/** Reasons, most likely first, why `dest` gets no answer from namespace `ns`. */
export function diagnoseNoAnswer(state: KernelState, ns: string, dest: string): string[] {
  if (parseIpv4(dest) === undefined) return [];
  const here = nsLabel(state, ns);
  const routes = routesIn(state, ns);
  // An address on a DOWN interface installs no route for its subnet: the kernel then sends
  // the packet wherever else a route leads (often the default route), which is rarely meant.
  const sleeping = linksIn(state, ns).find((l) => !l.up && l.addresses.some((a) => a.family === 'inet' && inIpv4Net(dest, `${a.local}/${a.prefixlen}`)));
  if (sleeping) {
    const a = sleeping.addresses.find((x) => x.family === 'inet' && inIpv4Net(dest, `${x.local}/${x.prefixlen}`))!;
    return [`${sleeping.name} has ${a.local}/${a.prefixlen}, on ${dest}'s network, but ${sleeping.name} is DOWN, so the kernel has no route for that network yet and sent the packet elsewhere: \`ip link set ${sleeping.name} up\`.`];
  }
  const route = lookupRoute(routes, dest);
  if (!route) {
    return [defaultRoute(state, ns)
      ? `No route in ${here} matches ${dest}.`
      : `${here[0].toUpperCase()}${here.slice(1)} has no route to ${dest} and no default route: add one, e.g. \`ip route add default via GATEWAY\`.`];
  }
  const reasons: string[] = [];
  const out = route.dev ? linksIn(state, ns).find((l) => l.name === route.dev) : undefined;
  if (out) {
    const down = linkDown(state, out);
    if (down) reasons.push(down);
    if (out.master) {
      const bridge = linksIn(state, ns).find((l) => l.name === out.master);
      if (bridge && !bridge.up) reasons.push(`The bridge ${bridge.name} is DOWN.`);
    }
  }
  const next = route.gateway ?? dest;
  const target = owner(state, next);
  if (!target) {
    reasons.push(route.gateway
      ? `No interface in the lab has the gateway address ${route.gateway}: nobody answers ARP for it.`
      : `No interface in the lab has the address ${dest}: nobody answers ARP for it.`);
  } else {
    const blind = out ? macvlanBlindSpot(state, out, target, next) : undefined;
    if (blind) reasons.unshift(blind);
    const down = linkDown(state, target);
    if (down && target !== out) reasons.push(down);
    const src = route.prefsrc ?? out?.addresses.find((a) => a.family === 'inet')?.local;
    // A DOWN target has no routes of its own yet: that, not a missing route, is the cause.
    if (!route.gateway && src && target.ns !== ns && target.up && !lookupRoute(routesIn(state, target.ns), src)) {
      reasons.push(`${nsLabel(state, target.ns)} has no route back to ${src}: the request arrives but the reply cannot be sent.`);
    }
    if (route.gateway) {
      const fwd = state.sysctls[target.ns]?.['net.ipv4.ip_forward'];
      const destOwner = owner(state, dest);
      if (destOwner?.ns !== target.ns && fwd === '0') reasons.push(`ip_forward is 0 in ${nsLabel(state, target.ns)}: the gateway ${route.gateway} does not forward packets.`);
      if (src && destOwner && destOwner.ns !== target.ns && !lookupRoute(routesIn(state, destOwner.ns), src)) {
        const masq = state.nat.some((r) => r.ns === target.ns && r.target === 'MASQUERADE' && (!r.source || inIpv4Net(src, r.source.includes('/') ? r.source : `${r.source}/32`)));
        if (!masq) reasons.push(`${nsLabel(state, destOwner.ns)} has no route back to ${src}, and no MASQUERADE rule in ${nsLabel(state, target.ns)} hides ${src} behind its address.`);
      }
    }
  }
  return reasons;
}
