// `ip route` / `ip -6 route`: one route per line, "DST [via GW] dev DEV [proto P] [scope S] …".
import { explainIpText } from '../i18n/explain-ip-text.js';
import { describeIpv4Net, describeIpv6 } from './net.js';
import { after, toInt, words } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface IpRoute {
  line: number;
  type?: string; // local, broadcast, unreachable, blackhole, prohibit, …
  dst: string;
  via?: string;
  dev?: string;
  proto?: string;
  scope?: string;
  src?: string;
  metric?: number;
  table?: string;
  flags: string[]; // linkdown, onlink, dead
}

const TYPES = new Set(['unicast', 'local', 'broadcast', 'unreachable', 'blackhole', 'prohibit', 'throw', 'multicast', 'anycast', 'nat']);
const DST = /^(default|[0-9a-fA-F.:]+(\/\d{1,3})?)$/;

export function parseIpRoute(lines: readonly string[]): IpRoute[] {
  const routes: IpRoute[] = [];
  lines.forEach((line, i) => {
    let ws = words(line);
    if (ws.length < 2 || /^\s/.test(line)) return;
    let type: string | undefined;
    if (TYPES.has(ws[0])) {
      type = ws[0];
      ws = ws.slice(1);
    }
    if (!ws[0] || !DST.test(ws[0])) return;
    if (!ws.some((w) => w === 'dev' || w === 'via') && !type) return;
    routes.push({
      line: i,
      type,
      dst: ws[0],
      via: after(ws, 'via'),
      dev: after(ws, 'dev'),
      proto: after(ws, 'proto'),
      scope: after(ws, 'scope'),
      src: after(ws, 'src'),
      metric: toInt(after(ws, 'metric')),
      table: after(ws, 'table'),
      flags: ws.filter((w) => w === 'linkdown' || w === 'onlink' || w === 'dead'),
    });
  });
  return routes;
}

export function annotateIpRoute(routes: IpRoute[], ctx: Context): Annotations {
  const t = explainIpText(ctx.lang);
  const out = new Annotations();
  for (const r of routes) {
    const i = r.line;
    const v6 = r.dst.includes(':') || (r.via ?? '').includes(':');
    if (r.type && r.type !== 'unicast') {
      out.add(i, t.sentence(t.routeTypes(r.type, r.dst) ?? t.routeTypeOther(r.type)), 1);
    } else if (r.dst === 'default' || r.dst === '0.0.0.0/0' || r.dst === '::/0') {
      out.add(i, t.routeDefault(r.via, r.dev), 3);
    } else if (r.via) {
      out.add(i, t.routeVia(r.dst, r.via, r.dev), 2);
    } else {
      const [addr, p] = r.dst.split('/');
      const prefix = p === undefined ? (v6 ? 128 : 32) : Number(p);
      const what = v6 ? r.dst : describeIpv4Net(addr, prefix, ctx.lang);
      out.add(i, t.routeConnected(what, r.dev, v6), 2);
      if (v6 && /^fe80::\/64$/.test(r.dst)) out.add(i, t.routeFe80(describeIpv6('fe80::1', ctx.lang)));
    }
    if (r.proto) out.add(i, t.sentence(t.protos[r.proto] ?? t.protoOther(r.proto)));
    if (r.scope) out.add(i, r.scope === 'link' ? t.scopeLink : r.scope === 'host' ? t.scopeHost : t.routeScopeOther(r.scope));
    if (r.src) out.add(i, t.routeSrc(r.src));
    if (r.metric !== undefined) out.add(i, t.routeMetric(r.metric));
    if (r.flags.includes('linkdown')) out.add(i, t.linkdown(r.dev), 3);
    if (r.flags.includes('onlink')) out.add(i, t.onlink);
    if (r.table && r.table !== 'main') out.add(i, t.table(r.table));
    if (v6 && r.dst !== 'default' && !/^fe80/.test(r.dst)) out.add(i, t.pref);
  }
  const isV4 = routes.length > 0 && routes.every((r) => !r.dst.includes(':'));
  if (isV4 && !routes.some((r) => r.dst === 'default' || r.dst === '0.0.0.0/0') && routes.length > 0) {
    out.add(routes[routes.length - 1].line, t.noDefaultRoute(ctx.state !== undefined), 3);
  }
  return out;
}

export const ipRouteExplainer: Explainer<IpRoute[]> = {
  id: 'ip-route',
  names: ['ip route', 'ip r', 'ip route show', 'ip -6 route'],
  parse: parseIpRoute,
  annotate: annotateIpRoute,
};
