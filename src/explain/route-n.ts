// `route -n` / `route` / `netstat -rn`: the net-tools routing table, columns found by header.
// Without -n, route prints names where it finds them: `default`, networks named in
// /etc/networks (`link-local`), gateways by host name (`_gateway`, from systemd).
import { explainIpText, type ExplainIpText } from '../i18n/explain-ip-text.js';
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

function isDefault(r: RouteRow): boolean {
  return r.network === '0.0.0.0' && (r.genmask === '0.0.0.0' || r.prefix === 0);
}

const isNumber = (s: string) => parseIpv4(s) !== undefined;

/** What a name in the Destination or Gateway column stands for. */
function nameNotes(r: RouteRow, ctx: Context, t: ExplainIpText): string[] {
  const notes: string[] = [];
  if (r.destination === 'link-local') notes.push(t.rnLinkLocal);
  else if (r.destination === 'loopback') notes.push(t.rnLoopback);
  else if (r.destination !== 'default' && !isNumber(r.destination)) notes.push(t.rnNamed(r.destination, r.flags.includes('H')));
  if (r.gateway !== '*' && !isNumber(r.gateway)) {
    const gw = ctx.state && isDefault(r) ? defaultRoute(ctx.state, ctx.ns)?.gateway : undefined;
    notes.push(r.gateway === '_gateway' ? t.rnGatewaySystemd(gw) : t.rnGatewayNamed(r.gateway, gw));
  }
  return notes;
}

export function annotateRouteN(tbl: RouteTable, ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  if (tbl.titleLine !== undefined) out.add(tbl.titleLine, t.rnTitle);
  if (tbl.headerLine !== undefined) out.add(tbl.headerLine, t.rnHeader);
  const named = tbl.rows.some((r) => !isNumber(r.destination) || (r.gateway !== '*' && !isNumber(r.gateway)));
  if (named && tbl.titleLine !== undefined) out.add(tbl.titleLine, t.rnNames, 1);
  for (const r of tbl.rows) {
    const i = r.line;
    const noGateway = r.gateway === '0.0.0.0' || r.gateway === '*';
    const dest = r.network ?? r.destination;
    if (isDefault(r)) {
      out.add(i, t.rnDefault(r.destination === 'default', r.gateway, r.iface), 3);
    } else if (noGateway) {
      out.add(i, t.rnConnected(dest, String(r.prefix ?? '?'), r.genmask, r.prefix, r.iface), 2);
    } else {
      out.add(i, t.rnVia(dest, String(r.prefix ?? '?'), r.gateway, r.iface), 2);
    }
    for (const n of nameNotes(r, ctx, t)) out.add(i, n, 1);
    const flags = [...r.flags].map((f) => t.routeFlags[f]).filter(Boolean);
    if (flags.length) out.add(i, t.rnFlags(r.flags, flags), r.flags.includes('!') ? 2 : 0);
    if (noGateway && !isDefault(r)) out.add(i, t.rnNoGateway(r.gateway));
    if (r.metric !== undefined && r.metric > 0) out.add(i, t.rnMetric(r.metric));
  }
  const rows = tbl.rows;
  if (rows.length > 0 && !rows.some(isDefault)) {
    out.add(rows[rows.length - 1].line, t.rnNoDefault, 3);
  } else if (rows.length === 0 && tbl.headerLine !== undefined) {
    out.add(tbl.headerLine, t.rnEmpty, 3);
  }
  return out;
}

export const routeNExplainer: Explainer<RouteTable> = {
  id: 'route-n',
  names: ['route -n', 'route', 'netstat -rn'],
  parse: parseRouteN,
  annotate: annotateRouteN,
};
