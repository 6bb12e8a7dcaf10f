// `ip route` / `ip -6 route`: one route per line, "DST [via GW] dev DEV [proto P] [scope S] …".
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

const PROTOS: Record<string, string> = {
  kernel: 'proto kernel: added by the kernel itself when an address was put on the interface',
  boot: 'proto boot: added by hand or by a script (ip route add)',
  static: 'proto static: added by an administrator as a permanent route',
  dhcp: 'proto dhcp: learned from a DHCP server',
  ra: 'proto ra: learned from an IPv6 router advertisement',
};

export function annotateIpRoute(routes: IpRoute[], ctx: Context): Annotations {
  const out = new Annotations();
  for (const r of routes) {
    const i = r.line;
    const v6 = r.dst.includes(':') || (r.via ?? '').includes(':');
    if (r.type && r.type !== 'unicast') {
      const types: Record<string, string> = {
        local: `local ${r.dst}: an address of this host; packets to it are delivered here`,
        broadcast: `broadcast ${r.dst}: a broadcast address of a connected network`,
        unreachable: `unreachable ${r.dst}: packets to it are refused with "Network is unreachable"`,
        blackhole: `blackhole ${r.dst}: packets to it are silently dropped`,
        prohibit: `prohibit ${r.dst}: packets to it are refused as administratively prohibited`,
      };
      out.add(i, (types[r.type] ?? `${r.type} route`) + '.', 1);
    } else if (r.dst === 'default' || r.dst === '0.0.0.0/0' || r.dst === '::/0') {
      out.add(i, `The default route: a packet that matches no more specific line goes to the gateway ${r.via ?? '(none)'}${r.dev ? ` out of ${r.dev}` : ''}.`, 3);
    } else if (r.via) {
      out.add(i, `Packets to ${r.dst} go to the gateway (router) ${r.via}${r.dev ? ` out of ${r.dev}` : ''}.`, 2);
    } else {
      const [addr, p] = r.dst.split('/');
      const prefix = p === undefined ? (v6 ? 128 : 32) : Number(p);
      const what = v6 ? r.dst : describeIpv4Net(addr, prefix);
      out.add(i, `Directly connected: hosts in ${what} are reached ${r.dev ? `on ${r.dev} ` : ''}without a gateway (the kernel asks for their MAC with ${v6 ? 'neighbour discovery' : 'ARP'}).`, 2);
      if (v6 && /^fe80::\/64$/.test(r.dst)) out.add(i, `fe80::/64: ${describeIpv6('fe80::1').replace(/^an /, 'the ')}; every IPv6 interface has this route.`);
    }
    if (r.proto) out.add(i, (PROTOS[r.proto] ?? `proto ${r.proto}: who added the route`) + '.');
    if (r.scope) out.add(i, r.scope === 'link' ? 'scope link: the destination is on the link itself, no router in between.' : r.scope === 'host' ? 'scope host: the destination is this host.' : `scope ${r.scope}.`);
    if (r.src) out.add(i, `src ${r.src}: the source address this host uses when it sends by this route.`);
    if (r.metric !== undefined) out.add(i, `metric ${r.metric}: the cost; when two routes match equally, the lower metric wins.`);
    if (r.flags.includes('linkdown')) out.add(i, `linkdown: ${r.dev ?? 'the interface'} has no carrier, so this route is not usable now.`, 3);
    if (r.flags.includes('onlink')) out.add(i, 'onlink: the gateway is taken as directly reachable even though no address here covers it.');
    if (r.table && r.table !== 'main') out.add(i, `table ${r.table}: this route is in the ${r.table} table, not the main one.`);
    if (v6 && r.dst !== 'default' && !/^fe80/.test(r.dst)) out.add(i, 'pref: IPv6 router preference (medium is the normal value).');
  }
  const isV4 = routes.length > 0 && routes.every((r) => !r.dst.includes(':'));
  if (isV4 && !routes.some((r) => r.dst === 'default' || r.dst === '0.0.0.0/0') && routes.length > 0) {
    out.add(routes[routes.length - 1].line, `There is no default route${ctx.state ? ' in this namespace' : ''}: only the networks listed are reachable; anything else fails with "Network is unreachable".`, 3);
  }
  return out;
}

export const ipRouteExplainer: Explainer<IpRoute[]> = {
  id: 'ip-route',
  names: ['ip route', 'ip r', 'ip route show', 'ip -6 route'],
  parse: parseIpRoute,
  annotate: annotateIpRoute,
};
