// `ip -j route show table all` → Route[].
import type { Route } from './types.js';
import { num, parseJsonArray, str, strings } from './json.js';

// ip omits "table" for the main table in `table all` output, and prints a host route
// without its /32 (or /128). Both are made explicit so checks compare plain strings.
function normalizeDst(dst: string, family: 'inet' | 'inet6'): string {
  if (dst === 'default' || dst.includes('/')) return dst;
  return `${dst}/${family === 'inet6' ? 128 : 32}`;
}

function familyOf(raw: Record<string, unknown>): 'inet' | 'inet6' {
  for (const key of ['dst', 'gateway', 'prefsrc'] as const) {
    const v = str(raw[key]);
    if (v && v !== 'default' && v.includes(':')) return 'inet6';
  }
  // The kernel attaches a router preference to every IPv6 route and to no IPv4 one, so
  // it tells the family of `default` routes that have no gateway to look at.
  return raw.pref !== undefined ? 'inet6' : 'inet';
}

/** Routes of one namespace. */
export function parseIpRoute(json: string, ns: string): Route[] {
  const routes: Route[] = [];
  for (const raw of parseJsonArray(json, 'ip -j route show table all')) {
    const dst = str(raw.dst);
    if (!dst) continue;
    const family = familyOf(raw);
    const route: Route = { ns, dst: normalizeDst(dst, family), table: str(raw.table) ?? 'main', family };
    const gateway = str(raw.gateway);
    if (gateway) route.gateway = gateway;
    const dev = str(raw.dev);
    if (dev) route.dev = dev;
    const protocol = str(raw.protocol);
    if (protocol) route.protocol = protocol;
    const scope = str(raw.scope);
    if (scope) route.scope = scope;
    const metric = num(raw.metric);
    if (metric !== undefined) route.metric = metric;
    route.type = str(raw.type) ?? 'unicast';
    const prefsrc = str(raw.prefsrc);
    if (prefsrc) route.prefsrc = prefsrc;
    const flags = strings(raw.flags);
    if (flags.length) route.flags = flags;
    routes.push(route);
  }
  return routes;
}
