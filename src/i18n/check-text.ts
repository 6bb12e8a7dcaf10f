// What a step's checks and questions say to the learner, in each language nslab speaks:
// what a check expects ("a link veth1 in host"), what the lab shows instead (`found`), and
// the verdicts on an answer. The terminal's `.check` and the workshop page both show these.
// One object per language; the type makes a key missing in Chinese a compile error, and
// test/i18n/check-text.test.ts holds the two to the same keys at run time. Names, addresses,
// rules, flags (UP, DOWN) and commands stay as the kernel and the learner write them.
import { inLanguages } from './lang.js';

/** What a check wants, and what it wants when negated (`no …`, `not …`). */
export interface Phrases {
  expected: string;
  expectedNot: string;
}

/** The facts a link check names: its state, its kind, the bridge it is a port of. */
export interface LinkFacts {
  state?: string;
  kind?: string;
  master?: string;
  mtu?: number;
}

export interface CheckText {
  // Lists, as the found texts enumerate things.
  none: string;
  nothing: string;
  /** Between the items of a list of names. */
  listSep: string;
  /** A list cut at `shown` items of `total`. */
  listMore(shown: string, total: number): string;
  joinAnd(items: string[]): string;
  /** The several right answers to a question, any of which counts. */
  joinOr(items: string[]): string;
  /** "a veth", "a bridge", "a plain device": a link kind as a noun. */
  kindNoun(kind: string): string;

  // What each check kind expects (describe()).
  netnsListed(name: string): Phrases;
  netns(name: string): Phrases;
  link(name: string, ns: string, facts: LinkFacts): Phrases;
  /** The far end of a veth, in its namespace if one is named. */
  peerIn(peer: string, ns: string | undefined): string;
  veth(name: string, ns: string, peer: string): Phrases;
  addr(address: string, dev: string, ns: string): Phrases;
  route(route: string, ns: string): Phrases;
  bridgePort(port: string, bridge: string, ns: string): Phrases;
  sysctl(key: string, value: string, ns: string): Phrases;
  masquerade(source: string, outIface: string | undefined, ns: string): Phrases;
  dnat(protocol: string | undefined, port: number, to: string, ns: string): Phrases;
  ping(address: string, from: string, via: string | undefined): Phrases;
  container(name: string, state: string | undefined, net: string | undefined): Phrases;
  network(name: string, subnet: string | undefined, gateway: string | undefined): Phrases;
  ran(command: string): Phrases;
  /** The command a `ran` check asks for, as the step's own command that matches it. */
  ranExample(example: string): string;
  ranPattern(pattern: string): string;
  /** `.check`'s line for a `ran` check not yet done. */
  runIt(command: string): string;

  // What the lab shows (the outcomes' `found`).
  noNamespace(name: string, namespaces: string): string;
  linkElsewhere(name: string, places: string, ns: string): string;
  noLink(name: string, ns: string, there: string): string;
  pingAnswers(address: string, reachable: boolean, from: string): string;
  nowhere: string;
  walkAnswers(address: string, path: string, notThrough: string | undefined): string;
  walkNoAnswer(address: string, path: string, lost: string | undefined): string;
  noPacketWalk: string;
  couldNotPing(why: string): string;
  notProbedYet: string;
  namespaceExists(name: string): string;
  netnsLists(name: string): string;
  netnsNotListed(name: string, listed: string): string;
  linkDown(name: string, ns: string): string;
  linkUp(name: string, ns: string): string;
  linkIsKind(name: string, ns: string, kind: string): string;
  linkPortOf(name: string, ns: string, master: string): string;
  linkNoMaster(name: string, ns: string): string;
  /** A link check that holds: where the link is, and the facts it asked about. */
  linkHolds(name: string, ns: string, facts: LinkFacts): string;
  linkWrongMtu(name: string, ns: string, mtu: number): string;
  notVeth(name: string, ns: string, kind: string): string;
  peerNotFound(name: string, ns: string): string;
  pairedWith(name: string, ns: string, peer: string): string;
  pairedNoNs(name: string, ns: string, peer: string, noNs: string): string;
  pairedNotIn(name: string, ns: string, peer: string, wanted: string): string;
  addrHas(dev: string, ns: string, addresses: string): string;
  addrNone(dev: string, ns: string, family: 'inet' | 'inet6'): string;
  /** "default route" or "route to 10.0.0.0/24", as the route texts below name it. */
  routeName(dst: string): string;
  noRoute(name: string, ns: string, routes: string): string;
  routeGoes(name: string, ns: string, goes: string): string;
  /** How a route goes: by a gateway or direct, and by which device. */
  routeWay(gateway: string | undefined, dev: string | undefined): string;
  notBridge(bridge: string, ns: string, kind: string): string;
  bridgeHasPort(bridge: string, port: string, ports: string): string;
  bridgePorts(bridge: string, ports: string): string;
  noPorts(bridge: string): string;
  sysctlUnread(key: string, ns: string): string;
  sysctlIs(key: string, value: string, ns: string): string;
  ruleIn(rule: string, ns: string): string;
  noMasquerade(ns: string, rules: string): string;
  masqueradeRules(ns: string, rules: string[]): string;
  noDnat(ns: string): string;
  dnatRules(ns: string, rules: string[]): string;
  /** `containers`: the ones there are, when the text lists them. */
  noContainer(name: string, containers?: string): string;
  containerStatus(running: boolean): string;
  containerIs(name: string, status: string): string;
  containerNet(name: string, mode: string): string;
  containerHolds(name: string, status: string, mode: string): string;
  noNetwork(name: string, networks?: string): string;
  networkSubnet(name: string, subnet: string | undefined): string;
  networkGateway(name: string, gateway: string | undefined): string;
  networkDriver(name: string, driver: string): string;
  networkNoKernelBridge(name: string, bridge: string, why: string): string;
  bridgeNoGateway(bridge: string, gateway: string): string;
  networkHolds(name: string, bridge: string, subnet: string | undefined, gateway: string | undefined): string;
  youRan(line: string): string;
  noCommandYet: string;
  commandsRun(recent: string[], more: boolean): string;

  // A question's answer.
  noAnswer: string;
  cannotCompute(why: string): string;
  networkNoBridge(name: string): string;
  noGateway(ns: string): string;
  noPeerInLab(name: string): string;
  noPeer(name: string): string;
  noIpv4(name: string): string;
  noMac(name: string): string;
  notPortOfAny(name: string): string;
  notIpv4(dest: string): string;
  noRouteMatches(ns: string, dest: string): string;
}

const en: CheckText = {
  none: 'none',
  nothing: 'nothing',
  listSep: ', ',
  listMore: (shown, total) => `${shown}, … (${total} in all)`,
  joinAnd: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  joinOr: (items) => items.join(' or '),
  kindNoun: (kind) => (kind === 'device' ? 'a plain device' : /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`),

  netnsListed: (name) => ({ expected: `\`ip netns\` listing ${name}`, expectedNot: `\`ip netns\` not listing ${name}` }),
  netns: (name) => ({ expected: `a network namespace ${name}`, expectedNot: `no network namespace ${name}` }),
  link: (name, ns, facts) => {
    const props = [facts.state?.toUpperCase(), facts.kind && en.kindNoun(facts.kind), facts.master && `a port of ${facts.master}`, facts.mtu !== undefined && `MTU ${facts.mtu}`].filter((p): p is string => !!p);
    if (props.length === 0) return { expected: `a link ${name} in ${ns}`, expectedNot: `no link ${name} in ${ns}` };
    return { expected: `${name} in ${ns}, ${props.join(', ')}`, expectedNot: `${name} in ${ns} not ${props.join(' and ')}` };
  },
  peerIn: (peer, ns) => (ns ? `${peer} in ${ns}` : peer),
  veth: (name, ns, peer) => ({ expected: `${name} in ${ns} paired with ${peer}`, expectedNot: `${name} in ${ns} not paired with ${peer}` }),
  addr: (a, dev, ns) => ({ expected: `${a} on ${dev} in ${ns}`, expectedNot: `no ${a} on ${dev} in ${ns}` }),
  route: (r, ns) => ({ expected: `a route ${r} in ${ns}`, expectedNot: `no route ${r} in ${ns}` }),
  bridgePort: (port, bridge, ns) => ({ expected: `${port} a port of ${bridge} in ${ns}`, expectedNot: `${port} not a port of ${bridge} in ${ns}` }),
  sysctl: (key, value, ns) => ({ expected: `${key} = ${value} in ${ns}`, expectedNot: `${key} other than ${value} in ${ns}` }),
  masquerade: (source, outIface, ns) => {
    const out = outIface ? ` out ${outIface}` : '';
    return { expected: `a MASQUERADE rule for ${source}${out} in ${ns}`, expectedNot: `no MASQUERADE rule for ${source}${out} in ${ns}` };
  },
  dnat: (protocol, port, to, ns) => {
    const d = `${protocol ? protocol + ' ' : ''}port ${port} to ${to}`;
    return { expected: `a DNAT rule ${d} in ${ns}`, expectedNot: `no DNAT rule ${d} in ${ns}` };
  },
  ping: (address, from, via) =>
    via
      ? { expected: `${address} answers ping from ${from}, through ${via}`, expectedNot: `${address} not reached from ${from} through ${via}` }
      : { expected: `${address} answers ping from ${from}`, expectedNot: `${address} does not answer ping from ${from}` },
  container: (name, state, net) => {
    const props = [state, net && `with network mode ${net}`].filter(Boolean);
    if (props.length === 0) return { expected: `a container ${name}`, expectedNot: `no container ${name}` };
    return { expected: `container ${name} ${props.join(', ')}`, expectedNot: `container ${name} not ${props.join(' and ')}` };
  },
  network: (name, subnet, gateway) => {
    const props = [subnet && `subnet ${subnet}`, gateway && `gateway ${gateway}`].filter(Boolean).join(', ');
    return { expected: `a docker network ${name}${props ? ` (${props})` : ''} with its bridge in the kernel`, expectedNot: `no docker network ${name}` };
  },
  ran: (cmd) => ({ expected: `${cmd} run in this step`, expectedNot: `${cmd} not run in this step` }),
  ranExample: (example) => `\`${example}\` (or a command like it)`,
  ranPattern: (pattern) => `a command matching ${pattern}`,
  runIt: (cmd) => `run ${cmd}`,

  noNamespace: (name, namespaces) => `there is no namespace ${name} (namespaces: ${namespaces})`,
  linkElsewhere: (name, places, ns) => `${name} is in ${places}, not in ${ns}`,
  noLink: (name, ns, there) => `no link ${name} in ${ns} (links there: ${there})`,
  pingAnswers: (address, reachable, from) => `${address} ${reachable ? 'answers' : 'does not answer'} ping from ${from}`,
  nowhere: 'nowhere',
  walkAnswers: (address, path, notThrough) => `${address} answers, its request going ${path}${notThrough ? ` (not through ${notThrough})` : ''}`,
  walkNoAnswer: (address, path, lost) => `${address} does not answer: the request went ${path}${lost ? `, lost: ${lost}` : ''}`,
  noPacketWalk: 'this front end cannot follow a packet (no packet walk)',
  couldNotPing: (why) => `could not run ping: ${why}`,
  notProbedYet: 'not tried yet: it is tried once the other checks hold',
  namespaceExists: (name) => `namespace ${name} exists`,
  netnsLists: (name) => `\`ip netns\` lists ${name}`,
  netnsNotListed: (name, listed) => `${name} is a namespace, but \`ip netns\` lists ${listed} (no /run/netns/${name})`,
  linkDown: (name, ns) => `${name} is in ${ns} but DOWN`,
  linkUp: (name, ns) => `${name} is in ${ns} and UP`,
  linkIsKind: (name, ns, kind) => `${name} is in ${ns} but is ${en.kindNoun(kind)}`,
  linkPortOf: (name, ns, master) => `${name} is in ${ns} but is a port of ${master}`,
  linkNoMaster: (name, ns) => `${name} is in ${ns} but is not a port of any bridge`,
  linkWrongMtu: (name, ns, mtu) => `${name} is in ${ns} but its MTU is ${mtu}`,
  linkHolds: (name, ns, facts) => {
    const shown = [facts.state, facts.kind && en.kindNoun(facts.kind), facts.master !== undefined && `a port of ${facts.master}`, facts.mtu !== undefined && `MTU ${facts.mtu}`].filter(Boolean);
    return shown.length ? `${name} is in ${ns}, ${shown.join(', ')}` : `${name} is in ${ns}`;
  },
  notVeth: (name, ns, kind) => `${name} in ${ns} is ${en.kindNoun(kind)}, not a veth`,
  peerNotFound: (name, ns) => `the peer of ${name} in ${ns} was not found in the lab`,
  pairedWith: (name, ns, peer) => `${name} in ${ns} is paired with ${peer}`,
  pairedNoNs: (name, ns, peer, noNs) => `${name} in ${ns} is paired with ${peer}; ${noNs}`,
  pairedNotIn: (name, ns, peer, wanted) => `${name} in ${ns} is paired with ${peer}, not in ${wanted}`,
  addrHas: (dev, ns, addresses) => `${dev} in ${ns} has ${addresses}`,
  addrNone: (dev, ns, family) => `${dev} in ${ns} has no ${family === 'inet' ? 'IPv4' : 'IPv6'} address`,
  routeName: (dst) => (dst === 'default' ? 'default route' : `route to ${dst}`),
  noRoute: (name, ns, routes) => `no ${name} in ${ns} (routes: ${routes})`,
  routeGoes: (name, ns, goes) => `the ${name} in ${ns} goes ${goes}`,
  routeWay: (gateway, dev) => [gateway ? `via ${gateway}` : 'direct (no gateway)', dev && `dev ${dev}`].filter(Boolean).join(' '),
  notBridge: (bridge, ns, kind) => `${bridge} in ${ns} is ${en.kindNoun(kind)}, not a bridge`,
  bridgeHasPort: (bridge, port, ports) => `${bridge} has port ${port} (ports: ${ports})`,
  bridgePorts: (bridge, ports) => `the ports of ${bridge} are ${ports}`,
  noPorts: (bridge) => `${bridge} has no ports`,
  sysctlUnread: (key, ns) => `nslab did not read ${key} in ${ns}`,
  sysctlIs: (key, value, ns) => `${key} = ${value} in ${ns}`,
  ruleIn: (rule, ns) => `rule ${rule} in ${ns}`,
  noMasquerade: (ns, rules) => `no MASQUERADE rule in ${ns} (nat rules: ${rules})`,
  masqueradeRules: (ns, rules) => `the MASQUERADE rules in ${ns} are: ${rules.join('; ')}`,
  noDnat: (ns) => `no DNAT rule in ${ns}`,
  dnatRules: (ns, rules) => `the DNAT rules in ${ns} are: ${rules.join('; ')}`,
  noContainer: (name, containers) => `no container ${name}${containers === undefined ? '' : ` (containers: ${containers})`}`,
  containerStatus: (running) => (running ? 'running' : 'stopped'),
  containerIs: (name, status) => `container ${name} is ${status}`,
  containerNet: (name, mode) => `container ${name} has network mode ${mode}`,
  containerHolds: (name, status, mode) => `container ${name} is ${status}, network mode ${mode}`,
  noNetwork: (name, networks) => `no docker network ${name}${networks === undefined ? '' : ` (networks: ${networks})`}`,
  networkSubnet: (name, subnet) => `network ${name} has subnet ${subnet ?? 'none'}`,
  networkGateway: (name, gateway) => `network ${name} has gateway ${gateway ?? 'none'}`,
  networkDriver: (name, driver) => `network ${name} (driver ${driver})`,
  networkNoKernelBridge: (name, bridge, why) => `network ${name} is known, but its bridge ${bridge} is not in the kernel: ${why}`,
  bridgeNoGateway: (bridge, gateway) => `${bridge} does not hold the gateway ${gateway}`,
  networkHolds: (name, bridge, subnet, gateway) => `network ${name}: bridge ${bridge}${subnet ? `, subnet ${subnet}` : ''}${gateway ? `, gateway ${gateway}` : ''}`,
  youRan: (line) => `you ran \`${line}\``,
  noCommandYet: 'no command run yet in this step',
  commandsRun: (recent, more) => `commands run in this step: ${more ? '…, ' : ''}${recent.join(', ')}`,

  noAnswer: 'no answer',
  cannotCompute: (why) => `(cannot be computed: ${why})`,
  networkNoBridge: (name) => `network ${name} has no bridge`,
  noGateway: (ns) => `no default route via a gateway in ${ns}`,
  noPeerInLab: (name) => `${name} has no peer in the lab`,
  noPeer: (name) => `${name} has no peer`,
  noIpv4: (name) => `${name} has no IPv4 address`,
  noMac: (name) => `${name} has no MAC address`,
  notPortOfAny: (name) => `${name} is not a port of any bridge`,
  notIpv4: (dest) => `${dest} is not an IPv4 address or prefix`,
  noRouteMatches: (ns, dest) => `no route in ${ns} matches ${dest}`,
};

/** Chinese puts a space between its characters and a Latin word, none before its own. */
function spaced(text: string): string {
  return /^[\x21-\x7e]/.test(text) ? ` ${text}` : text;
}

/** "是 veth 网卡", "是网桥". */
function isKind(kind: string): string {
  return `是${spaced(zh.kindNoun(kind))}`;
}

/** A link check's facts as Chinese clauses: 状态为 UP，是 veth 网卡，是 br0 的端口. */
function zhFacts(facts: LinkFacts): string[] {
  return [
    facts.state && `状态为 ${facts.state.toUpperCase()}`,
    facts.kind && isKind(facts.kind),
    facts.master !== undefined && `是 ${facts.master} 的端口`,
    facts.mtu !== undefined && `MTU 为 ${facts.mtu}`,
  ].filter((p): p is string => !!p);
}

/** One clause of zhFacts, negated: 状态不为 UP，不是 br0 的端口. */
function notFact(fact: string): string {
  return fact.startsWith('状态为') ? fact.replace('状态为', '状态不为') : `不${fact}`;
}

const zh: CheckText = {
  none: '无',
  nothing: '无',
  listSep: '、',
  listMore: (shown, total) => `${shown}、…（共 ${total} 个）`,
  joinAnd: (items) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')} 和 ${items[items.length - 1]}`),
  joinOr: (items) => items.join(' 或 '),
  kindNoun: (kind) => (kind === 'device' ? '普通网卡' : kind === 'bridge' ? '网桥' : `${kind} 网卡`),

  netnsListed: (name) => ({ expected: `\`ip netns\` 列出 ${name}`, expectedNot: `\`ip netns\` 不列出 ${name}` }),
  netns: (name) => ({ expected: `有网络命名空间 ${name}`, expectedNot: `没有网络命名空间 ${name}` }),
  link: (name, ns, facts) => {
    const props = zhFacts(facts);
    if (props.length === 0) return { expected: `${ns} 中有网卡 ${name}`, expectedNot: `${ns} 中没有网卡 ${name}` };
    return {
      expected: `${ns} 中的 ${name} ${props.join('，')}`,
      expectedNot: props.length === 1 ? `${ns} 中的 ${name} ${notFact(props[0])}` : `${ns} 中的 ${name} 并非同时满足：${props.join('、')}`,
    };
  },
  peerIn: (peer, ns) => (ns ? `${ns} 中的 ${peer}` : peer),
  veth: (name, ns, peer) => ({ expected: `${ns} 中的 ${name} 与 ${peer} 组成 veth 对`, expectedNot: `${ns} 中的 ${name} 不与 ${peer} 组成 veth 对` }),
  addr: (a, dev, ns) => ({ expected: `${ns} 中的 ${dev} 上有地址 ${a}`, expectedNot: `${ns} 中的 ${dev} 上没有地址 ${a}` }),
  route: (r, ns) => ({ expected: `${ns} 中有路由 ${r}`, expectedNot: `${ns} 中没有路由 ${r}` }),
  bridgePort: (port, bridge, ns) => ({ expected: `${port} 是 ${ns} 中网桥 ${bridge} 的端口`, expectedNot: `${port} 不是 ${ns} 中网桥 ${bridge} 的端口` }),
  sysctl: (key, value, ns) => ({ expected: `${ns} 中 ${key} = ${value}`, expectedNot: `${ns} 中 ${key} 不等于 ${value}` }),
  masquerade: (source, outIface, ns) => {
    const rule = `针对 ${source} 的 MASQUERADE 规则${outIface ? `（出口 ${outIface}）` : ''}`;
    return { expected: `${ns} 中有${rule}`, expectedNot: `${ns} 中没有${rule}` };
  },
  dnat: (protocol, port, to, ns) => {
    const d = `把${protocol ? ` ${protocol} ` : ''}端口 ${port} 转到 ${to} 的 DNAT 规则`;
    return { expected: `${ns} 中有一条${d}`, expectedNot: `${ns} 中没有${d}` };
  },
  ping: (address, from, via) =>
    via
      ? { expected: `从 ${from} ping ${address} 有回应，且经过 ${via}`, expectedNot: `从 ${from} 经过 ${via} 到不了 ${address}` }
      : { expected: `从 ${from} ping ${address} 有回应`, expectedNot: `从 ${from} ping ${address} 没有回应` },
  container: (name, state, net) => {
    const props = [state && zh.containerStatus(state === 'running'), net && `网络模式为 ${net}`].filter((p): p is string => !!p);
    if (props.length === 0) return { expected: `有容器 ${name}`, expectedNot: `没有容器 ${name}` };
    const not = state ? (state === 'running' ? '没有在运行' : '没有停止') : `网络模式不是 ${net}`;
    return { expected: `容器 ${name} ${props.join('，')}`, expectedNot: props.length === 1 ? `容器 ${name} ${not}` : `容器 ${name} 并非同时满足：${props.join('、')}` };
  },
  network: (name, subnet, gateway) => {
    const props = [subnet && `子网 ${subnet}`, gateway && `网关 ${gateway}`].filter(Boolean).join('，');
    return { expected: `有 docker 网络 ${name}${props ? `（${props}）` : ''}，且内核中有它的网桥`, expectedNot: `没有 docker 网络 ${name}` };
  },
  ran: (cmd) => ({ expected: `这一步里运行过${spaced(cmd)}`, expectedNot: `这一步里没有运行过${spaced(cmd)}` }),
  ranExample: (example) => `\`${example}\`（或类似的命令）`,
  ranPattern: (pattern) => `匹配 ${pattern} 的命令`,
  runIt: (cmd) => `运行${spaced(cmd)}`,

  noNamespace: (name, namespaces) => `没有命名空间 ${name}（现有命名空间：${namespaces}）`,
  linkElsewhere: (name, places, ns) => `${name} 在 ${places} 中，不在 ${ns} 中`,
  noLink: (name, ns, there) => `${ns} 中没有网卡 ${name}（那里的网卡：${there}）`,
  pingAnswers: (address, reachable, from) => `从 ${from} ping ${address} ${reachable ? '有回应' : '没有回应'}`,
  nowhere: '无',
  walkAnswers: (address, path, notThrough) => `${address} 有回应，请求的路径：${path}${notThrough ? `（没有经过 ${notThrough}）` : ''}`,
  walkNoAnswer: (address, path, lost) => `${address} 没有回应，请求的路径：${path}${lost ? `；丢失于：${lost}` : ''}`,
  noPacketWalk: '这个前端无法跟踪数据包（没有 packet walk）',
  couldNotPing: (why) => `无法运行 ping：${why}`,
  notProbedYet: '还没有试：其他检查都通过后才会试这一项',
  namespaceExists: (name) => `命名空间 ${name} 存在`,
  netnsLists: (name) => `\`ip netns\` 列出了 ${name}`,
  netnsNotListed: (name, listed) => `${name} 是一个命名空间，但 \`ip netns\` 的列表是：${listed}（没有 /run/netns/${name}）`,
  linkDown: (name, ns) => `${name} 在 ${ns} 中，但状态为 DOWN`,
  linkUp: (name, ns) => `${name} 在 ${ns} 中，且状态为 UP`,
  linkIsKind: (name, ns, kind) => `${name} 在 ${ns} 中，但它${isKind(kind)}`,
  linkPortOf: (name, ns, master) => `${name} 在 ${ns} 中，但它是 ${master} 的端口`,
  linkNoMaster: (name, ns) => `${name} 在 ${ns} 中，但它不是任何网桥的端口`,
  linkWrongMtu: (name, ns, mtu) => `${name} 在 ${ns} 中，但它的 MTU 是 ${mtu}`,
  linkHolds: (name, ns, facts) => [`${name} 在 ${ns} 中`, ...zhFacts(facts)].join('，'),
  notVeth: (name, ns, kind) => `${ns} 中的 ${name} ${isKind(kind)}，不是 veth`,
  peerNotFound: (name, ns) => `实验环境里找不到 ${ns} 中 ${name} 的对端`,
  pairedWith: (name, ns, peer) => `${ns} 中的 ${name} 与 ${peer} 组成 veth 对`,
  pairedNoNs: (name, ns, peer, noNs) => `${ns} 中的 ${name} 与 ${peer} 组成 veth 对；${noNs}`,
  pairedNotIn: (name, ns, peer, wanted) => `${ns} 中的 ${name} 与 ${peer} 组成 veth 对，对端不在 ${wanted} 中`,
  addrHas: (dev, ns, addresses) => `${ns} 中的 ${dev} 上的地址：${addresses}`,
  addrNone: (dev, ns, family) => `${ns} 中的 ${dev} 上没有 ${family === 'inet' ? 'IPv4' : 'IPv6'} 地址`,
  routeName: (dst) => (dst === 'default' ? '默认路由' : `到 ${dst} 的路由`),
  noRoute: (name, ns, routes) => `${ns} 中没有${name}（现有路由：${routes}）`,
  // 「host 中的默认路由」, but 「host 中到 10.0.0.0/24 的路由」.
  routeGoes: (name, ns, goes) => `${ns} 中${name.startsWith('到') ? '' : '的'}${name}：${goes}`,
  routeWay: (gateway, dev) => (gateway ? `经网关 ${gateway}${dev ? `（出口 ${dev}）` : ''}` : `直连（${dev ? `出口 ${dev}，` : ''}不经网关）`),
  notBridge: (bridge, ns, kind) => `${ns} 中的 ${bridge} ${isKind(kind)}，不是网桥`,
  bridgeHasPort: (bridge, port, ports) => `${bridge} 有端口 ${port}（所有端口：${ports}）`,
  bridgePorts: (bridge, ports) => `${bridge} 的端口是 ${ports}`,
  noPorts: (bridge) => `${bridge} 没有端口`,
  sysctlUnread: (key, ns) => `nslab 没有读到 ${ns} 中的 ${key}`,
  sysctlIs: (key, value, ns) => `${ns} 中 ${key} = ${value}`,
  ruleIn: (rule, ns) => `${ns} 中有规则 ${rule}`,
  noMasquerade: (ns, rules) => `${ns} 中没有 MASQUERADE 规则（nat 表的规则：${rules}）`,
  masqueradeRules: (ns, rules) => `${ns} 中的 MASQUERADE 规则是：${rules.join('；')}`,
  noDnat: (ns) => `${ns} 中没有 DNAT 规则`,
  dnatRules: (ns, rules) => `${ns} 中的 DNAT 规则是：${rules.join('；')}`,
  noContainer: (name, containers) => `没有容器 ${name}${containers === undefined ? '' : `（现有容器：${containers}）`}`,
  containerStatus: (running) => (running ? '正在运行' : '已停止'),
  containerIs: (name, status) => `容器 ${name} ${status}`,
  containerNet: (name, mode) => `容器 ${name} 的网络模式是 ${mode}`,
  containerHolds: (name, status, mode) => `容器 ${name} ${status}，网络模式是 ${mode}`,
  noNetwork: (name, networks) => `没有 docker 网络 ${name}${networks === undefined ? '' : `（现有网络：${networks}）`}`,
  networkSubnet: (name, subnet) => `网络 ${name} 的子网是 ${subnet ?? '无'}`,
  networkGateway: (name, gateway) => `网络 ${name} 的网关是 ${gateway ?? '无'}`,
  networkDriver: (name, driver) => `网络 ${name}（驱动 ${driver}）`,
  networkNoKernelBridge: (name, bridge, why) => `docker 知道网络 ${name}，但内核中没有它的网桥 ${bridge}：${why}`,
  bridgeNoGateway: (bridge, gateway) => `${bridge} 上没有网关地址 ${gateway}`,
  networkHolds: (name, bridge, subnet, gateway) => `网络 ${name}：网桥 ${bridge}${subnet ? `，子网 ${subnet}` : ''}${gateway ? `，网关 ${gateway}` : ''}`,
  youRan: (line) => `你运行了 \`${line}\``,
  noCommandYet: '这一步里还没有运行过命令',
  commandsRun: (recent, more) => `这一步里运行过的命令：${more ? '…，' : ''}${recent.join('，')}`,

  noAnswer: '没有作答',
  cannotCompute: (why) => `（无法算出：${why}）`,
  networkNoBridge: (name) => `网络 ${name} 没有网桥`,
  noGateway: (ns) => `${ns} 中没有经网关的默认路由`,
  noPeerInLab: (name) => `实验环境里找不到 ${name} 的对端`,
  noPeer: (name) => `${name} 没有对端`,
  noIpv4: (name) => `${name} 没有 IPv4 地址`,
  noMac: (name) => `${name} 没有 MAC 地址`,
  notPortOfAny: (name) => `${name} 不是任何网桥的端口`,
  notIpv4: (dest) => `${dest} 不是 IPv4 地址或网段`,
  noRouteMatches: (ns, dest) => `${ns} 中没有与 ${dest} 匹配的路由`,
};

export const checkText = inLanguages<CheckText>({ en, 'zh-CN': zh });
