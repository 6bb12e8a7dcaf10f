// `ss -tlnp` and its relatives (`ss -tulnp`, `ss -tan`, without -n): one socket per line,
// columns found by the header. What matters in the lessons: which addresses a port is
// open on, which program holds it (docker-proxy for a published port), and that every
// network namespace has sockets of its own.
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText, type ExplainNetText } from '../i18n/explain-net-text.js';
import { nsLabel } from './lab-context.js';
import { SERVICE_PORTS } from './iptables.js';
import { clean, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface SocketEndpoint {
  /** As printed, without brackets: 0.0.0.0, *, ::, 127.0.0.53, a host name. */
  host: string;
  /** `%lo` in `127.0.0.53%lo:53`: bound to that interface. */
  iface?: string;
  /** A number, `*`, or a service name when -n was not given (`http-alt`). */
  port: string;
}

export interface SocketRow {
  line: number;
  netid?: string;
  state: string;
  recvQ?: number;
  sendQ?: number;
  local: SocketEndpoint;
  peer?: SocketEndpoint;
  /** From -p: `users:(("docker-proxy -p",pid=35,fd=3))`. */
  processes: { name: string; pid?: number; fd?: number }[];
}

export interface SocketTable {
  headerLine?: number;
  rows: SocketRow[];
}

const HEADER = /^(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local Address:Port\s+Peer Address:Port/;

export function parseEndpoint(s: string): SocketEndpoint | undefined {
  const colon = s.lastIndexOf(':');
  if (colon <= 0) return undefined;
  let host = s.slice(0, colon);
  const port = s.slice(colon + 1);
  if (port === '') return undefined;
  let iface: string | undefined;
  const pct = host.lastIndexOf('%');
  if (pct > 0) {
    iface = host.slice(pct + 1);
    host = host.slice(0, pct);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, iface, port };
}

function parseProcesses(text: string): SocketRow['processes'] {
  const out: SocketRow['processes'] = [];
  const re = /\("([^"]*)",(?:pid=(\d+))?,?(?:fd=(\d+))?\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ name: m[1], pid: m[2] ? Number(m[2]) : undefined, fd: m[3] ? Number(m[3]) : undefined });
  return out;
}

export function parseSs(lines: readonly string[]): SocketTable {
  const table: SocketTable = { rows: [] };
  let netidColumn = false;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const header = HEADER.exec(line.trim());
    if (header) {
      table.headerLine = i;
      netidColumn = header[1] !== undefined;
      return;
    }
    if (table.headerLine === undefined) return;
    const ws = words(line);
    const k = netidColumn ? 1 : 0;
    if (ws.length < k + 5) return;
    const local = parseEndpoint(ws[k + 3]);
    if (!local) return;
    table.rows.push({
      line: i,
      netid: netidColumn ? ws[0] : undefined,
      state: ws[k],
      recvQ: /^\d+$/.test(ws[k + 1]) ? Number(ws[k + 1]) : undefined,
      sendQ: /^\d+$/.test(ws[k + 2]) ? Number(ws[k + 2]) : undefined,
      local,
      peer: parseEndpoint(ws[k + 4]),
      processes: parseProcesses(ws.slice(k + 5).join(' ')),
    });
  });
  return table;
}

function portText(p: string, t: ExplainNetText): string {
  const n = SERVICE_PORTS[p];
  return n ? t.portByName(n, p) : p;
}

/** Where a socket is reachable from, by its local address. */
function whereBound(e: SocketEndpoint, t: ExplainNetText): string {
  const h = e.host;
  const via = e.iface ? t.boundVia(e.iface) : '';
  if (h === '0.0.0.0') return t.boundEveryIpv4(via);
  if (h === '*') return t.boundEvery(via);
  if (h === '::') return t.boundEveryIpv6(via);
  if (/^127\./.test(h) || h === '::1' || h === 'localhost') return t.boundLoopback(h, via);
  return t.boundOnly(h, via);
}

function annotateRow(r: SocketRow, ctx: Context, out: Annotations, t: ExplainNetText): void {
  const i = r.line;
  const proto = r.netid && r.netid !== 'tcp' ? r.netid.toUpperCase() : 'TCP';
  const port = portText(r.local.port, t);
  if (r.state === 'LISTEN') {
    out.add(i, t.listening(proto, port, whereBound(r.local, t)), 3);
    if (r.recvQ !== undefined && r.sendQ !== undefined) out.add(i, t.listenQueues(r.recvQ, r.sendQ));
  } else {
    const state = t.socketStates[r.state] ?? t.socketState(r.state);
    const peer = r.peer && r.peer.port !== '*' ? t.peerEnd(r.peer.host, portText(r.peer.port, t)) : '';
    out.add(i, t.socketLine(state, r.local.host, port, peer), r.state === 'ESTAB' ? 2 : 1);
    if (r.state !== 'UNCONN' && r.recvQ !== undefined && r.sendQ !== undefined && (r.recvQ > 0 || r.sendQ > 0)) {
      out.add(i, t.connQueues(r.recvQ, r.sendQ), 1);
    }
  }
  for (const p of r.processes) annotateProcess(p, r, ctx, out, t);
}

function annotateProcess(p: SocketRow['processes'][number], r: SocketRow, ctx: Context, out: Annotations, t: ExplainNetText): void {
  const i = r.line;
  const program = p.name.split(' ')[0];
  out.add(i, t.socketUsers(p.name, p.pid, p.fd));
  if (program === 'docker-proxy') {
    const port = Number(SERVICE_PORTS[r.local.port] ?? r.local.port);
    const dnat = ctx.state?.nat.find((n) => n.ns === ctx.ns && n.target === 'DNAT' && n.dport === port);
    const ip = dnat?.toDestination?.split(':')[0];
    const c = ip ? ctx.state?.containers.find((x) => x.ip === ip) : undefined;
    const to = dnat?.toDestination ? t.proxyTo(dnat.toDestination, c?.name) : t.proxyToContainer;
    out.add(i, t.dockerProxy(port, to), 3);
  } else if (program === 'http-server' && p.name.split(' ')[1]) {
    out.add(i, t.nslabServer(p.name.split(' ')[1]), 1);
  }
}

export function annotateSs(table: SocketTable, ctx: Context, lang: Lang = currentLang()): Annotations {
  const t = explainNetText(lang);
  const out = new Annotations();
  if (table.headerLine === undefined) return out;
  out.add(table.headerLine, t.ssHeader, 0);
  for (const r of table.rows) annotateRow(r, ctx, out, t);
  if (table.rows.length === 0) {
    out.add(table.headerLine, t.noSocket(ctx.state ? nsLabel(ctx.state, ctx.ns, t.lang) : undefined), 3);
  }
  return out;
}

export const ssExplainer: Explainer<SocketTable> = {
  id: 'ss',
  names: ['ss', 'ss -tlnp', 'ss -tln', 'ss -tulnp', 'ss -tan'],
  parse: parseSs,
  annotate: annotateSs,
};
