// `ip addr`, `ip a`, `ip link` and their `-br` forms, as printed by iproute2 (old and new)
// and busybox: one header line per interface, then indented link/, inet, inet6 lines.
import type { Link } from '../kernel/types.js';
import { findLink, nsLabel, peerOf, runThere } from './lab-context.js';
import {
  IP_FLAGS, LINK_KINDS, OPERSTATES, describeIpv4Net, describeIpv6, describeMac, ipv6FromMac, ipv4Net,
} from './net.js';
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
  const live = findLink(ctx.state, ctx.ns, e.name);
  const kind = guessKind(e, live);
  const i = e.line;
  const up = e.flags.includes('UP') || e.state === 'UP';
  if (e.ifindex !== undefined) out.add(i, `${e.ifindex}: the interface index, the kernel's number for ${e.name} in this namespace.`);
  else out.mark(i);
  if (kind) out.add(i, (kind.sure ? '' : 'Probably ') + (LINK_KINDS[kind.kind] ?? `kind ${kind.kind}`) + '.', kind.kind === 'loopback' ? 0 : 1);

  // The point of most `ip a` lessons: a bridge without ports, and which peer a veth has.
  if (e.flags.includes('NO-CARRIER')) {
    const bridge = kind?.kind === 'bridge';
    const ports = ctx.state?.links.filter((l) => l.ns === ctx.ns && l.master === e.name).map((l) => l.name) ?? [];
    out.add(i, bridge && ports.length > 0
      ? `${e.name} is switched on (UP) but has NO-CARRIER: none of its ports (${ports.join(', ')}) has a carrier, so it reports state DOWN.`
      : bridge
      ? `${e.name} is switched on (UP) but has NO-CARRIER: no port is attached to this bridge yet (or all its ports are down), so it reports state DOWN.`
      : `${e.name} is switched on (UP) but has NO-CARRIER: nothing is connected at the other end${kind?.kind === 'veth' ? ' (its veth peer is down)' : ''}.`, 3);
  } else if (!e.flags.includes('UP') && e.flags.length > 0 && e.state !== 'UNKNOWN') {
    out.add(i, `${e.name} is switched off (no UP flag): bring it up with \`ip link set ${e.name} up\`.`, 2);
  }
  if (e.at !== undefined) annotatePeer(e, kind?.kind, live, ctx, out);
  if (e.master) out.add(i, `master ${e.master}: ${e.name} is plugged into the bridge ${e.master} as a port; it carries frames for the bridge and needs no IP address of its own.`, 2);
  for (const f of e.flags) {
    const meaning = IP_FLAGS[f];
    if (meaning && f !== 'NO-CARRIER') {
      const w = f === 'M-DOWN' ? 1 : 0;
      const sameNs = e.at !== undefined && !/^if\d+$/.test(e.at);
      const text = f !== 'M-DOWN' ? meaning + '.'
        : sameNs ? `M-DOWN: ${e.at}, the link ${e.name} is tied to, is down.`
        : `${meaning}: for a veth whose peer sits in another namespace this is expected and does not mean the peer is down.`;
      out.add(i, text, sameNs ? 2 : w);
    } else if (!meaning && f !== 'NO-CARRIER') out.add(i, `${f}: an interface flag.`);
  }
  if (e.mtu) out.add(i, `mtu ${e.mtu}: the largest packet it sends without fragmenting${e.mtu === 1450 ? ' (1500 minus the 50 bytes of VXLAN headers)' : ''}.`);
  if (e.qdisc) out.add(i, e.qdisc === 'noop' ? 'qdisc noop: no queue, because the interface has never been up.' : `qdisc ${e.qdisc}: the queueing discipline for outgoing packets${e.qdisc === 'noqueue' ? ' (none: virtual links send at once)' : ''}.`);
  if (e.state) out.add(i, OPERSTATES[e.state] ? OPERSTATES[e.state] + '.' : `state ${e.state}.`, e.state === 'DOWN' && up && !e.flags.includes('NO-CARRIER') ? 1 : 0);
  if (e.group) out.add(i, `group ${e.group}: an administrative group (unused here).`);
  if (e.mode) out.add(i, `mode ${e.mode}: the link mode (DEFAULT for almost everything).`);
  if (e.qlen !== undefined) out.add(i, `qlen ${e.qlen}: length of the transmit queue, in packets.`);
  if (e.mac && e.linkLine === undefined) {
    const m = describeMac(e.mac);
    out.add(i, `${e.mac}: the MAC address${m ? `, ${m}` : ''}.`);
  }

  if (e.linkLine !== undefined) {
    const l = e.linkLine;
    if (e.linkType === 'loopback') out.add(l, 'link/loopback: the loopback device has no real MAC address.');
    else if (e.linkType === 'none') out.add(l, 'link/none: no link-layer address, packets are plain IP (tun devices work like this).');
    else if (e.mac) {
      const m = describeMac(e.mac);
      out.add(l, `link/${e.linkType} ${e.mac}: the MAC address${m ? `, ${m}` : ''}; brd ff:ff:ff:ff:ff:ff is the Ethernet broadcast address.`);
    } else out.mark(l);
    if (e.linkNetnsid !== undefined && e.at === undefined) out.add(l, `link-netnsid ${e.linkNetnsid}: its peer or parent lives in another network namespace.`);
    if (e.promiscuity) out.add(l, `promiscuity ${e.promiscuity}: ${e.name} accepts frames whatever their destination MAC (a count of who asked: tcpdump, a bridge it is a port of, or macvlans stacked on it, whose own MACs it must let in when it cannot filter several).`, 1);
  }
  for (const a of e.addresses) annotateAddress(a, e, out);
  for (const d of e.details) annotateDetail(d.line, d.words, e, ctx, out);
  e.altnames.forEach((alt, k) => out.add(e.altnameLines[k], `altname ${alt}: another name for ${e.name}; commands accept either (\`ip link show ${alt}\`).${describeIfName(alt)}`, 0));
  for (const s of e.stats) annotateStats(s, e, kind?.kind, out);
}

/** What a systemd-style interface name says of where the device sits (en = Ethernet,
 * wl = wireless, o = onboard, p…s… = PCI bus and slot, x = from the MAC). */
function describeIfName(name: string): string {
  const m = /^(en|wl|ww|ib|sl)(o\d+|s\d+|p\d+s\d+|x[0-9a-f]{12}|P\d+p\d+s\d+)(f\d+)?(d\d+)?/.exec(name);
  if (!m) return '';
  const medium = { en: 'Ethernet', wl: 'wireless LAN', ww: 'mobile broadband', ib: 'InfiniBand', sl: 'serial line' }[m[1]]!;
  const where = m[2].startsWith('o') ? `onboard device ${m[2].slice(1)}`
    : m[2].startsWith('x') ? 'named after its MAC address'
    : m[2].startsWith('s') ? `hot-plug slot ${m[2].slice(1)}`
    : (() => { const p = /p(\d+)s(\d+)/.exec(m[2])!; return `PCI bus ${p[1]}, slot ${p[2]}${m[3] ? `, function ${m[3].slice(1)}` : ''}`; })();
  return ` ${name} is a predictable name in systemd's form: ${m[1]} = ${medium}, ${where}.`;
}

const COUNTERS: Record<string, string> = {
  bytes: 'bytes', packets: 'packets', errors: 'bad frames', dropped: 'dropped by the kernel (no room, or nothing to deliver them to)',
  missed: 'missed by the device', mcast: 'multicast frames received', carrier: 'lost carrier', collsns: 'collisions',
  length: 'wrong length', crc: 'bad checksum', frame: 'misaligned', fifo: 'device buffer overrun', overrun: 'overrun',
  aborted: 'aborted', window: 'window', heartbt: 'heartbeat', transns: 'carrier transitions (times the link went up or down)',
};

function annotateStats(s: IpLinkStats, e: IpLinkEntry, kind: string | undefined, out: Annotations): void {
  const verb = s.direction === 'RX' ? 'received' : 'sent';
  const named = s.names.filter((n) => COUNTERS[n]).map((n) => (n === 'bytes' || n === 'packets' ? n : `${n} = ${COUNTERS[n]}`));
  out.add(s.headerLine, `${s.direction}${s.errors ? ' errors' : ''}: counters of what ${e.name} ${verb} since it was created${s.errors ? ', errors by kind' : ''}: ${named.join(', ')}.`, 0);
  if (s.valuesLine === undefined) return;
  const v = s.values;
  if (s.errors) {
    const nonzero = s.names.filter((n) => (v[n] ?? 0) > 0);
    out.add(s.valuesLine, nonzero.length === 0 ? 'None of these has happened.' : nonzero.map((n) => `${n} ${v[n]}: ${COUNTERS[n] ?? n}`).join('; ') + '.', 0);
    return;
  }
  const problems = ['errors', 'dropped', 'missed', 'carrier', 'collsns'].filter((n) => (v[n] ?? 0) > 0).map((n) => `${v[n]} ${n}`);
  const peer = kind === 'veth' ? ` On a veth, what one end sends the other receives: ${e.name}'s ${s.direction} is its peer's ${s.direction === 'RX' ? 'TX' : 'RX'}.` : '';
  out.add(s.valuesLine, `${e.name} has ${verb} ${v.packets ?? '?'} packet(s), ${v.bytes ?? '?'} bytes${problems.length ? `; ${problems.join(', ')}` : ', with no errors or drops'}.${peer}`, problems.length ? 1 : 0);
}

/** What each macvlan mode lets through, between macvlans on one parent and to the parent. */
export const MACVLAN_MODE_MEANINGS: Record<string, string> = {
  bridge: 'macvlans on the same parent reach each other directly, inside the host, and the LAN through the parent\'s wire; never the parent\'s own addresses (the frames bypass its stack): a host reaches its macvlan containers only through a macvlan of its own',
  private: 'macvlans on the same parent cannot reach each other at all, even through an outside switch; each talks only to the LAN',
  vepa: 'frames between macvlans on the same parent go out to the switch, which must send them back (hairpin, 802.1Qbg)',
  passthru: 'the one macvlan allowed on the parent takes over the parent itself, MAC and all',
  source: 'the macvlan accepts only frames from a list of source MACs',
};

/** The parent of a macvlan as this output shows it (@eth0, or @ifN in another namespace),
 * named from the live lab when it can be. */
function macvlanParent(e: IpLinkEntry, ctx: Context): string | undefined {
  if (!e.at || e.at === 'NONE') return undefined;
  const ifindex = /^if(\d+)$/.exec(e.at);
  if (!ifindex) return e.at;
  const parent = ctx.state ? peerByNsid(e, Number(ifindex[1]), ctx) : undefined;
  return parent
    ? `${parent.name} (interface ${parent.ifindex} in ${nsLabel(ctx.state, parent.ns)}: it was made there and moved into this namespace)`
    : `interface ${ifindex[1]} in another namespace (it was made there and moved in)`;
}

/** The `ip -d` line that says what kind of link this is and how it is set up. */
function annotateDetail(i: number, ws: string[], e: IpLinkEntry, ctx: Context, out: Annotations): void {
  const kind = ws[0];
  const v = (k: string) => after(ws, k);
  switch (kind) {
    case 'vxlan':
      out.add(i, `vxlan id ${v('id') ?? '?'}: the VXLAN network id (VNI); frames are wrapped in UDP to port ${v('dstport') ?? '?'}${v('local') ? ` from ${v('local')}` : ''}${v('dev') ? ` over ${v('dev')}` : ''}${v('remote') ? ` to ${v('remote')}` : v('group') ? ` to the multicast group ${v('group')}` : ''}.`, 1);
      break;
    case 'macvlan':
    {
      const mode = v('mode') ?? '?';
      const parent = macvlanParent(e, ctx);
      out.add(i, `macvlan mode ${mode}${parent ? `, on the parent ${parent}` : ''}: ${e.name} has a MAC of its own on the parent's wire${MACVLAN_MODE_MEANINGS[mode] ? `; mode ${mode}: ${MACVLAN_MODE_MEANINGS[mode]}` : ''}.`, 1);
      if (v('bcqueuelen')) out.add(i, `bcqueuelen ${v('bcqueuelen')}: broadcast and multicast frames for the macvlans wait in a queue this long.`, 0);
    }
      break;
    case 'tun':
      out.add(i, `tun type ${v('type') ?? '?'}: a ${v('type') === 'tap' ? 'tap (Ethernet frames)' : 'tun (IP packets)'} device${v('persist') === 'on' ? '; persist on: it stays when the program using it closes' : ''}.`, 0);
      break;
    case 'bridge':
      out.add(i, `bridge details: stp_state ${v('stp_state') ?? '?'} (${v('stp_state') === '0' ? 'STP off' : 'STP on'}), priority ${v('priority') ?? '?'}, ageing_time ${v('ageing_time') ?? '?'} (centiseconds a learned MAC is kept).`, 0);
      break;
    case 'bridge_slave':
      out.add(i, `As a bridge port: state ${v('state') ?? '?'}, learning ${v('learning') ?? '?'}, flood ${v('flood') ?? '?'}.`, v('state') === 'forwarding' ? 0 : 1);
      break;
    case 'veth':
      out.add(i, 'veth: confirmed by `ip -d`: this is one end of a veth pair.', 0);
      break;
    default:
      out.add(i, `${kind}: the kind of this link, as \`ip -d\` reports it.`, 0);
  }
}

function annotatePeer(e: IpLinkEntry, kind: string | undefined, live: Link | undefined, ctx: Context, out: Annotations): void {
  const i = e.line;
  const at = e.at!;
  const l = e.linkLine ?? i;
  if (at === 'NONE') {
    out.add(i, `${e.name}@NONE: its peer or parent is gone or not visible.`, 1);
    return;
  }
  const ifindex = /^if(\d+)$/.exec(at);
  const isVeth = kind === 'veth' || kind === undefined;
  const role = isVeth ? 'peer (the other end of the cable)' : 'parent link';
  if (!ifindex) {
    // iproute2 writes @ifN when the other end is in another namespace, so @NAME means this
    // one. busybox's ip never does: it looks the index up here whatever namespace the other
    // end is in (real output: `eth0@eth0`, `v0@eth0` for a peer in another namespace).
    if (at === e.name) {
      out.add(i, `@${at}: names itself. busybox's ip shows the peer's interface number as the name that number has here; the peer is in another namespace, where its number is ${e.ifindex ?? 'this one'} (iproute2's \`ip\` would print @if${e.ifindex ?? 'N'}).`, 2);
      return;
    }
    out.add(i, `@${at}: its ${role} is ${at}, in this same namespace — or, if this is busybox's ip, the interface in another namespace whose number is ${at}'s number here (busybox never prints @ifN; iproute2's \`ip\` tells them apart).`, 2);
    return;
  }
  const where = e.linkNetns !== undefined ? `namespace ${e.linkNetns}` : e.linkNetnsid !== undefined ? 'another network namespace' : 'another namespace';
  const peer = ctx.state ? (live ? peerOf(ctx.state, live) : undefined) ?? peerByNsid(e, Number(ifindex[1]), ctx) : undefined;
  if (peer && !isVeth) {
    out.add(i, `@${at}: ${e.name}'s parent link is interface ${peer.ifindex}, called ${peer.name}, in ${nsLabel(ctx.state, peer.ns)}${kind === 'macvlan' ? `: ${e.name} is a macvlan stacked on it, made there and moved into this namespace; its frames leave by ${peer.name}'s wire` : ''}${peer.up ? '' : ' (it is DOWN there)'}.`, 3);
  } else if (peer) {
    const label = nsLabel(ctx.state, peer.ns);
    out.add(i, `@${at}: ${e.name} is one end of a veth pair; the other end is interface ${peer.ifindex}, called ${peer.name}, in ${label}${peer.up ? '' : ' (it is DOWN there)'}.`, 3);
  } else {
    out.add(i, `@${at}: ${e.name}'s ${role} is interface ${ifindex[1]} in ${where}; look for "${ifindex[1]}:" in \`ip a\` run there.`, 3);
  }
  if (e.linkNetnsid !== undefined) {
    const named = peer ? ` (here: ${nsLabel(ctx.state, peer.ns)})` : '';
    out.add(l, `link-netnsid ${e.linkNetnsid}: the number this namespace uses for the namespace holding the ${isVeth ? 'peer' : 'parent'}${named}; \`ip netns\` shows it as "(id: ${e.linkNetnsid})" when that namespace has a name.`, 0);
  } else if (e.linkNetns !== undefined) {
    out.add(l, `link-netns ${e.linkNetns}: the ${isVeth ? 'peer' : 'parent'} is in namespace ${e.linkNetns}${peer ? '' : ` (run \`ip netns exec ${e.linkNetns} ip a\` to see it)`}.`, 0);
  }
  if (peer && !peer.up) {
    const how = runThere(ctx.state, peer.ns);
    out.add(i, `The peer ${peer.name} is DOWN in ${nsLabel(ctx.state, peer.ns)}: nothing passes until it is up${how ? ` (${how.replace(' …', '')} ip link set ${peer.name} up)` : ''}.`, 3);
  }
}

/** The peer found through the namespace that link-netnsid / link-netns names, and its ifindex. */
function peerByNsid(e: IpLinkEntry, ifindex: number, ctx: Context): Link | undefined {
  const state = ctx.state!;
  const ns = e.linkNetnsid !== undefined
    ? state.nsids?.[ctx.ns]?.[e.linkNetnsid]
    : e.linkNetns !== undefined ? state.namespaces.find((n) => n.names.includes(e.linkNetns!))?.id : undefined;
  return ns === undefined ? undefined : state.links.find((l) => l.ns === ns && l.ifindex === ifindex);
}

function annotateAddress(a: IpAddress, e: IpLinkEntry, out: Annotations): void {
  const i = a.line;
  if (a.family === 'inet') {
    const p = a.prefixlen ?? 32;
    const net = ipv4Net(a.local, p);
    let text = `${a.local}/${p}: the IPv4 address of ${e.name}; /${p} means netmask ${describeIpv4Net(a.local, p).replace(/^[^(]*\(netmask /, '').replace(/\)$/, '')}`;
    if (!net) text = `${a.local}: an IPv4 address of ${e.name}`;
    if (a.local.startsWith('127.')) text = `${a.local}/${p}: the loopback address; the whole 127.0.0.0/8 stays inside this namespace`;
    else if (net && /^172\.17\.0\.1$/.test(a.local) && e.name === 'docker0') text += `. Containers on docker0 use ${a.local} as their gateway`;
    out.add(i, text + '.', a.local.startsWith('127.') ? 0 : 2);
    if (a.peer) out.add(i, `peer ${a.peer}: a point-to-point address; the only host on the other end.`);
    if (a.broadcast && net) out.add(i, `brd ${a.broadcast}: the broadcast address, reaching every host of ${net.network}/${p}${a.broadcast === net.broadcast ? '' : ' (unusual: not the last address of the network)'}.`);
    else if (!a.broadcast && net && p < 31 && !a.local.startsWith('127.')) out.add(i, 'No brd: the address was added without a broadcast address (`ip addr add … brd +` sets one); ping to a broadcast address will not work.');
  } else {
    const fromMac = e.mac && ipv6FromMac(a.local, e.mac) ? `, made from the MAC ${e.mac}` : '';
    out.add(i, `${a.local}/${a.prefixlen ?? 128}: ${describeIpv6(a.local)}${fromMac}.`, a.local.toLowerCase().startsWith('fe80') ? 0 : 1);
  }
  if (a.scope) {
    const scopes: Record<string, string> = {
      global: 'scope global: usable for traffic to anywhere',
      link: 'scope link: valid only on this link, not routed beyond it',
      host: 'scope host: valid only inside this host',
      site: 'scope site: valid inside this site (deprecated)',
    };
    out.add(i, (scopes[a.scope] ?? `scope ${a.scope}`) + '.');
  }
  for (const f of a.flags) {
    const flags: Record<string, string> = {
      noprefixroute: 'noprefixroute: the kernel added no route for this prefix (NetworkManager adds its own)',
      nodad: 'nodad: IPv6 duplicate address detection was skipped',
      dynamic: 'dynamic: leased by DHCP or autoconfiguration, it expires',
      secondary: 'secondary: a further address in a prefix this interface already has',
      tentative: 'tentative: IPv6 is still checking that no one else uses it',
      dadfailed: 'dadfailed: another host already uses this IPv6 address',
      mngtmpaddr: 'mngtmpaddr: template for temporary IPv6 addresses',
      temporary: 'temporary: an IPv6 privacy address',
    };
    if (flags[f]) out.add(i, flags[f] + '.');
  }
  if (a.lifetimeLine !== undefined) out.add(a.lifetimeLine, 'valid_lft/preferred_lft: how long the address stays valid and preferred; forever means it was set by hand or by a container runtime, not leased.');
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
  const i = e.line;
  const live = findLink(ctx.state, ctx.ns, e.name);
  const kind = guessKind(e, live);
  if (kind && kind.kind !== 'loopback') out.add(i, `${e.name}: ${kind.sure ? '' : 'probably '}${LINK_KINDS[kind.kind] ?? kind.kind}.`, 1);
  if (e.state) out.add(i, OPERSTATES[e.state] ? OPERSTATES[e.state] + '.' : `state ${e.state}.`, e.state === 'DOWN' ? 2 : 0);
  if (e.flags.includes('NO-CARRIER')) out.add(i, `${e.name} is UP but has NO-CARRIER: nothing is attached at the other end${kind?.kind === 'bridge' ? ' (a bridge with no port)' : ''}.`, 3);
  if (e.at) annotatePeer(e, kind?.kind, live, ctx, out);
  for (const a of e.addresses) {
    if (a.family === 'inet' && a.prefixlen !== undefined) out.add(i, `${a.local}/${a.prefixlen}: netmask ${describeIpv4Net(a.local, a.prefixlen).replace(/^[^(]*\(netmask /, '').replace(/\)$/, '')}.`, a.local.startsWith('127.') ? 0 : 2);
    else if (a.family === 'inet6') out.add(i, `${a.local}: ${describeIpv6(a.local)}.`);
  }
  if (e.mac) out.add(i, `${e.mac}: the MAC address.`);
}

export const ipAddrExplainer: Explainer<IpAddrOutput> = {
  id: 'ip-addr',
  names: ['ip addr', 'ip a', 'ip address', 'ip link', 'ip -br addr', 'ip -br link'],
  parse: parseIpAddr,
  annotate: annotateIpAddr,
};
