// `ip -j -d addr show` → Link[]. Peers across namespaces are resolved later (peers.ts):
// one namespace's output only says "my peer is ifindex N in the namespace I number M".
import type { Address, Link, LinkKind } from './types.js';
import { num, obj, parseJsonArray, str, strings } from './json.js';

/** Runs after parsing, in the same namespace: `link` is a name there (a veth whose peer
 * shares the namespace, a macvlan's parent), resolved to an ifindex once all are known. */
interface ParsedLink extends Link {
  lowerName?: string;
}

function linkKind(raw: Record<string, unknown>): LinkKind {
  const info = obj(raw.linkinfo);
  const kind = str(info?.info_kind);
  if (kind === 'tun') return str(obj(info?.info_data)?.type) === 'tap' ? 'tap' : 'tun';
  if (kind) return kind;
  return raw.link_type === 'loopback' ? 'loopback' : 'device';
}

function parseAddress(raw: Record<string, unknown>): Address | undefined {
  const family = raw.family;
  const local = str(raw.local);
  const prefixlen = num(raw.prefixlen);
  if ((family !== 'inet' && family !== 'inet6') || !local || prefixlen === undefined) return undefined;
  const a: Address = { family, local, prefixlen, scope: str(raw.scope) ?? 'global' };
  const brd = str(raw.broadcast);
  if (brd) a.broadcast = brd;
  return a;
}

function parseOne(raw: Record<string, unknown>, ns: string): ParsedLink | undefined {
  const ifindex = num(raw.ifindex);
  const name = str(raw.ifname);
  if (ifindex === undefined || !name) return undefined;
  const flags = strings(raw.flags);
  const link: ParsedLink = {
    ns,
    ifindex,
    name,
    kind: linkKind(raw),
    mtu: num(raw.mtu) ?? 0,
    flags,
    up: flags.includes('UP'),
    lowerUp: flags.includes('LOWER_UP'),
    operstate: str(raw.operstate) ?? 'UNKNOWN',
    addresses: (Array.isArray(raw.addr_info) ? raw.addr_info : [])
      .map((a) => (obj(a) ? parseAddress(obj(a)!) : undefined))
      .filter((a): a is Address => a !== undefined),
  };
  const mac = str(raw.address);
  if (mac) link.mac = mac;
  const master = str(raw.master);
  if (master) link.master = master;
  const linkIndex = num(raw.link_index);
  if (linkIndex !== undefined) link.peerIfindex = linkIndex;
  const netnsid = num(raw.link_netnsid);
  if (netnsid !== undefined) link.linkNetnsid = netnsid;
  // Same namespace: ip prints the peer or parent by name ("link": "vport1"); a vxlan
  // names its underlay device in its details instead.
  const lowerName = str(raw.link) ?? str(obj(obj(raw.linkinfo)?.info_data)?.link);
  if (lowerName && linkIndex === undefined) link.lowerName = lowerName;
  return link;
}

/** Links of one namespace, from `ip -j -d addr show` (or `ip -j -d link show`). */
export function parseIpAddr(json: string, ns: string): Link[] {
  const parsed = parseJsonArray(json, 'ip -j -d addr show')
    .map((raw) => parseOne(raw, ns))
    .filter((l): l is ParsedLink => l !== undefined);
  const byName = new Map(parsed.map((l) => [l.name, l]));
  return parsed.map(({ lowerName, ...link }) => {
    const lower = lowerName ? byName.get(lowerName) : undefined;
    if (lower) {
      link.peerIfindex = lower.ifindex;
      if (link.kind === 'veth') link.peer = { ns, ifindex: lower.ifindex, name: lower.name };
    }
    return link;
  });
}
