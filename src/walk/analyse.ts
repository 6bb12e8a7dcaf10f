// From what the lab's namespaces captured to the packet's path: the first packet the
// command sent (the probe), every place it was seen in time order, what happened between
// two sightings (a veth crossed, a bridge, a route, a NAT rewrite, TTL), its reply, and,
// where either died, where and the likely cause. Pure: the captures, the nft trace, the
// conntrack table and a kernel snapshot in; the walk out. Routing decisions are the
// kernel's own (`ip route get`), asked by the caller: a first pass lists the questions
// (routeQuestions), the caller asks the lab, and the second pass gets the answers.
import type { KernelState, Link } from '../kernel/types.js';
import { findLink, linksIn, natRulesIn, peerOf, sysctl } from '../kernel/query.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { walkText, type WalkText } from '../i18n/walk-text.js';
import type { Tracked } from './conntrack.js';
import type { TraceStep } from './nft-trace.js';
import type { Captured, IpFields, Passing } from './tcpdump.js';

export interface NsCapture {
  ns: string; // Netns.id
  packets: Captured[];
  trace?: TraceStep[];
  conntrack?: Tracked[];
}

export interface RouteQuestion { ns: string; dst: string; from?: string; iif?: string }
/** `ip route get`'s answer (its one line), or its error. */
export type RouteAnswer = { ok: true; text: string } | { ok: false; text: string };

export interface Hop {
  ns: string;
  where: string; // the namespace as the learner names it: c1, host, outside, net1
  ifname: string;
  passing: Passing;
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
  ttl: number;
  /** Microseconds since the probe left. */
  us: number;
  /** What happened on the way here from the hop before, in plain words. */
  notes: string[];
}

export interface Leg {
  hops: Hop[];
  /** Reached the namespace that has its destination address. */
  delivered: boolean;
}

export interface Walk {
  /** The probe in words: "ICMP echo request 172.17.0.2 → 203.0.113.10". */
  probe: string;
  request: Leg;
  reply?: Leg;
  ok: boolean;
  /** Where the packet (or its reply) died, and the likely cause, in plain words. */
  lost?: { where: string; cause: string };
}

export type RouteOracle = (q: RouteQuestion) => RouteAnswer | undefined;

const key = (q: RouteQuestion) => `${q.ns} ${q.dst} ${q.from ?? ''} ${q.iif ?? ''}`;

/** Answers from a table filled by the caller; records every question asked, answered or not. */
export function routeTable(answers: Map<string, RouteAnswer> = new Map()): { oracle: RouteOracle; asked: RouteQuestion[] } {
  const asked: RouteQuestion[] = [];
  return {
    asked,
    oracle: (q) => {
      if (!asked.some((a) => key(a) === key(q))) asked.push(q);
      return answers.get(key(q));
    },
  };
}
export { key as routeKey };

/** An address with its port, when it has one: 192.168.0.11:8080. */
export const withPort = (a: string, p?: number): string => (p === undefined ? a : `${a}:${p}`);

interface Sighting { ns: string; c: Captured & { ip: IpFields }; order: number }

function isProbe(ip: IpFields): boolean {
  const first = Number(ip.dst.split('.')[0]);
  if (ip.dst === '255.255.255.255' || (first >= 224 && first <= 239)) return false;
  if (ip.proto === 'icmp') return ip.icmp?.message === 'echo request';
  if (ip.proto === 'tcp') return ip.tcp?.flags === 'S';
  return ip.proto === 'udp';
}

/** One packet's sightings: the same IP id and protocol (and the same ICMP sequence or TCP
 * sequence number), which forwarding and NAT leave as they are. */
function samePacket(a: IpFields, b: IpFields): boolean {
  if (a.proto !== b.proto || a.id !== b.id) return false;
  if (a.proto === 'icmp') return a.icmp?.message === b.icmp?.message && a.icmp?.seq === b.icmp?.seq;
  if (a.proto === 'tcp') return a.tcp?.seq === b.tcp?.seq && a.tcp?.flags === b.tcp?.flags;
  return true;
}

function isReplyTo(probe: IpFields, ip: IpFields): boolean {
  if (probe.proto !== ip.proto) return false;
  if (ip.proto === 'icmp') return ip.icmp?.message === 'echo reply' && ip.icmp?.seq === probe.icmp?.seq;
  if (ip.proto === 'tcp') return /^[SR]\.$/.test(ip.tcp?.flags ?? '') && ip.tcp?.ack === (probe.tcp?.seq ?? -2) + 1;
  return false;
}

function describeProbe(ip: IpFields): string {
  const what = ip.proto === 'icmp' ? `ICMP ${ip.icmp?.message ?? ''}`.trim() : ip.proto === 'tcp' ? 'TCP SYN' : ip.proto.toUpperCase();
  return `${what} ${withPort(ip.src, ip.sport)} → ${withPort(ip.dst, ip.dport)}`;
}

export interface AnalyseInput {
  captures: NsCapture[];
  state: KernelState;
  routes: RouteOracle;
}

/** The learner's name for a namespace: a container's name, `host`, `outside`, a netns name. */
export function placeName(state: KernelState, ns: string): string {
  const n = state.namespaces.find((x) => x.id === ns);
  return n?.names[0] ?? ns;
}

function ownsAddress(state: KernelState, ns: string, address: string): boolean {
  return linksIn(state, ns).some((l) => l.addresses.some((a) => a.family === 'inet' && a.local === address));
}

function ownerOf(state: KernelState, address: string): string | undefined {
  return state.links.find((l) => l.addresses.some((a) => a.family === 'inet' && a.local === address))?.ns;
}

class Analysis {
  readonly sightings: Sighting[];
  readonly t: WalkText;
  constructor(readonly input: AnalyseInput, lang: Lang) {
    this.t = walkText(lang);
    let order = 0;
    this.sightings = input.captures
      .flatMap((cap) => cap.packets.filter((c): c is Captured & { ip: IpFields } => !!c.ip).map((c) => ({ ns: cap.ns, c, order: order++ })))
      .sort((a, b) => (a.c.t < b.c.t ? -1 : a.c.t > b.c.t ? 1 : a.order - b.order));
  }

  get state(): KernelState { return this.input.state; }
  where(ns: string): string { return placeName(this.state, ns); }
  link(ns: string, ifname: string): Link | undefined { return findLink(this.state, ns, ifname); }
  trace(ns: string): TraceStep[] { return this.input.captures.find((c) => c.ns === ns)?.trace ?? []; }
  conntrack(ns: string): Tracked[] { return this.input.captures.find((c) => c.ns === ns)?.conntrack ?? []; }

  leg(first: Sighting, t0: bigint): Leg {
    const seen = this.sightings.filter((s) => s.c.t >= first.c.t && samePacket(s.c.ip, first.c.ip));
    const hops: Hop[] = [];
    for (const s of seen) {
      const ip = s.c.ip;
      const hop: Hop = {
        ns: s.ns, where: this.where(s.ns), ifname: s.c.ifname, passing: s.c.passing, src: ip.src, dst: ip.dst,
        ...(ip.sport !== undefined ? { sport: ip.sport } : {}), ...(ip.dport !== undefined ? { dport: ip.dport } : {}),
        ttl: ip.ttl, us: Number(s.c.t - t0) / 1000, notes: [],
      };
      const prev = hops[hops.length - 1];
      if (prev) hop.notes = this.between(prev, hop, ip);
      hops.push(hop);
    }
    const last = hops[hops.length - 1];
    const delivered = !!last && last.passing !== 'out' && ownsAddress(this.state, last.ns, last.dst);
    return { hops, delivered };
  }

  /** What happened between two sightings of one packet. */
  between(prev: Hop, cur: Hop, ip: IpFields): string[] {
    const notes: string[] = [];
    if (prev.ns !== cur.ns) {
      const l = this.link(cur.ns, cur.ifname);
      const peer = l && peerOf(this.state, l);
      const [from, to] = [`${prev.where}:${prev.ifname}`, `${cur.where}:${cur.ifname}`];
      const veth = l?.kind === 'veth' && peer && peer.ns === prev.ns && peer.name === prev.ifname;
      notes.push(veth ? this.t.acrossVeth(from, to) : this.t.overLink(l?.kind, from, to));
      return notes;
    }
    const from = this.link(cur.ns, prev.ifname);
    const to = this.link(cur.ns, cur.ifname);
    if (from?.master && to?.name === from.master && cur.passing === 'in') {
      notes.push(this.t.upIntoStack(to.name, cur.where));
    } else if (from?.master && to?.master === from.master) {
      notes.push(this.t.bridged(from.master, this.macNote(cur.ns, from.master, cur.dst, cur.ifname)));
    } else if (from?.name && to?.master === from.name && prev.passing === 'out') {
      notes.push(this.t.sentOutOfPort(from.name, cur.ifname, this.macNote(cur.ns, from.name, cur.dst, cur.ifname)));
    } else if (prev.passing !== 'out' && cur.passing === 'out' && prev.ifname !== cur.ifname) {
      const answer = this.input.routes({ ns: cur.ns, dst: ip.dst, from: prev.src, iif: prev.ifname });
      notes.push(answer?.ok ? this.t.routedBy(cur.where, answer.text) : this.t.routedOut(cur.where, cur.ifname));
    }
    if (prev.ttl !== cur.ttl) notes.push(this.t.ttl(prev.ttl, cur.ttl));
    if (prev.src !== cur.src || prev.sport !== cur.sport) notes.push(this.natNote(cur.ns, 'source', prev, cur, ip));
    if (prev.dst !== cur.dst || prev.dport !== cur.dport) notes.push(this.natNote(cur.ns, 'destination', prev, cur, ip));
    return notes;
  }

  macNote(ns: string, bridge: string, dst: string, port: string): string {
    const owner = this.state.links.find((l) => l.addresses.some((a) => a.local === dst));
    const mac = owner?.mac;
    if (!mac) return this.t.macToPort(port);
    const entry = this.state.fdb.find((f) => f.ns === ns && f.mac === mac && (f.master === bridge || f.dev === port));
    return entry ? this.t.macLearned(mac, dst, entry.dev) : this.t.macFlooded(mac, dst);
  }

  natNote(ns: string, which: 'source' | 'destination', prev: Hop, cur: Hop, ip: IpFields): string {
    const change = which === 'source' ? `${withPort(prev.src, prev.sport)} → ${withPort(cur.src, cur.sport)}` : `${withPort(prev.dst, prev.dport)} → ${withPort(cur.dst, cur.dport)}`;
    const step = this.trace(ns).find((s) => s.table === 'nat' && s.packet.ipId === ip.id && s.rule && /\b(masquerade|snat|dnat)\b/.test(s.rule));
    if (step?.rule) {
      const target = /\bmasquerade\b/.test(step.rule) ? 'MASQUERADE' : /\bdnat\b/.test(step.rule) ? 'DNAT' : 'SNAT';
      const rule = natRulesIn(this.state, ns).find((r) => r.chain === step.chain && r.target === target && (target !== 'DNAT' || r.dport === prev.dport));
      return this.t.natByRule(target, which, change, rule ? `-A ${rule.chain} ${rule.spec}` : step.rule);
    }
    // No rule ran: a reply, which conntrack rewrites by the entry its first packet made.
    const entry = this.conntrack(ns).find((e) => (e.reply.src === prev.src && e.reply.dst === prev.dst) || (e.original.src === prev.src && e.original.dst === prev.dst));
    return this.t.natUndone(which, change, entry?.line.replace(/\s+/g, ' '));
  }

  /** Why a leg stopped where it did. */
  cause(leg: Leg, ip: IpFields): { where: string; cause: string } {
    const last = leg.hops[leg.hops.length - 1];
    if (!last) return { where: this.t.nowhere, cause: this.t.noPacketSeen };
    const where = `${last.where}:${last.ifname}`;
    const ns = last.ns;
    const drop = this.trace(ns).find((s) => s.packet.ipId === ip.id && s.verdict === 'drop');
    if (drop) {
      if (drop.policy) return { where, cause: this.t.droppedByPolicy(last.where, drop.table, drop.chain) };
      const lines = (this.state.iptablesSave[ns] ?? '').split('\n').filter((l) => l.startsWith(`-A ${drop.chain} `) && / -j DROP\b/.test(l));
      return { where, cause: this.t.droppedByRule(last.where, drop.table, drop.chain, lines.length === 1 ? lines[0] : String(drop.rule)) };
    }
    if (last.passing !== 'out' && !ownsAddress(this.state, ns, last.dst)) {
      if (sysctl(this.state, ns, 'net.ipv4.ip_forward') === '0') {
        return { where, cause: this.t.forwardingOff(last.where) };
      }
      const route = this.input.routes({ ns, dst: last.dst, from: last.src, iif: last.ifname });
      if (route && !route.ok) {
        const down = linksIn(this.state, ns).filter((l) => !l.up && l.kind !== 'loopback' && l.name !== 'lo').map((l) => l.name);
        return { where, cause: this.t.noRoute(last.where, last.dst, route.text, down) };
      }
      const dev = route?.ok ? /\bdev (\S+)/.exec(route.text)?.[1] : undefined;
      const out = dev ? this.link(ns, dev) : undefined;
      if (out && !out.up) return { where, cause: this.t.outOfDownLink(last.where, dev!) };
      const nextHop = route?.ok ? (/\bvia (\S+)/.exec(route.text)?.[1] ?? last.dst) : undefined;
      const unanswered = nextHop && this.unansweredArp(ns, nextHop);
      if (unanswered) return { where, cause: unanswered };
    }
    return { where, cause: this.t.unexplained(where) };
  }

  /** "no answer to ARP …" when `ns` asked for `ip` and no reply came back, else undefined. */
  unansweredArp(ns: string, ip: string): string | undefined {
    const arp = (this.input.captures.find((c) => c.ns === ns)?.packets ?? []).filter((p) => p.arp?.ip === ip);
    const asked = arp.find((p) => p.arp?.op === 'request' && p.passing === 'out');
    if (!asked || arp.some((p) => p.arp?.op === 'reply')) return undefined;
    // Heard on a bridge port whose bridge is down: that is why nobody answered.
    for (const cap of this.input.captures) {
      if (cap.ns === ns) continue;
      const heard = cap.packets.find((p) => p.arp?.op === 'request' && p.arp.ip === ip && p.passing !== 'out');
      const port = heard && this.link(cap.ns, heard.ifname);
      const bridge = port?.master ? this.link(cap.ns, port.master) : undefined;
      if (bridge && !bridge.up) return this.t.arpBridgeDown(this.where(ns), ip, this.where(cap.ns), heard!.ifname, bridge.name);
    }
    return this.t.arpUnanswered(this.where(ns), ip, asked.ifname);
  }

  /** Without an IP packet to follow: the first ARP question nobody answered, if any. */
  silentArp(): { where: string; cause: string; ip: string } | undefined {
    for (const cap of this.input.captures) {
      for (const p of cap.packets) {
        if (p.arp?.op !== 'request' || p.passing !== 'out') continue;
        const cause = this.unansweredArp(cap.ns, p.arp.ip);
        if (cause) return { where: `${this.where(cap.ns)}:${p.ifname}`, cause, ip: p.arp.ip };
      }
    }
    return undefined;
  }

  /** The request arrived and nothing answered: most often because the answer has no way back. */
  noReply(request: Leg): { where: string; cause: string } {
    const last = request.hops[request.hops.length - 1];
    const back = this.input.routes({ ns: last.ns, dst: last.src });
    if (back && !back.ok) {
      // Did a router pass it on with its private source unchanged?
      const router = request.hops.find((h, i) => i > 0 && h.passing === 'out' && h.ns !== last.ns && h.src === request.hops[0].src && ownerOf(this.state, h.src) !== h.ns && request.hops[i - 1].ns === h.ns && request.hops[i - 1].passing !== 'out');
      const masq = router && natRulesIn(this.state, router.ns).some((r) => r.target === 'MASQUERADE');
      if (router && !masq) {
        return {
          where: `${last.where}`,
          cause: this.t.noMasquerade(router.where, router.src, last.where, router.ifname),
        };
      }
      return { where: last.where, cause: this.t.noRouteBack(last.where, last.src, back.text) };
    }
    return { where: last.where, cause: this.t.noReply(last.where) };
  }
}

/** The walk, in words of `lang`. */
export function analyseWalk(input: AnalyseInput, lang: Lang = currentLang()): Walk | undefined {
  const a = new Analysis(input, lang);
  const probe = a.sightings.find((s) => isProbe(s.c.ip));
  if (!probe) {
    // No IP packet left: a first hop that never answered ARP is the likeliest why.
    const arp = a.silentArp();
    if (!arp) return undefined;
    return { probe: a.t.arpProbe(arp.ip), request: { hops: [], delivered: false }, ok: false, lost: { where: arp.where, cause: arp.cause } };
  }
  const t0 = probe.c.t;
  const request = a.leg(probe, t0);
  const replyStart = a.sightings.find((s) => s.c.t > t0 && isReplyTo(probe.c.ip, s.c.ip));
  const reply = replyStart ? a.leg(replyStart, t0) : undefined;
  // A reply is delivered when it gets back to where the probe came from.
  const replyHome = reply && reply.hops.length > 0 && reply.hops[reply.hops.length - 1].ns === probe.ns;
  if (reply) reply.delivered = !!replyHome;
  const expectsReply = probe.c.ip.proto !== 'udp';
  const ok = request.delivered && (!expectsReply || !!replyHome);
  const walk: Walk = { probe: describeProbe(probe.c.ip), request, ...(reply ? { reply } : {}), ok };
  if (!request.delivered) walk.lost = a.cause(request, probe.c.ip);
  else if (expectsReply && !reply) walk.lost = a.noReply(request);
  else if (expectsReply && reply && !replyHome) walk.lost = a.cause(reply, replyStart!.c.ip);
  return walk;
}
