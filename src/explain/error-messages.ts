// Error messages of ip, brctl, iptables and ping, each with its likely cause, made
// specific by the lab state when there is one. Rules are data: a pattern and a function.
import type { KernelState } from '../kernel/types.js';
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
  return nsLabel(c.state, c.ns);
}

function names(state: KernelState, ns: string): string {
  return linksIn(state, ns).map((l) => l.name).join(', ') || '(none)';
}

/** Why `ip netns exec NAME` or `ip -n NAME` could not open NAME, in the words of what
 * `ip netns` shows: it lists every /run/netns entry, live or stale, and the snapshot
 * holds the live ones only, so a name missing from them may still be listed, stale. */
function netnsNotOpened(name: string, state: KernelState): string[] {
  const listed = listedNetnsNames(state);
  const container = state.containers.find((x) => x.name === name);
  const exposedAs = container && state.namespaces.find((n) => n.id === container.ns)?.listed?.[0];
  if (container) {
    return [
      `${name} is a container, and \`ip netns\` knows only the names in /run/netns${listed.length ? ` (now: ${listed.join(', ')})` : ''}.`,
      exposedAs
        ? `Its namespace is listed as ${exposedAs}: \`ip netns exec ${exposedAs} …\`, or \`docker exec ${name} …\`.`
        : `Use \`docker exec ${name} …\`, or expose its namespace first: \`ln -s /proc/$(docker inspect -f '{{.State.Pid}}' ${name})/ns/net /run/netns/NAME\`.`,
    ];
  }
  return [
    `"${name}" is not a named network namespace (a file in /run/netns that leads to a live one) nor a process id.`,
    listed.length ? `\`ip netns\` entries that lead to a live namespace: ${listed.join(', ')}.` : 'No `ip netns` entry leads to a live namespace.',
    `If \`ip netns\` still lists ${name}, that entry is stale: /run/netns/${name} points to a namespace that has ended (its container removed, its process gone). Remove it with \`rm /run/netns/${name}\`, then link a live one again.`,
    `Otherwise create it with \`ip netns add ${name}\`, or expose a container's with \`ln -s /proc/PID/ns/net /run/netns/${name}\`.`,
  ];
}

const RULES: ErrorRule[] = [
  {
    pattern: /Cannot find device "([^"]+)"|Device "([^"]+)" does not exist|(\S+): No such device|can't get info No such device|interface (\S+) does not exist/,
    explain: (c) => {
      const name = c.match[1] ?? c.match[2] ?? c.match[3] ?? c.match[4] ?? deviceOf(c.command) ?? '?';
      const out = [`There is no interface called ${name} in ${where(c)}.`];
      if (!c.state) {
        out.push('Common causes: a typo; it was moved into another namespace (`ip link set … netns …`) or renamed; or it was deleted (deleting one end of a veth pair deletes both).');
        return out;
      }
      const elsewhere = c.state.links.filter((l) => l.name === name && l.ns !== c.ns);
      for (const l of elsewhere) {
        const how = runThere(c.state, l.ns);
        out.push(`${name} exists in ${nsLabel(c.state, l.ns)}, not here: it was moved there (ip link set ${name} netns …).${how ? ` Run the command there: ${how}` : ''}`);
      }
      if (elsewhere.length === 0) {
        const close = linksIn(c.state, c.ns).filter((l) => editDistance(l.name, name) <= 2).map((l) => l.name);
        if (close.length) out.push(`Did you mean ${close.join(' or ')}?`);
        else out.push(`Interfaces here: ${names(c.state, c.ns)}. It may have been renamed (ip link set … name …) or deleted.`);
      }
      return out;
    },
  },
  {
    pattern: /Cannot open network namespace "([^"]+)"|Invalid "netns" value|argument "([^"]+)" is wrong: Invalid "netns"/,
    explain: (c) => (c.state ? netnsNotOpened(c.match[1] ?? c.match[2] ?? '?', c.state) : [
      `"${c.match[1] ?? c.match[2] ?? '?'}" is not a named network namespace (a file in /run/netns that leads to a live one) nor a process id.`,
      'List them with `ip netns`; create one with `ip netns add NAME`. A name `ip netns` lists that still fails is stale: its namespace has ended.',
    ]),
  },
  {
    pattern: /Error: argument "([^"]+)" is wrong(?:: (.*))?/,
    explain: (c) => [`ip did not expect "${c.match[1]}" at that place${c.match[2] ? ` (${c.match[2]})` : ''}: check the word before it and the order of words (\`ip link help\`, \`ip addr help\`).`],
  },
  {
    pattern: /Error: (?:ipv4: )?Address already assigned|RTNETLINK answers: File exists|File exists/,
    explain: (c) => {
      const ws = c.command;
      const obj = ws[1] ?? '';
      if (/Address already assigned/.test(c.match[0]) || (ws[0] === 'ip' && 'address'.startsWith(obj) && ws.includes('add'))) {
        const dev = afterWord(ws, 'dev');
        return [`That address is already on ${dev ?? 'the interface'}${c.state ? ` in ${where(c)}` : ''}: nothing to do (use \`ip addr del\` first to change its prefix).`];
      }
      if (ws[0] === 'ip' && 'route'.startsWith(obj)) {
        const dst = ws[ws.indexOf('add') + 1] ?? ws[ws.indexOf('append') + 1];
        const existing = c.state && (dst === 'default' ? defaultRoute(c.state, c.ns) : routesIn(c.state, c.ns).find((r) => r.dst === dst));
        return [
          `A route to ${dst ?? 'that destination'} already exists in ${where(c)}${existing ? `: ${existing.dst}${existing.gateway ? ` via ${existing.gateway}` : ''}${existing.dev ? ` dev ${existing.dev}` : ''}` : ''}.`,
          `Use \`ip route replace …\` to change it, or \`ip route del ${dst ?? '…'}\` first.`,
        ];
      }
      if (ws[0] === 'ip' && 'link'.startsWith(obj) && ws.includes('add')) {
        const name = deviceOf(ws);
        const peer = afterWord(ws, 'name');
        const taken = [name, peer].filter((n): n is string => !!n && !!findLink(c.state, c.ns, n));
        return [`An interface named ${taken.length ? taken.join(' and ') : name ?? 'that'} already exists in ${where(c)}${peer && !taken.length ? ` (or the peer name ${peer} does)` : ''}: choose another name, or delete the old one with \`ip link del\`.`];
      }
      if (ws[0] === 'ip' && ws[1] === 'netns' && ws[2] === 'add') return [`A namespace named ${ws[3] ?? '?'} already exists (/run/netns/${ws[3] ?? '?'}).`];
      return ['The kernel already has what this command tries to add (an interface, address or route with the same key).'];
    },
  },
  {
    pattern: /Network is unreachable|Nexthop has invalid gateway/,
    explain: (c) => {
      const ws = c.command;
      const via = afterWord(ws, 'via');
      if (ws[0] === 'ip' && 'route'.startsWith(ws[1] ?? '') && via) {
        const onLink = c.state ? linksIn(c.state, c.ns).some((l) => l.addresses.some((a) => a.family === 'inet' && inIpv4Net(via, `${a.local}/${a.prefixlen}`))) : undefined;
        return [`The gateway ${via} is not on any network directly connected here${onLink === false ? ` (no address in ${where(c)} covers it)` : ''}: a gateway must be a neighbour. Give the interface an address in ${via}'s subnet first, then add the route.`];
      }
      if (!c.state) return ['No route matches the destination: this namespace has no route to it, usually no default route (check `ip route`).'];
      const routes = routesIn(c.state, c.ns);
      if (!defaultRoute(c.state, c.ns)) {
        return [`${where(c)[0].toUpperCase()}${where(c).slice(1)} has no default route${routes.length ? `; it only knows ${routes.map((r) => r.dst).join(', ')}` : ', and no routes at all (no interface with an address is up)'}. Add one: \`ip route add default via GATEWAY\`.`];
      }
      return ['No route in this namespace matches the destination.'];
    },
  },
  {
    pattern: /Device or resource busy/,
    explain: (c) => {
      const ws = c.command;
      const dev = deviceOf(ws);
      if (ws.includes('name') && ws[0] === 'ip') {
        const live = dev ? findLink(c.state, c.ns, dev) : undefined;
        return [`An interface cannot be renamed while it is UP${live?.up ? ` (${dev} is UP now)` : ''}: \`ip link set ${dev ?? 'DEV'} down\` first, rename, then bring it up.`];
      }
      if (ws[1] === 'netns' && (ws[2] === 'delete' || ws[2] === 'del')) return ['The namespace is still in use (mounted or a process runs in it).'];
      return [`${dev ?? 'The device'} is in use: it may be UP, a port of a bridge, or in use by another device; take it down or detach it first.`];
    },
  },
  {
    pattern: /bridge (\S+) is still up; can't delete it/,
    explain: (c) => [`A bridge must be down before it is deleted: \`ip link set ${c.match[1]} down\` then \`brctl delbr ${c.match[1]}\` (or just \`ip link del ${c.match[1]}\`).`],
  },
  {
    pattern: /Operation not permitted|Permission denied/,
    explain: (c) => [
      'The kernel refused: this needs the CAP_NET_ADMIN capability (root in the network namespace).',
      c.state ? 'Inside the nslab lab you are root; if you see this, the command ran outside the lab or on something the lab does not own.' : 'Run it as root (sudo), or inside an nslab lab.',
    ],
  },
  {
    pattern: /Error: Unknown device type\.?|Unknown device type/,
    explain: (c) => {
      const type = afterWord(c.command, 'type');
      if (type && !SUPPORTED_TYPES.includes(type)) {
        const close = SUPPORTED_TYPES.filter((t) => editDistance(t, type) <= 2);
        return [`"${type}" is not a link type ip knows${close.length ? `: did you mean ${close[0]}?` : '.'}`];
      }
      return [`The kernel has no driver for type ${type ?? '?'}: its module is not built or not loaded on this machine${c.state ? ' (this lab\'s kernel has bridge, veth, vxlan, macvlan and tun/tap)' : ''}.`];
    },
  },
  {
    pattern: /Error: The interface netns is immutable/,
    explain: () => ['Some interfaces (lo, and devices marked netns-local such as bridges on older kernels) cannot move to another namespace; each namespace has its own lo already.'],
  },
  {
    pattern: /Error: any valid prefix is expected rather than "([^"]+)"|"([^"]+)" is invalid lladdr|Error: an inet prefix is expected rather than "([^"]+)"/,
    explain: (c) => [`"${c.match[1] ?? c.match[2] ?? c.match[3]}" is not a valid ${c.match[2] ? 'MAC address (six hex pairs like 02:42:ac:11:00:02)' : 'address: four numbers 0–255 and a prefix length, like 10.0.0.2/24'}.`],
  },
  {
    pattern: /Command line is not complete/,
    explain: () => ['A word is missing at the end: ip expected a value after the last keyword (for example `master BRIDGE`, `netns NAME`).'],
  },
  {
    pattern: /Destination Host Unreachable/,
    explain: (c) => {
      const dest = c.command.find((w) => /^\d+\.\d+\.\d+\.\d+$/.test(w));
      const reasons = c.state && dest ? diagnoseNoAnswer(c.state, c.ns, dest) : [];
      return ['ARP got no answer: no interface with that address is up on the link.', ...reasons];
    },
  },
  {
    pattern: /100% packet loss/,
    explain: (c) => {
      const dest = c.command.find((w) => /^\d+\.\d+\.\d+\.\d+$/.test(w));
      const reasons = c.state && dest ? diagnoseNoAnswer(c.state, c.ns, dest) : [];
      return ['No reply came back.', ...(reasons.length ? reasons : ['Likely causes: an interface or its veth peer is DOWN; no route there or back; nobody has that address; ip_forward off; or no MASQUERADE rule for the return path.'])];
    },
  },
];

export function explainError(commandLine: string, stderrText: string, opts: { state?: KernelState; ns?: string } = {}): string[] {
  try {
    const text = String(stderrText).slice(0, 100_000);
    const command = innerCommand(String(commandLine));
    for (const rule of RULES) {
      const match = rule.pattern.exec(text);
      if (match) return rule.explain({ command, match, state: opts.state, ns: opts.ns ?? 'host' });
    }
    return [];
  } catch {
    return [];
  }
}
