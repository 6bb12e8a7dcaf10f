// Address arithmetic and the plain-English names of things the kernel prints. Pure.

export { parseIpv4, formatIpv4, maskOf, prefixToMask, maskToPrefix, ipv4Net, inIpv4Net, type Ipv4Net } from '../net/ipv4.js';
import { ipv4Net, prefixToMask } from '../net/ipv4.js';

/** "172.17.0.0/16 (netmask 255.255.0.0, 65,536 addresses: 172.17.0.0–172.17.255.255)". */
export function describeIpv4Net(addr: string, prefix: number): string {
  const net = ipv4Net(addr, prefix);
  if (!net) return `${addr}/${prefix}`;
  if (prefix === 32) return `${addr}/32 (a single address, netmask 255.255.255.255)`;
  return `${net.network}/${prefix} (netmask ${prefixToMask(prefix)}, ${net.size.toLocaleString('en-US')} addresses: ${net.network}–${net.broadcast})`;
}

/** What kind of IPv6 address this is, in a few words. */
export function describeIpv6(addr: string): string {
  const a = addr.toLowerCase();
  if (a === '::1') return 'the IPv6 loopback address (like 127.0.0.1)';
  if (a === '::') return 'the unspecified IPv6 address';
  if (/^fe[89ab][0-9a-f]?:/.test(a)) return 'an IPv6 link-local address (fe80::/10): made automatically when the interface came up, valid only on this one link, never routed';
  if (/^f[cd][0-9a-f]{0,2}:/.test(a)) return 'an IPv6 unique local address (fc00::/7): private, like 10.x or 192.168.x in IPv4';
  if (/^ff[0-9a-f]{0,2}:/.test(a)) return 'an IPv6 multicast address';
  if (a.startsWith('2001:db8:') || a === '2001:db8::' || a.startsWith('2001:db8::')) return 'an IPv6 documentation address (2001:db8::/32, for examples)';
  if (/^[23][0-9a-f]{0,3}:/.test(a)) return 'a global IPv6 address (routable on the Internet)';
  return 'an IPv6 address';
}

/** True when a link-local IPv6 address was made from this MAC (EUI-64: ff:fe in the middle, bit 7 flipped). */
export function ipv6FromMac(addr: string, mac: string): boolean {
  const m = mac.toLowerCase().split(':');
  if (m.length !== 6 || m.some((x) => !/^[0-9a-f]{2}$/.test(x))) return false;
  const first = (parseInt(m[0], 16) ^ 2).toString(16).padStart(2, '0');
  const groups = [first + m[1], m[2] + 'ff', 'fe' + m[3], m[4] + m[5]].map((g) => g.replace(/^0+(?=.)/, ''));
  return addr.toLowerCase().endsWith(':' + groups.join(':'));
}

export function describeMac(mac: string): string | undefined {
  const m = mac.toLowerCase();
  if (m === 'ff:ff:ff:ff:ff:ff') return 'the Ethernet broadcast address: frames to it reach every device on the link';
  if (m === '00:00:00:00:00:00') return undefined;
  if (m.startsWith('33:33:')) return 'an IPv6 multicast MAC (33:33:…)';
  if (m.startsWith('01:00:5e:')) return 'an IPv4 multicast MAC (01:00:5e:…)';
  if (m.startsWith('02:42:')) {
    const b = m.split(':').slice(2).map((x) => parseInt(x, 16));
    if (b.length === 4 && b.every((x) => Number.isInteger(x)) && b[0] === 172) {
      return `Docker's prefix 02:42; for a container the last four bytes are its IPv4 address (${b.join('.')})`;
    }
    return "Docker's MAC prefix 02:42 (locally administered)";
  }
  const first = parseInt(m.slice(0, 2), 16);
  if (Number.isInteger(first) && first & 2) return 'a locally administered MAC: made up by software (random for veth, bridge, tap), not burnt into a card';
  return undefined;
}

/** Plain meanings of the link kinds the kernel shows. */
export const LINK_KINDS: Record<string, string> = {
  loopback: 'loopback: the interface a host uses to talk to itself; packets never leave the namespace',
  veth: 'veth: one end of a virtual Ethernet cable; whatever enters one end comes out of its peer, often in another namespace',
  bridge: 'bridge: a virtual switch; interfaces plugged into it (its ports) exchange frames by MAC address',
  vxlan: 'vxlan: a tunnel that wraps Ethernet frames in UDP (port 4789) to join layer-2 networks across hosts',
  macvlan: 'macvlan: a second interface with its own MAC, stacked on a parent interface and sharing its wire',
  tun: 'tun: a virtual point-to-point device read and written by a program as IP packets (VPNs)',
  tap: 'tap: a virtual Ethernet device read and written by a program as frames (VMs)',
  dummy: 'dummy: a virtual interface that drops everything sent to it, used to hold addresses',
  vlan: 'vlan: an 802.1Q tagged sub-interface of a parent link',
  ipvlan: 'ipvlan: like macvlan but sharing the parent MAC',
  bond: 'bond: several links used as one',
};

export const IP_FLAGS: Record<string, string> = {
  UP: 'UP: switched on by an administrator (ip link set … up)',
  LOWER_UP: 'LOWER_UP: the carrier is present, packets can flow',
  'NO-CARRIER': 'NO-CARRIER: switched on but nothing at the other end',
  BROADCAST: 'BROADCAST: can send to all hosts of its network at once',
  MULTICAST: 'MULTICAST: can join multicast groups',
  LOOPBACK: 'LOOPBACK: the loopback device',
  POINTOPOINT: 'POINTOPOINT: a link with exactly one other end, no neighbours to discover',
  NOARP: 'NOARP: does not use ARP to find neighbours',
  PROMISC: 'PROMISC: accepts frames for any MAC (bridge ports and tcpdump do this)',
  DORMANT: 'DORMANT: waiting for an external event before passing traffic',
  'M-DOWN': 'M-DOWN: the link this one is tied to (after @) is not up as seen from this namespace',
  SLAVE: 'SLAVE: a member of a bond',
  MASTER: 'MASTER: a bond master',
};

export const OPERSTATES: Record<string, string> = {
  UP: 'state UP: ready to pass packets',
  DOWN: 'state DOWN: cannot pass packets (switched off, or no carrier)',
  UNKNOWN: 'state UNKNOWN: the driver reports no state; normal for lo and for some virtual links, and they still work',
  LOWERLAYERDOWN: 'state LOWERLAYERDOWN: the link it depends on (its peer or parent) is down',
  DORMANT: 'state DORMANT: waiting for an external event',
  NOTPRESENT: 'state NOTPRESENT: the hardware is missing',
};

/** Hops a packet took, guessed from the TTL it arrived with (starting values 64, 128, 255). */
export function hopsFromTtl(ttl: number): { start: number; hops: number } | undefined {
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 255) return undefined;
  const start = ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
  return { start, hops: start - ttl };
}

/** Edit distance (Levenshtein, with a swap of two neighbours as one edit), for "did you
 * mean" on short words. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      // Two letters swapped (`ruote`) is one slip of the fingers, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}
