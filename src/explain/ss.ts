// `ss -tlnp` and its relatives (`ss -tulnp`, `ss -tan`, without -n): one socket per line,
// columns found by the header. What matters in the lessons: which addresses a port is
// open on, which program holds it (docker-proxy for a published port), and that every
// network namespace has sockets of its own.
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

const STATES: Record<string, string> = {
  ESTAB: 'ESTAB: an open connection',
  'SYN-SENT': 'SYN-SENT: a connection being opened from here, waiting for the other end to answer',
  'SYN-RECV': 'SYN-RECV: a connection being opened from the other end',
  'TIME-WAIT': 'TIME-WAIT: a connection closed from this end, kept for a minute so that its late packets are not taken for a new one',
  'CLOSE-WAIT': 'CLOSE-WAIT: the other end has closed; the program here has not yet',
  'FIN-WAIT-1': 'FIN-WAIT-1: closing, waiting for the other end to acknowledge',
  'FIN-WAIT-2': 'FIN-WAIT-2: closed from this end, waiting for the other end to close too',
  'LAST-ACK': 'LAST-ACK: closing, waiting for the last acknowledgement',
  UNCONN: 'UNCONN: a UDP socket (UDP has no connections); it receives datagrams sent to its address and port',
};

function portText(p: string): string {
  const n = SERVICE_PORTS[p];
  return n ? `${n} (${p}: without -n, ss shows a port by its name in /etc/services)` : p;
}

/** Where a socket is reachable from, by its local address. */
function whereBound(e: SocketEndpoint): string {
  const h = e.host;
  const via = e.iface ? `, and only through ${e.iface} (bound to that interface)` : '';
  if (h === '0.0.0.0') return 'every IPv4 address of this namespace (0.0.0.0)' + via;
  if (h === '*') return 'every address of this namespace (*)' + via;
  if (h === '::') return 'every IPv6 address of this namespace (::), and IPv4 ones too unless the program asked for IPv6 only' + via;
  if (/^127\./.test(h) || h === '::1' || h === 'localhost') return `${h} only: a loopback address, so only programs in this same namespace can connect` + via;
  return `${h} only: connections to the namespace's other addresses are refused` + via;
}

function annotateRow(r: SocketRow, ctx: Context, out: Annotations): void {
  const i = r.line;
  const proto = r.netid && r.netid !== 'tcp' ? r.netid.toUpperCase() : 'TCP';
  const port = portText(r.local.port);
  if (r.state === 'LISTEN') {
    out.add(i, `LISTEN: a program waits for ${proto} connections on port ${port}, on ${whereBound(r.local)}.`, 3);
    if (r.recvQ !== undefined && r.sendQ !== undefined) out.add(i, `Recv-Q ${r.recvQ} / Send-Q ${r.sendQ}: for a listening socket, connections waiting for the program to accept them, and how many may wait (the backlog).`);
  } else {
    const state = STATES[r.state] ?? `${r.state}: the socket's state`;
    const peer = r.peer && r.peer.port !== '*' ? `; the other end is ${r.peer.host}:${portText(r.peer.port)}` : '';
    out.add(i, `${state}. Local end ${r.local.host}:${port}${peer}.`, r.state === 'ESTAB' ? 2 : 1);
    if (r.state !== 'UNCONN' && r.recvQ !== undefined && r.sendQ !== undefined && (r.recvQ > 0 || r.sendQ > 0)) {
      out.add(i, `Recv-Q ${r.recvQ}: bytes received that the program has not read yet; Send-Q ${r.sendQ}: bytes sent that the other end has not acknowledged yet.`, 1);
    }
  }
  for (const p of r.processes) annotateProcess(p, r, ctx, out);
}

function annotateProcess(p: SocketRow['processes'][number], r: SocketRow, ctx: Context, out: Annotations): void {
  const i = r.line;
  const program = p.name.split(' ')[0];
  out.add(i, `users:(("${p.name}",…)): the program holding the socket${p.pid !== undefined ? `, process ${p.pid}` : ''}${p.fd !== undefined ? ` (its file descriptor ${p.fd})` : ''}.`);
  if (program === 'docker-proxy') {
    const port = Number(SERVICE_PORTS[r.local.port] ?? r.local.port);
    const dnat = ctx.state?.nat.find((n) => n.ns === ctx.ns && n.target === 'DNAT' && n.dport === port);
    const ip = dnat?.toDestination?.split(':')[0];
    const c = ip ? ctx.state?.containers.find((x) => x.ip === ip) : undefined;
    const to = dnat?.toDestination ? ` to ${dnat.toDestination}${c ? ` (container ${c.name})` : ''}` : ' to the container';
    out.add(i, `docker-proxy: Docker's userland proxy for a published port (\`docker run -p ${port}:…\`). It forwards connections made to this port${to}; packets from outside are sent there by the DNAT rule in iptables without it.`, 3);
  } else if (program === 'http-server' && p.name.split(' ')[1]) {
    out.add(i, `The small web server that nslab runs in container ${p.name.split(' ')[1]} in place of the image's own.`, 1);
  }
}

export function annotateSs(t: SocketTable, ctx: Context): Annotations {
  const out = new Annotations();
  if (t.headerLine === undefined) return out;
  out.add(t.headerLine, 'One socket per line. Local Address:Port is where it is bound; Peer Address:Port the other end (* = any, for a socket that listens); Process (with -p) the program that holds it.', 0);
  for (const r of t.rows) annotateRow(r, ctx, out);
  if (t.rows.length === 0) {
    const here = ctx.state ? ` (${nsLabel(ctx.state, ctx.ns)})` : '';
    out.add(t.headerLine, `No socket matches here${here}. Each network namespace has its own sockets: a server in a container listens in the container's namespace (\`docker exec NAME ss -tlnp\` shows it), not on the host.`, 3);
  }
  return out;
}

export const ssExplainer: Explainer<SocketTable> = {
  id: 'ss',
  names: ['ss', 'ss -tlnp', 'ss -tln', 'ss -tulnp', 'ss -tan'],
  parse: parseSs,
  annotate: annotateSs,
};
