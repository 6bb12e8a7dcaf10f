// The neighbour (ARP) table: `ip neigh`, and net-tools / busybox `arp -n` / `arp -a`.
import { nsLabel } from './lab-context.js';
import { after, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface Neighbour {
  line: number;
  ip: string;
  dev?: string;
  mac?: string;
  state?: string; // REACHABLE, STALE, … for ip neigh; C, M, P for arp flags
  router?: boolean;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const IP = /^[0-9a-fA-F.:]+$/;

export function parseIpNeigh(lines: readonly string[]): Neighbour[] {
  const out: Neighbour[] = [];
  lines.forEach((line, i) => {
    const ws = words(line);
    if (ws.length < 3 || !IP.test(ws[0]) || ws[1] !== 'dev') return;
    const last = ws[ws.length - 1];
    out.push({
      line: i, ip: ws[0], dev: ws[2], mac: after(ws, 'lladdr'), router: ws.includes('router'),
      state: /^[A-Z]+$/.test(last) ? last : undefined,
    });
  });
  return out;
}

const STATES: Record<string, string> = {
  REACHABLE: 'REACHABLE: confirmed recently, traffic flows',
  STALE: 'STALE: known but not confirmed lately; it is checked again on next use',
  DELAY: 'DELAY: about to be re-checked',
  PROBE: 'PROBE: being checked with ARP right now',
  INCOMPLETE: 'INCOMPLETE: ARP asked "who has this address?" and no one has answered yet',
  FAILED: 'FAILED: nobody answered ARP: no host with that address is on this link',
  PERMANENT: 'PERMANENT: added by hand, never expires',
  NOARP: 'NOARP: the link needs no address resolution',
};

function who(ctx: Context, mac?: string): string {
  if (!ctx.state || !mac) return '';
  const l = ctx.state.links.find((x) => x.mac?.toLowerCase() === mac.toLowerCase());
  return l ? ` (that is ${l.name} in ${nsLabel(ctx.state, l.ns)})` : '';
}

export function annotateNeighbours(list: Neighbour[], ctx: Context): Annotations {
  const out = new Annotations();
  for (const n of list) {
    if (n.mac) out.add(n.line, `${n.ip} on ${n.dev ?? '?'} has MAC ${n.mac}${who(ctx, n.mac)}: learned with ${n.ip.includes(':') ? 'neighbour discovery' : 'ARP'}.`, 2);
    const s = n.state && STATES[n.state];
    if (s) out.add(n.line, s + '.', n.state === 'FAILED' || n.state === 'INCOMPLETE' ? 3 : 0);
    else if (n.state === 'C' || n.state === 'CM' || n.state === 'M') out.add(n.line, `Flags ${n.state}: C = complete (a valid entry), M = permanent, P = published.`);
    else if (!n.mac) out.add(n.line, `${n.ip}: no MAC known yet: no answer to ARP, no host with that address is on ${n.dev ?? 'this link'}.`, 3);
    if (n.router) out.add(n.line, 'router: this neighbour says it is an IPv6 router.');
  }
  return out;
}

export const ipNeighExplainer: Explainer<Neighbour[]> = {
  id: 'ip-neigh',
  names: ['ip neigh', 'ip neighbour', 'ip n'],
  parse: parseIpNeigh,
  annotate: annotateNeighbours,
};

export function parseArp(lines: readonly string[]): Neighbour[] {
  const out: Neighbour[] = [];
  let columns: string[] | undefined;
  lines.forEach((line, i) => {
    const ws = words(line);
    if (ws.length === 0) return;
    if (ws[0] === 'Address' && ws.includes('HWaddress')) {
      columns = ws;
      return;
    }
    // BSD / busybox style: "? (172.17.0.2) at 02:42:ac:11:00:02 [ether] on docker0"
    const paren = /^\((.+)\)$/.exec(ws[1] ?? '');
    if (paren && ws[2] === 'at') {
      const mac = MAC.test(ws[3] ?? '') ? ws[3] : undefined;
      out.push({ line: i, ip: paren[1], mac, dev: after(ws, 'on'), state: ws.includes('PERM') ? 'PERMANENT' : undefined });
      return;
    }
    if (!columns || !IP.test(ws[0])) return;
    const mac = ws.find((w) => MAC.test(w));
    const flags = ws.find((w, k) => k > 0 && /^[CMP]+$/.test(w));
    out.push({ line: i, ip: ws[0], mac, dev: ws[ws.length - 1], state: mac ? flags : undefined });
  });
  return out;
}

export const arpExplainer: Explainer<Neighbour[]> = {
  id: 'arp',
  names: ['arp -n', 'arp', 'arp -a'],
  parse: parseArp,
  annotate: annotateNeighbours,
};
