// Checks against kernel state. Evaluation is pure: a check and a KernelState in, a result
// in plain words out. The one check that needs the network (ping) does not ping: it hands
// back a probe for the caller to run, and evaluateAll does that through a Prober.
import type { KernelState, Netns, NatRule, Route } from '../kernel/types.js';
import type { Check, CheckBody } from './check-syntax.js';
import { normalizeDst } from './ip.js';
import { matchesRan } from './ran.js';
import { lookupLink, joinAnd, kindNoun, linksIn, listOrNone, noNamespaceFound, nsLabel, resolveNs } from './state-lookup.js';
import { listedNetnsNames, natRulesIn, routesIn } from '../kernel/query.js';

export interface CheckResult {
  ok: boolean;
  /** What the check wants, in plain words: "veth1 in net1, UP". */
  expected: string;
  /** What the lab shows, in plain words: "veth1 is in net1 but DOWN". */
  found: string;
}

/** What evaluate() returns for a check that needs I/O: run `probe`, then `complete`. */
export interface ProbeNeeded {
  needsProbe: PingProbe;
  expected: string;
  complete(reachable: boolean, walked?: WalkedPing): CheckResult;
}

export interface PingProbe {
  kind: 'ping';
  /** The namespace to ping from (its path is what nsenter --net= takes). */
  from: Netns;
  address: string;
  /** The request must be seen here on its way (`host`, `host:eth0`): a packet walk. */
  via?: string;
}

/** What a walked ping found: whether it got there and back, and the places its request
 * was seen, as `place:interface`, in order. */
export interface WalkedPing { reachable: boolean; path: string[]; lost?: string }

/** Runs the probes checks ask for; the shell implements it with nsenter + ping, and
 * `walk` with the packet walk (src/walk/), for checks with `via`. */
export interface Prober {
  ping(from: Netns, address: string): Promise<boolean>;
  walk?(from: Netns, address: string): Promise<WalkedPing>;
}

/** Whether a walked request passed `via` (`host` or `host:eth0`). */
export function passedVia(path: readonly string[], via: string): boolean {
  return path.some((p) => p === via || (!via.includes(':') && p.startsWith(`${via}:`)));
}

export interface EvalContext {
  /** The command lines the learner ran in the current step, oldest first (for `ran`). */
  commands: readonly string[];
  /** The step's own commands: a `ran` check written as a /regex/ is described to the
   * learner by the one it matches (`ip a`), not by its pattern. */
  examples?: readonly string[];
}

export type Evaluation = CheckResult | ProbeNeeded;

export function isProbeNeeded(e: Evaluation): e is ProbeNeeded {
  return 'needsProbe' in e;
}

/** What a check found before negation is applied. */
interface Outcome {
  holds: boolean;
  found: string;
}

interface Phrases {
  expected: string;
  expectedNot: string;
}

export function evaluate(check: Check, state: KernelState, ctx: EvalContext = { commands: [] }): Evaluation {
  const phrases = describe(check, ctx.examples);
  const expected = check.negated ? phrases.expectedNot : phrases.expected;
  const finish = (o: Outcome): CheckResult => ({ ok: o.holds !== check.negated, expected, found: o.found });
  if (check.kind === 'ping') {
    const from = resolveNs(state, check.from);
    if (!from) return finish({ holds: false, found: noNamespaceFound(state, check.from) });
    return {
      needsProbe: { kind: 'ping', from, address: check.address, ...(check.via ? { via: check.via } : {}) },
      expected,
      complete: (reachable, walked) => {
        if (!walked || !check.via) return finish({ holds: reachable, found: `${check.address} ${reachable ? 'answers' : 'does not answer'} ping from ${check.from}` });
        const through = passedVia(walked.path, check.via);
        const path = walked.path.join(' → ') || 'nowhere';
        const found = walked.reachable
          ? `${check.address} answers, its request going ${path}${through ? '' : ` (not through ${check.via})`}`
          : `${check.address} does not answer: the request went ${path}${walked.lost ? `, lost: ${walked.lost}` : ''}`;
        return finish({ holds: walked.reachable && through, found });
      },
    };
  }
  return finish(outcome(check, state, ctx));
}

/** One evaluated check: `item` is what was passed in (a Check or a LessonCheck). */
export interface CheckReport<T = Check> {
  item: T;
  check: Check;
  result: CheckResult;
}

/** Evaluates every check, running the probes some need (in parallel). A probe that
 * cannot run is a failed check whose `found` says why, not an exception. */
export async function evaluateAll<T extends { check: Check } | Check>(
  checks: readonly T[],
  state: KernelState,
  prober: Prober,
  ctx: EvalContext = { commands: [] },
): Promise<CheckReport<T>[]> {
  return Promise.all(
    checks.map(async (item) => {
      const check: Check = 'kind' in item ? (item as Check) : (item as { check: Check }).check;
      const e = evaluate(check, state, ctx);
      if (!isProbeNeeded(e)) return { item, check, result: e };
      try {
        const { from, address, via } = e.needsProbe;
        if (via) {
          if (!prober.walk) throw new Error('this front end cannot follow a packet (no packet walk)');
          const walked = await prober.walk(from, address);
          return { item, check, result: e.complete(walked.reachable, walked) };
        }
        return { item, check, result: e.complete(await prober.ping(from, address)) };
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { item, check, result: { ok: false, expected: e.expected, found: `could not run ping: ${why}` } };
      }
    }),
  );
}

/** What a check that must probe reads as while another check of its step fails. */
export const NOT_PROBED_YET = 'not tried yet: it is tried once the other checks hold';

/** Whether a step passes, as cheaply as possible: the checks that read the snapshot first,
 * and only when they all hold, the ones that must probe the kernel (a ping waits up to a
 * second for its answer, and this runs after every learner line). `reports`: every check
 * as far as it was tried (one not probed yet fails, found NOT_PROBED_YET); `failing`: the
 * ones that were tried and failed. */
export async function stepPasses<T extends { check: Check } | Check>(
  checks: readonly T[],
  state: KernelState,
  prober: Prober,
  ctx: EvalContext = { commands: [] },
): Promise<{ passes: boolean; failing: Check[]; reports: CheckReport<T>[] }> {
  const checkOf = (item: T): Check => ('kind' in item ? (item as Check) : (item as { check: Check }).check);
  const now = checks.map((item) => ({ item, check: checkOf(item), e: evaluate(checkOf(item), state, ctx) }));
  const failingNow = now.filter(({ e }) => !isProbeNeeded(e) && !e.ok).map(({ check }) => check);
  if (failingNow.length) {
    const reports = now.map(({ item, check, e }) => ({ item, check, result: isProbeNeeded(e) ? { ok: false, expected: e.expected, found: NOT_PROBED_YET } : e }));
    return { passes: false, failing: failingNow, reports };
  }
  const reports = await evaluateAll(checks, state, prober, ctx);
  const failing = reports.filter((r) => !r.result.ok).map((r) => r.check);
  return { passes: failing.length === 0, failing, reports };
}

/** The line `.check` shows for a check: what the learner must do, in words. Most checks
 * read as sentences already (`link veth1 in net1 is up`); a `ran` check says which command
 * to run, or which one did it (`you ran \`ip a\``), never its pattern. */
export function headline(check: Check, result: CheckResult, ctx: EvalContext = { commands: [] }): string {
  if (check.kind !== 'ran') return check.text;
  if (check.negated) return result.expected;
  return result.ok ? result.found : `run ${ranCommand(check, ctx.examples)}`;
}

/** The command a `ran` check asks for: its words, or the step's command its pattern matches. */
function ranCommand(check: Of<'ran'>, examples: readonly string[] = []): string {
  if (check.words) return `\`${check.words.join(' ')}\``;
  const example = examples.find((line) => matchesRan(check, line));
  return example !== undefined ? `\`${example}\` (or a command like it)` : `a command matching /${check.pattern}/${check.flags ?? ''}`;
}

export function describe(check: CheckBody, examples?: readonly string[]): Phrases {
  switch (check.kind) {
    case 'netns':
      if (check.listed) return { expected: `\`ip netns\` listing ${check.name}`, expectedNot: `\`ip netns\` not listing ${check.name}` };
      return { expected: `a network namespace ${check.name}`, expectedNot: `no network namespace ${check.name}` };
    case 'link': {
      const props = linkProps(check);
      if (props.length === 0) return { expected: `a link ${check.name} in ${check.ns}`, expectedNot: `no link ${check.name} in ${check.ns}` };
      return {
        expected: `${check.name} in ${check.ns}, ${props.join(', ')}`,
        expectedNot: `${check.name} in ${check.ns} not ${props.join(' and ')}`,
      };
    }
    case 'veth': {
      const peer = check.peerNs ? `${check.peer} in ${check.peerNs}` : check.peer;
      return { expected: `${check.name} in ${check.ns} paired with ${peer}`, expectedNot: `${check.name} in ${check.ns} not paired with ${peer}` };
    }
    case 'addr': {
      const a = addrText(check.address, check.prefixlen);
      return { expected: `${a} on ${check.dev} in ${check.ns}`, expectedNot: `no ${a} on ${check.dev} in ${check.ns}` };
    }
    case 'route': {
      const r = routeText(check.dst, check.via, check.dev);
      return { expected: `a route ${r} in ${check.ns}`, expectedNot: `no route ${r} in ${check.ns}` };
    }
    case 'bridge-port':
      return { expected: `${check.port} a port of ${check.bridge} in ${check.ns}`, expectedNot: `${check.port} not a port of ${check.bridge} in ${check.ns}` };
    case 'sysctl':
      return { expected: `${check.key} = ${check.value} in ${check.ns}`, expectedNot: `${check.key} other than ${check.value} in ${check.ns}` };
    case 'nat-masquerade': {
      const out = check.outIface ? ` out ${check.outIface}` : '';
      return { expected: `a MASQUERADE rule for ${check.source}${out} in ${check.ns}`, expectedNot: `no MASQUERADE rule for ${check.source}${out} in ${check.ns}` };
    }
    case 'nat-dnat': {
      const d = `${check.protocol ? check.protocol + ' ' : ''}port ${check.port} to ${check.to}`;
      return { expected: `a DNAT rule ${d} in ${check.ns}`, expectedNot: `no DNAT rule ${d} in ${check.ns}` };
    }
    case 'ping':
      if (check.via) return { expected: `${check.address} answers ping from ${check.from}, through ${check.via}`, expectedNot: `${check.address} not reached from ${check.from} through ${check.via}` };
      return { expected: `${check.address} answers ping from ${check.from}`, expectedNot: `${check.address} does not answer ping from ${check.from}` };
    case 'container': {
      const props = [check.state, check.net && `with network mode ${check.net}`].filter(Boolean);
      if (props.length === 0) return { expected: `a container ${check.name}`, expectedNot: `no container ${check.name}` };
      return { expected: `container ${check.name} ${props.join(', ')}`, expectedNot: `container ${check.name} not ${props.join(' and ')}` };
    }
    case 'network': {
      const props = [check.subnet && `subnet ${check.subnet}`, check.gateway && `gateway ${check.gateway}`].filter(Boolean).join(', ');
      return { expected: `a docker network ${check.name}${props ? ` (${props})` : ''} with its bridge in the kernel`, expectedNot: `no docker network ${check.name}` };
    }
    case 'ran': {
      const cmd = ranCommand(check, examples);
      return { expected: `${cmd} run in this step`, expectedNot: `${cmd} not run in this step` };
    }
  }
}

function linkProps(c: Extract<CheckBody, { kind: 'link' }>): string[] {
  const props: string[] = [];
  if (c.state) props.push(c.state.toUpperCase());
  if (c.linkKind) props.push(kindNoun(c.linkKind));
  if (c.master) props.push(`a port of ${c.master}`);
  if (c.mtu !== undefined) props.push(`MTU ${c.mtu}`);
  return props;
}

function addrText(address: string, prefixlen?: number): string {
  return prefixlen === undefined ? address : `${address}/${prefixlen}`;
}

function routeText(dst: string, via?: string, dev?: string): string {
  return [dst, via && `via ${via}`, dev && `dev ${dev}`].filter(Boolean).join(' ');
}

function outcome(check: Check, state: KernelState, ctx: EvalContext): Outcome {
  switch (check.kind) {
    case 'netns':
      return netnsOutcome(check, state);
    case 'link':
      return linkOutcome(check, state);
    case 'veth':
      return vethOutcome(check, state);
    case 'addr':
      return addrOutcome(check, state);
    case 'route':
      return routeOutcome(check, state);
    case 'bridge-port':
      return bridgeOutcome(check, state);
    case 'sysctl':
      return sysctlOutcome(check, state);
    case 'nat-masquerade':
      return masqueradeOutcome(check, state);
    case 'nat-dnat':
      return dnatOutcome(check, state);
    case 'container':
      return containerOutcome(check, state);
    case 'network':
      return networkOutcome(check, state);
    case 'ran':
      return ranOutcome(check, ctx);
    case 'ping':
      throw new Error('ping checks are probes: evaluate() handles them');
  }
}

type Of<K extends CheckBody['kind']> = Extract<CheckBody, { kind: K }>;

function netnsOutcome(c: Of<'netns'>, state: KernelState): Outcome {
  const ns = resolveNs(state, c.name);
  if (!ns) return { holds: false, found: noNamespaceFound(state, c.name) };
  if (!c.listed) return { holds: true, found: `namespace ${c.name} exists` };
  const listed = listedNetnsNames(state);
  if (listed.includes(c.name)) return { holds: true, found: `\`ip netns\` lists ${c.name}` };
  return { holds: false, found: `${c.name} is a namespace, but \`ip netns\` lists ${listOrNone(listed, 'nothing')} (no /run/netns/${c.name})` };
}

function linkOutcome(c: Of<'link'>, state: KernelState): Outcome {
  const l = lookupLink(state, c.name, c.ns);
  if (!l.ok) return { holds: false, found: l.found };
  const link = l.link;
  const where = `${c.name} is in ${c.ns}`;
  if (c.state === 'up' && !link.up) return { holds: false, found: `${where} but DOWN` };
  if (c.state === 'down' && link.up) return { holds: false, found: `${where} and UP` };
  if (c.linkKind && link.kind !== c.linkKind) return { holds: false, found: `${where} but is ${kindNoun(link.kind)}` };
  if (c.master && link.master !== c.master) {
    return { holds: false, found: link.master ? `${where} but is a port of ${link.master}` : `${where} but is not a port of any bridge` };
  }
  if (c.mtu !== undefined && link.mtu !== c.mtu) return { holds: false, found: `${where} but its MTU is ${link.mtu}` };
  const facts = [c.state && (link.up ? 'UP' : 'DOWN'), c.linkKind && kindNoun(link.kind), c.master && `a port of ${link.master}`, c.mtu !== undefined && `MTU ${link.mtu}`].filter(Boolean);
  return { holds: true, found: facts.length ? `${where}, ${facts.join(', ')}` : where };
}

function vethOutcome(c: Of<'veth'>, state: KernelState): Outcome {
  const l = lookupLink(state, c.name, c.ns);
  if (!l.ok) return { holds: false, found: l.found };
  if (l.link.kind !== 'veth') return { holds: false, found: `${c.name} in ${c.ns} is ${kindNoun(l.link.kind)}, not a veth` };
  const peer = l.link.peer;
  if (!peer) return { holds: false, found: `the peer of ${c.name} in ${c.ns} was not found in the lab` };
  const peerNs = nsLabel(state, peer.ns);
  const peerText = `${peer.name} in ${peerNs}`;
  if (peer.name !== c.peer) return { holds: false, found: `${c.name} in ${c.ns} is paired with ${peerText}` };
  if (c.peerNs !== undefined) {
    const wanted = resolveNs(state, c.peerNs);
    if (!wanted) return { holds: false, found: `${c.name} in ${c.ns} is paired with ${peerText}; ${noNamespaceFound(state, c.peerNs)}` };
    if (wanted.id !== peer.ns) return { holds: false, found: `${c.name} in ${c.ns} is paired with ${peerText}, not in ${c.peerNs}` };
  }
  return { holds: true, found: `${c.name} in ${c.ns} is paired with ${peerText}` };
}

function addrOutcome(c: Of<'addr'>, state: KernelState): Outcome {
  const l = lookupLink(state, c.dev, c.ns);
  if (!l.ok) return { holds: false, found: l.found };
  const family = c.address.includes(':') ? 'inet6' : 'inet';
  const addrs = l.link.addresses.filter((a) => a.family === family);
  const hit = addrs.find((a) => a.local === c.address && (c.prefixlen === undefined || a.prefixlen === c.prefixlen));
  const all = addrs.map((a) => `${a.local}/${a.prefixlen}`);
  const on = `${c.dev} in ${c.ns}`;
  if (hit) return { holds: true, found: `${on} has ${hit.local}/${hit.prefixlen}` };
  if (all.length === 0) return { holds: false, found: `${on} has no ${family === 'inet' ? 'IPv4' : 'IPv6'} address` };
  return { holds: false, found: `${on} has ${joinAnd(all)}` };
}

function mainRoutes(state: KernelState, nsId: string): Route[] {
  return routesIn(state, nsId).filter((r) => (r.type ?? 'unicast') === 'unicast');
}

function routeLine(r: Route): string {
  return routeText(normalizeDst(r.dst), r.gateway, r.dev);
}

function routeOutcome(c: Of<'route'>, state: KernelState): Outcome {
  const ns = resolveNs(state, c.ns);
  if (!ns) return { holds: false, found: noNamespaceFound(state, c.ns) };
  const routes = mainRoutes(state, ns.id);
  const sameDst = routes.filter((r) => normalizeDst(r.dst) === c.dst);
  const name = c.dst === 'default' ? 'default route' : `route to ${c.dst}`;
  if (sameDst.length === 0) {
    return { holds: false, found: `no ${name} in ${c.ns} (routes: ${listOrNone(routes.map(routeLine), 'none')})` };
  }
  const hit = sameDst.find((r) => (c.via === undefined || r.gateway === c.via) && (c.dev === undefined || r.dev === c.dev));
  const goes = (rs: Route[]) => joinAnd(rs.map((r) => [r.gateway ? `via ${r.gateway}` : 'direct (no gateway)', r.dev && `dev ${r.dev}`].filter(Boolean).join(' ')));
  if (hit) return { holds: true, found: `the ${name} in ${c.ns} goes ${goes([hit])}` };
  return { holds: false, found: `the ${name} in ${c.ns} goes ${goes(sameDst)}` };
}

function bridgeOutcome(c: Of<'bridge-port'>, state: KernelState): Outcome {
  const l = lookupLink(state, c.bridge, c.ns);
  if (!l.ok) return { holds: false, found: l.found };
  if (l.link.kind !== 'bridge') return { holds: false, found: `${c.bridge} in ${c.ns} is ${kindNoun(l.link.kind)}, not a bridge` };
  const ports = linksIn(state, l.ns.id).filter((x) => x.master === c.bridge).map((x) => x.name);
  if (ports.includes(c.port)) return { holds: true, found: `${c.bridge} has port ${c.port} (ports: ${ports.join(', ')})` };
  return { holds: false, found: ports.length ? `the ports of ${c.bridge} are ${joinAnd(ports)}` : `${c.bridge} has no ports` };
}

function sysctlOutcome(c: Of<'sysctl'>, state: KernelState): Outcome {
  const ns = resolveNs(state, c.ns);
  if (!ns) return { holds: false, found: noNamespaceFound(state, c.ns) };
  const value = state.sysctls[ns.id]?.[c.key];
  if (value === undefined) return { holds: false, found: `nslab did not read ${c.key} in ${c.ns}` };
  return { holds: value.trim() === c.value, found: `${c.key} = ${value.trim()} in ${c.ns}` };
}

/** The NAT rules of a namespace a check names, or why there are none to look at. */
function natRulesOf(state: KernelState, nsName: string): { rules: NatRule[] } | { found: string } {
  const ns = resolveNs(state, nsName);
  if (!ns) return { found: noNamespaceFound(state, nsName) };
  return { rules: natRulesIn(state, ns.id) };
}

function ruleLine(r: NatRule): string {
  return `-A ${r.chain} ${r.spec}`.trim();
}

/** iptables-save prints a host as 10.0.0.5/32; authors may write 10.0.0.5. */
function sameNet(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  return normalizeDst(a) === normalizeDst(b);
}

function masqueradeOutcome(c: Of<'nat-masquerade'>, state: KernelState): Outcome {
  const r = natRulesOf(state, c.ns);
  if ('found' in r) return { holds: false, found: r.found };
  const masq = r.rules.filter((x) => x.target === 'MASQUERADE');
  const hit = masq.find((x) => sameNet(x.source, c.source) && (c.outIface === undefined || x.outIface === c.outIface));
  if (hit) return { holds: true, found: `rule ${ruleLine(hit)} in ${c.ns}` };
  if (masq.length === 0) return { holds: false, found: `no MASQUERADE rule in ${c.ns} (nat rules: ${listOrNone(r.rules.map(ruleLine), 'none', 5)})` };
  return { holds: false, found: `the MASQUERADE rules in ${c.ns} are: ${masq.map(ruleLine).join('; ')}` };
}

function dnatOutcome(c: Of<'nat-dnat'>, state: KernelState): Outcome {
  const r = natRulesOf(state, c.ns);
  if ('found' in r) return { holds: false, found: r.found };
  const dnat = r.rules.filter((x) => x.target === 'DNAT');
  const toMatches = (to?: string) => to !== undefined && (to === c.to || (!c.to.includes(':') && to.split(':')[0] === c.to));
  const hit = dnat.find((x) => x.dport === c.port && toMatches(x.toDestination) && (c.protocol === undefined || x.protocol === c.protocol));
  if (hit) return { holds: true, found: `rule ${ruleLine(hit)} in ${c.ns}` };
  if (dnat.length === 0) return { holds: false, found: `no DNAT rule in ${c.ns}` };
  return { holds: false, found: `the DNAT rules in ${c.ns} are: ${dnat.map(ruleLine).join('; ')}` };
}

function containerOutcome(c: Of<'container'>, state: KernelState): Outcome {
  const ct = state.containers.find((x) => x.name === c.name);
  if (!ct) return { holds: false, found: `no container ${c.name} (containers: ${listOrNone(state.containers.map((x) => x.name), 'none')})` };
  const status = ct.running ? 'running' : 'stopped';
  if (c.state && c.state !== status) return { holds: false, found: `container ${c.name} is ${status}` };
  if (c.net && ct.networkMode !== c.net) return { holds: false, found: `container ${c.name} has network mode ${ct.networkMode}` };
  return { holds: true, found: `container ${c.name} is ${status}, network mode ${ct.networkMode}` };
}

/** The runtime knows the network, and the kernel has its bridge, up, with the gateway on it. */
function networkOutcome(c: Of<'network'>, state: KernelState): Outcome {
  const nets = state.dockerNetworks ?? [];
  const n = nets.find((x) => x.name === c.name);
  if (!n) return { holds: false, found: `no docker network ${c.name} (networks: ${listOrNone(nets.map((x) => x.name), 'none')})` };
  if (c.subnet && n.subnet !== c.subnet) return { holds: false, found: `network ${c.name} has subnet ${n.subnet ?? 'none'}` };
  if (c.gateway && n.gateway !== c.gateway) return { holds: false, found: `network ${c.name} has gateway ${n.gateway ?? 'none'}` };
  if (!n.bridge) return { holds: true, found: `network ${c.name} (driver ${n.driver})` };
  const l = lookupLink(state, n.bridge, 'host');
  if (!l.ok) return { holds: false, found: `network ${c.name} is known, but its bridge ${n.bridge} is not in the kernel: ${l.found}` };
  const gwOn = !n.gateway || l.link.addresses.some((a) => a.local === n.gateway);
  if (!gwOn) return { holds: false, found: `${n.bridge} does not hold the gateway ${n.gateway}` };
  return { holds: true, found: `network ${c.name}: bridge ${n.bridge}${n.subnet ? `, subnet ${n.subnet}` : ''}${n.gateway ? `, gateway ${n.gateway}` : ''}` };
}

function ranOutcome(c: Of<'ran'>, ctx: EvalContext): Outcome {
  const hit = ctx.commands.find((line) => matchesRan(c, line));
  if (hit !== undefined) return { holds: true, found: `you ran \`${hit}\`` };
  if (ctx.commands.length === 0) return { holds: false, found: 'no command run yet in this step' };
  const recent = ctx.commands.slice(-3).map((x) => `\`${x}\``);
  return { holds: false, found: `commands run in this step: ${ctx.commands.length > 3 ? '…, ' : ''}${recent.join(', ')}` };
}
