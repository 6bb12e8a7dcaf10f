// Error messages of ip, brctl, iptables and ping, each with its likely cause, made
// specific by the lab state when there is one. Rules are data: a pattern and a function.
import type { KernelState } from '../kernel/types.js';
import { currentLang, type Lang } from '../i18n/lang.js';
import { explainNetText, type ExplainNetText } from '../i18n/explain-net-text.js';
import { diagnoseNoAnswer } from './diagnose.js';
import { defaultRoute, findLink, linksIn, nsLabel, routesIn, runThere } from './lab-context.js';
import { editDistance, inIpv4Net } from './net.js';
import { innerCommand } from './recognize.js';
import { listedNetnsNames } from '../kernel/query.js';

interface ErrorContext {
  command: string[];
  match: RegExpExecArray;
  state?: KernelState;
  ns: string;
  lang: Lang;
  t: ExplainNetText;
}

interface ErrorRule {
  pattern: RegExp;
  explain(c: ErrorContext): string[];
}

const SUPPORTED_TYPES = ['veth', 'bridge', 'vxlan', 'macvlan', 'macvtap', 'ipvlan', 'dummy', 'vlan', 'bond', 'team', 'gre', 'gretap', 'ipip', 'sit', 'vti', 'wireguard', 'geneve', 'vrf', 'ifb', 'nlmon', 'veth', 'tun', 'tap', 'netkit', 'bareudp', 'ip6tnl', 'ip6gre', 'erspan', 'xfrm', 'can', 'vcan', 'vxcan', 'hsr', 'macsec', 'rmnet', 'virt_wifi', 'ipoib', 'batadv', 'amt', 'gtp'];

function afterWord(ws: string[], key: string): string | undefined {
  const i = ws.indexOf(key);
  return i >= 0 ? ws[i + 1] : undefined;
}

/** The interface a command names: after dev, or the word after `link add/set/del`. */
function deviceOf(ws: string[]): string | undefined {
  const dev = afterWord(ws, 'dev');
  if (dev) return dev;
  const i = ws.findIndex((w) => ['add', 'set', 'del', 'delete', 'show', 'addif', 'delif', 'addbr', 'delbr'].includes(w));
  if (i < 0) return undefined;
  const next = ws[i + 1];
  if (ws.includes('addif') || ws.includes('delif')) return ws[i + 2];
  return next && next !== 'dev' && next !== 'name' ? next : undefined;
}

function where(c: ErrorContext): string {
  return nsLabel(c.state, c.ns, c.t.lang);
}

function names(state: KernelState, ns: string, t: ExplainNetText): string {
  return linksIn(state, ns).map((l) => l.name).join(', ') || t.none;
}

/** Why `ip netns exec NAME` or `ip -n NAME` could not open NAME, in the words of what
 * `ip netns` shows: it lists every /run/netns entry, live or stale, and the snapshot
 * holds the live ones only, so a name missing from them may still be listed, stale. */
function netnsNotOpened(name: string, state: KernelState, t: ExplainNetText): string[] {
  const listed = listedNetnsNames(state);
  const container = state.containers.find((x) => x.name === name);
  const exposedAs = container && state.namespaces.find((n) => n.id === container.ns)?.listed?.[0];
  if (container) {
    return [t.netnsContainer(name, listed), exposedAs ? t.netnsContainerListedAs(name, exposedAs) : t.netnsContainerExpose(name)];
  }
  return [t.notANetns(name), t.liveNetns(listed), t.staleNetns(name), t.createNetns(name)];
}

const RULES: ErrorRule[] = [
  {
    pattern: /Cannot find device "([^"]+)"|Device "([^"]+)" does not exist|(\S+): No such device|can't get info No such device|interface (\S+) does not exist/,
    explain: (c) => {
      const name = c.match[1] ?? c.match[2] ?? c.match[3] ?? c.match[4] ?? deviceOf(c.command) ?? '?';
      const out = [c.t.noSuchInterface(name, where(c))];
      if (!c.state) {
        out.push(c.t.noSuchInterfaceCauses);
        return out;
      }
      const elsewhere = c.state.links.filter((l) => l.name === name && l.ns !== c.ns);
      for (const l of elsewhere) {
        const how = runThere(c.state, l.ns, c.t.lang);
        out.push(c.t.existsElsewhere(name, nsLabel(c.state, l.ns, c.t.lang), how));
      }
      if (elsewhere.length === 0) {
        const close = linksIn(c.state, c.ns).filter((l) => editDistance(l.name, name) <= 2).map((l) => l.name);
        if (close.length) out.push(c.t.didYouMean(close));
        else out.push(c.t.interfacesHere(names(c.state, c.ns, c.t)));
      }
      return out;
    },
  },
  {
    pattern: /Cannot open network namespace "([^"]+)"|Invalid "netns" value|argument "([^"]+)" is wrong: Invalid "netns"/,
    explain: (c) => (c.state ? netnsNotOpened(c.match[1] ?? c.match[2] ?? '?', c.state, c.t) : [c.t.notANetns(c.match[1] ?? c.match[2] ?? '?'), c.t.listNetns]),
  },
  {
    pattern: /Error: argument "([^"]+)" is wrong(?:: (.*))?/,
    explain: (c) => [c.t.unexpectedArgument(c.match[1], c.match[2] || undefined)],
  },
  {
    pattern: /Error: (?:ipv4: )?Address already assigned|RTNETLINK answers: File exists|File exists/,
    explain: (c) => {
      const ws = c.command;
      const obj = ws[1] ?? '';
      if (/Address already assigned/.test(c.match[0]) || (ws[0] === 'ip' && 'address'.startsWith(obj) && ws.includes('add'))) {
        const dev = afterWord(ws, 'dev');
        return [c.t.addressAssigned(dev, c.state ? where(c) : undefined)];
      }
      if (ws[0] === 'ip' && 'route'.startsWith(obj)) {
        const dst = ws[ws.indexOf('add') + 1] ?? ws[ws.indexOf('append') + 1];
        const existing = c.state && (dst === 'default' ? defaultRoute(c.state, c.ns) : routesIn(c.state, c.ns).find((r) => r.dst === dst));
        const shown = existing ? `${existing.dst}${existing.gateway ? ` via ${existing.gateway}` : ''}${existing.dev ? ` dev ${existing.dev}` : ''}` : undefined;
        return [c.t.routeExists(dst, where(c), shown), c.t.routeReplace(dst)];
      }
      if (ws[0] === 'ip' && 'link'.startsWith(obj) && ws.includes('add')) {
        const name = deviceOf(ws);
        const peer = afterWord(ws, 'name');
        const taken = [name, peer].filter((n): n is string => !!n && !!findLink(c.state, c.ns, n));
        return [c.t.linkExists(taken, name, where(c), peer && !taken.length ? peer : undefined)];
      }
      if (ws[0] === 'ip' && ws[1] === 'netns' && ws[2] === 'add') return [c.t.netnsExists(ws[3] ?? '?')];
      return [c.t.alreadyThere];
    },
  },
  {
    pattern: /Network is unreachable|Nexthop has invalid gateway/,
    explain: (c) => {
      const ws = c.command;
      const via = afterWord(ws, 'via');
      if (ws[0] === 'ip' && 'route'.startsWith(ws[1] ?? '') && via) {
        const onLink = c.state ? linksIn(c.state, c.ns).some((l) => l.addresses.some((a) => a.family === 'inet' && inIpv4Net(via, `${a.local}/${a.prefixlen}`))) : undefined;
        return [c.t.gatewayNotNeighbour(via, onLink === false ? where(c) : undefined)];
      }
      if (!c.state) return [c.t.noRouteNoState];
      const routes = routesIn(c.state, c.ns);
      if (!defaultRoute(c.state, c.ns)) {
        return [c.t.noDefaultRoute(where(c), routes.length ? routes.map((r) => r.dst).join(', ') : undefined)];
      }
      return [c.t.noRouteHere];
    },
  },
  {
    pattern: /Device or resource busy/,
    explain: (c) => {
      const ws = c.command;
      const dev = deviceOf(ws);
      if (ws.includes('name') && ws[0] === 'ip') {
        const live = dev ? findLink(c.state, c.ns, dev) : undefined;
        return [c.t.renameWhileUp(dev, !!live?.up)];
      }
      if (ws[1] === 'netns' && (ws[2] === 'delete' || ws[2] === 'del')) return [c.t.netnsInUse];
      return [c.t.deviceBusy(dev)];
    },
  },
  {
    pattern: /bridge (\S+) is still up; can't delete it/,
    explain: (c) => [c.t.bridgeStillUp(c.match[1])],
  },
  {
    pattern: /Operation not permitted|Permission denied/,
    explain: (c) => [c.t.notPermitted, c.state ? c.t.notPermittedInLab : c.t.notPermittedOutside],
  },
  {
    pattern: /Error: Unknown device type\.?|Unknown device type/,
    explain: (c) => {
      const type = afterWord(c.command, 'type');
      if (type && !SUPPORTED_TYPES.includes(type)) {
        const close = SUPPORTED_TYPES.filter((t) => editDistance(t, type) <= 2);
        return [c.t.unknownLinkType(type, close[0])];
      }
      return [c.t.noDriver(type, !!c.state)];
    },
  },
  {
    pattern: /Error: The interface netns is immutable/,
    explain: (c) => [c.t.netnsImmutable],
  },
  {
    pattern: /Error: any valid prefix is expected rather than "([^"]+)"|"([^"]+)" is invalid lladdr|Error: an inet prefix is expected rather than "([^"]+)"/,
    explain: (c) => [c.match[2] ? c.t.invalidMac(c.match[2]) : c.t.invalidAddress(`${c.match[1] ?? c.match[3]}`)],
  },
  {
    pattern: /Command line is not complete/,
    explain: (c) => [c.t.incompleteCommand],
  },
  {
    pattern: /Destination Host Unreachable/,
    explain: (c) => {
      const dest = c.command.find((w) => /^\d+\.\d+\.\d+\.\d+$/.test(w));
      const reasons = c.state && dest ? diagnoseNoAnswer(c.state, c.ns, dest, c.lang) : [];
      return [c.t.arpNoAnswer, ...reasons];
    },
  },
  {
    pattern: /100% packet loss/,
    explain: (c) => {
      const dest = c.command.find((w) => /^\d+\.\d+\.\d+\.\d+$/.test(w));
      const reasons = c.state && dest ? diagnoseNoAnswer(c.state, c.ns, dest, c.lang) : [];
      return [c.t.noReply, ...(reasons.length ? reasons : [c.t.noReplyCauses])];
    },
  },
];

export function explainError(commandLine: string, stderrText: string, opts: { state?: KernelState; ns?: string; lang?: Lang } = {}): string[] {
  try {
    const text = String(stderrText).slice(0, 100_000);
    const command = innerCommand(String(commandLine));
    const lang = opts.lang ?? currentLang();
    for (const rule of RULES) {
      const match = rule.pattern.exec(text);
      if (match) return rule.explain({ command, match, state: opts.state, ns: opts.ns ?? 'host', lang, t: explainNetText(lang) });
    }
    return [];
  } catch {
    return [];
  }
}
