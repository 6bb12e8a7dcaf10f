// Questions whose right answer is read from the live lab: "which interface is plugged into
// docker0?" is answered by `port-of docker0`, whatever name the runtime gave the veth.
import type { KernelState } from '../kernel/types.js';
import type { CheckResult } from './check-eval.js';
import { DEFAULT_NS, type ParseResult } from './check-syntax.js';
import { isIpv4, parseCidr } from './ip.js';
import { lookupRoute, routesIn } from '../kernel/query.js';
import { lookupLink, joinAnd, linksIn, noNamespaceFound, nsLabel, resolveNs } from './state-lookup.js';
import { checkText, type CheckText } from '../i18n/check-text.js';
import type { Lang } from '../i18n/lang.js';
import { lintText } from '../i18n/lint-text.js';

export const ANSWER_KINDS = [
  'port-of', // BRIDGE [in NS]: a port of the bridge
  'peer-of', // LINK [in NS]: name of the veth's other end
  'peer-ifindex-of', // LINK [in NS]: ifindex of the other end (the N in @ifN)
  'peer-ns-of', // LINK [in NS]: the namespace/container the other end is in
  'ifindex-of', // LINK [in NS]
  'ip-of', // LINK [in NS] [port N]: an IPv4 address (with or without prefix; with port N, ADDRESS:N too)
  'cidr-of', // LINK [in NS]: an IPv4 address with its /prefix, and only so
  'mac-of', // LINK [in NS]
  'master-of', // LINK [in NS]: the bridge it is a port of
  'mtu-of', // LINK [in NS]: its MTU, a number
  'gateway-of', // NS: the default route's gateway
  'route-dev-of', // ADDRESS|PREFIX [in NS]: the interface the kernel sends it by (longest match)
  'pid-of', // CONTAINER
  'bridge-of', // NETWORK: the Linux bridge of a docker network (docker0, br-<12 hex>)
  'literal', // TEXT: a fixed answer, for questions about concepts
] as const;

export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface AnswerExpr {
  kind: AnswerKind;
  /** The link, bridge, namespace, container, or literal text the answer is about. */
  subject: string;
  ns: string;
  text: string;
  /** ip-of … port N: `ADDRESS:N` is right too (a DNAT rule's --to-destination). */
  port?: number;
}

export interface Question {
  /** The question as shown to the learner (markdown). */
  prompt: string;
  answer: AnswerExpr;
  line: number;
}

export function parseAnswer(text: string): ParseResult<AnswerExpr> {
  const t = text.trim();
  const m = /^(\S+)\s*(.*)$/.exec(t);
  const kind = m?.[1] as AnswerKind | undefined;
  if (!m || !kind || !ANSWER_KINDS.includes(kind)) {
    return { ok: false, error: lintText().unknownAnswer(m?.[1] ?? '', ANSWER_KINDS.join(', ')) };
  }
  if (kind === 'literal') {
    return m[2] ? { ok: true, value: { kind, subject: m[2].trim(), ns: DEFAULT_NS, text: t } } : { ok: false, error: lintText().literalNeedsText };
  }
  const words = m[2].split(/\s+/).filter(Boolean);
  let port: { port: number } | undefined;
  if (kind === 'ip-of' && words.length >= 3 && words[words.length - 2] === 'port') {
    const n = Number(words[words.length - 1]);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return { ok: false, error: lintText().portNeedsNumber(words[words.length - 1]) };
    port = { port: n };
    words.splice(-2);
  }
  const what = kind === 'gateway-of' ? 'a namespace' : kind === 'pid-of' ? 'a container name' : kind === 'bridge-of' ? 'a docker network name' : kind === 'port-of' ? 'a bridge name' : kind === 'route-dev-of' ? 'an address or prefix' : 'a link name';
  if (words.length === 0) return { ok: false, error: lintText().answerNeeds(kind, what) };
  if (kind === 'gateway-of' || kind === 'pid-of' || kind === 'bridge-of') {
    if (words.length > 1) return { ok: false, error: lintText().answerTakesOnly(kind, what, words.slice(1).join(' ')) };
    return { ok: true, value: { kind, subject: words[0], ns: kind === 'gateway-of' ? words[0] : DEFAULT_NS, text: t } };
  }
  if (words.length === 1) return { ok: true, value: { kind, subject: words[0], ns: DEFAULT_NS, text: t, ...port } };
  if (words.length === 3 && words[1] === 'in') return { ok: true, value: { kind, subject: words[0], ns: words[2], text: t, ...port } };
  return { ok: false, error: lintText().answerForm(kind, kind === 'ip-of', t) };
}

export type AnswerValue = { ok: true; accepted: string[]; shown: string } | { ok: false; found: string };

/** The right answer(s) in the current lab. Several are accepted when several are right
 * (a bridge with two ports). `shown` is what to print as the answer. */
export function computeAnswer(expr: AnswerExpr, state: KernelState, lang?: Lang): AnswerValue {
  const t = checkText(lang);
  if (expr.kind === 'literal') return { ok: true, accepted: [expr.subject], shown: expr.subject };
  if (expr.kind === 'pid-of') {
    const c = state.containers.find((x) => x.name === expr.subject);
    return c ? one(String(c.pid)) : { ok: false, found: t.noContainer(expr.subject) };
  }
  if (expr.kind === 'bridge-of') {
    const n = state.dockerNetworks?.find((x) => x.name === expr.subject);
    return n?.bridge ? one(n.bridge) : { ok: false, found: n ? t.networkNoBridge(expr.subject) : t.noNetwork(expr.subject) };
  }
  if (expr.kind === 'gateway-of') {
    const ns = resolveNs(state, expr.subject);
    if (!ns) return { ok: false, found: noNamespaceFound(state, expr.subject, t) };
    const gws = state.routes.filter((r) => r.ns === ns.id && r.dst === 'default' && r.gateway).map((r) => r.gateway!);
    return gws.length ? many(gws, t) : { ok: false, found: t.noGateway(expr.subject) };
  }
  if (expr.kind === 'route-dev-of') return routeDev(state, expr.subject, expr.ns, t);
  const l = lookupLink(state, expr.subject, expr.ns, t);
  if (!l.ok) return { ok: false, found: l.found };
  const link = l.link;
  switch (expr.kind) {
    case 'port-of': {
      const ports = linksIn(state, l.ns.id).filter((x) => x.master === link.name).map((x) => x.name);
      return ports.length ? many(ports, t) : { ok: false, found: t.noPorts(link.name) };
    }
    case 'peer-of':
      return link.peer ? one(link.peer.name) : { ok: false, found: t.noPeerInLab(link.name) };
    case 'peer-ifindex-of': {
      const idx = link.peer?.ifindex ?? link.peerIfindex;
      return idx !== undefined ? one(String(idx)) : { ok: false, found: t.noPeer(link.name) };
    }
    case 'peer-ns-of': {
      if (!link.peer) return { ok: false, found: t.noPeerInLab(link.name) };
      const ns = state.namespaces.find((n) => n.id === link.peer!.ns);
      const names = ns?.names.length ? ns.names : [nsLabel(state, link.peer.ns)];
      return { ok: true, accepted: names, shown: names[0] };
    }
    case 'ifindex-of':
      return one(String(link.ifindex));
    case 'ip-of':
    case 'cidr-of': {
      const v4 = link.addresses.filter((a) => a.family === 'inet');
      if (!v4.length) return { ok: false, found: t.noIpv4(link.name) };
      const cidrs = v4.map((a) => `${a.local}/${a.prefixlen}`);
      if (expr.kind === 'cidr-of') return { ok: true, accepted: cidrs, shown: joinAnd(cidrs, t) };
      const withPort = expr.port === undefined ? [] : v4.map((a) => `${a.local}:${expr.port}`);
      return { ok: true, accepted: [...v4.flatMap((a) => [a.local, `${a.local}/${a.prefixlen}`]), ...withPort], shown: joinAnd(cidrs, t) };
    }
    case 'mac-of':
      return link.mac ? one(link.mac.toLowerCase()) : { ok: false, found: t.noMac(link.name) };
    case 'master-of':
      return link.master ? one(link.master) : { ok: false, found: t.notPortOfAny(link.name) };
    case 'mtu-of':
      return one(String(link.mtu));
  }
}

/** The interface of the route the kernel picks for `dest` (longest prefix, then metric),
 * the same lookup the explanations use. */
function routeDev(state: KernelState, dest: string, nsName: string, t: CheckText): AnswerValue {
  const ns = resolveNs(state, nsName);
  if (!ns) return { ok: false, found: noNamespaceFound(state, nsName, t) };
  const target = parseCidr(dest);
  if (!target || !isIpv4(target.address)) return { ok: false, found: t.notIpv4(dest) };
  const route = lookupRoute(routesIn(state, ns.id), target.address);
  return route?.dev ? one(route.dev) : { ok: false, found: t.noRouteMatches(nsName, dest) };
}

function one(answer: string): AnswerValue {
  return { ok: true, accepted: [answer], shown: answer };
}

function many(answers: string[], t: CheckText): AnswerValue {
  return { ok: true, accepted: answers, shown: t.joinOr(answers) };
}

/** What a learner typed, made comparable: `veth1@if5:` → `veth1`, `if5` → `5`, case folded. */
export function normalizeGiven(given: string): string {
  let g = given.trim().replace(/^`|`$/g, '').trim().toLowerCase();
  g = g.replace(/\s*\(id:\s*\d+\)$/, ''); // `91 (id: 1)`, as `ip netns` prints it
  g = g.replace(/:$/, '');
  g = g.replace(/@.*$/, '');
  if (/^if\d+$/.test(g)) g = g.slice(2);
  return g;
}

/** Compares a learner's answer with the live one. `expected` names the right answer, so
 * the caller decides whether to reveal it. */
export function checkAnswer(expr: AnswerExpr, given: string, state: KernelState, lang?: Lang): CheckResult {
  const t = checkText(lang);
  const value = computeAnswer(expr, state, lang);
  const found = given.trim() === '' ? t.noAnswer : given.trim();
  if (!value.ok) return { ok: false, expected: t.cannotCompute(value.found), found };
  const g = normalizeGiven(given);
  const ok = g !== '' && value.accepted.some((a) => a.toLowerCase() === g);
  return { ok, expected: value.shown, found };
}

/** Notes that would give away the answer of the question a step is about to ask: a note
 * that spells out the answer when the output it explains does not show it as such (the
 * MAC address a `brctl show` note derives from the bridge id, where reading the bridge id
 * is the exercise). A note that repeats what the output shows gives nothing away. */
export function givesAwayAnswer(note: string, output: string, expr: AnswerExpr, state: KernelState): boolean {
  const value = computeAnswer(expr, state);
  if (!value.ok) return false;
  const shows = (text: string, answer: string) => new RegExp(`(^|[^\\w:.])${answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w:])`, 'i').test(text);
  return value.accepted.some((a) => shows(note, a) && !shows(output, a));
}
