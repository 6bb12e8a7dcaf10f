// `ip addr`, `ip a`, `ip link` and their `-br` forms, as printed by iproute2 (old and new)
// and busybox: one header line per interface, then indented link/, inet, inet6 lines.
import type { Link } from '../kernel/types.js';
import { findLink, nsLabel, peerOf, runThere } from './lab-context.js';
import { explainIpText, type ExplainIpText } from '../i18n/explain-ip-text.js';
import type { Lang } from '../i18n/lang.js';
import { describeIpv4Net, describeIpv6, describeMac, ipv6FromMac, ipv4Net } from './net.js';
import { after, clean, toInt, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface IpAddress {
  line: number;
  family: 'inet' | 'inet6';
  local: string;
  prefixlen?: number;
  peer?: string; // `inet 10.0.0.1 peer 10.0.0.2/32`
  broadcast?: string;
  scope?: string;
  label?: string;
  flags: string[]; // noprefixroute, nodad, dynamic, secondary, tentative, …
  lifetimeLine?: number;
}

export interface IpLinkEntry {
  line: number;
  ifindex?: number;
  name: string;
  /** What follows '@': 'if4' (an ifindex, usually in another namespace), a name, or NONE. */
  at?: string;
  flags: string[];
  mtu?: number;
  qdisc?: string;
  master?: string;
  state?: string;
  mode?: string;
  group?: string;
  qlen?: number;
  linkType?: string; // ether, loopback, none, …
  linkLine?: number;
  mac?: string;
  linkNetnsid?: number;
  linkNetns?: string;
  /** From `-d`: how many reasons the link has to accept frames for any MAC. */
  promiscuity?: number;
  /** From `-d`: the first word of the details line (veth, bridge, vxlan, …). */
  detailKind?: string;
  altnames: string[];
  /** The lines of the altnames, in the same order. */
  altnameLines: number[];
  /** `ip -s`: counter headers (`RX:  bytes packets …`) and the numbers under them. */
  stats: IpLinkStats[];
  addresses: IpAddress[];
  /** `-d` detail lines: "veth", "vxlan id 100 …", "bridge_slave state forwarding …". */
  details: { line: number; words: string[] }[];
}

export interface IpLinkStats {
  /** RX: received, TX: sent; `errors`: the `ip -s -s` line that splits the errors by kind. */
  direction: 'RX' | 'TX';
  errors: boolean;
  headerLine: number;
  valuesLine?: number;
  /** Counter name → value, e.g. bytes → 698. */
  values: Record<string, number>;
  names: string[];
}

export interface IpAddrOutput {
  format: 'full' | 'brief';
  links: IpLinkEntry[];
}

const HEADER = /^(\d+):\s+([^\s:]+):\s+<([^>]*)>(.*)$/;
const BRIEF_STATES = new Set(['UP', 'DOWN', 'UNKNOWN', 'LOWERLAYERDOWN', 'DORMANT', 'NOTPRESENT', 'TESTING']);
const DETAIL_KINDS = new Set(['veth', 'bridge', 'vxlan', 'macvlan', 'macvtap', 'tun', 'dummy', 'vlan', 'ipvlan', 'bond', 'bridge_slave', 'gre', 'ipip', 'sit', 'wireguard']);

export function parseHeader(line: string, index: number): IpLinkEntry | undefined {
  const m = HEADER.exec(clean(line));
  if (!m) return undefined;
  const [name, at] = splitAt(m[2]);
  const rest = m[4].trim().split(/\s+/);
  return {
    line: index,
    ifindex: Number(m[1]),
    name,
    at,
    flags: m[3] === '' ? [] : m[3].split(','),
    mtu: toInt(after(rest, 'mtu')),
    qdisc: after(rest, 'qdisc'),
    master: after(rest, 'master'),
    state: after(rest, 'state'),
    mode: after(rest, 'mode'),
    group: after(rest, 'group'),
    qlen: toInt(after(rest, 'qlen')),
    altnames: [],
    altnameLines: [],
    stats: [],
    addresses: [],
    details: [],
  };
}

function splitAt(s: string): [string, string | undefined] {
  const i = s.indexOf('@');
  return i > 0 ? [s.slice(0, i), s.slice(i + 1)] : [s, undefined];
}

function parseAddress(ws: string[], index: number): IpAddress | undefined {
  const family = ws[0] as 'inet' | 'inet6';
  const spec = ws[1];
  if (!spec) return undefined;
  const slash = spec.indexOf('/');
  const local = slash >= 0 ? spec.slice(0, slash) : spec;
  let prefixlen = slash >= 0 ? toInt(spec.slice(slash + 1)) : undefined;
  const peer = after(ws, 'peer');
  if (peer && prefixlen === undefined) prefixlen = toInt(peer.split('/')[1]);
  if (family === 'inet' ? !/^\d+\.\d+\.\d+\.\d+$/.test(local) : !/^[0-9a-fA-F:.]+$/.test(local)) return undefined;
  const scope = after(ws, 'scope');
  const scopeAt = ws.indexOf('scope');
  const tail = scopeAt >= 0 ? ws.slice(scopeAt + 2) : [];
  // The label is the interface name, last on inet lines (docker0, eth0:1); other words are flags.
  const label = family === 'inet' && tail.length > 0 ? tail[tail.length - 1] : undefined;
  const flags = tail.filter((w, i) => !(family === 'inet' && i === tail.length - 1));
  return { line: index, family, local, prefixlen, peer, broadcast: after(ws, 'brd'), scope, label, flags };
}

export function parseIpAddr(lines: readonly string[]): IpAddrOutput {
  const links: IpLinkEntry[] = [];
  let brief = 0;
  let current: IpLinkEntry | undefined;
  lines.forEach((raw, i) => {
    const header = parseHeader(raw, i);
    if (header) {
      links.push(header);
      current = header;
      return;
    }
    const line = clean(raw);
    const ws = words(line);
    if (ws.length === 0) return;
    if (!/^\s/.test(line)) {
      current = undefined;
      // -br: "eth0@if5   UP   172.17.0.2/16 fe80::…/64" or "eth0  UP  02:42:… <BROADCAST,…>"
      if (ws.length >= 2 && BRIEF_STATES.has(ws[1])) {
        const [name, at] = splitAt(ws[0]);
        const entry: IpLinkEntry = { line: i, name, at, flags: [], state: ws[1], altnames: [], altnameLines: [], stats: [], addresses: [], details: [] };
        for (const w of ws.slice(2)) {
          if (/^<.*>$/.test(w)) entry.flags = w.slice(1, -1).split(',').filter(Boolean);
          else if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(w)) entry.mac = w;
          else if (w.includes('/')) {
            const a = parseAddress([w.includes(':') ? 'inet6' : 'inet', w], i);
            if (a) entry.addresses.push(a);
          }
        }
        links.push(entry);
        brief++;
      }
      return;
    }
    if (!current) return;
    const first = ws[0];
    const statsHeader = /^(RX|TX)(?: (errors))?:$/.exec(ws[0] + (ws[1] === 'errors:' ? ' errors:' : ''));
    if (statsHeader) {
      const names = ws.slice(statsHeader[2] ? 2 : 1);
      current.stats.push({ direction: statsHeader[1] as 'RX' | 'TX', errors: statsHeader[2] !== undefined, headerLine: i, values: {}, names });
      return;
    }
    const pendingStats = current.stats[current.stats.length - 1];
    if (pendingStats && pendingStats.valuesLine === undefined && ws.every((w) => /^\d+$/.test(w))) {
      pendingStats.valuesLine = i;
      pendingStats.names.forEach((n, k) => { if (ws[k] !== undefined) pendingStats.values[n] = Number(ws[k]); });
      return;
    }
    if (first.startsWith('link/')) {
      current.linkType = first.slice(5);
      current.linkLine = i;
      if (ws[1] && /^[0-9a-f]{2}(:[0-9a-f]{2})+$/i.test(ws[1])) current.mac = ws[1];
      current.linkNetnsid = toInt(after(ws, 'link-netnsid'));
      current.linkNetns = after(ws, 'link-netns');
      current.promiscuity = toInt(after(ws, 'promiscuity'));
    } else if (first === 'inet' || first === 'inet6') {
      const a = parseAddress(ws, i);
      if (a) current.addresses.push(a);
    } else if (first === 'valid_lft') {
      const last = current.addresses[current.addresses.length - 1];
      if (last && last.lifetimeLine === undefined) last.lifetimeLine = i;
    } else if (first === 'altname' && ws[1]) {
      current.altnames.push(ws[1]);
      current.altnameLines.push(i);
    } else if (DETAIL_KINDS.has(first)) {
      current.details.push({ line: i, words: ws });
      if (current.detailKind === undefined && first !== 'bridge_slave') {
        current.detailKind = first === 'tun' && after(ws, 'type') === 'tap' ? 'tap' : first;
      }
    }
  });
  return { format: brief > 0 && brief >= links.length / 2 ? 'brief' : 'full', links };
}

/** The link's kind: from the live state, `-d` details, or what the output itself shows. */
export function guessKind(e: IpLinkEntry, live?: Link): { kind: string; sure: boolean } | undefined {
  if (live && live.kind !== 'device') return { kind: live.kind, sure: true };
  if (e.detailKind) return { kind: e.detailKind, sure: true };
  if (e.flags.includes('LOOPBACK') || e.linkType === 'loopback') return { kind: 'loopback', sure: true };
  if (e.linkType === 'none' && e.flags.includes('POINTOPOINT')) return { kind: 'tun', sure: false };
  const n = e.name;
  if (/^veth/.test(n)) return { kind: 'veth', sure: false };
  if (/^(docker0|br-[0-9a-f]{12}|virbr\d+|cni\d+|cbr\d+|br\d*|mybridge)$/.test(n)) return { kind: 'bridge', sure: false };
  if (/^vxlan/.test(n) || n === 'flannel.1') return { kind: 'vxlan', sure: false };
  if (/^(macvlan|mv)\d*/.test(n)) return { kind: 'macvlan', sure: false };
  if (/^tap/.test(n)) return { kind: 'tap', sure: false };
  if (/^tun/.test(n)) return { kind: 'tun', sure: false };
  if (e.at && /^if\d+$/.test(e.at) && (e.linkNetnsid !== undefined || e.linkNetns !== undefined)) return { kind: 'veth', sure: false };
  return undefined;
}

function annotateLink(e: IpLinkEntry, ctx: Context, out: Annotations): void {
  const t = explainIpText(ctx.lang);
  const live = findLink(ctx.state, ctx.ns, e.name);
  const kind = guessKind(e, live);
  const i = e.line;
  const up = e.flags.includes('UP') || e.state === 'UP';
  if (e.ifindex !== undefined) out.add(i, t.ifindex(e.ifindex, e.name));
  else out.mark(i);
  if (kind) out.add(i, t.kind(kind.sure, t.linkKinds[kind.kind] ?? t.kindUnknown(kind.kind)), kind.kind === 'loopback' ? 0 : 1);

  // The point of most `ip a` lessons: a bridge without ports, and which peer a veth has.
  if (e.flags.includes('NO-CARRIER')) {
    const bridge = kind?.kind === 'bridge';
    const ports = ctx.state?.links.filter((l) => l.ns === ctx.ns && l.master === e.name).map((l) => l.name) ?? [];
    out.add(i, bridge && ports.length > 0 ? t.noCarrierBridgePorts(e.name, ports.join(', '))
      : bridge ? t.noCarrierBridge(e.name)
      : t.noCarrier(e.name, kind?.kind === 'veth'), 3);
  } else if (!e.flags.includes('UP') && e.flags.length > 0 && e.state !== 'UNKNOWN') {
    out.add(i, t.switchedOff(e.name), 2);
  }
  if (e.at !== undefined) annotatePeer(e, kind?.kind, live, ctx, out);
  if (e.master) out.add(i, t.master(e.name, e.master), 2);
  for (const f of e.flags) {
    const meaning = t.ipFlags[f];
    if (meaning && f !== 'NO-CARRIER') {
      const w = f === 'M-DOWN' ? 1 : 0;
      const sameNs = e.at !== undefined && !/^if\d+$/.test(e.at);
      const text = f !== 'M-DOWN' ? t.sentence(meaning)
        : sameNs ? t.mDownSameNs(e.at!, e.name)
        : t.mDownOtherNs(meaning);
      out.add(i, text, sameNs ? 2 : w);
    } else if (!meaning && f !== 'NO-CARRIER') out.add(i, t.unknownFlag(f));
  }
  if (e.mtu) out.add(i, t.mtu(e.mtu));
  if (e.qdisc) out.add(i, e.qdisc === 'noop' ? t.qdiscNoop : t.qdisc(e.qdisc));
  if (e.state) out.add(i, t.operstates[e.state] ? t.sentence(t.operstates[e.state]) : t.stateOther(e.state), e.state === 'DOWN' && up && !e.flags.includes('NO-CARRIER') ? 1 : 0);
  if (e.group) out.add(i, t.group(e.group));
  if (e.mode) out.add(i, t.mode(e.mode));
  if (e.qlen !== undefined) out.add(i, t.qlen(e.qlen));
  if (e.mac && e.linkLine === undefined) out.add(i, t.mac(e.mac, describeMac(e.mac, ctx.lang)));

  if (e.linkLine !== undefined) {
    const l = e.linkLine;
    if (e.linkType === 'loopback') out.add(l, t.linkLoopback);
    else if (e.linkType === 'none') out.add(l, t.linkNone);
    else if (e.mac) out.add(l, t.linkMac(e.linkType ?? '', e.mac, describeMac(e.mac, ctx.lang)));
    else out.mark(l);
    if (e.linkNetnsid !== undefined && e.at === undefined) out.add(l, t.linkNetnsidElsewhere(e.linkNetnsid));
    if (e.promiscuity) out.add(l, t.promiscuity(e.promiscuity, e.name), 1);
  }
  for (const a of e.addresses) annotateAddress(a, e, out, ctx.lang);
  for (const d of e.details) annotateDetail(d.line, d.words, e, ctx, out);
  e.altnames.forEach((alt, k) => out.add(e.altnameLines[k], t.altname(alt, e.name, describeIfName(alt, t)), 0));
  for (const s of e.stats) annotateStats(s, e, kind?.kind, out, t);
}

/** What a systemd-style interface name says of where the device sits (en = Ethernet,
 * wl = wireless, o = onboard, p…s… = PCI bus and slot, x = from the MAC). */
function describeIfName(name: string, t: ExplainIpText): string {
  const m = /^(en|wl|ww|ib|sl)(o\d+|s\d+|p\d+s\d+|x[0-9a-f]{12}|P\d+p\d+s\d+)(f\d+)?(d\d+)?/.exec(name);
  if (!m) return '';
  const medium = t.ifNameMedia[m[1]]!;
  const where = m[2].startsWith('o') ? t.ifNameOnboard(m[2].slice(1))
    : m[2].startsWith('x') ? t.ifNameFromMac
    : m[2].startsWith('s') ? t.ifNameHotplug(m[2].slice(1))
    : (() => { const p = /p(\d+)s(\d+)/.exec(m[2])!; return t.ifNamePci(p[1], p[2], m[3]?.slice(1)); })();
  return t.ifNamePredictable(name, m[1], medium, where);
}

function annotateStats(s: IpLinkStats, e: IpLinkEntry, kind: string | undefined, out: Annotations, t: ExplainIpText): void {
  const received = s.direction === 'RX';
  const named = s.names.filter((n) => t.counters[n]).map((n) => t.statsCounterNamed(n, t.counters[n]));
  out.add(s.headerLine, t.statsHeader(s.direction, s.errors, e.name, received, named), 0);
  if (s.valuesLine === undefined) return;
  const v = s.values;
  if (s.errors) {
    const nonzero = s.names.filter((n) => (v[n] ?? 0) > 0);
    out.add(s.valuesLine, nonzero.length === 0 ? t.statsNoErrors : t.statsErrorKinds(nonzero.map((n) => [n, v[n], t.counters[n] ?? n])), 0);
    return;
  }
  const problems = ['errors', 'dropped', 'missed', 'carrier', 'collsns'].filter((n) => (v[n] ?? 0) > 0).map((n): [number, string] => [v[n], n]);
  out.add(s.valuesLine, t.statsTotals(e.name, received, String(v.packets ?? '?'), String(v.bytes ?? '?'), problems, kind === 'veth' ? s.direction : undefined), problems.length ? 1 : 0);
}

/** The parent of a macvlan as this output shows it (@eth0, or @ifN in another namespace),
 * named from the live lab when it can be. */
function macvlanParent(e: IpLinkEntry, ctx: Context, t: ExplainIpText): string | undefined {
  if (!e.at || e.at === 'NONE') return undefined;
  const ifindex = /^if(\d+)$/.exec(e.at);
  if (!ifindex) return e.at;
  const parent = ctx.state ? peerByNsid(e, Number(ifindex[1]), ctx) : undefined;
  return parent
    ? t.macvlanParentKnown(parent.name, parent.ifindex, nsLabel(ctx.state, parent.ns, ctx.lang))
    : t.macvlanParentUnknown(ifindex[1]);
}

/** The `ip -d` line that says what kind of link this is and how it is set up. */
function annotateDetail(i: number, ws: string[], e: IpLinkEntry, ctx: Context, out: Annotations): void {
  const t = explainIpText(ctx.lang);
  const kind = ws[0];
  const v = (k: string) => after(ws, k);
  switch (kind) {
    case 'vxlan':
      out.add(i, t.vxlan(v('id') ?? '?', v('dstport') ?? '?', v('local'), v('dev'), v('remote'), v('group')), 1);
      break;
    case 'macvlan':
    {
      const mode = v('mode') ?? '?';
      out.add(i, t.macvlan(mode, macvlanParent(e, ctx, t), e.name, t.macvlanModes[mode]), 1);
      if (v('bcqueuelen')) out.add(i, t.bcqueuelen(v('bcqueuelen')!), 0);
    }
      break;
    case 'tun':
      out.add(i, t.tun(v('type') ?? '?', v('persist') === 'on'), 0);
      break;
    case 'bridge':
      out.add(i, t.bridgeDetails(v('stp_state') ?? '?', v('priority') ?? '?', v('ageing_time') ?? '?'), 0);
      break;
    case 'bridge_slave':
      out.add(i, t.bridgeSlave(v('state') ?? '?', v('learning') ?? '?', v('flood') ?? '?'), v('state') === 'forwarding' ? 0 : 1);
      break;
    case 'veth':
      out.add(i, t.vethConfirmed, 0);
      break;
    default:
      out.add(i, t.detailKind(kind), 0);
  }
}

function annotatePeer(e: IpLinkEntry, kind: string | undefined, live: Link | undefined, ctx: Context, out: Annotations): void {
  const t = explainIpText(ctx.lang);
  const i = e.line;
  const at = e.at!;
  const l = e.linkLine ?? i;
  if (at === 'NONE') {
    out.add(i, t.atNone(e.name), 1);
    return;
  }
  const ifindex = /^if(\d+)$/.exec(at);
  const isVeth = kind === 'veth' || kind === undefined;
  if (!ifindex) {
    // iproute2 writes @ifN when the other end is in another namespace, so @NAME means this
    // one. busybox's ip never does: it looks the index up here whatever namespace the other
    // end is in (real output: `eth0@eth0`, `v0@eth0` for a peer in another namespace).
    if (at === e.name) {
      out.add(i, t.atSelf(at, e.ifindex), 2);
      return;
    }
    out.add(i, t.atName(at, isVeth), 2);
    return;
  }
  const where = e.linkNetns !== undefined ? t.whereNamedNs(e.linkNetns) : e.linkNetnsid !== undefined ? t.whereNetnsid : t.whereElsewhere;
  const peer = ctx.state ? (live ? peerOf(ctx.state, live) : undefined) ?? peerByNsid(e, Number(ifindex[1]), ctx) : undefined;
  const label = peer ? nsLabel(ctx.state, peer.ns, ctx.lang) : undefined;
  if (peer && !isVeth) {
    out.add(i, t.parentKnown(at, e.name, peer.ifindex, peer.name, label!, kind === 'macvlan', peer.up), 3);
  } else if (peer) {
    out.add(i, t.peerKnown(at, e.name, peer.ifindex, peer.name, label!, peer.up), 3);
  } else {
    out.add(i, t.peerUnknown(at, e.name, isVeth, ifindex[1], where), 3);
  }
  if (e.linkNetnsid !== undefined) {
    out.add(l, t.linkNetnsid(e.linkNetnsid, isVeth, label), 0);
  } else if (e.linkNetns !== undefined) {
    out.add(l, t.linkNetns(e.linkNetns, isVeth, peer !== undefined), 0);
  }
  if (peer && !peer.up) out.add(i, t.peerDown(peer.name, label!, runThere(ctx.state, peer.ns, ctx.lang)), 3);
}

/** The peer found through the namespace that link-netnsid / link-netns names, and its ifindex. */
function peerByNsid(e: IpLinkEntry, ifindex: number, ctx: Context): Link | undefined {
  const state = ctx.state!;
  const ns = e.linkNetnsid !== undefined
    ? state.nsids?.[ctx.ns]?.[e.linkNetnsid]
    : e.linkNetns !== undefined ? state.namespaces.find((n) => n.names.includes(e.linkNetns!))?.id : undefined;
  return ns === undefined ? undefined : state.links.find((l) => l.ns === ns && l.ifindex === ifindex);
}


function annotateAddress(a: IpAddress, e: IpLinkEntry, out: Annotations, lang: Lang | undefined): void {
  const t = explainIpText(lang);
  const i = a.line;
  if (a.family === 'inet') {
    const p = a.prefixlen ?? 32;
    const net = ipv4Net(a.local, p);
    const loopback = a.local.startsWith('127.');
    const text = loopback ? t.inetLoopback(a.local, p)
      : !net ? t.inetNoNet(a.local, e.name)
      : t.inet(a.local, p, t.maskPart(describeIpv4Net(a.local, p, lang)), e.name, /^172\.17\.0\.1$/.test(a.local) && e.name === 'docker0');
    out.add(i, text, loopback ? 0 : 2);
    if (a.peer) out.add(i, t.peerAddress(a.peer));
    if (a.broadcast && net) out.add(i, t.brd(a.broadcast, net.network, p, a.broadcast === net.broadcast));
    else if (!a.broadcast && net && p < 31 && !loopback) out.add(i, t.noBrd);
  } else {
    const fromMac = e.mac && ipv6FromMac(a.local, e.mac) ? e.mac : undefined;
    out.add(i, t.inet6(a.local, a.prefixlen ?? 128, describeIpv6(a.local, lang), fromMac), a.local.toLowerCase().startsWith('fe80') ? 0 : 1);
  }
  if (a.scope) out.add(i, t.scopes[a.scope] ? t.sentence(t.scopes[a.scope]) : t.scopeOther(a.scope));
  for (const f of a.flags) if (t.addressFlags[f]) out.add(i, t.sentence(t.addressFlags[f]));
  if (a.lifetimeLine !== undefined) out.add(a.lifetimeLine, t.lifetime);
}

export function annotateIpAddr(value: IpAddrOutput, ctx: Context): Annotations {
  const out = new Annotations();
  for (const e of value.links) {
    if (value.format === 'brief' && e.ifindex === undefined) annotateBrief(e, ctx, out);
    else annotateLink(e, ctx, out);
  }
  return out;
}

function annotateBrief(e: IpLinkEntry, ctx: Context, out: Annotations): void {
  const t = explainIpText(ctx.lang);
  const i = e.line;
  const live = findLink(ctx.state, ctx.ns, e.name);
  const kind = guessKind(e, live);
  if (kind && kind.kind !== 'loopback') out.add(i, t.briefKind(e.name, kind.sure, t.linkKinds[kind.kind] ?? kind.kind), 1);
  if (e.state) out.add(i, t.operstates[e.state] ? t.sentence(t.operstates[e.state]) : t.stateOther(e.state), e.state === 'DOWN' ? 2 : 0);
  if (e.flags.includes('NO-CARRIER')) out.add(i, t.briefNoCarrier(e.name, kind?.kind === 'bridge'), 3);
  if (e.at) annotatePeer(e, kind?.kind, live, ctx, out);
  for (const a of e.addresses) {
    if (a.family === 'inet' && a.prefixlen !== undefined) out.add(i, t.briefInet(a.local, a.prefixlen, t.maskPart(describeIpv4Net(a.local, a.prefixlen, ctx.lang))), a.local.startsWith('127.') ? 0 : 2);
    else if (a.family === 'inet6') out.add(i, t.briefInet6(a.local, describeIpv6(a.local, ctx.lang)));
  }
  if (e.mac) out.add(i, t.briefMac(e.mac));
}

export const ipAddrExplainer: Explainer<IpAddrOutput> = {
  id: 'ip-addr',
  names: ['ip addr', 'ip a', 'ip address', 'ip link', 'ip -br addr', 'ip -br link'],
  parse: parseIpAddr,
  annotate: annotateIpAddr,
};
