// Which command printed a pasted text, from the text alone: each command has lines that
// only it prints. Checked in order, most distinctive first; only the first 300 lines count.
import { clean, splitLines } from './text.js';
import type { ExplainerId } from './types.js';

const SIGNATURES: [ExplainerId, (lines: string[]) => boolean][] = [
  ['ss', (ls) => ls.some((l) => /^(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local Address:Port/.test(l.trim()))],
  ['nft', (ls) => ls.some((l) => /^table (ip|ip6|inet|arp|bridge|netdev) \S+ \{$/.test(l))],
  ['docker-network-inspect', (ls) => ls.some((l) => /^\s*"(IPAM|Driver|EnableIPv6)"\s*:/.test(l))],
  ['iptables-save', (ls) => ls.some((l) => /^(\*(nat|filter|mangle|raw)$|-A \S+ |-P \S+ (ACCEPT|DROP)$|:\S+ (ACCEPT|DROP|-) \[\d+:\d+\]$)/.test(l))],
  ['iptables-list', (ls) => ls.some((l) => /^Chain \S+ \((policy \S+|\d+ references)/.test(l))],
  ['route-n', (ls) => ls.some((l) => /^Kernel IP routing table|^Destination\s+Gateway\s+Genmask/.test(l))],
  ['brctl-show', (ls) => ls.some((l) => /^bridge name\s+bridge id/.test(l) || /^\S+\s+[0-9a-f]{4}\.[0-9a-f]{12}\s+(yes|no)\b/.test(l))],
  ['ping', (ls) => ls.some((l) => /^PING \S+ \(|packets transmitted|^ping: |^(rtt|round-trip) min/.test(l) || (/ttl=\d+/.test(l) && /seq=\d+/.test(l)))],
  ['ifconfig', (ls) => ls.some((l) => /^\S+?:? flags=\d+<|^\S+\s+Link encap:/.test(l))],
  ['arp', (ls) => ls.some((l) => /^Address\s+HWtype\s+HWaddress/.test(l) || /^\S+ \([0-9.]+\) at /.test(l))],
  ['bridge-link', (ls) => {
    const headers = ls.filter((l) => /^\d+:\s+\S+.*?:\s+<[^>]*>/.test(l));
    return headers.length > 0 && headers.every((l) => / master \S+ state (forwarding|disabled|blocking|listening|learning)\b/.test(l)) && !ls.some((l) => /^\s+link\//.test(l));
  }],
  ['ip-addr', (ls) => ls.some((l) => /^\d+:\s+[^\s:]+:\s+<[^>]*>/.test(l))],
  ['ip-neigh', (ls) => ls.some((l) => /^[0-9a-fA-F.:]+ dev \S+ .*\b(REACHABLE|STALE|DELAY|PROBE|INCOMPLETE|FAILED|PERMANENT|NOARP)\s*$/.test(l) || /^[0-9a-fA-F.:]+ dev \S+ lladdr /.test(l))],
  ['bridge-fdb', (ls) => ls.some((l) => /^[0-9a-f]{2}(:[0-9a-f]{2}){5} dev \S+/i.test(l))],
  ['ip-route', (ls) => ls.some((l) => /^(default|[0-9a-fA-F.:]+\/\d+|\d+\.\d+\.\d+\.\d+)( via \S+)? dev \S+/.test(l) || /^(unreachable|blackhole|local|broadcast) \S+/.test(l))],
  ['ip-addr', (ls) => ls.some((l) => /^\S+\s+(UP|DOWN|UNKNOWN|LOWERLAYERDOWN)\s+(\d+\.\d+\.\d+\.\d+\/\d+|[0-9a-f:]+\/\d+|[0-9a-f]{2}(:[0-9a-f]{2}){5}|$)/.test(l))],
  ['ip-netns', (ls) => ls.length > 0 && ls.every((l) => /^[\w.-]+( \(id: \d+\))?$/.test(l)) && ls.some((l) => /\(id: \d+\)$/.test(l))],
];

export function detect(output: string): ExplainerId | undefined {
  try {
    const lines = splitLines(String(output).slice(0, 200_000)).slice(0, 300).map((l) => clean(l).trimEnd()).filter((l) => l.trim() !== '');
    if (lines.length === 0) return undefined;
    for (const [id, test] of SIGNATURES) if (test(lines)) return id;
    return undefined;
  } catch {
    return undefined;
  }
}
