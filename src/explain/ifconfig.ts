// net-tools `ifconfig` in both of its formats: the new one (net-tools 2.x, Debian, CentOS 7+:
// "eth0: flags=4163<UP,…>  mtu 1500", "inet 1.2.3.4  netmask …") and the old one
// (CentOS 6, busybox: "eth0  Link encap:Ethernet  HWaddr …", "inet addr:1.2.3.4  Mask:…").
import { explainIpText } from '../i18n/explain-ip-text.js';
import { findLink, nsLabel, peerOf } from './lab-context.js';
import { describeIpv6, describeMac, maskToPrefix } from './net.js';
import { after, clean, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface IfconfigIface {
  line: number;
  name: string;
  flags: string[];
  flagsValue?: number;
  mtu?: number;
  mac?: string;
  macLine?: number;
  inet?: { line: number; address: string; netmask?: string; prefix?: number; broadcast?: string };
  inet6: { line: number; address: string; prefixlen?: number; scope?: string }[];
  counterLines: number[];
  flagsLine?: number;
}

export function parseIfconfig(lines: readonly string[]): { format: 'new' | 'old'; interfaces: IfconfigIface[] } {
  const interfaces: IfconfigIface[] = [];
  let old = 0;
  let current: IfconfigIface | undefined;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const ws = words(line);
    if (ws.length === 0) {
      current = undefined;
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?):? flags=(\d+)<([^>]*)>(?:\s+mtu (\d+))?/.exec(line))) {
      current = { line: i, name: m[1], flagsValue: Number(m[2]), flags: m[3] ? m[3].split(',') : [], mtu: m[4] ? Number(m[4]) : undefined, inet6: [], counterLines: [] };
      interfaces.push(current);
      return;
    }
    if (!/^\s/.test(line) && ws[1] === 'Link' && /^encap:/.test(ws[2] ?? '')) {
      current = { line: i, name: ws[0], flags: [], mac: after(ws, 'HWaddr'), inet6: [], counterLines: [] };
      if (current.mac) current.macLine = i;
      interfaces.push(current);
      old++;
      return;
    }
    if (!current || !/^\s/.test(line)) return;
    if (ws[0] === 'inet' && ws[1]?.startsWith('addr:')) {
      const mask = ws.find((w) => w.startsWith('Mask:'))?.slice(5);
      current.inet = { line: i, address: ws[1].slice(5), netmask: mask, prefix: mask ? maskToPrefix(mask) : undefined, broadcast: ws.find((w) => w.startsWith('Bcast:'))?.slice(6) };
    } else if (ws[0] === 'inet' && ws[1]) {
      const mask = after(ws, 'netmask');
      current.inet = { line: i, address: ws[1], netmask: mask, prefix: mask ? maskToPrefix(mask) : undefined, broadcast: after(ws, 'broadcast') };
    } else if (ws[0] === 'inet6') {
      const spec = ws[1] === 'addr:' ? ws[2] : ws[1];
      if (!spec) return;
      const [address, p] = spec.split('/');
      const scope = /Scope:(\w+)/.exec(line)?.[1] ?? /scopeid \S+<(\w+)>/.exec(line)?.[1];
      const prefixlen = Number(after(ws, 'prefixlen') ?? p);
      current.inet6.push({ line: i, address, prefixlen: Number.isFinite(prefixlen) ? prefixlen : undefined, scope: scope?.toLowerCase() });
    } else if (ws[0] === 'ether' || ws[0] === 'loop' || ws[0] === 'unspec') {
      if (ws[0] === 'ether') current.mac = ws[1];
      current.macLine = i;
    } else if (/^(UP|BROADCAST|LOOPBACK|RUNNING|MULTICAST|POINTOPOINT|NOARP|PROMISC)$/.test(ws[0]) || ws.some((w) => w.startsWith('MTU:'))) {
      current.flags = ws.filter((w) => /^[A-Z]+$/.test(w));
      current.mtu = Number(ws.find((w) => w.startsWith('MTU:'))?.slice(4)) || current.mtu;
      current.flagsLine = i;
    } else if (/^(RX|TX|collisions:|Interrupt:)/.test(ws[0])) current.counterLines.push(i);
  });
  return { format: old > 0 && old >= interfaces.length / 2 ? 'old' : 'new', interfaces };
}

export function annotateIfconfig(v: { format: 'new' | 'old'; interfaces: IfconfigIface[] }, ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  for (const f of v.interfaces) {
    const at = f.flagsLine ?? f.line;
    const up = f.flags.includes('UP');
    const running = f.flags.includes('RUNNING');
    out.mark(f.line);
    if (f.flagsValue !== undefined) out.add(f.line, t.ifcFlagsValue(f.flagsValue));
    if (up && !running && !f.flags.includes('LOOPBACK')) out.add(at, t.ifcNotRunning(f.name), 3);
    else if (!up) out.add(at, t.ifcNotUp(f.name), 2);
    else out.add(at, t.ifcUpRunning);
    const live = findLink(ctx.state, ctx.ns, f.name);
    const peer = ctx.state && live ? peerOf(ctx.state, live) : undefined;
    if (peer) out.add(f.line, t.ifcVeth(f.name, peer.name, nsLabel(ctx.state, peer.ns, ctx.lang)), 3);
    if (live?.master) out.add(f.line, t.ifcPort(f.name, live.master), 2);
    if (f.inet) {
      const a = f.inet;
      out.add(a.line, t.ifcInet(a.address, a.netmask ?? '?', a.prefix, f.name), a.address.startsWith('127.') ? 0 : 2);
      if (a.broadcast === '0.0.0.0') out.add(a.line, t.ifcBroadcastZero, 1);
      else if (a.broadcast) out.add(a.line, t.ifcBroadcast(a.broadcast));
    }
    for (const a of f.inet6) out.add(a.line, t.ifcInet6(a.address, String(a.prefixlen ?? '?'), describeIpv6(a.address, ctx.lang), a.scope));
    if (f.macLine !== undefined) out.add(f.macLine, f.mac ? t.ifcMac(f.mac, describeMac(f.mac, ctx.lang)) : t.ifcLoopback);
    for (const c of f.counterLines) out.add(c, t.ifcCounters);
  }
  return out;
}

export const ifconfigExplainer: Explainer<{ format: 'new' | 'old'; interfaces: IfconfigIface[] }> = {
  id: 'ifconfig',
  names: ['ifconfig', 'ifconfig -a'],
  parse: parseIfconfig,
  annotate: annotateIfconfig,
};
