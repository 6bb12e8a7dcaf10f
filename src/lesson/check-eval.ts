// Checks against kernel state. Evaluation is pure: a check and a KernelState in, a result
// in plain words out. The one check that needs the network (ping) does not ping: it hands
// back a probe for the caller to run, and evaluateAll does that through a Prober.
import type { KernelState, Netns, NatRule, Route } from '../kernel/types.js';
import type { Check, CheckBody } from './check-syntax.js';
import { normalizeDst } from './ip.js';
import { matchesRan } from './ran.js';
import { lookupLink, joinAnd, linksIn, listOrNone, noNamespaceFound, nsLabel, resolveNs } from './state-lookup.js';
import { listedNetnsNames, natRulesIn, routesIn } from '../kernel/query.js';
import { checkText, type CheckText, type Phrases } from '../i18n/check-text.js';
import type { Lang } from '../i18n/lang.js';

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
  /** The language the results speak; the process's own when not given. */
  lang?: Lang;
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

export function evaluate(check: Check, state: KernelState, ctx: EvalContext = { commands: [] }): Evaluation {
  const t = checkText(ctx.lang);
  const phrases = describe(check, ctx.examples, ctx.lang);
  const expected = check.negated ? phrases.expectedNot : phrases.expected;
  const finish = (o: Outcome): CheckResult => ({ ok: o.holds !== check.negated, expected, found: o.found });
  if (check.kind === 'ping') {
    const from = resolveNs(state, check.from);
    if (!from) return finish({ holds: false, found: noNamespaceFound(state, check.from, t) });
    return {
      needsProbe: { kind: 'ping', from, address: check.address, ...(check.via ? { via: check.via } : {}) },
      expected,
      complete: (reachable, walked) => {
        if (!walked || !check.via) return finish({ holds: reachable, found: t.pingAnswers(check.address, reachable, check.from) });
        const through = passedVia(walked.path, check.via);
        const path = walked.path.join(' → ') || t.nowhere;
        const found = walked.reachable ? t.walkAnswers(check.address, path, through ? undefined : check.via) : t.walkNoAnswer(check.address, path, walked.lost);
        return finish({ holds: walked.reachable && through, found });
      },
    };
  }
  return finish(outcome(check, state, ctx, t));
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
      const t = checkText(ctx.lang);
      try {
        const { from, address, via } = e.needsProbe;
        if (via) {
          if (!prober.walk) throw new Error(t.noPacketWalk);
          const walked = await prober.walk(from, address);
          return { item, check, result: e.complete(walked.reachable, walked) };
        }
        return { item, check, result: e.complete(await prober.ping(from, address)) };
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { item, check, result: { ok: false, expected: e.expected, found: t.couldNotPing(why) } };
      }
    }),
  );
}

/** What a check that must probe reads as while another check of its step fails (in
 * English; checkText().notProbedYet in the learner's language). */
export const NOT_PROBED_YET = checkText('en').notProbedYet;

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
    const reports = now.map(({ item, check, e }) => ({ item, check, result: isProbeNeeded(e) ? { ok: false, expected: e.expected, found: checkText(ctx.lang).notProbedYet } : e }));
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
  const t = checkText(ctx.lang);
  return result.ok ? result.found : t.runIt(ranCommand(check, ctx.examples, t));
}

/** The command a `ran` check asks for: its words, or the step's command its pattern matches. */
function ranCommand(check: Of<'ran'>, examples: readonly string[] = [], t: CheckText = checkText()): string {
  if (check.words) return `\`${check.words.join(' ')}\``;
  const example = examples.find((line) => matchesRan(check, line));
  return example !== undefined ? t.ranExample(example) : t.ranPattern(`/${check.pattern}/${check.flags ?? ''}`);
}

export function describe(check: CheckBody, examples?: readonly string[], lang?: Lang): Phrases {
  const t = checkText(lang);
  switch (check.kind) {
    case 'netns':
      return check.listed ? t.netnsListed(check.name) : t.netns(check.name);
    case 'link':
      return t.link(check.name, check.ns, { state: check.state, kind: check.linkKind, master: check.master, mtu: check.mtu });
    case 'veth':
      return t.veth(check.name, check.ns, t.peerIn(check.peer, check.peerNs));
    case 'addr':
      return t.addr(addrText(check.address, check.prefixlen), check.dev, check.ns);
    case 'route':
      return t.route(routeText(check.dst, check.via, check.dev), check.ns);
    case 'bridge-port':
      return t.bridgePort(check.port, check.bridge, check.ns);
    case 'sysctl':
      return t.sysctl(check.key, check.value, check.ns);
    case 'nat-masquerade':
      return t.masquerade(check.source, check.outIface, check.ns);
    case 'nat-dnat':
      return t.dnat(check.protocol, check.port, check.to, check.ns);
    case 'ping':
      return t.ping(check.address, check.from, check.via);
    case 'container':
      return t.container(check.name, check.state, check.net);
    case 'network':
      return t.network(check.name, check.subnet, check.gateway);
    case 'ran':
      return t.ran(ranCommand(check, examples, t));
  }
}

function addrText(address: string, prefixlen?: number): string {
  return prefixlen === undefined ? address : `${address}/${prefixlen}`;
}

function routeText(dst: string, via?: string, dev?: string): string {
  return [dst, via && `via ${via}`, dev && `dev ${dev}`].filter(Boolean).join(' ');
}

function outcome(check: Check, state: KernelState, ctx: EvalContext, t: CheckText): Outcome {
  switch (check.kind) {
    case 'netns':
      return netnsOutcome(check, state, t);
    case 'link':
      return linkOutcome(check, state, t);
    case 'veth':
      return vethOutcome(check, state, t);
    case 'addr':
      return addrOutcome(check, state, t);
    case 'route':
      return routeOutcome(check, state, t);
    case 'bridge-port':
      return bridgeOutcome(check, state, t);
    case 'sysctl':
      return sysctlOutcome(check, state, t);
    case 'nat-masquerade':
      return masqueradeOutcome(check, state, t);
    case 'nat-dnat':
      return dnatOutcome(check, state, t);
    case 'container':
      return containerOutcome(check, state, t);
    case 'network':
      return networkOutcome(check, state, t);
    case 'ran':
      return ranOutcome(check, ctx, t);
    case 'ping':
      throw new Error('ping checks are probes: evaluate() handles them');
  }
}

type Of<K extends CheckBody['kind']> = Extract<CheckBody, { kind: K }>;

function netnsOutcome(c: Of<'netns'>, state: KernelState, t: CheckText): Outcome {
  const ns = resolveNs(state, c.name);
  if (!ns) return { holds: false, found: noNamespaceFound(state, c.name, t) };
  if (!c.listed) return { holds: true, found: t.namespaceExists(c.name) };
  const listed = listedNetnsNames(state);
  if (listed.includes(c.name)) return { holds: true, found: t.netnsLists(c.name) };
  return { holds: false, found: t.netnsNotListed(c.name, listOrNone(listed, t.nothing, 8, t)) };
}

function linkOutcome(c: Of<'link'>, state: KernelState, t: CheckText): Outcome {
  const l = lookupLink(state, c.name, c.ns, t);
  if (!l.ok) return { holds: false, found: l.found };
  const link = l.link;
  if (c.state === 'up' && !link.up) return { holds: false, found: t.linkDown(c.name, c.ns) };
  if (c.state === 'down' && link.up) return { holds: false, found: t.linkUp(c.name, c.ns) };
  if (c.linkKind && link.kind !== c.linkKind) return { holds: false, found: t.linkIsKind(c.name, c.ns, link.kind) };
  if (c.master && link.master !== c.master) {
    return { holds: false, found: link.master ? t.linkPortOf(c.name, c.ns, link.master) : t.linkNoMaster(c.name, c.ns) };
  }
  if (c.mtu !== undefined && link.mtu !== c.mtu) return { holds: false, found: t.linkWrongMtu(c.name, c.ns, link.mtu) };
  const facts = { state: c.state && (link.up ? 'UP' : 'DOWN'), kind: c.linkKind && link.kind, master: c.master && link.master, mtu: c.mtu !== undefined ? link.mtu : undefined };
  return { holds: true, found: t.linkHolds(c.name, c.ns, facts) };
}

function vethOutcome(c: Of<'veth'>, state: KernelState, t: CheckText): Outcome {
  const l = lookupLink(state, c.name, c.ns, t);
  if (!l.ok) return { holds: false, found: l.found };
  if (l.link.kind !== 'veth') return { holds: false, found: t.notVeth(c.name, c.ns, l.link.kind) };
  const peer = l.link.peer;
  if (!peer) return { holds: false, found: t.peerNotFound(c.name, c.ns) };
  const peerText = t.peerIn(peer.name, nsLabel(state, peer.ns));
  const paired = t.pairedWith(c.name, c.ns, peerText);
  if (peer.name !== c.peer) return { holds: false, found: paired };
  if (c.peerNs !== undefined) {
    const wanted = resolveNs(state, c.peerNs);
    if (!wanted) return { holds: false, found: t.pairedNoNs(c.name, c.ns, peerText, noNamespaceFound(state, c.peerNs, t)) };
    if (wanted.id !== peer.ns) return { holds: false, found: t.pairedNotIn(c.name, c.ns, peerText, c.peerNs) };
  }
  return { holds: true, found: paired };
}

function addrOutcome(c: Of<'addr'>, state: KernelState, t: CheckText): Outcome {
  const l = lookupLink(state, c.dev, c.ns, t);
  if (!l.ok) return { holds: false, found: l.found };
  const family = c.address.includes(':') ? 'inet6' : 'inet';
  const addrs = l.link.addresses.filter((a) => a.family === family);
  const hit = addrs.find((a) => a.local === c.address && (c.prefixlen === undefined || a.prefixlen === c.prefixlen));
  const all = addrs.map((a) => `${a.local}/${a.prefixlen}`);
  if (hit) return { holds: true, found: t.addrHas(c.dev, c.ns, `${hit.local}/${hit.prefixlen}`) };
  if (all.length === 0) return { holds: false, found: t.addrNone(c.dev, c.ns, family) };
  return { holds: false, found: t.addrHas(c.dev, c.ns, joinAnd(all, t)) };
}

function mainRoutes(state: KernelState, nsId: string): Route[] {
  return routesIn(state, nsId).filter((r) => (r.type ?? 'unicast') === 'unicast');
}

function routeLine(r: Route): string {
  return routeText(normalizeDst(r.dst), r.gateway, r.dev);
}

function routeOutcome(c: Of<'route'>, state: KernelState, t: CheckText): Outcome {
  const ns = resolveNs(state, c.ns);
  if (!ns) return { holds: false, found: noNamespaceFound(state, c.ns, t) };
  const routes = mainRoutes(state, ns.id);
  const sameDst = routes.filter((r) => normalizeDst(r.dst) === c.dst);
  const name = t.routeName(c.dst);
  if (sameDst.length === 0) {
    return { holds: false, found: t.noRoute(name, c.ns, listOrNone(routes.map(routeLine), t.none, 8, t)) };
  }
  const hit = sameDst.find((r) => (c.via === undefined || r.gateway === c.via) && (c.dev === undefined || r.dev === c.dev));
  const goes = (rs: Route[]) => joinAnd(rs.map((r) => t.routeWay(r.gateway, r.dev)), t);
  return { holds: hit !== undefined, found: t.routeGoes(name, c.ns, goes(hit ? [hit] : sameDst)) };
}

function bridgeOutcome(c: Of<'bridge-port'>, state: KernelState, t: CheckText): Outcome {
  const l = lookupLink(state, c.bridge, c.ns, t);
  if (!l.ok) return { holds: false, found: l.found };
  if (l.link.kind !== 'bridge') return { holds: false, found: t.notBridge(c.bridge, c.ns, l.link.kind) };
  const ports = linksIn(state, l.ns.id).filter((x) => x.master === c.bridge).map((x) => x.name);
  if (ports.includes(c.port)) return { holds: true, found: t.bridgeHasPort(c.bridge, c.port, ports.join(t.listSep)) };
  return { holds: false, found: ports.length ? t.bridgePorts(c.bridge, joinAnd(ports, t)) : t.noPorts(c.bridge) };
}

function sysctlOutcome(c: Of<'sysctl'>, state: KernelState, t: CheckText): Outcome {
  const ns = resolveNs(state, c.ns);
  if (!ns) return { holds: false, found: noNamespaceFound(state, c.ns, t) };
  const value = state.sysctls[ns.id]?.[c.key];
  if (value === undefined) return { holds: false, found: t.sysctlUnread(c.key, c.ns) };
  return { holds: value.trim() === c.value, found: t.sysctlIs(c.key, value.trim(), c.ns) };
}

/** The NAT rules of a namespace a check names, or why there are none to look at. */
function natRulesOf(state: KernelState, nsName: string, t: CheckText): { rules: NatRule[] } | { found: string } {
  const ns = resolveNs(state, nsName);
  if (!ns) return { found: noNamespaceFound(state, nsName, t) };
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

function masqueradeOutcome(c: Of<'nat-masquerade'>, state: KernelState, t: CheckText): Outcome {
  const r = natRulesOf(state, c.ns, t);
  if ('found' in r) return { holds: false, found: r.found };
  const masq = r.rules.filter((x) => x.target === 'MASQUERADE');
  const hit = masq.find((x) => sameNet(x.source, c.source) && (c.outIface === undefined || x.outIface === c.outIface));
  if (hit) return { holds: true, found: t.ruleIn(ruleLine(hit), c.ns) };
  if (masq.length === 0) return { holds: false, found: t.noMasquerade(c.ns, listOrNone(r.rules.map(ruleLine), t.none, 5, t)) };
  return { holds: false, found: t.masqueradeRules(c.ns, masq.map(ruleLine)) };
}

function dnatOutcome(c: Of<'nat-dnat'>, state: KernelState, t: CheckText): Outcome {
  const r = natRulesOf(state, c.ns, t);
  if ('found' in r) return { holds: false, found: r.found };
  const dnat = r.rules.filter((x) => x.target === 'DNAT');
  const toMatches = (to?: string) => to !== undefined && (to === c.to || (!c.to.includes(':') && to.split(':')[0] === c.to));
  const hit = dnat.find((x) => x.dport === c.port && toMatches(x.toDestination) && (c.protocol === undefined || x.protocol === c.protocol));
  if (hit) return { holds: true, found: t.ruleIn(ruleLine(hit), c.ns) };
  if (dnat.length === 0) return { holds: false, found: t.noDnat(c.ns) };
  return { holds: false, found: t.dnatRules(c.ns, dnat.map(ruleLine)) };
}

function containerOutcome(c: Of<'container'>, state: KernelState, t: CheckText): Outcome {
  const ct = state.containers.find((x) => x.name === c.name);
  if (!ct) return { holds: false, found: t.noContainer(c.name, listOrNone(state.containers.map((x) => x.name), t.none, 8, t)) };
  const status = ct.running ? 'running' : 'stopped';
  const said = t.containerStatus(ct.running);
  if (c.state && c.state !== status) return { holds: false, found: t.containerIs(c.name, said) };
  if (c.net && ct.networkMode !== c.net) return { holds: false, found: t.containerNet(c.name, ct.networkMode) };
  return { holds: true, found: t.containerHolds(c.name, said, ct.networkMode) };
}

/** The runtime knows the network, and the kernel has its bridge, up, with the gateway on it. */
function networkOutcome(c: Of<'network'>, state: KernelState, t: CheckText): Outcome {
  const nets = state.dockerNetworks ?? [];
  const n = nets.find((x) => x.name === c.name);
  if (!n) return { holds: false, found: t.noNetwork(c.name, listOrNone(nets.map((x) => x.name), t.none, 8, t)) };
  if (c.subnet && n.subnet !== c.subnet) return { holds: false, found: t.networkSubnet(c.name, n.subnet) };
  if (c.gateway && n.gateway !== c.gateway) return { holds: false, found: t.networkGateway(c.name, n.gateway) };
  if (!n.bridge) return { holds: true, found: t.networkDriver(c.name, n.driver) };
  const l = lookupLink(state, n.bridge, 'host', t);
  if (!l.ok) return { holds: false, found: t.networkNoKernelBridge(c.name, n.bridge, l.found) };
  const gwOn = !n.gateway || l.link.addresses.some((a) => a.local === n.gateway);
  if (!gwOn) return { holds: false, found: t.bridgeNoGateway(n.bridge, n.gateway!) };
  return { holds: true, found: t.networkHolds(c.name, n.bridge, n.subnet, n.gateway) };
}

function ranOutcome(c: Of<'ran'>, ctx: EvalContext, t: CheckText): Outcome {
  const hit = ctx.commands.find((line) => matchesRan(c, line));
  if (hit !== undefined) return { holds: true, found: t.youRan(hit) };
  if (ctx.commands.length === 0) return { holds: false, found: t.noCommandYet };
  const recent = ctx.commands.slice(-3).map((x) => `\`${x}\``);
  return { holds: false, found: t.commandsRun(recent, ctx.commands.length > 3) };
}
