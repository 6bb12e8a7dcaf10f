// ping from iputils (Linux), busybox, and localised builds: replies, statistics, rtt.
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText, type ExplainNetText } from '../i18n/explain-net-text.js';
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

export function annotatePing(v: PingOutput, ctx: Context, lang: Lang = currentLang()): Annotations {
  const t = explainNetText(lang);
  const out = new Annotations();
  if (v.headerLine !== undefined) out.add(v.headerLine, t.pingHeader(`${v.address}`, v.target !== v.address ? `${v.target}` : undefined));
  let ttlExplained = false;
  for (const r of v.replies) {
    const notes: string[] = [];
    if (!ttlExplained && r.ttl !== undefined) {
      const h = hopsFromTtl(r.ttl);
      if (h) notes.push(h.hops === 0 ? t.ttlSameLink(r.ttl, h.start, r.from) : t.ttlHops(r.ttl, h.start, h.hops));
      ttlExplained = true;
      out.add(r.line, t.replyFrom(r.from), 1);
      for (const n of notes) out.add(r.line, n, 1);
      out.add(r.line, t.seqAndTime);
    } else out.mark(r.line);
  }
  for (const e of v.errors) {
    const why = /Host Unreachable/i.test(e.message)
      ? t.hostUnreachable(`${e.from}`, v.address)
      : /Net Unreachable/i.test(e.message) ? t.netUnreachable(`${e.from}`) : t.reported(`${e.from}`, e.message);
    out.add(e.line, why, 3);
  }
  if (v.statsTitleLine !== undefined) out.mark(v.statsTitleLine);
  if (v.stats) {
    const s = v.stats;
    if (s.lossPercent >= 100) {
      out.add(s.line, t.allLost(s.transmitted, v.errors.length > 0), 3);
      const dest = v.address ?? v.target;
      if (ctx.state && dest) for (const reason of diagnoseNoAnswer(ctx.state, ctx.ns, dest, lang)) out.add(s.line, reason, 3);
      else out.add(s.line, t.lossCommonCauses, 2);
    } else if (s.lossPercent > 0) {
      out.add(s.line, t.someLost(s.lossPercent, s.transmitted - s.received, s.transmitted, s.received > 0), 2);
    } else out.add(s.line, t.allAnswered(s.transmitted), 2);
  }
  if (v.rtt) out.add(v.rtt.line, t.rtt(v.rtt.min, v.rtt.avg, v.rtt.max, v.rtt.mdev));
  if (v.fatal) {
    out.add(v.fatal.line, /unreachable/i.test(v.fatal.message)
      ? t.pingNoRoute
      : nameFailure(v.fatal.message, t) ?? t.pingCannotStart(v.fatal.message), 3);
  }
  return out;
}

/** The name could not be turned into an address (iputils and busybox wordings). */
function nameFailure(message: string, t: ExplainNetText): string | undefined {
  const m = /^(\S+): (Name or service not known|No address associated with hostname)$|^bad address '([^']+)'$/.exec(message);
  if (m) return t.noAddressForName(m[1] ?? m[3]);
  const temporary = /^(\S+): Temporary failure in name resolution$/.exec(message);
  if (temporary) return t.noDnsAnswer(temporary[1]);
  return undefined;
}

export const pingExplainer: Explainer<PingOutput> = {
  id: 'ping',
  names: ['ping'],
  parse: parsePing,
  annotate: annotatePing,
};
