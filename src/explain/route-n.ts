// `route -n` / `route` / `netstat -rn`: the net-tools routing table, columns found by header.
// Without -n, route prints names where it finds them: `default`, networks named in
// /etc/networks (`link-local`), gateways by host name (`_gateway`, from systemd).
import { defaultRoute } from './lab-context.js';
import { maskToPrefix, parseIpv4 } from './net.js';
import { toInt, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface RouteRow {
  line: number;
  /** As printed: a number, `default`, or a network name (`link-local`). */
  destination: string;
  /** The destination as a number, when the printed name is one every system has. */
  network?: string;
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
      line: i, destination, network: NETWORK_NAMES[destination] ?? (parseIpv4(destination) !== undefined ? destination : undefined), gateway, genmask, prefix: maskToPrefix(genmask), flags,
      metric: toInt(col('Metric')), iface: col('Iface') ?? ws[ws.length - 1],
    });
  });
  return table;
}

/** The names that /etc/networks gives on every distribution (and `default`, route's own). */
const NETWORK_NAMES: Record<string, string> = { default: '0.0.0.0', 'link-local': '169.254.0.0', loopback: '127.0.0.0' };

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
  return r.network === '0.0.0.0' && (r.genmask === '0.0.0.0' || r.prefix === 0);
}

const isNumber = (s: string) => parseIpv4(s) !== undefined;

/** What a name in the Destination or Gateway column stands for. */
function nameNotes(r: RouteRow, ctx: Context): string[] {
  const notes: string[] = [];
  if (r.destination === 'link-local') notes.push('link-local is 169.254.0.0, so named in /etc/networks: the IPv4 link-local range (169.254.0.0/16), which hosts use when they have no address from DHCP; NetworkManager adds this route on many systems.');
  else if (r.destination === 'loopback') notes.push('loopback is 127.0.0.0, so named in /etc/networks.');
  else if (r.destination !== 'default' && !isNumber(r.destination)) {
    notes.push(`${r.destination}: a name that route found for this ${r.flags.includes('H') ? 'host' : 'network'} (in ${r.flags.includes('H') ? '/etc/hosts or DNS' : '/etc/networks'}); \`route -n\` shows the number.`);
  }
  if (r.gateway !== '*' && !isNumber(r.gateway)) {
    const gw = ctx.state && isDefault(r) ? defaultRoute(ctx.state, ctx.ns)?.gateway : undefined;
    const here = gw ? ` (here ${gw})` : '';
    notes.push(r.gateway === '_gateway'
      ? `_gateway: the name systemd (nss-myhostname) gives the current default gateway${here}; \`route -n\` shows its address.`
      : `${r.gateway}: the gateway's host name, looked up in /etc/hosts or DNS${here}; \`route -n\` shows its address.`);
  }
  return notes;
}

export function annotateRouteN(t: RouteTable, ctx: Context): Annotations {
  const out = new Annotations();
  if (t.titleLine !== undefined) out.add(t.titleLine, "The kernel's IPv4 routing table (main table): for each packet the most specific matching line decides where it goes.");
  if (t.headerLine !== undefined) out.add(t.headerLine, 'Genmask is the netmask of Destination; Flags U/G/H/!; Metric: lower wins; Ref and Use are not used by Linux.');
  const named = t.rows.some((r) => !isNumber(r.destination) || (r.gateway !== '*' && !isNumber(r.gateway)));
  if (named && t.titleLine !== undefined) out.add(t.titleLine, 'Without -n, route shows names where it finds them (default, names from /etc/networks, gateways by host name) and may wait on DNS to do so; `route -n` shows only numbers.', 1);
  for (const r of t.rows) {
    const i = r.line;
    const noGateway = r.gateway === '0.0.0.0' || r.gateway === '*';
    const dest = r.network ?? r.destination;
    if (isDefault(r)) {
      const shown = r.destination === 'default' ? 'default, that is 0.0.0.0' : '0.0.0.0';
      out.add(i, `The default route (${shown} with Genmask 0.0.0.0 = /0, matches everything): packets with no better match go to ${r.gateway} out of ${r.iface}.`, 3);
    } else if (noGateway) {
      out.add(i, `${dest}/${r.prefix ?? '?'} (Genmask ${r.genmask}${r.prefix !== undefined ? ` = /${r.prefix}` : ''}) is directly connected: packets to it leave by ${r.iface} with no gateway.`, 2);
    } else {
      out.add(i, `Packets to ${dest}/${r.prefix ?? '?'} go to the gateway ${r.gateway} out of ${r.iface}.`, 2);
    }
    for (const n of nameNotes(r, ctx)) out.add(i, n, 1);
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
