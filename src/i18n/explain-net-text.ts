// What nslab says about rules and reachability, in each language it speaks: the notes under
// iptables, nft, ping, ss, resolv.conf/nslookup/getent hosts and docker network inspect,
// the error explainer's causes, and the diagnosis of a packet that gets no answer. Rule
// text, chain names, addresses, flags and what the kernel prints stay as they are in both;
// only the explanation around them is translated. One object per language; the type makes
// a key missing in Chinese a compile error, and test/i18n/explain-net-text.test.ts holds the
// two to the same keys at run time.
import { inLanguages, type Lang } from './lang.js';

export interface ExplainNetText {
  // --- shared --------------------------------------------------------------------------
  /** A namespace as src/explain/lab-context.ts nsLabel names it, in this language. */
  /** The language these words are in (the namespaces are named by lab-context's nsLabel in it). */
  lang: Lang;
  /** Sentences put side by side. */
  sentences(list: string[]): string;

  // --- iptables / nft rules ------------------------------------------------------------
  /** "TCP packets from X to Y …": the protocol (upper case, or '') and the conditions. */
  packets(proto: string, conditions: string[]): string;
  from(a: string): string;
  notFrom(a: string): string;
  to(a: string): string;
  notTo(a: string): string;
  toLocal: string;
  toPort(p: string): string;
  arriving(i: string): string;
  arrivingExcept(i: string): string;
  leaving(o: string): string;
  leavingExcept(o: string): string;
  masquerade(what: string): string;
  dockerMasquerade: string;
  hairpin(address: string): string;
  snat(what: string, toSource: string | undefined): string;
  dnat(what: string, to: string, container: string | undefined): string;
  ruleReturn(what: string): string;
  accept(what: string): string;
  drop(what: string): string;
  reject(what: string): string;
  log(what: string): string;
  noTarget(what: string): string;
  jump(target: string, what: string, dockerPorts: boolean): string;
  /** What each built-in chain (or nft hook) sees, by its upper-case name. */
  chains: Record<string, string>;
  userChain(name: string): string;
  chainNote(base: string, policy: string | undefined, refs: number | undefined): string;
  listedChain(note: string): string;
  listHeaderVerbose: string;
  listHeader: string;
  matchedSoFar(pkts: string): string;
  serviceNames: string;
  tables: Record<string, string>;
  table(name: string, meaning: string | undefined): string;
  savedCounters(counters: string): string;
  masqueradeButNoForward(where: string): string;
  commit: string;
  nftManagedBy(tool: string): string;
  nftFamilies: Record<string, string>;
  nftTable(family: string, name: string, meaning: string | undefined): string;
  nftRegularChain(name: string): string;
  nftBaseChain(hook: string, meaning: string | undefined): string;
  nftTypes: Record<string, string>;
  nftType(type: string): string;
  nftPriority(priority: string): string;
  nftPolicy(policy: string, drop: boolean): string;
  nftParts(parts: string[]): string;
  nftCtState(state: string, established: boolean): string;
  nftCounter(packets: number, bytes: number): string;

  // --- ping ----------------------------------------------------------------------------
  pingHeader(address: string, target: string | undefined): string;
  ttlSameLink(ttl: number, start: number, from: string): string;
  ttlHops(ttl: number, start: number, hops: number): string;
  replyFrom(from: string): string;
  seqAndTime: string;
  hostUnreachable(from: string, target: string | undefined): string;
  netUnreachable(from: string): string;
  reported(from: string, message: string): string;
  allLost(sent: number, errorsShown: boolean): string;
  lossCommonCauses: string;
  someLost(percent: number, lost: number, sent: number, someReceived: boolean): string;
  allAnswered(sent: number): string;
  rtt(min: number, avg: number, max: number, mdev: number | undefined): string;
  pingNoRoute: string;
  pingCannotStart(message: string): string;
  noAddressForName(name: string): string;
  noDnsAnswer(name: string): string;

  // --- why no answer (diagnose) --------------------------------------------------------
  linkDown(name: string, where: string): string;
  vethPeerDown(name: string, peer: string, peerWhere: string): string;
  bridgeNoPorts(name: string, where: string): string;
  bridgeNoCarrier(name: string, ports: string, why: string | undefined): string;
  noCarrier(name: string, where: string): string;
  macvlanToChild(dest: string, target: string, targetWhere: string, out: string): string;
  macvlanToParent(dest: string, target: string, targetWhere: string, out: string): string;
  addressOnDownLink(name: string, cidr: string, dest: string): string;
  noMatchingRoute(here: string, dest: string): string;
  noRouteNoDefault(here: string, dest: string): string;
  bridgeDown(name: string): string;
  nobodyHasGateway(gateway: string): string;
  nobodyHas(dest: string): string;
  noRouteBack(where: string, src: string): string;
  noForwarding(where: string, gateway: string): string;
  noRouteBackNoMasquerade(destWhere: string, src: string, gatewayWhere: string): string;

  // --- error messages ------------------------------------------------------------------
  none: string;
  noSuchInterface(name: string, where: string): string;
  noSuchInterfaceCauses: string;
  existsElsewhere(name: string, where: string, how: string | undefined): string;
  didYouMean(names: string[]): string;
  interfacesHere(names: string): string;
  netnsContainer(name: string, listed: string[]): string;
  netnsContainerListedAs(name: string, listedAs: string): string;
  netnsContainerExpose(name: string): string;
  notANetns(name: string): string;
  liveNetns(listed: string[]): string;
  staleNetns(name: string): string;
  createNetns(name: string): string;
  listNetns: string;
  unexpectedArgument(word: string, why: string | undefined): string;
  addressAssigned(dev: string | undefined, where: string | undefined): string;
  routeExists(dst: string | undefined, where: string, existing: string | undefined): string;
  routeReplace(dst: string | undefined): string;
  linkExists(taken: string[], name: string | undefined, where: string, peer: string | undefined): string;
  netnsExists(name: string): string;
  alreadyThere: string;
  gatewayNotNeighbour(via: string, where: string | undefined): string;
  noRouteNoState: string;
  noDefaultRoute(where: string, routes: string | undefined): string;
  noRouteHere: string;
  renameWhileUp(dev: string | undefined, upNow: boolean): string;
  netnsInUse: string;
  deviceBusy(dev: string | undefined): string;
  bridgeStillUp(name: string): string;
  notPermitted: string;
  notPermittedInLab: string;
  notPermittedOutside: string;
  unknownLinkType(type: string, close: string | undefined): string;
  noDriver(type: string | undefined, inLab: boolean): string;
  netnsImmutable: string;
  invalidMac(value: string): string;
  invalidAddress(value: string): string;
  incompleteCommand: string;
  arpNoAnswer: string;
  noReply: string;
  noReplyCauses: string;

  // --- ss ------------------------------------------------------------------------------
  socketStates: Record<string, string>;
  socketState(state: string): string;
  portByName(number: string, name: string): string;
  boundVia(iface: string): string;
  boundEveryIpv4(via: string): string;
  boundEvery(via: string): string;
  boundEveryIpv6(via: string): string;
  boundLoopback(host: string, via: string): string;
  boundOnly(host: string, via: string): string;
  listening(proto: string, port: string, where: string): string;
  listenQueues(recvQ: number, sendQ: number): string;
  peerEnd(host: string, port: string): string;
  socketLine(state: string, host: string, port: string, peer: string): string;
  connQueues(recvQ: number, sendQ: number): string;
  socketUsers(name: string, pid: number | undefined, fd: number | undefined): string;
  proxyTo(destination: string, container: string | undefined): string;
  proxyToContainer: string;
  dockerProxy(port: number, to: string): string;
  nslabServer(container: string): string;
  ssHeader: string;
  noSocket(here: string | undefined): string;

  // --- resolv.conf, nslookup, hosts ----------------------------------------------------
  nsEmbedded(address: string): string;
  nsPublic(address: string, embeddedToo: boolean): string;
  nsLoopback(address: string): string;
  nsIpv6(address: string): string;
  nsPlain(address: string): string;
  /** Docker's comments in a container's resolv.conf, by what they say. */
  resolvComments: Record<'generated' | 'internal' | 'legacy' | 'extServers' | 'defaults' | 'overrides' | 'ndots', string>;
  ndotsZero: string;
  resolvOption(key: 'ndots' | 'timeout' | 'attempts', value: string): string;
  resolvOtherOption(option: string): string;
  resolvSearch(value: string, first: string): string;
  resolvDomain(value: string): string;
  serverEmbedded(address: string): string;
  serverPublic(address: string): string;
  serverFirst: string;
  serverAddress(ip: string, port: number): string;
  nonAuthoritative: string;
  nameAsked(name: string): string;
  nameIs(name: string, ip: string, container: string | undefined, alias: boolean, embedded: boolean): string;
  reverseLookup(ip: string, name: string): string;
  lookupReasons: Record<string, string>;
  notFoundEmbedded(name: string): string;
  notFoundPublic: string;
  notFound(name: string, why: string, where: string): string;
  noDnsServer: string;
  hostsLoopback(names: string, ipv6: boolean): string;
  ipv6Defaults: Record<string, string>;
  hostsIpv6Default(name: string, meaning: string): string;
  hostsAlso(names: string): string;
  hostsLine(name: string, ip: string, container: string | undefined, also: string, nameOf: boolean): string;

  // --- docker network inspect ----------------------------------------------------------
  netDefaultName: string;
  overlayPeerName(name: string): string;
  overlayPeerIp(ip: string): string;
  overlayName(name: string): string;
  overlayId(id12: string): string;
  overlayGateway(gateway: string): string;
  overlayInternalFalse: string;
  netSpecialName(name: string): string;
  netUserName(name: string): string;
  netIdMacvlan: string;
  netIdUserBridge(bridge: string): string;
  netId: string;
  drivers: Record<string, string>;
  driver(name: string, meaning: string | undefined): string;
  scopeLocal: string;
  scope(scope: string): string;
  ipamDriver: string;
  defaultPools: string;
  subnet(subnet: string, range: string, pools: string): string;
  gatewayMacvlan(gateway: string): string;
  gatewayBridge(gateway: string, bridge: string | undefined): string;
  containerAttached(name: string): string;
  endpointId(macvlan: boolean): string;
  macvlanMac(mac: string, meaning: string | undefined): string;
  mac(mac: string, meaning: string | undefined): string;
  ipv4Address(address: string, container: string | undefined, liveIp: string | undefined): string;
  ipv6Address(address: string): string;
  ipv6Empty: string;
  networkOptions: Record<string, string>;
  networkOption(key: string, value: string, meaning: string): string;
  internalTrue: string;
  internalFalseMacvlan: string;
  internalFalse: string;
  enableIpv6(value: string): string;
  optionsEmpty: string;
  containersEmptyMacvlan: string;
  containersEmpty(bridge: string): string;
  /** Attachable, Ingress, Created, ConfigOnly: the key and its value. */
  otherField(key: string, value: string): string;
  containersAttached(count: number): string;
}

const en: ExplainNetText = {
  lang: 'en',
  sentences: (list) => list.join(' '),

  packets: (proto, conditions) => [...(proto ? [proto] : []), 'packets', ...conditions].join(' '),
  from: (a) => `from ${a}`,
  notFrom: (a) => `not from ${a}`,
  to: (a) => `to ${a}`,
  notTo: (a) => `not to ${a}`,
  toLocal: "addressed to one of this host's own addresses",
  toPort: (p) => `to port ${p}`,
  arriving: (i) => `arriving on ${i}`,
  arrivingExcept: (i) => `arriving on any interface except ${i}`,
  leaving: (o) => `leaving by ${o}`,
  leavingExcept: (o) => `leaving by any interface except ${o}`,
  masquerade: (what) => `MASQUERADE: ${what} get their source address rewritten to the address of the interface they leave by, so the replies come back to this host, which rewrites them back (source NAT).`,
  dockerMasquerade: "This is Docker's rule: containers on docker0 reach the outside world under the host's address.",
  hairpin: (a) => `Source and destination are the same (${a}): Docker adds this for a container that reaches its own published port through the host ("hairpin").`,
  snat: (what, to) => `SNAT: ${what} get their source address rewritten to ${to ?? 'a fixed address'} (source NAT with a fixed address).`,
  dnat: (what, to, c) => `DNAT: ${what} get their destination rewritten to ${to}${c ? ` (container ${c})` : ''}: this is how a published port (docker run -p) reaches a container.`,
  ruleReturn: (what) => `RETURN: ${what} leave this chain unchanged and continue in the chain that jumped here.`,
  accept: (what) => `ACCEPT: ${what} are let through.`,
  drop: (what) => `DROP: ${what} are silently thrown away.`,
  reject: (what) => `REJECT: ${what} are refused with an error sent back.`,
  log: (what) => `LOG: ${what} are logged to the kernel log and continue.`,
  noTarget: (what) => `No target: the rule only counts ${what}.`,
  jump: (target, what, dockerPorts) => `Jump to the chain ${target}: ${what} go through the rules of ${target}${dockerPorts ? " (Docker's published ports)" : ''}.`,
  chains: {
    PREROUTING: 'PREROUTING: runs as packets arrive, before the routing decision (where DNAT happens)',
    POSTROUTING: 'POSTROUTING: runs as packets leave, after routing (where MASQUERADE/SNAT happen)',
    OUTPUT: 'OUTPUT: packets made by this host itself',
    INPUT: 'INPUT: packets delivered to this host',
    FORWARD: 'FORWARD: packets routed through this host (e.g. between a container and the outside)',
  },
  userChain: (name) => `${name}: a user-defined chain, entered only by a jump from another rule`,
  chainNote: (base, policy, refs) => base + (policy ? `; policy ${policy}: what happens to packets no rule decides` : '') + (refs !== undefined ? `; ${refs} rule(s) jump to it` : '') + '.',
  listedChain: (note) => `Chain ${note}`,
  listHeaderVerbose: 'pkts/bytes: how many packets matched so far; in/out: interfaces (* = any); prot 0 = all.',
  listHeader: 'target: what to do; prot: protocol (0 or all = any); source/destination: addresses (anywhere or 0.0.0.0/0 = any).',
  matchedSoFar: (pkts) => `${pkts} packet(s) matched this rule so far.`,
  serviceNames: 'Without -n, ports are shown by service name (http = 80, http-alt = 8080).',
  tables: {
    nat: 'the nat table: rules that rewrite addresses and ports (Docker puts MASQUERADE and DNAT here)',
    filter: 'the filter table: rules that accept or drop packets',
    mangle: 'the mangle table: rules that change packet fields such as TTL or marks',
    raw: 'the raw table: rules applied before connection tracking',
  },
  table: (name, meaning) => `*${name}: ${meaning ?? `the ${name} table`}.`,
  savedCounters: (counters) => ` ${counters} = packets:bytes counted so far.`,
  masqueradeButNoForward: (where) => `But ip_forward is 0 in ${where}: the host does not route, so no container packet reaches this rule.`,
  commit: 'COMMIT: the end of the table; iptables-restore applies it all at once.',
  nftManagedBy: (tool) => `This table was written by ${tool}: \`iptables\` commands (here, Docker's) made these rules, and nft shows them in its own syntax. Change them with iptables, not nft.`,
  nftFamilies: {
    ip: 'IPv4 only', ip6: 'IPv6 only', inet: 'IPv4 and IPv6', arp: 'ARP', bridge: 'frames crossing a bridge', netdev: 'packets as they enter one device',
  },
  nftTable: (family, name, meaning) => `table ${family} ${name}: a table of the ${family} family (${meaning ?? 'its own family'}); in nftables a table is just a named container of chains.`,
  nftRegularChain: (name) => `chain ${name}: a regular chain, hooked nowhere: packets enter it only by a jump or goto from another rule.`,
  nftBaseChain: (hook, meaning) => `A base chain on the ${hook} hook${meaning ? `, which sees ${meaning.replace(/^\w+: /, '').replace(/^runs as /, '')}` : ''}`,
  nftTypes: {
    nat: 'type nat: rewrites addresses; only the first packet of each connection passes through it, the rest follow its verdict',
    filter: 'type filter: accepts or drops packets',
    route: 'type route: may re-route packets whose marks or addresses it changes',
  },
  nftType: (type) => `type ${type}`,
  nftPriority: (p) => `priority ${p}: chains on the same hook run in priority order, lowest first`,
  nftPolicy: (policy, drop) => `policy ${policy}: what happens to packets that no rule decides${drop ? ' (dropped: only what a rule accepts passes)' : ''}`,
  nftParts: (parts) => parts.join('; ') + '.',
  nftCtState: (state, established) => `ct state ${state}: only packets of connections that connection tracking has already seen (${established ? 'replies and the rest of an open connection' : state}).`,
  nftCounter: (packets, bytes) => `counter: ${packets} packet(s), ${bytes} bytes matched this rule so far.`,

  pingHeader: (address, target) => `Sending ICMP echo requests to ${address}${target !== undefined ? ` (${target})` : ''}; 56 data bytes + 8 ICMP header = 64, + 20 IP header = 84.`,
  ttlSameLink: (ttl, start, from) => `ttl=${ttl}: the reply started with TTL ${start} (Linux's default) and crossed no router: ${from} is on the same link or host.`,
  ttlHops: (ttl, start, hops) => `ttl=${ttl}: the reply probably started at ${start} and crossed ${hops} router(s) on its way back.`,
  replyFrom: (from) => `A reply from ${from}: it is reachable, and it can reach us back.`,
  seqAndTime: 'seq numbers each request; time is the round trip in milliseconds.',
  hostUnreachable: (from, target) => `${from} tried to find ${target ?? 'the target'} with ARP and got no answer: no host has that address on the link, or it is down.`,
  netUnreachable: (from) => `${from} has no route to the destination.`,
  reported: (from, message) => `${from} reported: ${message}.`,
  allLost: (sent, errorsShown) => `100% packet loss: none of the ${sent} requests got a reply.${errorsShown ? '' : ' Either the request never arrived, or the reply could not come back.'}`,
  lossCommonCauses: 'Common causes: an interface or its veth peer is DOWN, no route (or no route back), no host with that address, ip_forward off, or no NAT rule.',
  someLost: (percent, lost, sent, someReceived) => `${percent}% loss: ${lost} of ${sent} requests got no reply${someReceived ? ' (the first is often lost while ARP finds the MAC)' : ''}.`,
  allAnswered: (sent) => `All ${sent} requests were answered: the path works both ways.`,
  rtt: (min, avg, max, mdev) => `Round-trip times: minimum ${min}, average ${avg}, maximum ${max} ms${mdev !== undefined ? `, spread (mdev) ${mdev}` : ''}; under 1 ms means the packets never left this machine.`,
  pingNoRoute: 'ping found no route for the destination, so nothing was sent: this namespace has no matching route (often: no default route).',
  pingCannotStart: (message) => `ping could not start: ${message}.`,
  noAddressForName: (name) => `No address for the name ${name}: the DNS server of /etc/resolv.conf (and /etc/hosts) said it has none, so nothing was sent. Containers on the default bridge cannot find each other by name (their server, 8.8.8.8, knows no containers); on a user-defined network 127.0.0.11 answers with the names of the containers there.`,
  noDnsAnswer: (name) => `No DNS server answered for ${name}: the nameservers of /etc/resolv.conf could not be reached, so nothing was sent.`,

  linkDown: (name, where) => `${name} in ${where} is DOWN: \`ip link set ${name} up\`.`,
  vethPeerDown: (name, peer, peerWhere) => `The veth peer of ${name} is ${peer} in ${peerWhere}, and it is DOWN: bring it up there.`,
  bridgeNoPorts: (name, where) => `The bridge ${name} in ${where} has no port attached, so it has no carrier.`,
  bridgeNoCarrier: (name, ports, why) => `The bridge ${name} has no carrier because none of its ports (${ports}) has one${why ? `: ${why}` : ''}`,
  noCarrier: (name, where) => `${name} in ${where} has no carrier (NO-CARRIER): nothing is up at its other end.`,
  macvlanToChild: (dest, target, targetWhere, out) => `${dest} is ${target} of ${targetWhere}, a macvlan on ${out}: the very interface this packet leaves by. A macvlan and its own parent never hear each other; reach it through a macvlan of your own on ${out} (an address of its LAN as a /32, and a /32 route to ${dest} through it).`,
  macvlanToParent: (dest, target, targetWhere, out) => `${dest} is on ${target} of ${targetWhere}, the parent of ${out}, the macvlan this packet leaves by: a macvlan and its own parent never hear each other. That host answers only through a macvlan of its own on ${target}.`,
  addressOnDownLink: (name, cidr, dest) => `${name} has ${cidr}, on ${dest}'s network, but ${name} is DOWN, so the kernel has no route for that network yet and sent the packet elsewhere: \`ip link set ${name} up\`.`,
  noMatchingRoute: (here, dest) => `No route in ${here} matches ${dest}.`,
  noRouteNoDefault: (here, dest) => `${here[0].toUpperCase()}${here.slice(1)} has no route to ${dest} and no default route: add one, e.g. \`ip route add default via GATEWAY\`.`,
  bridgeDown: (name) => `The bridge ${name} is DOWN.`,
  nobodyHasGateway: (gateway) => `No interface in the lab has the gateway address ${gateway}: nobody answers ARP for it.`,
  nobodyHas: (dest) => `No interface in the lab has the address ${dest}: nobody answers ARP for it.`,
  noRouteBack: (where, src) => `${where} has no route back to ${src}: the request arrives but the reply cannot be sent.`,
  noForwarding: (where, gateway) => `ip_forward is 0 in ${where}: the gateway ${gateway} does not forward packets.`,
  noRouteBackNoMasquerade: (destWhere, src, gatewayWhere) => `${destWhere} has no route back to ${src}, and no MASQUERADE rule in ${gatewayWhere} hides ${src} behind its address.`,

  none: '(none)',
  noSuchInterface: (name, where) => `There is no interface called ${name} in ${where}.`,
  noSuchInterfaceCauses: 'Common causes: a typo; it was moved into another namespace (`ip link set … netns …`) or renamed; or it was deleted (deleting one end of a veth pair deletes both).',
  existsElsewhere: (name, where, how) => `${name} exists in ${where}, not here: it was moved there (ip link set ${name} netns …).${how ? ` Run the command there: ${how}` : ''}`,
  didYouMean: (names) => `Did you mean ${names.join(' or ')}?`,
  interfacesHere: (names) => `Interfaces here: ${names}. It may have been renamed (ip link set … name …) or deleted.`,
  netnsContainer: (name, listed) => `${name} is a container, and \`ip netns\` knows only the names in /run/netns${listed.length ? ` (now: ${listed.join(', ')})` : ''}.`,
  netnsContainerListedAs: (name, listedAs) => `Its namespace is listed as ${listedAs}: \`ip netns exec ${listedAs} …\`, or \`docker exec ${name} …\`.`,
  netnsContainerExpose: (name) => `Use \`docker exec ${name} …\`, or expose its namespace first: \`ln -s /proc/$(docker inspect -f '{{.State.Pid}}' ${name})/ns/net /run/netns/NAME\`.`,
  notANetns: (name) => `"${name}" is not a named network namespace (a file in /run/netns that leads to a live one) nor a process id.`,
  liveNetns: (listed) => (listed.length ? `\`ip netns\` entries that lead to a live namespace: ${listed.join(', ')}.` : 'No `ip netns` entry leads to a live namespace.'),
  staleNetns: (name) => `If \`ip netns\` still lists ${name}, that entry is stale: /run/netns/${name} points to a namespace that has ended (its container removed, its process gone). Remove it with \`rm /run/netns/${name}\`, then link a live one again.`,
  createNetns: (name) => `Otherwise create it with \`ip netns add ${name}\`, or expose a container's with \`ln -s /proc/PID/ns/net /run/netns/${name}\`.`,
  listNetns: 'List them with `ip netns`; create one with `ip netns add NAME`. A name `ip netns` lists that still fails is stale: its namespace has ended.',
  unexpectedArgument: (word, why) => `ip did not expect "${word}" at that place${why ? ` (${why})` : ''}: check the word before it and the order of words (\`ip link help\`, \`ip addr help\`).`,
  addressAssigned: (dev, where) => `That address is already on ${dev ?? 'the interface'}${where !== undefined ? ` in ${where}` : ''}: nothing to do (use \`ip addr del\` first to change its prefix).`,
  routeExists: (dst, where, existing) => `A route to ${dst ?? 'that destination'} already exists in ${where}${existing ? `: ${existing}` : ''}.`,
  routeReplace: (dst) => `Use \`ip route replace …\` to change it, or \`ip route del ${dst ?? '…'}\` first.`,
  linkExists: (taken, name, where, peer) => `An interface named ${taken.length ? taken.join(' and ') : name ?? 'that'} already exists in ${where}${peer !== undefined ? ` (or the peer name ${peer} does)` : ''}: choose another name, or delete the old one with \`ip link del\`.`,
  netnsExists: (name) => `A namespace named ${name} already exists (/run/netns/${name}).`,
  alreadyThere: 'The kernel already has what this command tries to add (an interface, address or route with the same key).',
  gatewayNotNeighbour: (via, where) => `The gateway ${via} is not on any network directly connected here${where !== undefined ? ` (no address in ${where} covers it)` : ''}: a gateway must be a neighbour. Give the interface an address in ${via}'s subnet first, then add the route.`,
  noRouteNoState: 'No route matches the destination: this namespace has no route to it, usually no default route (check `ip route`).',
  noDefaultRoute: (where, routes) => `${where[0].toUpperCase()}${where.slice(1)} has no default route${routes !== undefined ? `; it only knows ${routes}` : ', and no routes at all (no interface with an address is up)'}. Add one: \`ip route add default via GATEWAY\`.`,
  noRouteHere: 'No route in this namespace matches the destination.',
  renameWhileUp: (dev, upNow) => `An interface cannot be renamed while it is UP${upNow ? ` (${dev} is UP now)` : ''}: \`ip link set ${dev ?? 'DEV'} down\` first, rename, then bring it up.`,
  netnsInUse: 'The namespace is still in use (mounted or a process runs in it).',
  deviceBusy: (dev) => `${dev ?? 'The device'} is in use: it may be UP, a port of a bridge, or in use by another device; take it down or detach it first.`,
  bridgeStillUp: (name) => `A bridge must be down before it is deleted: \`ip link set ${name} down\` then \`brctl delbr ${name}\` (or just \`ip link del ${name}\`).`,
  notPermitted: 'The kernel refused: this needs the CAP_NET_ADMIN capability (root in the network namespace).',
  notPermittedInLab: 'Inside the nslab lab you are root; if you see this, the command ran outside the lab or on something the lab does not own.',
  notPermittedOutside: 'Run it as root (sudo), or inside an nslab lab.',
  unknownLinkType: (type, close) => `"${type}" is not a link type ip knows${close ? `: did you mean ${close}?` : '.'}`,
  noDriver: (type, inLab) => `The kernel has no driver for type ${type ?? '?'}: its module is not built or not loaded on this machine${inLab ? ' (this lab\'s kernel has bridge, veth, vxlan, macvlan and tun/tap)' : ''}.`,
  netnsImmutable: 'Some interfaces (lo, and devices marked netns-local such as bridges on older kernels) cannot move to another namespace; each namespace has its own lo already.',
  invalidMac: (value) => `"${value}" is not a valid MAC address (six hex pairs like 02:42:ac:11:00:02).`,
  invalidAddress: (value) => `"${value}" is not a valid address: four numbers 0–255 and a prefix length, like 10.0.0.2/24.`,
  incompleteCommand: 'A word is missing at the end: ip expected a value after the last keyword (for example `master BRIDGE`, `netns NAME`).',
  arpNoAnswer: 'ARP got no answer: no interface with that address is up on the link.',
  noReply: 'No reply came back.',
  noReplyCauses: 'Likely causes: an interface or its veth peer is DOWN; no route there or back; nobody has that address; ip_forward off; or no MASQUERADE rule for the return path.',

  socketStates: {
    ESTAB: 'ESTAB: an open connection',
    'SYN-SENT': 'SYN-SENT: a connection being opened from here, waiting for the other end to answer',
    'SYN-RECV': 'SYN-RECV: a connection being opened from the other end',
    'TIME-WAIT': 'TIME-WAIT: a connection closed from this end, kept for a minute so that its late packets are not taken for a new one',
    'CLOSE-WAIT': 'CLOSE-WAIT: the other end has closed; the program here has not yet',
    'FIN-WAIT-1': 'FIN-WAIT-1: closing, waiting for the other end to acknowledge',
    'FIN-WAIT-2': 'FIN-WAIT-2: closed from this end, waiting for the other end to close too',
    'LAST-ACK': 'LAST-ACK: closing, waiting for the last acknowledgement',
    UNCONN: 'UNCONN: a UDP socket (UDP has no connections); it receives datagrams sent to its address and port',
  },
  socketState: (state) => `${state}: the socket's state`,
  portByName: (number, name) => `${number} (${name}: without -n, ss shows a port by its name in /etc/services)`,
  boundVia: (iface) => `, and only through ${iface} (bound to that interface)`,
  boundEveryIpv4: (via) => 'every IPv4 address of this namespace (0.0.0.0)' + via,
  boundEvery: (via) => 'every address of this namespace (*)' + via,
  boundEveryIpv6: (via) => 'every IPv6 address of this namespace (::), and IPv4 ones too unless the program asked for IPv6 only' + via,
  boundLoopback: (host, via) => `${host} only: a loopback address, so only programs in this same namespace can connect` + via,
  boundOnly: (host, via) => `${host} only: connections to the namespace's other addresses are refused` + via,
  listening: (proto, port, where) => `LISTEN: a program waits for ${proto} connections on port ${port}, on ${where}.`,
  listenQueues: (recvQ, sendQ) => `Recv-Q ${recvQ} / Send-Q ${sendQ}: for a listening socket, connections waiting for the program to accept them, and how many may wait (the backlog).`,
  peerEnd: (host, port) => `; the other end is ${host}:${port}`,
  socketLine: (state, host, port, peer) => `${state}. Local end ${host}:${port}${peer}.`,
  connQueues: (recvQ, sendQ) => `Recv-Q ${recvQ}: bytes received that the program has not read yet; Send-Q ${sendQ}: bytes sent that the other end has not acknowledged yet.`,
  socketUsers: (name, pid, fd) => `users:(("${name}",…)): the program holding the socket${pid !== undefined ? `, process ${pid}` : ''}${fd !== undefined ? ` (its file descriptor ${fd})` : ''}.`,
  proxyTo: (destination, container) => ` to ${destination}${container ? ` (container ${container})` : ''}`,
  proxyToContainer: ' to the container',
  dockerProxy: (port, to) => `docker-proxy: Docker's userland proxy for a published port (\`docker run -p ${port}:…\`). It forwards connections made to this port${to}; packets from outside are sent there by the DNAT rule in iptables without it.`,
  nslabServer: (container) => `The small web server that nslab runs in container ${container} in place of the image's own.`,
  ssHeader: 'One socket per line. Local Address:Port is where it is bound; Peer Address:Port the other end (* = any, for a socket that listens); Process (with -p) the program that holds it.',
  noSocket: (here) => `No socket matches here${here !== undefined ? ` (${here})` : ''}. Each network namespace has its own sockets: a server in a container listens in the container's namespace (\`docker exec NAME ss -tlnp\` shows it), not on the host.`,

  nsEmbedded: (address) => `nameserver ${address}: Docker's embedded DNS server. A loopback address, so it answers inside this container's own network namespace (in nslab: a dnsmasq of its own). It knows the names and aliases of the containers on this container's user-defined networks.`,
  nsPublic: (address, embeddedToo) => `nameserver ${address}: Google's public DNS server, which Docker writes when the host has no nameserver a container can use. It has never heard of your containers' names: on the default bridge there is no name resolution between containers${embeddedToo ? '' : ' (a user-defined network has it)'}. (In the lab, the outside world answers on this address.)`,
  nsLoopback: (address) => `nameserver ${address}: a loopback address, so a resolver in the same network namespace (127.0.0.53 is systemd-resolved's). Docker never copies such a one into a container: there it would be the container's loopback.`,
  nsIpv6: (address) => `nameserver ${address}: an IPv6 DNS server.`,
  nsPlain: (address) => `nameserver ${address}: a DNS server, asked for every name that /etc/hosts does not hold (up to three, in order).`,
  resolvComments: {
    generated: 'Docker wrote this file for the container and bind-mounts it over /etc/resolv.conf (docker inspect shows it as ResolvConfPath).',
    internal: 'Built for a container with the embedded DNS server: only 127.0.0.11 is written; the host\'s nameservers become what 127.0.0.11 forwards to (ExtServers).',
    legacy: 'Built the legacy way, for a container without the embedded DNS server (the default bridge): the host\'s nameservers, copied, minus loopback ones.',
    extServers: 'ExtServers: where the embedded server sends names it does not know itself (the host\'s nameservers).',
    defaults: 'The host had no nameserver a container could use, so Docker put Google\'s.',
    overrides: 'Overrides []: no --dns, --dns-search or --dns-option was given to docker run.',
    ndots: 'ndots:0 comes from Docker itself, not from the host\'s file.',
  },
  ndotsZero: 'ndots:0: a name without a dot (web) is asked for as it is, before any search domain.',
  resolvOption: (key, value) => `${key}:${value}: ${key === 'ndots' ? `names with fewer than ${value} dots get the search domains first` : key === 'timeout' ? `wait ${value} s for each server` : `ask each server ${value} times`}.`,
  resolvOtherOption: (option) => `option ${option}.`,
  resolvSearch: (value, first) => `search ${value}: a short name is also tried with these suffixes (web → web.${first}).`,
  resolvDomain: (value) => `domain ${value}: the local domain, the search list when there is none.`,
  serverEmbedded: (address) => `The server asked: ${address}, Docker's embedded DNS server inside this container (its /etc/resolv.conf names it).`,
  serverPublic: (address) => `The server asked: ${address}, the public DNS server Docker writes into a default-bridge container's /etc/resolv.conf. It knows no container names.`,
  serverFirst: 'The server asked: the first nameserver of /etc/resolv.conf.',
  serverAddress: (ip, port) => `Its address and port: ${ip}, port ${port} (DNS).`,
  nonAuthoritative: 'Non-authoritative: the server passed on (or remembered) an answer it does not own.',
  nameAsked: (name) => `The name asked for: ${name}.`,
  nameIs: (name, ip, container, alias, embedded) => `${name} is ${ip}${container ? `: the address of the container ${container}` : ''}${alias ? ` (${name} is one of its names: an alias, or its short id)` : ''}. ${embedded ? 'Only containers on a user-defined network this container is on are found this way.' : ''}`.trim(),
  reverseLookup: (ip, name) => `The reverse lookup: the address ${ip} has the name ${name}.`,
  lookupReasons: {
    NXDOMAIN: 'no such name: the server is sure nothing has that name',
    SERVFAIL: 'the server failed to find out (often: it could not reach the servers it forwards to)',
    REFUSED: 'the server refused to answer that question',
    'No answer': 'the name exists but has no address of that kind (busybox asks for IPv6 too)',
  },
  notFoundEmbedded: (name) => ` 127.0.0.11 answers only the running containers on this container's user-defined networks: is ${name} running, and on one of them?`,
  notFoundPublic: ' The question went out of the lab to the public DNS server, which has never heard of a container: the default bridge has no name resolution between containers.',
  notFound: (name, why, where) => `${name} was not found: ${why}.${where}`,
  noDnsServer: 'No DNS server answered: the nameservers of /etc/resolv.conf cannot be reached from here (no route, or nothing listens).',
  hostsLoopback: (names, ipv6) => `${names}: the loopback address${ipv6 ? ' (IPv6)' : ''}.`,
  ipv6Defaults: {
    'fe00::0': 'the IPv6 local network', 'ff00::0': 'the IPv6 multicast prefix', 'ff02::1': 'IPv6 all-nodes multicast', 'ff02::2': 'IPv6 all-routers multicast',
  },
  hostsIpv6Default: (name, meaning) => `${name}: ${meaning}, one of the IPv6 defaults Docker writes into every container's /etc/hosts.`,
  hostsAlso: (names) => ` It answers to ${names} too (aliases, short id).`,
  hostsLine: (name, ip, container, also, nameOf) => `${name} is ${ip}${container ? `, the container ${container}` : ''}.${also}${nameOf ? ` (${name} is a name of ${container}: an alias or its hostname.)` : ''}`,

  netDefaultName: 'Name bridge: the default network; containers join it when no --net is given. Its Linux bridge is docker0.',
  overlayPeerName: (name) => `Peer ${name}: a Docker host that has this network (the swarm tells each host the others).`,
  overlayPeerIp: (ip) => `IP ${ip}: that host's address on the LAN, the far end of the VXLAN tunnels: frames for its containers go to UDP port 4789 there.`,
  overlayName: (name) => `Name ${name}: an overlay network (docker run --network ${name}), one layer-2 network across the swarm's hosts: containers on different hosts share its subnet.`,
  overlayId: (id12) => `Id: the network's unique id, the same on every host; each host's bridge for it is ov- plus the first 12 characters: ov-${id12} (nslab's name; Docker keeps its bridge in a namespace of its own).`,
  overlayGateway: (gateway) => `Gateway ${gateway}: the subnet's gateway in Docker's address plan; overlay containers do not route through it (Docker sends them out through docker_gwbridge, which nslab leaves out).`,
  overlayInternalFalse: 'Internal false: with Docker, containers reach the outside through a second interface on docker_gwbridge; nslab\'s overlay containers reach each other only.',
  netSpecialName: (name) => `Name ${name}: the network's name (docker run --net=${name}).`,
  netUserName: (name) => `Name ${name}: a user-defined network (docker run --network ${name}). Unlike the default bridge, its containers find each other by name (through 127.0.0.11), and it is isolated from the other bridge networks.`,
  netIdMacvlan: 'Id: the network\'s unique id; a macvlan network has no device of its own, only the containers\' macvlans.',
  netIdUserBridge: (bridge) => `Id: the network's unique id. Its Linux bridge is named br- plus the first 12 characters: ${bridge} (see ip a, brctl show).`,
  netId: 'Id: the network\'s unique id; a user-defined bridge network\'s Linux bridge is named br- plus its first 12 characters.',
  drivers: {
    bridge: 'a Linux bridge on this host, containers plugged in with veth pairs, NAT to the outside', host: 'no isolation: the container uses the host\'s network namespace', null: 'no network: the container gets only lo', overlay: 'VXLAN tunnels between hosts', macvlan: 'macvlan interfaces on a host NIC, containers appear on the physical LAN',
  },
  driver: (name, meaning) => `Driver ${name}: ${meaning ?? 'the plugin that implements the network'}.`,
  scopeLocal: 'Scope local: the network exists on this host only.',
  scope: (scope) => `Scope ${scope}: the network spans the ${scope}.`,
  ipamDriver: 'IPAM Driver default: Docker\'s built-in address manager hands out the addresses.',
  defaultPools: ' Without --subnet, Docker takes the next free /16 of its default pools: 172.18.0.0/16, then 172.19.0.0/16, …',
  subnet: (subnet, range, pools) => `Subnet ${subnet}: containers get addresses from ${range}.${pools}`,
  gatewayMacvlan: (gateway) => `Gateway ${gateway}: a router on the parent's LAN, not an address of this host: the containers' default route goes straight to it.`,
  gatewayBridge: (gateway, bridge) => `Gateway ${gateway}: the bridge's own address, the containers' default route${bridge ? ` (${bridge})` : ''}.`,
  containerAttached: (name) => `The container ${name} is attached to this network.`,
  endpointId: (macvlan) => `EndpointID: Docker's id for this attachment (one ${macvlan ? 'macvlan interface' : 'veth pair'}).`,
  macvlanMac: (mac, meaning) => `MacAddress ${mac}: the container's own MAC on the LAN${meaning ? ` (${meaning})` : ''}; the router's neighbour table (\`ip neigh\`) pairs it with the IPv4Address below.`,
  mac: (mac, meaning) => `MacAddress ${mac}${meaning ? `: ${meaning}` : ''}.`,
  ipv4Address: (address, container, liveIp) => `IPv4Address ${address}: the address of ${container ?? 'the container'}'s interface on this network (eth0 for its first network, eth1 … for those it was connected to later), with the subnet's prefix.${liveIp ? ` (the lab now shows ${liveIp})` : ''}`,
  ipv6Address: (address) => `IPv6Address ${address}.`,
  ipv6Empty: 'IPv6Address empty: IPv6 is not enabled on this network.',
  networkOptions: {
    'com.docker.network.bridge.name': 'the Linux bridge behind this network',
    'com.docker.network.bridge.enable_ip_masquerade': 'whether Docker adds the MASQUERADE rule for this subnet',
    'com.docker.network.bridge.enable_icc': 'whether containers on this bridge may talk to each other',
    'com.docker.network.bridge.host_binding_ipv4': 'the host address published ports listen on (0.0.0.0 = all)',
    'com.docker.network.bridge.default_bridge': 'true for the default network, docker0',
    'com.docker.network.driver.mtu': 'the MTU of the bridge and the containers\' interfaces',
    parent: 'the host interface the containers\' macvlans are stacked on: their frames leave by its wire, each with the container\'s own MAC (a name like eth0.10 is an 802.1q VLAN sub-interface: trunk mode)',
    macvlan_mode: 'how macvlans on the same parent may reach each other (bridge: directly; private: not at all; vepa: through the outside switch; passthru: one only)',
    'com.docker.network.driver.overlay.vxlanid_list': 'the VXLAN network id (VNI) of this overlay: every host\'s VXLAN device for it carries this id (`ip -d link` shows vxlan id N), which keeps its frames apart from other overlays\' on the same LAN',
  },
  networkOption: (key, value, meaning) => `${key} = ${value}: ${meaning}.`,
  internalTrue: 'Internal true: no route to the outside (no NAT).',
  internalFalseMacvlan: 'Internal false: containers reach the outside through the LAN\'s router, with their own addresses (no NAT on this host).',
  internalFalse: 'Internal false: containers may reach the outside through NAT.',
  enableIpv6: (value) => `EnableIPv6 ${value}.`,
  optionsEmpty: 'Options {}: no driver options given, so the defaults: a bridge named br-<id>, masquerade on, containers on it may talk to each other.',
  containersEmptyMacvlan: 'Containers {}: no container is attached yet, so the kernel holds nothing of this network: each container\'s macvlan is made when it joins.',
  containersEmpty: (bridge) => `Containers {}: no container is attached yet (${bridge} shows NO-CARRIER).`,
  otherField: (key, value) => `${key}: ${value}.`,
  containersAttached: (count) => `${count} container(s) attached; each entry is keyed by the container's full id.`,
};

/** nsLabel's English, in Chinese. */
const OTHER_FIELD_ZH: Record<string, string> = {
  Attachable: '普通容器能否用 docker network connect 手动接入，swarm 网络才有意义',
  Ingress: '是否为 swarm 路由网格的入口网络',
  Created: '网络的创建时间',
  ConfigOnly: '是否只是一份配置模板，本身不能接容器',
};

const zhAsWritten: ExplainNetText = {
  lang: 'zh-CN',
  sentences: (list) => list.join(''),

  packets: (proto, conditions) => {
    const kind = proto ? `${proto} 包` : '包';
    if (conditions.length === 0) return proto ? `所有 ${kind}` : '所有包';
    return `${conditions.join('、')}的${kind}`;
  },
  from: (a) => `来自 ${a}`,
  notFrom: (a) => `不是来自 ${a}`,
  to: (a) => `发往 ${a}`,
  notTo: (a) => `不是发往 ${a}`,
  toLocal: '目的地址是本机自己的某个地址',
  toPort: (p) => `目的端口为 ${p}`,
  arriving: (i) => `从 ${i} 进来`,
  arrivingExcept: (i) => `从 ${i} 以外的任意接口进来`,
  leaving: (o) => `从 ${o} 出去`,
  leavingExcept: (o) => `从 ${o} 以外的任意接口出去`,
  masquerade: (what) => `MASQUERADE：${what}，源地址改写成它出去时所经接口的地址，这样回包会回到本机，再由本机改写回来（源地址转换）。`,
  dockerMasquerade: '这是 Docker 的规则：docker0 上的容器借用宿主机的地址访问外部网络。',
  hairpin: (a) => `源地址和目的地址相同（${a}）：容器经宿主机访问自己发布的端口时，Docker 会加上这条规则（即 hairpin，回环转发）。`,
  snat: (what, to) => `SNAT：${what}，源地址改写成${to ? ` ${to}` : '一个固定地址'}（使用固定地址的源地址转换）。`,
  dnat: (what, to, c) => `DNAT：${what}，目的地址改写成 ${to}${c ? `（容器 ${c}）` : ''}：发布的端口（docker run -p）就是这样到达容器的。`,
  ruleReturn: (what) => `RETURN：${what}原样离开这条链，回到跳转过来的那条链继续匹配。`,
  accept: (what) => `ACCEPT：${what}被放行。`,
  drop: (what) => `DROP：${what}被悄悄丢弃。`,
  reject: (what) => `REJECT：${what}被拒绝，并回送一个错误。`,
  log: (what) => `LOG：${what}被记进内核日志，然后继续匹配后面的规则。`,
  noTarget: (what) => `没有目标（target）：这条规则只统计${what}的数量。`,
  jump: (target, what, dockerPorts) => `跳转到链 ${target}：${what}交给 ${target} 里的规则处理${dockerPorts ? '（Docker 发布的端口）' : ''}。`,
  chains: {
    PREROUTING: 'PREROUTING：包刚到达、还没做路由决策时经过这里（DNAT 在这里做）',
    POSTROUTING: 'POSTROUTING：包即将离开、做完路由决策后经过这里（MASQUERADE/SNAT 在这里做）',
    OUTPUT: 'OUTPUT：本机自己发出的包',
    INPUT: 'INPUT：发给本机的包',
    FORWARD: 'FORWARD：经本机转发的包（比如容器和外部网络之间的包）',
  },
  userChain: (name) => `${name}：用户自定义链，只有别的规则跳转过来才会进入`,
  chainNote: (base, policy, refs) => base + (policy ? `；默认策略 ${policy}：没有任何规则处理的包按它处理` : '') + (refs !== undefined ? `；有 ${refs} 条规则跳转到它` : '') + '。',
  listedChain: (note) => `链 ${note}`,
  listHeaderVerbose: 'pkts/bytes：到目前为止匹配了多少包（字节）；in/out：进出接口（* 表示任意）；prot 0 表示所有协议。',
  listHeader: 'target：怎么处理；prot：协议（0 或 all 表示任意）；source/destination：源地址和目的地址（anywhere 或 0.0.0.0/0 表示任意）。',
  matchedSoFar: (pkts) => `到目前为止有 ${pkts} 个包匹配了这条规则。`,
  serviceNames: '不加 -n 时，端口按服务名显示（http = 80，http-alt = 8080）。',
  tables: {
    nat: 'nat 表：改写地址和端口的规则（Docker 把 MASQUERADE 和 DNAT 放在这里）',
    filter: 'filter 表：放行或丢弃包的规则',
    mangle: 'mangle 表：修改 TTL、标记（mark）等包字段的规则',
    raw: 'raw 表：在连接跟踪之前生效的规则',
  },
  table: (name, meaning) => `*${name}：${meaning ?? `${name} 表`}。`,
  savedCounters: (counters) => `${counters} = 到目前为止统计的包数:字节数。`,
  masqueradeButNoForward: (where) => `但${where}里的 ip_forward 是 0：宿主机不做转发，容器的包根本到不了这条规则。`,
  commit: 'COMMIT：这张表到此结束；iptables-restore 会一次性全部应用。',
  nftManagedBy: (tool) => `这张表是 ${tool} 写的：这些规则由 \`iptables\` 命令（这里是 Docker 执行的）创建，nft 只是用自己的语法显示出来。要改请用 iptables，不要用 nft。`,
  nftFamilies: {
    ip: '只有 IPv4', ip6: '只有 IPv6', inet: 'IPv4 和 IPv6', arp: 'ARP 报文', bridge: '经过网桥的帧', netdev: '刚进入某个设备的包',
  },
  nftTable: (family, name, meaning) => `table ${family} ${name}：${family} 族的表（${meaning ?? '它自己的协议族'}）；在 nftables 里，表只是装链的一个有名字的容器。`,
  nftRegularChain: (name) => `chain ${name}：普通链，没有挂在任何钩子上：只有别的规则 jump 或 goto 过来，包才会进入。`,
  nftBaseChain: (hook, meaning) => `挂在 ${hook} 钩子上的基础链${meaning ? `：${meaning.replace(/^\w+：/, '')}` : ''}`,
  nftTypes: {
    nat: 'type nat：改写地址；每个连接只有第一个包经过它，后面的包沿用它的结果',
    filter: 'type filter：放行或丢弃包',
    route: 'type route：改了包的标记或地址后，可以让包重新选路',
  },
  nftType: (type) => `type ${type}：链的类型`,
  nftPriority: (p) => `priority ${p}：同一个钩子上的链按优先级从小到大依次执行`,
  nftPolicy: (policy, drop) => `policy ${policy}：没有任何规则处理的包按它处理${drop ? '（丢弃：只有规则明确放行的包才能通过）' : ''}`,
  nftParts: (parts) => parts.join('；') + '。',
  nftCtState: (state, established) => `ct state ${state}：只匹配连接跟踪已经见过的连接的包（${established ? '回包，以及已建立连接的后续包' : state}）。`,
  nftCounter: (packets, bytes) => `counter：到目前为止有 ${packets} 个包、${bytes} 字节匹配了这条规则。`,

  pingHeader: (address, target) => `向 ${address}${target !== undefined ? `（${target}）` : ''}发送 ICMP echo 请求；56 字节数据 + 8 字节 ICMP 头 = 64，再加 20 字节 IP 头 = 84。`,
  ttlSameLink: (ttl, start, from) => `ttl=${ttl}：回包出发时的 TTL 是 ${start}（Linux 的默认值），途中没有经过路由器：${from} 和本机在同一条链路上，或者就在本机。`,
  ttlHops: (ttl, start, hops) => `ttl=${ttl}：回包出发时的 TTL 大概是 ${start}，回来的路上经过了 ${hops} 个路由器。`,
  replyFrom: (from) => `收到 ${from} 的回复：它是可达的，而且它的回包也能回到本机。`,
  seqAndTime: 'seq 是每个请求的编号；time 是往返时间，单位毫秒。',
  hostUnreachable: (from, target) => `${from} 用 ARP 查找 ${target ?? '目标'}，没有得到应答：这条链路上没有主机用这个地址，或者它没有启用（DOWN）。`,
  netUnreachable: (from) => `${from} 没有去往目的地址的路由。`,
  reported: (from, message) => `${from} 报告：${message}。`,
  allLost: (sent, errorsShown) => `100% 丢包：${sent} 个请求一个回复都没收到。${errorsShown ? '' : '要么请求没有到达，要么回包回不来。'}`,
  lossCommonCauses: '常见原因：某个接口或它的 veth 对端是 DOWN；没有路由（或者没有回程路由）；没有主机用这个地址；ip_forward 没开；或者缺少 NAT 规则。',
  someLost: (percent, lost, sent, someReceived) => `丢包 ${percent}%：${sent} 个请求里有 ${lost} 个没有回复${someReceived ? '（第一个包常常在 ARP 查找 MAC 地址时丢掉）' : ''}。`,
  allAnswered: (sent) => `${sent} 个请求全部收到回复：这条路径来回都通。`,
  rtt: (min, avg, max, mdev) => `往返时间：最小 ${min}，平均 ${avg}，最大 ${max} 毫秒${mdev !== undefined ? `，波动（mdev）${mdev}` : ''}；不到 1 毫秒说明包根本没有离开这台机器。`,
  pingNoRoute: 'ping 找不到去往目的地址的路由，所以什么都没发出去：这个命名空间里没有匹配的路由（通常是缺少默认路由）。',
  pingCannotStart: (message) => `ping 无法启动：${message}。`,
  noAddressForName: (name) => `名字 ${name} 没有对应的地址：/etc/resolv.conf 里的 DNS 服务器（以及 /etc/hosts）说没有这个名字，所以什么都没发出去。默认网桥上的容器不能按名字互相找到（它们的 DNS 服务器 8.8.8.8 不认识任何容器）；在用户自定义网络里，127.0.0.11 会用这个网络里容器的名字来应答。`,
  noDnsAnswer: (name) => `没有 DNS 服务器应答 ${name} 的查询：连不上 /etc/resolv.conf 里的 nameserver，所以什么都没发出去。`,

  linkDown: (name, where) => `${where}里的 ${name} 是 DOWN：\`ip link set ${name} up\`。`,
  vethPeerDown: (name, peer, peerWhere) => `${name} 的 veth 对端是${peerWhere}里的 ${peer}，它是 DOWN：到那边把它启用。`,
  bridgeNoPorts: (name, where) => `${where}里的网桥 ${name} 没有接任何端口，所以没有载波（carrier）。`,
  bridgeNoCarrier: (name, ports, why) => `网桥 ${name} 没有载波，因为它的端口（${ports}）都没有载波${why ? `：${why}` : '。'}`,
  noCarrier: (name, where) => `${where}里的 ${name} 没有载波（NO-CARRIER）：它的另一端没有启用。`,
  macvlanToChild: (dest, target, targetWhere, out) => `${dest} 是${targetWhere}的 ${target}，一个建在 ${out} 上的 macvlan，而 ${out} 正是这个包出去的接口。macvlan 和它自己的父接口之间互相收不到；要访问它，得在 ${out} 上建一个你自己的 macvlan（给它一个该局域网的 /32 地址，再加一条经它去往 ${dest} 的 /32 路由）。`,
  macvlanToParent: (dest, target, targetWhere, out) => `${dest} 在${targetWhere}的 ${target} 上，而 ${target} 是 ${out} 的父接口，${out} 就是这个包出去的 macvlan：macvlan 和它自己的父接口之间互相收不到。那台主机只能通过它自己在 ${target} 上的 macvlan 来应答。`,
  addressOnDownLink: (name, cidr, dest) => `${name} 有地址 ${cidr}，和 ${dest} 在同一个网络，但 ${name} 是 DOWN，所以内核还没有这个网络的路由，包被发到了别处：\`ip link set ${name} up\`。`,
  noMatchingRoute: (here, dest) => `${here}里没有匹配 ${dest} 的路由。`,
  noRouteNoDefault: (here, dest) => `${here}里既没有去往 ${dest} 的路由，也没有默认路由：加一条，例如 \`ip route add default via GATEWAY\`。`,
  bridgeDown: (name) => `网桥 ${name} 是 DOWN。`,
  nobodyHasGateway: (gateway) => `实验环境里没有哪个接口拥有网关地址 ${gateway}：没有谁会应答对它的 ARP 请求。`,
  nobodyHas: (dest) => `实验环境里没有哪个接口拥有地址 ${dest}：没有谁会应答对它的 ARP 请求。`,
  noRouteBack: (where, src) => `${where}里没有回到 ${src} 的路由：请求能到达，但回包发不出去。`,
  noForwarding: (where, gateway) => `${where}里的 ip_forward 是 0：网关 ${gateway} 不转发包。`,
  noRouteBackNoMasquerade: (destWhere, src, gatewayWhere) => `${destWhere}里没有回到 ${src} 的路由，而${gatewayWhere}里也没有 MASQUERADE 规则把 ${src} 隐藏在它自己的地址后面。`,

  none: '（没有）',
  noSuchInterface: (name, where) => `${where}里没有叫 ${name} 的接口。`,
  noSuchInterfaceCauses: '常见原因：名字打错了；它被移到了别的命名空间（`ip link set … netns …`）或者改了名；或者被删掉了（删除 veth 对的一端，两端都会被删掉）。',
  existsElsewhere: (name, where, how) => `${name} 在${where}里，不在这里：它被移过去了（ip link set ${name} netns …）。${how ? `到那边去运行这条命令：${how}` : ''}`,
  didYouMean: (names) => `你是不是想用 ${names.join(' 或 ')}？`,
  interfacesHere: (names) => `这里的接口有：${names}。它可能改了名（ip link set … name …），或者被删掉了。`,
  netnsContainer: (name, listed) => `${name} 是一个容器，而 \`ip netns\` 只认识 /run/netns 里的名字${listed.length ? `（现在有：${listed.join(', ')}）` : ''}。`,
  netnsContainerListedAs: (name, listedAs) => `它的命名空间在列表里叫 ${listedAs}：用 \`ip netns exec ${listedAs} …\`，或者 \`docker exec ${name} …\`。`,
  netnsContainerExpose: (name) => `用 \`docker exec ${name} …\`，或者先把它的命名空间暴露出来：\`ln -s /proc/$(docker inspect -f '{{.State.Pid}}' ${name})/ns/net /run/netns/NAME\`。`,
  notANetns: (name) => `"${name}" 既不是有名字的网络命名空间（/run/netns 里指向一个存活命名空间的文件），也不是进程号。`,
  liveNetns: (listed) => (listed.length ? `指向存活命名空间的 \`ip netns\` 条目：${listed.join(', ')}。` : '没有哪个 `ip netns` 条目指向存活的命名空间。'),
  staleNetns: (name) => `如果 \`ip netns\` 还列着 ${name}，那就是个失效的条目：/run/netns/${name} 指向的命名空间已经没了（容器被删、进程已退出）。先用 \`rm /run/netns/${name}\` 删掉它，再重新链接一个存活的。`,
  createNetns: (name) => `否则就用 \`ip netns add ${name}\` 创建它，或者用 \`ln -s /proc/PID/ns/net /run/netns/${name}\` 暴露一个容器的命名空间。`,
  listNetns: '用 `ip netns` 列出它们；用 `ip netns add NAME` 创建一个。`ip netns` 列着但仍然打不开的名字已经失效：它的命名空间已经没了。',
  unexpectedArgument: (word, why) => `ip 没想到这个位置会出现 "${word}"${why ? `（${why}）` : ''}：检查它前面那个词，以及词的顺序（\`ip link help\`、\`ip addr help\`）。`,
  addressAssigned: (dev, where) => `${where !== undefined ? `${where}里的` : ''}${dev ?? '这个接口'}上已经有这个地址了：不用再加（要改前缀长度，先用 \`ip addr del\` 删掉）。`,
  routeExists: (dst, where, existing) => `${where}里已经有去往 ${dst ?? '这个目的地址'} 的路由了${existing ? `：${existing}` : ''}。`,
  routeReplace: (dst) => `要修改它，用 \`ip route replace …\`，或者先 \`ip route del ${dst ?? '…'}\`。`,
  linkExists: (taken, name, where, peer) => `${where}里已经有叫 ${taken.length ? taken.join(' 和 ') : name ?? '这个名字'} 的接口了${peer !== undefined ? `（或者对端名 ${peer} 已被占用）` : ''}：换个名字，或者先用 \`ip link del\` 删掉旧的。`,
  netnsExists: (name) => `已经有叫 ${name} 的命名空间了（/run/netns/${name}）。`,
  alreadyThere: '内核里已经有这条命令要添加的东西了（同一个键的接口、地址或路由）。',
  gatewayNotNeighbour: (via, where) => `网关 ${via} 不在这里任何直连的网络上${where !== undefined ? `（${where}里没有哪个地址覆盖它）` : ''}：网关必须是邻居。先给接口配一个和 ${via} 同网段的地址，再加这条路由。`,
  noRouteNoState: '没有路由匹配目的地址：这个命名空间里没有去那里的路由，通常是缺少默认路由（看看 `ip route`）。',
  noDefaultRoute: (where, routes) => `${where}里没有默认路由${routes !== undefined ? `；它只知道 ${routes}` : '，而且一条路由都没有（没有哪个有地址的接口是启用的）'}。加一条：\`ip route add default via GATEWAY\`。`,
  noRouteHere: '这个命名空间里没有路由匹配目的地址。',
  renameWhileUp: (dev, upNow) => `接口在 UP 状态下不能改名${upNow ? `（${dev} 现在是 UP）` : ''}：先 \`ip link set ${dev ?? 'DEV'} down\`，改名，再把它启用。`,
  netnsInUse: '这个命名空间还在使用中（被挂载着，或者有进程在里面运行）。',
  deviceBusy: (dev) => `${dev ?? '这个设备'}正在使用中：它可能是 UP，可能是某个网桥的端口，也可能被别的设备占用；先把它停用或拆下来。`,
  bridgeStillUp: (name) => `网桥要先停用才能删除：先 \`ip link set ${name} down\`，再 \`brctl delbr ${name}\`（或者直接 \`ip link del ${name}\`）。`,
  notPermitted: '内核拒绝了：这需要 CAP_NET_ADMIN 权限（在这个网络命名空间里是 root）。',
  notPermittedInLab: '在 nslab 实验环境里你就是 root；如果看到这个错误，说明命令是在实验环境外运行的，或者操作了不属于实验环境的东西。',
  notPermittedOutside: '用 root（sudo）运行，或者在 nslab 实验环境里运行。',
  unknownLinkType: (type, close) => `"${type}" 不是 ip 认识的链路类型${close ? `：你是不是想用 ${close}？` : '。'}`,
  noDriver: (type, inLab) => `内核没有类型 ${type ?? '?'} 的驱动：这台机器上没有编译或没有加载它的模块${inLab ? '（这个实验环境的内核支持 bridge、veth、vxlan、macvlan 和 tun/tap）' : ''}。`,
  netnsImmutable: '有些接口（lo，以及标记为 netns-local 的设备，比如旧内核上的网桥）不能移到别的命名空间；每个命名空间本来就有自己的 lo。',
  invalidMac: (value) => `"${value}" 不是有效的 MAC 地址（六组十六进制数，例如 02:42:ac:11:00:02）。`,
  invalidAddress: (value) => `"${value}" 不是有效的地址：应该是四个 0–255 的数加上前缀长度，例如 10.0.0.2/24。`,
  incompleteCommand: '末尾少了一个词：ip 期望最后一个关键字后面跟一个值（例如 `master BRIDGE`、`netns NAME`）。',
  arpNoAnswer: 'ARP 没有得到应答：这条链路上没有哪个启用的接口拥有这个地址。',
  noReply: '没有收到任何回复。',
  noReplyCauses: '可能的原因：某个接口或它的 veth 对端是 DOWN；去程或回程没有路由；没有谁拥有这个地址；ip_forward 没开；或者回程缺少 MASQUERADE 规则。',

  socketStates: {
    ESTAB: 'ESTAB：一个已建立的连接',
    'SYN-SENT': 'SYN-SENT：本端正在发起连接，等对端应答',
    'SYN-RECV': 'SYN-RECV：对端正在发起连接',
    'TIME-WAIT': 'TIME-WAIT：本端已关闭的连接，会保留一分钟左右，免得迟到的包被当成新连接的包',
    'CLOSE-WAIT': 'CLOSE-WAIT：对端已经关闭；本端的程序还没有关闭',
    'FIN-WAIT-1': 'FIN-WAIT-1：正在关闭，等对端确认',
    'FIN-WAIT-2': 'FIN-WAIT-2：本端已关闭，等对端也关闭',
    'LAST-ACK': 'LAST-ACK：正在关闭，等最后一个确认',
    UNCONN: 'UNCONN：一个 UDP 套接字（UDP 没有连接）；它接收发到它的地址和端口的数据报',
  },
  socketState: (state) => `${state}：套接字的状态`,
  portByName: (number, name) => `${number}（${name}：不加 -n 时，ss 用 /etc/services 里的名字显示端口）`,
  boundVia: (iface) => `，而且只通过 ${iface}（绑定在这个接口上）`,
  boundEveryIpv4: (via) => '这个命名空间的所有 IPv4 地址（0.0.0.0）' + via,
  boundEvery: (via) => '这个命名空间的所有地址（*）' + via,
  boundEveryIpv6: (via) => '这个命名空间的所有 IPv6 地址（::），除非程序要求只用 IPv6，否则 IPv4 地址也包括在内' + via,
  boundLoopback: (host, via) => `只有 ${host}，这是回环地址，只有同一个命名空间里的程序才能连上` + via,
  boundOnly: (host, via) => `只有 ${host}，连这个命名空间其他地址的连接会被拒绝` + via,
  listening: (proto, port, where) => `LISTEN：有程序在端口 ${port} 上等待 ${proto} 连接；监听地址：${where}。`,
  listenQueues: (recvQ, sendQ) => `Recv-Q ${recvQ} / Send-Q ${sendQ}：对监听套接字来说，分别是等着程序 accept 的连接数，以及最多能排队的连接数（backlog）。`,
  peerEnd: (host, port) => `；对端是 ${host}:${port}`,
  socketLine: (state, host, port, peer) => `${state}。本端 ${host}:${port}${peer}。`,
  connQueues: (recvQ, sendQ) => `Recv-Q ${recvQ}：已经收到、程序还没读取的字节数；Send-Q ${sendQ}：已经发出、对端还没确认的字节数。`,
  socketUsers: (name, pid, fd) => `users:(("${name}",…))：持有这个套接字的程序${pid !== undefined ? `，进程号 ${pid}` : ''}${fd !== undefined ? `（它的文件描述符 ${fd}）` : ''}。`,
  proxyTo: (destination, container) => `转发到 ${destination}${container ? `（容器 ${container}）` : ''}`,
  proxyToContainer: '转发到容器',
  dockerProxy: (port, to) => `docker-proxy：Docker 为发布的端口（\`docker run -p ${port}:…\`）运行的用户态代理。它把连到这个端口的连接${to}；外面来的包不经过它，由 iptables 里的 DNAT 规则送过去。`,
  nslabServer: (container) => `nslab 在容器 ${container} 里运行的小型 Web 服务器，代替镜像自带的那个。`,
  ssHeader: '每行一个套接字。Local Address:Port 是它绑定的地址和端口；Peer Address:Port 是对端（监听中的套接字显示 *，表示任意）；Process（加 -p 时）是持有它的程序。',
  noSocket: (here) => `这里${here !== undefined ? `（${here}）` : ''}没有匹配的套接字。每个网络命名空间都有自己的套接字：容器里的服务器在容器的命名空间里监听（用 \`docker exec NAME ss -tlnp\` 能看到），不在宿主机上。`,

  nsEmbedded: (address) => `nameserver ${address}：Docker 内嵌的 DNS 服务器。这是个回环地址，所以它在这个容器自己的网络命名空间里应答（在 nslab 里是一个专属的 dnsmasq）。它认识这个容器所在的用户自定义网络上各容器的名字和别名。`,
  nsPublic: (address, embeddedToo) => `nameserver ${address}：Google 的公共 DNS 服务器，宿主机没有容器可用的 nameserver 时，Docker 就写这个。它从来没听说过你的容器叫什么：默认网桥上的容器之间没有名字解析${embeddedToo ? '' : '（用户自定义网络才有）'}。（在实验环境里，由 outside 在这个地址上应答。）`,
  nsLoopback: (address) => `nameserver ${address}：回环地址，也就是同一个网络命名空间里的解析器（127.0.0.53 是 systemd-resolved 的）。Docker 从不把这种地址复制进容器：在容器里它会变成容器自己的回环地址。`,
  nsIpv6: (address) => `nameserver ${address}：一个 IPv6 的 DNS 服务器。`,
  nsPlain: (address) => `nameserver ${address}：一个 DNS 服务器，/etc/hosts 里没有的名字都去问它（最多三个，依次询问）。`,
  resolvComments: {
    generated: 'Docker 为这个容器生成了这个文件，并把它 bind mount 到 /etc/resolv.conf 上（docker inspect 里的 ResolvConfPath）。',
    internal: '为使用内嵌 DNS 服务器的容器生成：只写 127.0.0.11；宿主机的 nameserver 成了 127.0.0.11 转发查询的去处（ExtServers）。',
    legacy: '按旧方式生成，用于不使用内嵌 DNS 服务器的容器（默认网桥）：复制宿主机的 nameserver，去掉其中的回环地址。',
    extServers: 'ExtServers：内嵌服务器自己不认识的名字转发到这里（宿主机的 nameserver）。',
    defaults: '宿主机没有容器可用的 nameserver，所以 Docker 写了 Google 的。',
    overrides: 'Overrides []：docker run 没有给 --dns、--dns-search 或 --dns-option。',
    ndots: 'ndots:0 来自 Docker 本身，而不是宿主机的文件。',
  },
  ndotsZero: 'ndots:0：不带点的名字（比如 web）先按原样查询，再考虑搜索域。',
  resolvOption: (key, value) => `${key}:${value}：${key === 'ndots' ? `点少于 ${value} 个的名字先加上搜索域再查` : key === 'timeout' ? `每个服务器等 ${value} 秒` : `每个服务器问 ${value} 次`}。`,
  resolvOtherOption: (option) => `选项 ${option}。`,
  resolvSearch: (value, first) => `search ${value}：短名字还会加上这些后缀再试（web → web.${first}）。`,
  resolvDomain: (value) => `domain ${value}：本地域名，没有 search 时就用它作搜索列表。`,
  serverEmbedded: (address) => `被询问的服务器：${address}，这个容器里 Docker 内嵌的 DNS 服务器（容器的 /etc/resolv.conf 里写的就是它）。`,
  serverPublic: (address) => `被询问的服务器：${address}，Docker 写进默认网桥容器 /etc/resolv.conf 的公共 DNS 服务器。它不认识任何容器的名字。`,
  serverFirst: '被询问的服务器：/etc/resolv.conf 里的第一个 nameserver。',
  serverAddress: (ip, port) => `它的地址和端口：${ip}，端口 ${port}（DNS）。`,
  nonAuthoritative: 'Non-authoritative（非权威应答）：服务器转述（或缓存）了一个不归它管的答案。',
  nameAsked: (name) => `查询的名字：${name}。`,
  nameIs: (name, ip, container, alias, embedded) => `${name} 是 ${ip}${container ? `：容器 ${container} 的地址` : ''}${alias ? `（${name} 是它的名字之一：别名或短 id）` : ''}。${embedded ? '用这种方式只能找到与本容器在同一个用户自定义网络上的容器。' : ''}`,
  reverseLookup: (ip, name) => `反向查询：地址 ${ip} 的名字是 ${name}。`,
  lookupReasons: {
    NXDOMAIN: '没有这个名字，服务器确定没有谁叫这个名字',
    SERVFAIL: '服务器没能查出来（常见原因：它连不上要转发去的服务器）',
    REFUSED: '服务器拒绝回答这个查询',
    'No answer': '名字存在，但没有这一类地址（busybox 也会查询 IPv6 地址）',
  },
  notFoundEmbedded: (name) => `127.0.0.11 只应答本容器所在的用户自定义网络上正在运行的容器：${name} 在运行吗？在其中某个网络上吗？`,
  notFoundPublic: '查询离开了实验环境，发给了公共 DNS 服务器，而它从来没听说过什么容器：默认网桥上的容器之间没有名字解析。',
  notFound: (name, why, where) => `没有找到 ${name}：${why}。${where}`,
  noDnsServer: '没有 DNS 服务器应答：从这里连不上 /etc/resolv.conf 里的 nameserver（没有路由，或者没有程序在监听）。',
  hostsLoopback: (names, ipv6) => `${names}：回环地址${ipv6 ? '（IPv6）' : ''}。`,
  ipv6Defaults: {
    'fe00::0': 'IPv6 本地网络', 'ff00::0': 'IPv6 组播前缀', 'ff02::1': 'IPv6 所有节点组播', 'ff02::2': 'IPv6 所有路由器组播',
  },
  hostsIpv6Default: (name, meaning) => `${name}：${meaning}，Docker 写进每个容器 /etc/hosts 的 IPv6 默认条目之一。`,
  hostsAlso: (names) => `它也叫 ${names}（别名、短 id）。`,
  hostsLine: (name, ip, container, also, nameOf) => `${name} 是 ${ip}${container ? `，即容器 ${container}` : ''}。${also}${nameOf ? `（${name} 是 ${container} 的一个名字：别名或主机名。）` : ''}`,

  netDefaultName: 'Name bridge：默认网络；docker run 不给 --net 时容器就接到这里。它背后的 Linux 网桥是 docker0。',
  overlayPeerName: (name) => `Peer ${name}：拥有这个网络的一台 Docker 宿主机（swarm 会把其他主机告诉每台主机）。`,
  overlayPeerIp: (ip) => `IP ${ip}：那台主机在局域网上的地址，也就是 VXLAN 隧道的远端：发给它上面容器的帧都送到那里的 UDP 4789 端口。`,
  overlayName: (name) => `Name ${name}：一个 overlay 网络（docker run --network ${name}），横跨 swarm 各台主机的同一个二层网络：不同主机上的容器共用它的子网。`,
  overlayId: (id12) => `Id：网络的唯一 ID，在每台主机上都一样；每台主机上为它建的网桥名为 ov- 加上前 12 个字符：ov-${id12}（这是 nslab 起的名字；Docker 把它的网桥放在单独的命名空间里）。`,
  overlayGateway: (gateway) => `Gateway ${gateway}：Docker 地址规划里这个子网的网关；overlay 容器并不经它路由（Docker 让它们经 docker_gwbridge 出去，nslab 没有做这一部分）。`,
  overlayInternalFalse: 'Internal false：在 Docker 里，容器通过接在 docker_gwbridge 上的第二块网卡访问外部；nslab 的 overlay 容器只能互相访问。',
  netSpecialName: (name) => `Name ${name}：网络的名字（docker run --net=${name}）。`,
  netUserName: (name) => `Name ${name}：一个用户自定义网络（docker run --network ${name}）。和默认网桥不同，它上面的容器可以按名字互相找到（通过 127.0.0.11），而且和其他网桥网络相互隔离。`,
  netIdMacvlan: 'Id：网络的唯一 id；macvlan 网络自己没有设备，只有各容器的 macvlan。',
  netIdUserBridge: (bridge) => `Id：网络的唯一 id。它的 Linux 网桥名是 br- 加上 id 的前 12 个字符：${bridge}（见 ip a、brctl show）。`,
  netId: 'Id：网络的唯一 id；用户自定义网桥网络的 Linux 网桥名是 br- 加上 id 的前 12 个字符。',
  drivers: {
    bridge: '本机上的一个 Linux 网桥，容器用 veth 对接上去，经 NAT 访问外部', host: '没有隔离：容器直接用宿主机的网络命名空间', null: '没有网络：容器只有 lo', overlay: '主机之间的 VXLAN 隧道', macvlan: '建在宿主机网卡上的 macvlan 接口，容器直接出现在物理局域网上',
  },
  driver: (name, meaning) => `Driver ${name}：${meaning ?? '实现这个网络的插件'}。`,
  scopeLocal: 'Scope local：这个网络只存在于本机。',
  scope: (scope) => `Scope ${scope}：网络的范围是 ${scope}。`,
  ipamDriver: 'IPAM Driver default：由 Docker 内置的地址管理器分配地址。',
  defaultPools: '不给 --subnet 时，Docker 从默认地址池里取下一个空闲的 /16：172.18.0.0/16，然后 172.19.0.0/16，……',
  subnet: (subnet, range, pools) => `Subnet ${subnet}：容器的地址从 ${range} 里分配。${pools}`,
  gatewayMacvlan: (gateway) => `Gateway ${gateway}：父接口所在局域网上的路由器，不是本机的地址：容器的默认路由直接指向它。`,
  gatewayBridge: (gateway, bridge) => `Gateway ${gateway}：网桥${bridge ? `（${bridge}）` : ''}自己的地址，也就是容器的默认网关。`,
  containerAttached: (name) => `容器 ${name} 接在这个网络上。`,
  endpointId: (macvlan) => `EndpointID：Docker 给这次接入起的 id（对应一个${macvlan ? ' macvlan 接口' : ' veth 对'}）。`,
  macvlanMac: (mac, meaning) => `MacAddress ${mac}：容器自己在局域网上的 MAC 地址${meaning ? `（${meaning}）` : ''}；路由器的邻居表（\`ip neigh\`）把它和下面的 IPv4Address 对应起来。`,
  mac: (mac, meaning) => `MacAddress ${mac}：${meaning ?? '容器接口的 MAC 地址'}。`,
  ipv4Address: (address, container, liveIp) => `IPv4Address ${address}：${container ?? '容器'}在这个网络上的接口地址，带子网前缀（第一个网络是 eth0，后来接入的依次是 eth1……）。${liveIp ? `（实验环境里现在是 ${liveIp}）` : ''}`,
  ipv6Address: (address) => `IPv6Address ${address}：容器在这个网络上的 IPv6 地址。`,
  ipv6Empty: 'IPv6Address 为空：这个网络没有启用 IPv6。',
  networkOptions: {
    'com.docker.network.bridge.name': '这个网络背后的 Linux 网桥',
    'com.docker.network.bridge.enable_ip_masquerade': 'Docker 是否为这个子网添加 MASQUERADE 规则',
    'com.docker.network.bridge.enable_icc': '这个网桥上的容器之间能否互相通信',
    'com.docker.network.bridge.host_binding_ipv4': '发布的端口在宿主机哪个地址上监听（0.0.0.0 表示所有地址）',
    'com.docker.network.bridge.default_bridge': '默认网络 docker0 上为 true',
    'com.docker.network.driver.mtu': '网桥和容器接口的 MTU',
    parent: '容器的 macvlan 所依附的宿主机接口：容器的帧都从它的线路出去，各自带着容器自己的 MAC（像 eth0.10 这样的名字是 802.1q VLAN 子接口：trunk 模式）',
    macvlan_mode: '同一父接口上的 macvlan 之间怎样互通（bridge：直接互通；private：完全不通；vepa：经外部交换机；passthru：只能有一个）',
    'com.docker.network.driver.overlay.vxlanid_list': '这个 overlay 的 VXLAN 网络 ID（VNI）：每台主机上为它建的 VXLAN 设备都带着这个 ID（`ip -d link` 显示 vxlan id N），这样它的帧就和同一局域网上其他 overlay 的帧分开',
  },
  networkOption: (key, value, meaning) => `${key} = ${value}：${meaning}。`,
  internalTrue: 'Internal true：没有通往外部的路由（没有 NAT）。',
  internalFalseMacvlan: 'Internal false：容器用自己的地址经局域网的路由器访问外部（本机不做 NAT）。',
  internalFalse: 'Internal false：容器可以经 NAT 访问外部。',
  enableIpv6: (value) => `EnableIPv6 ${value}：${value === 'true' ? '这个网络启用了 IPv6' : '这个网络没有启用 IPv6'}。`,
  optionsEmpty: 'Options {}：没有给驱动选项，所以用默认值：网桥名为 br-<id>，开启 masquerade，网桥上的容器可以互相通信。',
  containersEmptyMacvlan: 'Containers {}：还没有容器接入，所以内核里还没有这个网络的任何东西：每个容器的 macvlan 在它接入时才创建。',
  containersEmpty: (bridge) => `Containers {}：还没有容器接入（${bridge} 显示 NO-CARRIER）。`,
  otherField: (key, value) => `${key}：${value}（${OTHER_FIELD_ZH[key] ?? '网络的一项属性'}）。`,
  containersAttached: (count) => `接入了 ${count} 个容器；每一项以容器的完整 id 为键。`,
};

/** A space where Chinese meets a Latin letter or digit ("接口 eth0 是 DOWN"), as Chinese
 * technical writing sets it: the names, addresses and numbers the messages are filled
 * with would otherwise run into the words around them. */
export function spaceCjk(text: string): string {
  return text.replace(/([A-Za-z0-9])(?=[\u4e00-\u9fff])|([\u4e00-\u9fff])(?=[A-Za-z0-9])/g, '$1$2 ');
}

/** Every message of a catalogue passed through `tidy`, whatever its shape. */
function tidied<T extends object>(texts: T, tidy: (s: string) => string): T {
  const tidyValue = (v: unknown): unknown => {
    if (typeof v === 'string') return tidy(v);
    // Keep the arity, so that the wrapped message still says how many values it takes.
    if (typeof v === 'function') return Object.defineProperty((...args: unknown[]) => tidyValue(v(...args)), 'length', { value: v.length });
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tidyValue(x)]));
    return v;
  };
  return tidyValue(texts) as T;
}

const zh = tidied(zhAsWritten, spaceCjk);

/** The rules-and-reachability explanations in this process's language (or the one asked for). */
export const explainNetText = inLanguages<ExplainNetText>({ en, 'zh-CN': zh });
