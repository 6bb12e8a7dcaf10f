// ping from iputils (Linux), busybox, and localised builds: replies, statistics, rtt.
import { diagnoseNoAnswer } from './diagnose.js';
import { hopsFromTtl } from './net.js';
import { clean } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface PingOutput {
  target?: string;
  address?: string;
  headerLine?: number;
  replies: { line: number; from: string; seq?: number; ttl?: number; timeMs?: number }[];
  errors: { line: number; from?: string; message: string }[];
  statsTitleLine?: number;
  stats?: { line: number; transmitted: number; received: number; lossPercent: number; errors?: number };
  rtt?: { line: number; min: number; avg: number; max: number; mdev?: number };
  fatal?: { line: number; message: string };
}

export function parsePing(lines: readonly string[]): PingOutput {
  const v: PingOutput = { replies: [], errors: [] };
  lines.forEach((raw, i) => {
    const line = clean(raw);
    let m: RegExpExecArray | null;
    if ((m = /^PING (\S+) \(([^)]+)\)/.exec(line))) {
      v.target = m[1];
      v.address = m[2];
      v.headerLine = i;
    } else if (/ttl=\d+/.test(line) && (m = /(?:icmp_)?seq=(\d+)/.exec(line))) {
      const from = /(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:]+)\)?:/.exec(line);
      const ttl = /ttl=(\d+)/.exec(line);
      const time = /(?:time|时间)=\s*([\d.]+)/.exec(line);
      v.replies.push({ line: i, from: from?.[1] ?? '?', seq: Number(m[1]), ttl: ttl ? Number(ttl[1]) : undefined, timeMs: time ? Number(time[1]) : undefined });
    } else if ((m = /^From (\S+?):? .*?(Destination \w+ Unreachable|Time to live exceeded|Redirect \w+|Packet filtered)/i.exec(line))) {
      v.errors.push({ line: i, from: m[1], message: m[2] });
    } else if ((m = /^--- (\S+) ping \S+ ---$/.exec(line.trim()))) {
      v.statsTitleLine = i;
    } else if ((m = /(\d+)\D+?(\d+)[^,]*,(?: \+(\d+) errors,)? ([\d.]+)% packet loss/.exec(line))) {
      v.stats = { line: i, transmitted: Number(m[1]), received: Number(m[2]), errors: m[3] ? Number(m[3]) : undefined, lossPercent: Number(m[4]) };
    } else if ((m = /^(?:rtt|round-trip) min\/avg\/max(?:\/mdev)? = ([\d.]+)\/([\d.]+)\/([\d.]+)(?:\/([\d.]+))? ms/.exec(line))) {
      v.rtt = { line: i, min: Number(m[1]), avg: Number(m[2]), max: Number(m[3]), mdev: m[4] ? Number(m[4]) : undefined };
    } else if ((m = /^ping: (.+)$/.exec(line))) {
      v.fatal = { line: i, message: m[1] };
    }
  });
  return v;
}

export function annotatePing(v: PingOutput, ctx: Context): Annotations {
  const out = new Annotations();
  if (v.headerLine !== undefined) out.add(v.headerLine, `Sending ICMP echo requests to ${v.address}${v.target !== v.address ? ` (${v.target})` : ''}; 56 data bytes + 8 ICMP header = 64, + 20 IP header = 84.`);
  let ttlExplained = false;
  for (const r of v.replies) {
    const notes: string[] = [];
    if (!ttlExplained && r.ttl !== undefined) {
      const h = hopsFromTtl(r.ttl);
      if (h) notes.push(h.hops === 0
        ? `ttl=${r.ttl}: the reply started with TTL ${h.start} (Linux's default) and crossed no router: ${r.from} is on the same link or host.`
        : `ttl=${r.ttl}: the reply probably started at ${h.start} and crossed ${h.hops} router(s) on its way back.`);
      ttlExplained = true;
      out.add(r.line, `A reply from ${r.from}: it is reachable, and it can reach us back.`, 1);
      for (const n of notes) out.add(r.line, n, 1);
      out.add(r.line, 'seq numbers each request; time is the round trip in milliseconds.');
    } else out.mark(r.line);
  }
  for (const e of v.errors) {
    const why = /Host Unreachable/i.test(e.message)
      ? `${e.from} tried to find ${v.address ?? 'the target'} with ARP and got no answer: no host has that address on the link, or it is down.`
      : /Net Unreachable/i.test(e.message) ? `${e.from} has no route to the destination.` : `${e.from} reported: ${e.message}.`;
    out.add(e.line, why, 3);
  }
  if (v.statsTitleLine !== undefined) out.mark(v.statsTitleLine);
  if (v.stats) {
    const s = v.stats;
    if (s.lossPercent >= 100) {
      out.add(s.line, `100% packet loss: none of the ${s.transmitted} requests got a reply.${v.errors.length ? '' : ' Either the request never arrived, or the reply could not come back.'}`, 3);
      const dest = v.address ?? v.target;
      if (ctx.state && dest) for (const reason of diagnoseNoAnswer(ctx.state, ctx.ns, dest)) out.add(s.line, reason, 3);
      else out.add(s.line, 'Common causes: an interface or its veth peer is DOWN, no route (or no route back), no host with that address, ip_forward off, or no NAT rule.', 2);
    } else if (s.lossPercent > 0) {
      out.add(s.line, `${s.lossPercent}% loss: ${s.transmitted - s.received} of ${s.transmitted} requests got no reply${s.received > 0 ? ' (the first is often lost while ARP finds the MAC)' : ''}.`, 2);
    } else out.add(s.line, `All ${s.transmitted} requests were answered: the path works both ways.`, 2);
  }
  if (v.rtt) out.add(v.rtt.line, `Round-trip times: minimum ${v.rtt.min}, average ${v.rtt.avg}, maximum ${v.rtt.max} ms${v.rtt.mdev !== undefined ? `, spread (mdev) ${v.rtt.mdev}` : ''}; under 1 ms means the packets never left this machine.`);
  if (v.fatal) {
    out.add(v.fatal.line, /unreachable/i.test(v.fatal.message)
      ? 'ping found no route for the destination, so nothing was sent: this namespace has no matching route (often: no default route).'
      : nameFailure(v.fatal.message) ?? `ping could not start: ${v.fatal.message}.`, 3);
  }
  return out;
}

/** The name could not be turned into an address (iputils and busybox wordings). */
function nameFailure(message: string): string | undefined {
  const m = /^(\S+): (Name or service not known|No address associated with hostname)$|^bad address '([^']+)'$/.exec(message);
  if (m) {
    const name = m[1] ?? m[3];
    return `No address for the name ${name}: the DNS server of /etc/resolv.conf (and /etc/hosts) said it has none, so nothing was sent. Containers on the default bridge cannot find each other by name (their server, 8.8.8.8, knows no containers); on a user-defined network 127.0.0.11 answers with the names of the containers there.`;
  }
  const t = /^(\S+): Temporary failure in name resolution$/.exec(message);
  if (t) return `No DNS server answered for ${t[1]}: the nameservers of /etc/resolv.conf could not be reached, so nothing was sent.`;
  return undefined;
}

export const pingExplainer: Explainer<PingOutput> = {
  id: 'ping',
  names: ['ping'],
  parse: parsePing,
  annotate: annotatePing,
};
