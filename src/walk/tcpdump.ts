// What `tcpdump -i any -nn -e -v -tt --time-stamp-precision=nano -l` prints, as data: one
// record per packet seen, with where (interface, which way), the link-layer source and the
// IPv4/ARP fields the packet walk follows. Pure; tested on output captured in a lab
// (test/fixtures/walk/).

/** How the packet passed the interface, in tcpdump's words for the cooked (any) capture:
 * In, Out, B (broadcast), M (multicast), P (unicast to another host: a bridge port hands
 * it on). */
export type Passing = 'in' | 'out' | 'broadcast' | 'multicast' | 'other-host';

export interface IpFields {
  src: string;
  dst: string;
  proto: string; // 'icmp' | 'tcp' | 'udp' | 'igmp' | …
  ttl: number;
  id: number;
  sport?: number;
  dport?: number;
  /** ICMP: the message ('echo request', 'echo reply', 'host 10.0.0.1 unreachable', …). */
  icmp?: { message: string; id?: number; seq?: number };
  tcp?: { flags: string; seq?: number; ack?: number };
}

export interface ArpFields {
  op: 'request' | 'reply';
  /** request: the address asked for; reply: the address answered. */
  ip: string;
  /** request: who asks; reply: the MAC it is at. */
  tell?: string;
  mac?: string;
}

export interface Captured {
  /** Nanoseconds since the epoch, as the kernel stamped it (a bigint: a double loses them). */
  t: bigint;
  ifname: string;
  passing: Passing;
  /** The link-layer source address. */
  mac: string;
  length: number;
  ip?: IpFields;
  arp?: ArpFields;
}

const PASSING: Record<string, Passing> = { In: 'in', Out: 'out', B: 'broadcast', M: 'multicast', P: 'other-host' };

// 1796605547.152897283 vethc5cdd3b P   ifindex 3 02:42:ac:11:00:02 ethertype IPv4 (0x0800), length 104: …
const HEAD = /^(\d+)\.(\d{9}) (\S+)\s+(In|Out|B|M|P)\s+ifindex \d+ ([0-9a-f:]{17}) ethertype (\S+) \(0x[0-9a-f]+\), length (\d+): (.*)$/;
// (tos 0x0, ttl 64, id 9580, offset 0, flags [DF], proto ICMP (1), length 84)
const IP_HEAD = /^\(tos \S+, ttl (\d+), id (\d+), offset \d+, flags \[[^\]]*\], proto (\S+) \(\d+\), length \d+(?:, options \([^)]*\))?\)\s*(.*)$/;
const ADDR_PORT = /^(\d+\.\d+\.\d+\.\d+)(?:\.(\d+))?$/;

function parseIp(rest: string, body: string): IpFields | undefined {
  const h = IP_HEAD.exec(rest);
  if (!h) return undefined;
  // The addresses and what follows them: on the continuation line (-v), or after the header.
  const text = (h[4] || body).trim();
  const m = /^(\S+) > (\S+?): (.*)$/s.exec(text);
  if (!m) return undefined;
  const a = ADDR_PORT.exec(m[1]);
  const b = ADDR_PORT.exec(m[2]);
  if (!a || !b) return undefined;
  const proto = h[3].toLowerCase();
  const ip: IpFields = { src: a[1], dst: b[1], proto, ttl: Number(h[1]), id: Number(h[2]) };
  if (a[2] !== undefined) ip.sport = Number(a[2]);
  if (b[2] !== undefined) ip.dport = Number(b[2]);
  const what = m[3];
  if (proto === 'icmp') {
    const icmp = /^ICMP (.*?)(?:, id (\d+), seq (\d+))?, length \d+/.exec(what);
    if (icmp) ip.icmp = { message: icmp[1], ...(icmp[2] ? { id: Number(icmp[2]), seq: Number(icmp[3]) } : {}) };
  } else if (proto === 'tcp') {
    const flags = /Flags \[([^\]]*)\]/.exec(what);
    const seq = /, seq (\d+)(?::\d+)?,/.exec(what);
    const ack = /, ack (\d+),/.exec(what);
    ip.tcp = { flags: flags?.[1] ?? '', ...(seq ? { seq: Number(seq[1]) } : {}), ...(ack ? { ack: Number(ack[1]) } : {}) };
  }
  return ip;
}

function parseArp(rest: string): ArpFields | undefined {
  const req = /Request who-has (\S+) tell (\S+?),/.exec(rest);
  if (req) return { op: 'request', ip: req[1], tell: req[2] };
  const rep = /Reply (\S+) is-at ([0-9a-f:]{17})/.exec(rest);
  if (rep) return { op: 'reply', ip: rep[1], mac: rep[2] };
  return undefined;
}

/** Every packet of a capture, in the order printed. Lines that are not a packet's (the
 * "listening on" banner, a decoded payload) are passed over. */
export function parseTcpdump(text: string): Captured[] {
  const out: Captured[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const h = HEAD.exec(lines[i]);
    if (!h) continue;
    // -v puts the addresses on the next line, indented.
    const body = i + 1 < lines.length && /^\s+\S/.test(lines[i + 1]) && !HEAD.test(lines[i + 1]) ? lines[i + 1] : '';
    const c: Captured = { t: BigInt(h[1]) * 1_000_000_000n + BigInt(h[2]), ifname: h[3], passing: PASSING[h[4]], mac: h[5], length: Number(h[7]) };
    if (h[6] === 'IPv4') {
      const ip = parseIp(h[8], body);
      if (ip) c.ip = ip;
    } else if (h[6] === 'ARP') {
      const arp = parseArp(h[8]);
      if (arp) c.arp = arp;
    }
    if (c.ip || c.arp) out.push(c);
  }
  return out;
}
