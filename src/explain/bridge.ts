// bridge-utils' `brctl show` and iproute2's `bridge link` / `bridge fdb`.
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
  const out = new Annotations();
  if (v.headerLine !== undefined) out.add(v.headerLine, 'One bridge per line; a bridge with several ports lists the extra ones alone on the lines below it.');
  for (const b of v.bridges) {
    const hex = b.id.slice(0, 4);
    out.add(b.line, `bridge id ${b.id} = priority ${hex} hex (${b.priority}) + the bridge's MAC ${b.mac}; STP uses it to elect a root bridge (lowest wins).`, 1);
    out.add(b.line, b.stp === 'no' ? 'STP enabled no: the spanning tree protocol is off, normal for a bridge with no loops (Docker turns it off).' : `STP enabled ${b.stp}: the spanning tree protocol ${b.stp === 'yes' ? 'is on: ports wait through listening/learning before forwarding' : 'setting'}.`);
    if (b.interfaces.length === 0) out.add(b.line, `${b.name} has no interfaces plugged in yet${b.name === 'docker0' ? ': no container is running on it' : ''}; \`ip a\` shows it as NO-CARRIER.`, 3);
    for (const p of b.interfaces) {
      const live = findLink(ctx.state, ctx.ns, p.name);
      const peer = ctx.state && live ? peerOf(ctx.state, live) : undefined;
      const behind = peer ? ` Its veth peer is ${peer.name} in ${nsLabel(ctx.state, peer.ns)}.` : /^veth/.test(p.name) ? ' A veth: its other end is usually a container\'s eth0.' : '';
      out.add(p.line, `${p.name} is a port of ${b.name}.${behind}`, 2);
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

const PORT_STATES: Record<string, string> = {
  forwarding: 'state forwarding: the port passes frames and learns MAC addresses',
  disabled: 'state disabled: the port passes nothing, usually because the interface (or its veth peer) is down',
  blocking: 'state blocking: STP blocks this port to break a loop',
  listening: 'state listening: STP is starting the port; it does not forward yet',
  learning: 'state learning: STP is learning MACs on this port before forwarding',
};

export function annotateBridgeLink(ports: BridgePort[], ctx: Context): Annotations {
  const out = new Annotations();
  for (const p of ports) {
    const live = findLink(ctx.state, ctx.ns, p.name);
    const peer = ctx.state && live ? peerOf(ctx.state, live) : undefined;
    out.add(p.line, `${p.name} is a port of the bridge ${p.master ?? '(none shown)'}${peer ? `; its veth peer is ${peer.name} in ${nsLabel(ctx.state, peer.ns)}` : p.at && /^if\d+$/.test(p.at) ? `; its peer is interface ${p.at.slice(2)} in another namespace` : ''}.`, 2);
    if (p.state) out.add(p.line, (PORT_STATES[p.state] ?? `state ${p.state}`) + '.', p.state === 'forwarding' ? 0 : 3);
    if (p.priority !== undefined || p.cost !== undefined) out.add(p.line, `priority ${p.priority ?? '?'} and cost ${p.cost ?? '?'}: the port's STP settings (cost 2 is a 10 Gbit/s link, the default for veth).`);
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
  const out = new Annotations();
  for (const entry of entries) {
    const e = { ...entry, dev: entry.dev ?? 'the device asked about' };
    const kind = describeMac(e.mac);
    const ownMac = ctx.state?.links.find((l) => l.ns === ctx.ns && l.mac?.toLowerCase() === e.mac);
    if (e.mac.startsWith('33:33:') || e.mac.startsWith('01:00:5e:')) {
      out.add(e.line, `${kind}: ${e.dev} accepts frames sent to this multicast group${e.self ? ' (an entry of the device itself, not of a bridge)' : ''}.`);
    } else if (e.master && e.permanent) {
      out.add(e.line, `${e.mac} is ${ownMac ? `the MAC of ${ownMac.name}` : `the own MAC of ${e.dev}`}: ${e.master} keeps it permanently so that frames to it are delivered to this host.`, 1);
    } else if (e.master && !e.permanent && !e.isStatic) {
      const who = ctx.state?.links.find((l) => l.mac?.toLowerCase() === e.mac);
      out.add(e.line, `Learned: ${e.master} saw frames from ${e.mac}${who ? ` (${who.name} in ${nsLabel(ctx.state, who.ns)})` : ''} arrive on ${e.dev}, so frames to that MAC go out of ${e.dev} only. Learned entries expire after 5 minutes without traffic.`, 2);
    } else if (e.dst) {
      const remote = e.mac === '00:00:00:00:00:00' ? '' : remoteContainer(ctx, e.mac);
      out.add(e.line, `${e.mac}${remote} on ${e.dev}: frames to it are tunnelled to the remote host ${e.dst}${e.mac === '00:00:00:00:00:00' ? ' (all-zero MAC: the default destination for unknown and broadcast frames)' : ''}${e.permanent ? '; permanent: written by software (an overlay\'s control plane), not learnt from traffic' : ''}.`, 2);
    } else if (e.self) {
      out.add(e.line, `${e.mac}: an address ${e.dev} itself accepts (self: the device's own table, not a bridge's).`);
    } else out.mark(e.line);
    if (e.vlan !== undefined) out.add(e.line, `vlan ${e.vlan}: the entry applies to VLAN ${e.vlan} on the bridge.`);
  }
  return out;
}

/** " (c2, on host2)": whose MAC a VXLAN entry names, when the lab knows it. */
function remoteContainer(ctx: Context, mac: string): string {
  const link = ctx.state?.links.find((l) => l.mac?.toLowerCase() === mac && l.ns.startsWith('container:'));
  const c = link ? ctx.state?.containers.find((x) => x.ns === link.ns) : undefined;
  return c ? ` (${c.name}${c.host ? `, on ${c.host}` : ''})` : '';
}

export const bridgeFdbExplainer: Explainer<FdbEntry[]> = {
  id: 'bridge-fdb',
  names: ['bridge fdb', 'bridge fdb show'],
  parse: parseBridgeFdb,
  annotate: annotateBridgeFdb,
};
