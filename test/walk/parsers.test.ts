// The walk's parsers on output captured in real labs (test/fixtures/walk/CASE/*).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNatted, parseConntrack } from '../../src/walk/conntrack.js';
import { parseNftTrace } from '../../src/walk/nft-trace.js';
import { parseTcpdump } from '../../src/walk/tcpdump.js';

const read = (f: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'walk', f), 'utf8');

describe('parseTcpdump', () => {
  it('reads each packet: time to the nanosecond, interface, which way, MAC, IP fields, ICMP', () => {
    const c = parseTcpdump(read('masquerade/host.tcpdump'));
    const out = c.find((p) => p.ifname === 'eth0' && p.passing === 'out' && p.ip?.proto === 'icmp');
    expect(out).toMatchObject({ mac: '08:00:27:70:b6:ef', ip: { src: '192.168.0.11', dst: '203.0.113.10', ttl: 63, icmp: { message: 'echo request', seq: 1 } } });
    expect(typeof out!.t).toBe('bigint');
    expect(out!.t % 1_000_000_000n).toBeGreaterThan(0n);
    expect(new Set(c.map((p) => p.passing))).toEqual(new Set(['in', 'out', 'broadcast', 'other-host']));
  });

  it('reads ARP requests and replies, and TCP flags, ports and sequence numbers', () => {
    const c = parseTcpdump(read('dnat/host.tcpdump'));
    expect(c.find((p) => p.arp?.op === 'reply')?.arp).toEqual({ op: 'reply', ip: '192.168.0.11', mac: '08:00:27:70:b6:ef' });
    expect(c.find((p) => p.arp?.op === 'request')?.arp).toEqual({ op: 'request', ip: '192.168.0.11', tell: '192.168.0.1' });
    const syn = c.find((p) => p.ip?.tcp?.flags === 'S');
    expect(syn?.ip).toMatchObject({ src: '192.168.0.1', dst: '192.168.0.11', dport: 8080, tcp: { seq: 539791158 } });
    const synAck = c.find((p) => p.ip?.tcp?.flags === 'S.');
    expect(synAck?.ip?.tcp?.ack).toBe(539791159);
  });

  it('passes over what is not a packet: the banner, decoded payloads, garbage', () => {
    expect(parseTcpdump('listening on any, link-type LINUX_SLL2\n\tGET / HTTP/1.1\n\u0000\u0001 binary\n')).toEqual([]);
  });
});

describe('parseNftTrace', () => {
  it('gives each rule the packet its table saw, also in a chain jumped to', () => {
    const dnat = parseNftTrace(read('dnat/host.trace')).find((s) => s.chain === 'DOCKER');
    expect(dnat).toMatchObject({ table: 'nat', rule: expect.stringContaining('dnat to 172.17.0.3:80'), verdict: 'accept', packet: { ipId: 20027, daddr: '192.168.0.11', dport: 8080 } });
  });

  it('finds the drop and its rule', () => {
    const drop = parseNftTrace(read('forward-drop/host.trace')).find((s) => s.verdict === 'drop');
    expect(drop).toMatchObject({ table: 'filter', chain: 'FORWARD', rule: 'iifname "docker0" counter packets 0 bytes 0 drop', packet: { iif: 'docker0', oif: 'eth0' } });
  });
});

describe('parseConntrack', () => {
  it('reads both directions, and tells a rewritten connection from a plain one', () => {
    const t = parseConntrack(read('dnat/host.conntrack'));
    const tcp = t.find((e) => e.proto === 'tcp')!;
    expect(tcp.original).toEqual({ src: '192.168.0.1', dst: '192.168.0.11', sport: 43678, dport: 8080 });
    expect(tcp.reply).toEqual({ src: '172.17.0.3', dst: '192.168.0.1', sport: 80, dport: 43678 });
    expect(isNatted(tcp)).toBe(true);
    expect(isNatted(t.find((e) => e.proto === 'unknown')!)).toBe(false);
  });
});
