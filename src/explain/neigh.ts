// The neighbour (ARP) table: `ip neigh`, and net-tools / busybox `arp -n` / `arp -a`.
import { explainIpText, type ExplainIpText } from '../i18n/explain-ip-text.js';
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

function who(ctx: Context, t: ExplainIpText, mac?: string): string {
  if (!ctx.state || !mac) return '';
  const l = ctx.state.links.find((x) => x.mac?.toLowerCase() === mac.toLowerCase());
  return l ? t.neighThatIs(l.name, nsLabel(ctx.state, l.ns, ctx.lang)) : '';
}

export function annotateNeighbours(list: Neighbour[], ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  for (const n of list) {
    if (n.mac) out.add(n.line, t.neighMac(n.ip, n.dev ?? '?', n.mac, who(ctx, t, n.mac), n.ip.includes(':')), 2);
    const s = n.state && t.neighStates[n.state];
    if (s) out.add(n.line, t.sentence(s), n.state === 'FAILED' || n.state === 'INCOMPLETE' ? 3 : 0);
    else if (n.state === 'C' || n.state === 'CM' || n.state === 'M') out.add(n.line, t.neighArpFlags(n.state));
    else if (!n.mac) out.add(n.line, t.neighNoMac(n.ip, n.dev), 3);
    if (n.router) out.add(n.line, t.neighRouter);
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
