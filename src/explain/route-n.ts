// `route -n` / `route` / `netstat -rn`: the net-tools routing table, columns found by header.
import { maskToPrefix, parseIpv4 } from './net.js';
import { toInt, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface RouteRow {
  line: number;
  destination: string;
  gateway: string;
  genmask: string;
  prefix?: number;
  flags: string;
  metric?: number;
  iface?: string;
}

export interface RouteTable {
  titleLine?: number;
  headerLine?: number;
  numeric: boolean;
  rows: RouteRow[];
}

export function parseRouteN(lines: readonly string[]): RouteTable {
  const table: RouteTable = { numeric: true, rows: [] };
  let columns: string[] | undefined;
  lines.forEach((line, i) => {
    const ws = words(line);
    if (ws.length === 0) return;
    if (/^Kernel IP routing table/.test(ws.join(' '))) {
      table.titleLine = i;
      return;
    }
    if (ws[0] === 'Destination' && ws.includes('Gateway')) {
      table.headerLine = i;
      columns = ws;
      return;
    }
    if (!columns || ws.length < 4) return;
    const col = (name: string) => {
      const k = columns!.indexOf(name);
      return k >= 0 ? ws[k] : undefined;
    };
    const destination = col('Destination')!;
    const gateway = col('Gateway') ?? '';
    const genmask = col('Genmask') ?? '';
    const flags = col('Flags') ?? '';
    if (!/^[UGHRDMAC!]+$/.test(flags)) return;
    if (parseIpv4(destination) === undefined) table.numeric = false;
    table.rows.push({
      line: i, destination, gateway, genmask, prefix: maskToPrefix(genmask), flags,
      metric: toInt(col('Metric')), iface: col('Iface') ?? ws[ws.length - 1],
    });
  });
  return table;
}

const FLAGS: Record<string, string> = {
  U: 'U = up (the route is in use)',
  G: 'G = via a gateway (router)',
  H: 'H = to a single host, not a network',
  '!': '! = reject: packets to it are refused',
  D: 'D = added by an ICMP redirect',
  M: 'M = modified by an ICMP redirect',
  R: 'R = reinstated',
  C: 'C = a cache entry',
  A: 'A = added by addrconf',
};

function isDefault(r: RouteRow): boolean {
  return (r.destination === '0.0.0.0' || r.destination === 'default') && (r.genmask === '0.0.0.0' || r.prefix === 0);
}

export function annotateRouteN(t: RouteTable, _ctx: Context): Annotations {
  const out = new Annotations();
  if (t.titleLine !== undefined) out.add(t.titleLine, "The kernel's IPv4 routing table (main table): for each packet the most specific matching line decides where it goes.");
  if (t.headerLine !== undefined) out.add(t.headerLine, 'Genmask is the netmask of Destination; Flags U/G/H/!; Metric: lower wins; Ref and Use are not used by Linux.');
  for (const r of t.rows) {
    const i = r.line;
    const noGateway = r.gateway === '0.0.0.0' || r.gateway === '*';
    if (isDefault(r)) {
      out.add(i, `The default route (0.0.0.0 with Genmask 0.0.0.0 = /0, matches everything): packets with no better match go to ${r.gateway} out of ${r.iface}.`, 3);
    } else if (noGateway) {
      out.add(i, `${r.destination}/${r.prefix ?? '?'} (Genmask ${r.genmask}${r.prefix !== undefined ? ` = /${r.prefix}` : ''}) is directly connected: packets to it leave by ${r.iface} with no gateway.`, 2);
    } else {
      out.add(i, `Packets to ${r.destination}/${r.prefix ?? '?'} go to the gateway ${r.gateway} out of ${r.iface}.`, 2);
    }
    const flags = [...r.flags].map((f) => FLAGS[f]).filter(Boolean);
    if (flags.length) out.add(i, `Flags ${r.flags}: ${flags.join('; ')}.`, r.flags.includes('!') ? 2 : 0);
    if (noGateway && !isDefault(r)) out.add(i, `Gateway ${r.gateway} means "none": the destination is on the same link.`);
    if (r.metric !== undefined && r.metric > 0) out.add(i, `Metric ${r.metric}: used to choose between equal routes (lower wins).`);
  }
  const rows = t.rows;
  if (rows.length > 0 && !rows.some(isDefault)) {
    out.add(rows[rows.length - 1].line, 'No default route: only the networks above are reachable; other destinations fail with "Network is unreachable".', 3);
  } else if (rows.length === 0 && t.headerLine !== undefined) {
    out.add(t.headerLine, 'The table is empty: no interface here has an address, so nothing is reachable (not even a neighbour).', 3);
  }
  return out;
}

export const routeNExplainer: Explainer<RouteTable> = {
  id: 'route-n',
  names: ['route -n', 'route', 'netstat -rn'],
  parse: parseRouteN,
  annotate: annotateRouteN,
};
