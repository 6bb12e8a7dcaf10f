// The check language: one line, one fact about the lab that must hold after a step.
// Lines read like sentences for an instructor (`link veth1 in net1 is up`); this module
// turns them into typed data and says precisely what is wrong with a line that does not
// parse. Evaluation lives in check-eval.ts.
import { isIpAddress, isIpOrCidr, parseCidr } from './ip.js';
import { lintText } from '../i18n/lint-text.js';

/** The namespace a check looks in when it names none. */
export const DEFAULT_NS = 'host';

export type CheckBody =
  | { kind: 'netns'; name: string; listed?: boolean }
  | { kind: 'link'; name: string; ns: string; state?: 'up' | 'down'; linkKind?: string; master?: string; mtu?: number }
  | { kind: 'veth'; name: string; ns: string; peer: string; peerNs?: string }
  | { kind: 'addr'; address: string; prefixlen?: number; dev: string; ns: string }
  | { kind: 'route'; dst: string; via?: string; dev?: string; ns: string }
  | { kind: 'bridge-port'; bridge: string; port: string; ns: string }
  | { kind: 'sysctl'; key: string; value: string; ns: string }
  | { kind: 'nat-masquerade'; source: string; outIface?: string; ns: string }
  | { kind: 'nat-dnat'; protocol?: string; port: number; to: string; ns: string }
  | { kind: 'ping'; address: string; from: string; via?: string }
  | { kind: 'container'; name: string; state?: 'running' | 'stopped'; net?: string }
  | { kind: 'network'; name: string; subnet?: string; gateway?: string }
  | { kind: 'ran'; words?: string[]; pattern?: string; flags?: string };

export type CheckKind = CheckBody['kind'];

/** A parsed check. `negated` comes from a leading `no` or `not`: the fact must NOT hold. */
export type Check = CheckBody & { negated: boolean; text: string };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export class CheckSyntaxError extends Error {}

const STARTERS = ['netns', 'link', 'veth', 'addr', 'route', 'bridge', 'sysctl', 'nat', 'ping', 'container', 'network', 'ran'];

/** Parses one check line (without its leading/trailing blanks). Never throws. */
export function parseCheck(line: string): ParseResult<Check> {
  const text = line.trim();
  try {
    return { ok: true, value: parseOrThrow(text) };
  } catch (e) {
    if (e instanceof CheckSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}

function parseOrThrow(text: string): Check {
  if (text === '') throw new CheckSyntaxError(lintText().emptyCheck);
  let rest = text;
  let negated = false;
  const neg = /^(no|not)\s+/.exec(rest);
  if (neg) {
    negated = true;
    rest = rest.slice(neg[0].length);
  }
  const head = /^(\S+)\s*/.exec(rest)!;
  const word = head[1];
  const afterHead = rest.slice(head[0].length);
  // `ran` takes the rest of the line verbatim: it is a command line, not check words.
  if (word === 'ran') return { ...parseRan(afterHead), negated, text };
  const t = new Tokens(afterHead.split(/\s+/).filter(Boolean), word);
  let body: CheckBody;
  switch (word) {
    case 'netns':
    case 'namespace':
      body = parseNetns(t);
      break;
    case 'link':
      body = parseLink(t);
      break;
    case 'veth':
      body = parseVeth(t);
      break;
    case 'addr':
    case 'address':
      body = parseAddr(t);
      break;
    case 'route':
      body = parseRoute(t);
      break;
    case 'bridge':
      body = parseBridge(t);
      break;
    case 'sysctl':
      body = parseSysctl(t);
      break;
    case 'nat':
      body = parseNat(t);
      break;
    case 'ping':
      body = parsePing(t);
      break;
    case 'container':
      body = parseContainer(t);
      break;
    case 'network':
      body = parseNetwork(t);
      break;
    default:
      throw new CheckSyntaxError(lintText().unknownCheck(word, STARTERS.join(', ')));
  }
  t.end();
  return { ...body, negated, text };
}

/** A cursor over the words of a check, with errors that name what was expected. */
class Tokens {
  private i = 0;
  constructor(private readonly words: string[], private readonly what: string) {}
  peek(): string | undefined {
    return this.words[this.i];
  }
  done(): boolean {
    return this.i >= this.words.length;
  }
  next(expected: string): string {
    const w = this.words[this.i];
    if (w === undefined) throw new CheckSyntaxError(lintText().checkMissing(this.what, expected));
    this.i++;
    return w;
  }
  /** A name: anything but a keyword of the language, so `link in net1` is caught. */
  name(expected: string): string {
    const w = this.next(expected);
    if (RESERVED.has(w)) throw new CheckSyntaxError(lintText().keywordFound(this.what, expected, w));
    return w;
  }
  accept(...options: string[]): string | undefined {
    const w = this.words[this.i];
    if (w !== undefined && options.includes(w)) {
      this.i++;
      return w;
    }
    return undefined;
  }
  unexpected(allowed: string): never {
    if (this.done()) throw new CheckSyntaxError(lintText().endsEarly(this.what, allowed));
    throw new CheckSyntaxError(lintText().unexpectedWord(this.words[this.i], this.what, allowed));
  }
  end(): void {
    if (!this.done()) this.unexpected('the end of the line');
  }
}

const RESERVED = new Set(['in', 'is', 'on', 'dev', 'via', 'peer', 'kind', 'master', 'mtu', 'up', 'down', 'has', 'port', 'from', 'to', 'net', 'out', '=']);

/** `in NS`, if it comes next. */
function inNs(t: Tokens): string | undefined {
  return t.accept('in') ? t.name('a namespace after "in"') : undefined;
}

function setOnce<T>(current: T | undefined, value: T, clause: string): T {
  if (current !== undefined) throw new CheckSyntaxError(lintText().givenTwice(clause));
  return value;
}

/** `netns NAME [listed]`: `listed` asks that `ip netns` list it, which a container's
 * namespace is not until a learner links it into /run/netns. */
function parseNetns(t: Tokens): CheckBody {
  const name = t.name('a namespace name');
  return t.accept('listed') ? { kind: 'netns', name, listed: true } : { kind: 'netns', name };
}

function parseLink(t: Tokens): CheckBody {
  const name = t.name('a link name');
  let ns: string | undefined;
  let state: 'up' | 'down' | undefined;
  let linkKind: string | undefined;
  let master: string | undefined;
  let mtu: number | undefined;
  while (!t.done()) {
    if (t.accept('is') && t.done()) t.unexpected('up, down or in NS after "is"');
    if (t.accept('in')) ns = setOnce(ns, t.name('a namespace after "in"'), 'in');
    else if (t.peek() === 'up' || t.peek() === 'down') state = setOnce(state, t.next('up or down') as 'up' | 'down', 'up/down');
    else if (t.accept('kind')) linkKind = setOnce(linkKind, t.name('a link kind after "kind" (veth, bridge, …)'), 'kind');
    else if (t.accept('master')) master = setOnce(master, t.name('a bridge name after "master"'), 'master');
    else if (t.accept('mtu')) {
      const word = t.next('a number after "mtu" (1500)');
      if (!/^[1-9]\d{1,4}$/.test(word)) throw new CheckSyntaxError(lintText().mtuNumber(word));
      mtu = setOnce(mtu, Number(word), 'mtu');
    } else t.unexpected('in NS, up, down, kind KIND, master BRIDGE or mtu N');
  }
  return { kind: 'link', name, ns: ns ?? DEFAULT_NS, state, linkKind, master, ...(mtu === undefined ? {} : { mtu }) };
}

function parseVeth(t: Tokens): CheckBody {
  const name = t.name('a veth name');
  const ns = inNs(t);
  if (!t.accept('peer')) t.unexpected('"peer NAME" (veth A [in NS] peer B [in NS])');
  const peer = t.name('the peer name after "peer"');
  const peerNs = inNs(t);
  return { kind: 'veth', name, ns: ns ?? DEFAULT_NS, peer, peerNs };
}

function parseAddr(t: Tokens): CheckBody {
  const raw = t.next('an address such as 10.0.0.2/24');
  const cidr = parseCidr(raw);
  if (!cidr) throw new CheckSyntaxError(lintText().notAddress(raw));
  if (!t.accept('on', 'dev')) t.unexpected('"on LINK" (addr 10.0.0.2/24 on veth1 [in NS])');
  const dev = t.name('a link name after "on"');
  const ns = inNs(t);
  return { kind: 'addr', address: cidr.address, prefixlen: cidr.prefixlen, dev, ns: ns ?? DEFAULT_NS };
}

function parseRoute(t: Tokens): CheckBody {
  const raw = t.next('a destination: default or a prefix such as 10.0.0.0/24');
  let dst: string;
  if (raw === 'default' || raw === '0.0.0.0/0') dst = 'default';
  else if (isIpOrCidr(raw)) dst = raw.includes('/') ? raw : `${raw}/${raw.includes(':') ? 128 : 32}`;
  else throw new CheckSyntaxError(lintText().notRouteDest(raw));
  let via: string | undefined;
  let dev: string | undefined;
  let ns: string | undefined;
  while (!t.done()) {
    if (t.accept('via', 'gw')) {
      const gw = t.next('a gateway address after "via"');
      if (!isIpAddress(gw)) throw new CheckSyntaxError(lintText().notGateway(gw));
      via = setOnce(via, gw, 'via');
    } else if (t.accept('dev')) dev = setOnce(dev, t.name('a link name after "dev"'), 'dev');
    else if (t.accept('in')) ns = setOnce(ns, t.name('a namespace after "in"'), 'in');
    else t.unexpected('via GATEWAY, dev LINK or in NS');
  }
  return { kind: 'route', dst, via, dev, ns: ns ?? DEFAULT_NS };
}

function parseBridge(t: Tokens): CheckBody {
  const bridge = t.name('a bridge name');
  let ns = inNs(t);
  t.accept('has');
  if (!t.accept('port')) t.unexpected('"has port NAME" (bridge docker0 [in NS] has port veth1)');
  const port = t.name('a port name after "port"');
  if (ns === undefined) ns = inNs(t);
  return { kind: 'bridge-port', bridge, port, ns: ns ?? DEFAULT_NS };
}

function parseSysctl(t: Tokens): CheckBody {
  const key = t.next('a sysctl name such as net.ipv4.ip_forward');
  if (!/^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)+$/.test(key)) throw new CheckSyntaxError(lintText().notSysctl(key));
  t.accept('=');
  const value = t.next('a value after the sysctl name');
  return { kind: 'sysctl', key, value, ns: inNs(t) ?? DEFAULT_NS };
}

function parseNat(t: Tokens): CheckBody {
  const what = t.next('masquerade or dnat');
  if (what === 'masquerade') {
    const source = t.next('the source subnet, e.g. 172.17.0.0/16');
    if (!isIpOrCidr(source)) throw new CheckSyntaxError(lintText().notSubnet(source, '172.17.0.0/16'));
    let outIface: string | undefined;
    let ns: string | undefined;
    while (!t.done()) {
      if (t.accept('out')) outIface = setOnce(outIface, t.next('an interface after "out" (docker0 or !docker0)'), 'out');
      else if (t.accept('in')) ns = setOnce(ns, t.name('a namespace after "in"'), 'in');
      else t.unexpected('out IFACE or in NS');
    }
    return { kind: 'nat-masquerade', source, outIface, ns: ns ?? DEFAULT_NS };
  }
  if (what === 'dnat') {
    const protocol = t.accept('tcp', 'udp');
    const portWord = t.next('the port that is forwarded, e.g. 8080');
    const port = Number(portWord);
    if (!/^\d+$/.test(portWord) || port < 1 || port > 65535) throw new CheckSyntaxError(lintText().notPort(portWord));
    if (!t.accept('to')) t.unexpected('"to ADDRESS:PORT" (nat dnat tcp 8080 to 172.17.0.2:80)');
    const to = t.next('the destination after "to", e.g. 172.17.0.2:80');
    const [ip, toPort] = to.split(':');
    if (!isIpAddress(ip) || (toPort !== undefined && !/^\d+$/.test(toPort))) throw new CheckSyntaxError(lintText().notDestination(to));
    return { kind: 'nat-dnat', protocol, port, to, ns: inNs(t) ?? DEFAULT_NS };
  }
  throw new CheckSyntaxError(lintText().natForm(what));
}

function parsePing(t: Tokens): CheckBody {
  const address = t.next('an address or a name to ping');
  // A name is looked up as the container does it (its /etc/resolv.conf, its 127.0.0.11).
  if (!isIpAddress(address) && !HOSTNAME.test(address)) throw new CheckSyntaxError(lintText().notHost(address));
  const from = t.accept('from') ? t.name('a namespace or container after "from"') : DEFAULT_NS;
  if (!t.accept('via')) return { kind: 'ping', address, from };
  // A place the request must pass: `host`, or a place and interface, `host:eth0`.
  const via = t.next('a place (host, c1, outside) or place:interface after "via"');
  if (!/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.@-]+)?$/.test(via)) throw new CheckSyntaxError(lintText().viaForm(via));
  return { kind: 'ping', address, from, via };
}

const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?)*$/;

/** `network NAME [subnet CIDR] [gateway IP]`: a docker network whose bridge is in the kernel. */
function parseNetwork(t: Tokens): CheckBody {
  const name = t.name('a docker network name');
  let subnet: string | undefined;
  let gateway: string | undefined;
  while (!t.done()) {
    if (t.accept('subnet')) {
      const s = t.next('a subnet after "subnet", e.g. 172.18.0.0/16');
      if (!isIpOrCidr(s) || !s.includes('/')) throw new CheckSyntaxError(lintText().notSubnet(s, '172.18.0.0/16'));
      subnet = setOnce(subnet, s, 'subnet');
    } else if (t.accept('gateway', 'via')) {
      const g = t.next('an address after "gateway"');
      if (!isIpAddress(g)) throw new CheckSyntaxError(lintText().notGateway(g));
      gateway = setOnce(gateway, g, 'gateway');
    } else t.unexpected('subnet CIDR or gateway ADDRESS');
  }
  return { kind: 'network', name, subnet, gateway };
}

function parseContainer(t: Tokens): CheckBody {
  const name = t.name('a container name');
  let state: 'running' | 'stopped' | undefined;
  let net: string | undefined;
  while (!t.done()) {
    if (t.accept('is') && t.done()) t.unexpected('running or stopped after "is"');
    if (t.accept('exists')) continue;
    if (t.peek() === 'running' || t.peek() === 'stopped') state = setOnce(state, t.next('running or stopped') as 'running' | 'stopped', 'running/stopped');
    else if (t.accept('net')) net = setOnce(net, t.next('a network mode after "net" (bridge, host, none, container:NAME)'), 'net');
    else t.unexpected('exists, running, stopped or net MODE');
  }
  return { kind: 'container', name, state, net };
}

function parseRan(rest: string): CheckBody {
  const text = rest.trim();
  if (text === '') throw new CheckSyntaxError(lintText().ranNeedsCommand);
  const re = /^\/(.+)\/([imsu]*)$/.exec(text);
  if (re) {
    try {
      new RegExp(re[1], re[2]);
    } catch (e) {
      throw new CheckSyntaxError(lintText().ranRegex(text, (e as Error).message));
    }
    return { kind: 'ran', pattern: re[1], flags: re[2] };
  }
  return { kind: 'ran', words: text.split(/\s+/) };
}
