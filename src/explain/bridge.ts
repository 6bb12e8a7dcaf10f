// bridge-utils' `brctl show` and iproute2's `bridge link` / `bridge fdb`.
import { explainIpText } from '../i18n/explain-ip-text.js';
import { findLink, nsLabel, peerOf } from './lab-context.js';
import { describeMac } from './net.js';
import { after, clean, toInt, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';
import { parseHeader } from './ip-addr.js';

export interface BrctlBridge {
  line: number;
  name: string;
  id: string;
  priority?: number;
  mac?: string;
  stp: string;
  /** Ports with the line each was printed on (the first shares the bridge's line). */
  interfaces: { line: number; name: string }[];
}

export interface BrctlShow {
  headerLine?: number;
  bridges: BrctlBridge[];
}

const BRIDGE_ID = /^([0-9a-fA-F]{4})\.([0-9a-fA-F]{12})$/;

export function parseBrctlShow(lines: readonly string[]): BrctlShow {
  const result: BrctlShow = { bridges: [] };
  let current: BrctlBridge | undefined;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const ws = words(line);
    if (ws.length === 0) return;
    if (ws[0] === 'bridge' && ws[1] === 'name') {
      result.headerLine = i;
      return;
    }
    if (ws.length >= 3 && !/^\s/.test(line) && BRIDGE_ID.test(ws[1])) {
      const m = BRIDGE_ID.exec(ws[1])!;
      current = {
        line: i, name: ws[0], id: ws[1], priority: parseInt(m[1], 16), mac: m[2].toLowerCase().match(/../g)!.join(':'),
        stp: ws[2], interfaces: ws[3] ? [{ line: i, name: ws[3] }] : [],
      };
      result.bridges.push(current);
    } else if (/^\s/.test(line) && ws.length === 1 && current) {
      current.interfaces.push({ line: i, name: ws[0] });
    } else current = undefined;
  });
  return result;
}

export function annotateBrctlShow(v: BrctlShow, ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  if (v.headerLine !== undefined) out.add(v.headerLine, t.brHeader);
  for (const b of v.bridges) {
    out.add(b.line, t.brId(b.id, b.id.slice(0, 4), b.priority, b.mac), 1);
    out.add(b.line, b.stp === 'no' ? t.brStpOff : t.brStp(b.stp));
    if (b.interfaces.length === 0) out.add(b.line, t.brNoPorts(b.name), 3);
    for (const p of b.interfaces) {
      const live = findLink(ctx.state, ctx.ns, p.name);
      const peer = ctx.state && live ? peerOf(ctx.state, live) : undefined;
      const behind = peer ? t.brPortPeer(peer.name, nsLabel(ctx.state, peer.ns, ctx.lang)) : /^veth/.test(p.name) ? t.brPortVeth : '';
      out.add(p.line, t.brPort(p.name, b.name, behind), 2);
    }
  }
  return out;
}

export const brctlShowExplainer: Explainer<BrctlShow> = {
  id: 'brctl-show',
  names: ['brctl show'],
  parse: parseBrctlShow,
  annotate: annotateBrctlShow,
};

// --- bridge link -------------------------------------------------------------------

export interface BridgePort {
  line: number;
  ifindex?: number;
  name: string;
  at?: string;
  flags: string[];
  master?: string;
  state?: string;
  priority?: number;
  cost?: number;
}

export function parseBridgeLink(lines: readonly string[]): BridgePort[] {
  const ports: BridgePort[] = [];
  lines.forEach((line, i) => {
    // iproute2 before 4.x printed "5: vethe9a0e73 state UP @(null): <…>"; normalise it first.
    const h = parseHeader(clean(line).replace(/^(\d+: \S+?) state \S+ @\S*?:/, '$1:'), i);
    if (!h) return;
    const ws = words(line);
    ports.push({
      line: i, ifindex: h.ifindex, name: h.name, at: h.at, flags: h.flags, master: h.master,
      state: after(ws, 'state'), priority: toInt(after(ws, 'priority')), cost: toInt(after(ws, 'cost')),
    });
  });
  return ports;
}

export function annotateBridgeLink(ports: BridgePort[], ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  for (const p of ports) {
    const live = findLink(ctx.state, ctx.ns, p.name);
    const peer = ctx.state && live ? peerOf(ctx.state, live) : undefined;
    const other = p.at && /^if\d+$/.test(p.at) ? p.at.slice(2) : undefined;
    out.add(p.line, t.blPort(p.name, p.master, peer?.name, peer ? nsLabel(ctx.state, peer.ns, ctx.lang) : undefined, other), 2);
    if (p.state) out.add(p.line, t.sentence(t.portStates[p.state] ?? t.portStateOther(p.state)), p.state === 'forwarding' ? 0 : 3);
    if (p.priority !== undefined || p.cost !== undefined) out.add(p.line, t.blStp(String(p.priority ?? '?'), String(p.cost ?? '?')));
  }
  return out;
}

export const bridgeLinkExplainer: Explainer<BridgePort[]> = {
  id: 'bridge-link',
  names: ['bridge link', 'bridge link show'],
  parse: parseBridgeLink,
  annotate: annotateBridgeLink,
};

// --- bridge fdb ----------------------------------------------------------------------

export interface FdbEntry {
  line: number;
  mac: string;
  dev?: string;
  master?: string;
  vlan?: number;
  dst?: string;
  self: boolean;
  permanent: boolean;
  isStatic: boolean;
}

export function parseBridgeFdb(lines: readonly string[]): FdbEntry[] {
  const entries: FdbEntry[] = [];
  lines.forEach((line, i) => {
    const ws = words(line);
    if (ws.length < 3 || !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(ws[0]) || !['dev', 'master', 'dst'].includes(ws[1])) return;
    entries.push({
      // Without a dev column (`bridge fdb show dev X`) the entry is X's, which the output does not name.
      line: i, mac: ws[0].toLowerCase(), dev: after(ws, 'dev'), master: after(ws, 'master'), vlan: toInt(after(ws, 'vlan')),
      dst: after(ws, 'dst'), self: ws.includes('self'), permanent: ws.includes('permanent'), isStatic: ws.includes('static'),
    });
  });
  return entries;
}

export function annotateBridgeFdb(entries: FdbEntry[], ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  for (const e of entries) {
    const ownMac = ctx.state?.links.find((l) => l.ns === ctx.ns && l.mac?.toLowerCase() === e.mac);
    if (e.mac.startsWith('33:33:') || e.mac.startsWith('01:00:5e:')) {
      out.add(e.line, t.fdbMulticast(describeMac(e.mac, ctx.lang), e.dev, e.self));
    } else if (e.master && e.permanent) {
      out.add(e.line, t.fdbOwn(e.mac, ownMac?.name, e.dev, e.master), 1);
    } else if (e.master && !e.permanent && !e.isStatic) {
      const who = ctx.state?.links.find((l) => l.mac?.toLowerCase() === e.mac);
      out.add(e.line, t.fdbLearned(e.master, e.mac, who?.name, who ? nsLabel(ctx.state, who.ns, ctx.lang) : undefined, e.dev), 2);
    } else if (e.dst) {
      const remote = e.mac === '00:00:00:00:00:00' ? undefined : remoteContainer(ctx, e.mac);
      out.add(e.line, t.fdbTunnel(e.mac, remote, e.dev, e.dst, e.permanent), 2);
    } else if (e.self) {
      out.add(e.line, t.fdbSelf(e.mac, e.dev));
    } else out.mark(e.line);
    if (e.vlan !== undefined) out.add(e.line, t.fdbVlan(e.vlan));
  }
  return out;
}

/** Whose MAC a VXLAN entry names (c2, on host2), when the lab knows it. */
function remoteContainer(ctx: Context, mac: string): { name: string; host?: string } | undefined {
  const link = ctx.state?.links.find((l) => l.mac?.toLowerCase() === mac && l.ns.startsWith('container:'));
  const c = link ? ctx.state?.containers.find((x) => x.ns === link.ns) : undefined;
  return c ? { name: c.name, ...(c.host ? { host: c.host } : {}) } : undefined;
}

export const bridgeFdbExplainer: Explainer<FdbEntry[]> = {
  id: 'bridge-fdb',
  names: ['bridge fdb', 'bridge fdb show'],
  parse: parseBridgeFdb,
  annotate: annotateBridgeFdb,
};
