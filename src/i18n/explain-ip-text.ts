// What the explainers of links, addresses, routes, neighbours, namespaces and bridges say
// about the output they annotate, in each language nslab speaks. Interface names,
// addresses, flags and field names stay as the command printed them; the words around
// them are translated. The type makes a key missing in Chinese a compile error, and
// test/i18n/explain-ip-text.test.ts holds the two to the same keys at run time.
import { inLanguages } from './lang.js';

type Table = Record<string, string>;

export interface ExplainIpText {
  // --- names of things (net.ts, lab-context.ts) ---
  netSingle(addr: string): string;
  netRange(network: string, prefix: number, mask: string, size: string, broadcast: string): string;
  /** The netmask and size out of a netRange/netSingle text, as `ip a` notes quote it. */
  maskPart(described: string): string;
  ipv6Kinds: { loopback: string; unspecified: string; linkLocal: string; uniqueLocal: string; multicast: string; documentation: string; global: string; other: string };
  macBroadcast: string;
  macIpv6Multicast: string;
  macIpv4Multicast: string;
  macDockerContainer(ip: string): string;
  macDocker: string;
  macLocal: string;
  linkKinds: Table;
  ipFlags: Table;
  operstates: Table;
  nsContainer(name: string): string;
  nsHost: string;
  nsOutside: string;
  nsNamed(name: string): string;
  /** A Docker host of a two-hosts lab other than this one (host2). */
  nsDockerHost(name: string): string;
  runOnHost: string;
  runOnDockerHost(name: string): string;

  // --- ip addr / ip link ---
  ifindex(ifindex: number, name: string): string;
  kind(sure: boolean, described: string): string;
  kindUnknown(kind: string): string;
  noCarrierBridgePorts(name: string, ports: string): string;
  noCarrierBridge(name: string): string;
  noCarrier(name: string, veth: boolean): string;
  switchedOff(name: string): string;
  master(name: string, master: string): string;
  /** A phrase as a sentence: its full stop. */
  sentence(text: string): string;
  mDownSameNs(at: string, name: string): string;
  mDownOtherNs(meaning: string): string;
  unknownFlag(flag: string): string;
  mtu(mtu: number): string;
  qdiscNoop: string;
  qdisc(qdisc: string): string;
  stateOther(state: string): string;
  group(group: string): string;
  mode(mode: string): string;
  qlen(qlen: number): string;
  mac(mac: string, described: string | undefined): string;
  linkLoopback: string;
  linkNone: string;
  linkMac(type: string, mac: string, described: string | undefined): string;
  linkNetnsidElsewhere(id: number): string;
  promiscuity(count: number, name: string): string;
  altname(alt: string, name: string, predictable: string): string;
  ifNameMedia: Table;
  ifNameOnboard(n: string): string;
  ifNameFromMac: string;
  ifNameHotplug(n: string): string;
  ifNamePci(bus: string, slot: string, fn: string | undefined): string;
  ifNamePredictable(name: string, prefix: string, medium: string, where: string): string;
  counters: Table;
  statsHeader(direction: string, errors: boolean, name: string, received: boolean, named: string[]): string;
  statsCounterNamed(counter: string, meaning: string): string;
  statsNoErrors: string;
  statsErrorKinds(items: [counter: string, value: number, meaning: string][]): string;
  statsTotals(name: string, received: boolean, packets: string, bytes: string, problems: [value: number, counter: string][], vethDirection: string | undefined): string;
  macvlanModes: Table;
  macvlanParentKnown(name: string, ifindex: number, where: string): string;
  macvlanParentUnknown(ifindex: string): string;
  vxlan(id: string, dstport: string, local?: string, dev?: string, remote?: string, group?: string): string;
  macvlan(mode: string, parent: string | undefined, name: string, meaning: string | undefined): string;
  bcqueuelen(n: string): string;
  tun(type: string, persist: boolean): string;
  bridgeDetails(stp: string, priority: string, ageing: string): string;
  bridgeSlave(state: string, learning: string, flood: string): string;
  vethConfirmed: string;
  detailKind(kind: string): string;
  atNone(name: string): string;
  atSelf(at: string, ifindex: number | undefined): string;
  atName(at: string, veth: boolean): string;
  whereNamedNs(name: string): string;
  whereNetnsid: string;
  whereElsewhere: string;
  parentKnown(at: string, name: string, ifindex: number, parent: string, where: string, macvlan: boolean, up: boolean): string;
  peerKnown(at: string, name: string, ifindex: number, peer: string, where: string, up: boolean): string;
  peerUnknown(at: string, name: string, veth: boolean, ifindex: string, where: string): string;
  linkNetnsid(id: number, veth: boolean, where: string | undefined): string;
  linkNetns(ns: string, veth: boolean, known: boolean): string;
  peerDown(peer: string, where: string, how: string | undefined): string;
  inet(local: string, prefix: number, mask: string, name: string, dockerGateway: boolean): string;
  inetNoNet(local: string, name: string): string;
  inetLoopback(local: string, prefix: number): string;
  peerAddress(peer: string): string;
  brd(brd: string, network: string, prefix: number, usual: boolean): string;
  noBrd: string;
  inet6(local: string, prefix: number, described: string, mac: string | undefined): string;
  scopes: Table;
  scopeOther(scope: string): string;
  addressFlags: Table;
  lifetime: string;
  briefKind(name: string, sure: boolean, described: string): string;
  briefNoCarrier(name: string, bridge: boolean): string;
  briefInet(local: string, prefix: number, mask: string): string;
  briefInet6(local: string, described: string): string;
  briefMac(mac: string): string;

  // --- ip route ---
  routeTypes(type: string, dst: string): string | undefined;
  routeTypeOther(type: string): string;
  routeDefault(via: string | undefined, dev: string | undefined): string;
  routeVia(dst: string, via: string, dev: string | undefined): string;
  routeConnected(what: string, dev: string | undefined, v6: boolean): string;
  routeFe80(described: string): string;
  protos: Table;
  protoOther(proto: string): string;
  scopeLink: string;
  scopeHost: string;
  routeScopeOther(scope: string): string;
  routeSrc(src: string): string;
  routeMetric(metric: number): string;
  linkdown(dev: string | undefined): string;
  onlink: string;
  table(table: string): string;
  pref: string;
  noDefaultRoute(live: boolean): string;

  // --- route -n ---
  routeFlags: Table;
  rnLinkLocal: string;
  rnLoopback: string;
  rnNamed(name: string, host: boolean): string;
  rnGatewaySystemd(here: string | undefined): string;
  rnGatewayNamed(gateway: string, here: string | undefined): string;
  rnTitle: string;
  rnHeader: string;
  rnNames: string;
  rnDefault(named: boolean, gateway: string, iface: string | undefined): string;
  rnConnected(dest: string, prefix: string, genmask: string, shownPrefix: number | undefined, iface: string | undefined): string;
  rnVia(dest: string, prefix: string, gateway: string, iface: string | undefined): string;
  rnFlags(flags: string, meanings: string[]): string;
  rnNoGateway(gateway: string): string;
  rnMetric(metric: number): string;
  rnNoDefault: string;
  rnEmpty: string;

  // --- ifconfig ---
  ifcFlagsValue(value: number): string;
  ifcNotRunning(name: string): string;
  ifcNotUp(name: string): string;
  ifcUpRunning: string;
  ifcVeth(name: string, peer: string, where: string): string;
  ifcPort(name: string, master: string): string;
  ifcInet(address: string, netmask: string, prefix: number | undefined, name: string): string;
  ifcBroadcastZero: string;
  ifcBroadcast(broadcast: string): string;
  ifcInet6(address: string, prefix: string, described: string, scope: string | undefined): string;
  ifcMac(mac: string, described: string | undefined): string;
  ifcLoopback: string;
  ifcCounters: string;

  // --- ip neigh / arp ---
  neighStates: Table;
  neighThatIs(name: string, where: string): string;
  neighMac(ip: string, dev: string, mac: string, who: string, v6: boolean): string;
  neighArpFlags(flags: string): string;
  neighNoMac(ip: string, dev: string | undefined): string;
  neighRouter: string;

  // --- ip netns ---
  netnsStale(name: string): string;
  netnsOfContainer(container: string): string;
  netnsNamed(name: string, container: string): string;
  netnsId(id: number, name: string): string;
  netnsNoId(name: string): string;

  // --- brctl show, bridge link, bridge fdb ---
  brHeader: string;
  brId(id: string, hex: string, priority: number | undefined, mac: string | undefined): string;
  brStpOff: string;
  brStp(stp: string): string;
  brNoPorts(name: string): string;
  brPortPeer(peer: string, where: string): string;
  brPortVeth: string;
  brPort(port: string, bridge: string, behind: string): string;
  portStates: Table;
  portStateOther(state: string): string;
  blPort(name: string, master: string | undefined, peer: string | undefined, where: string | undefined, otherIfindex: string | undefined): string;
  blStp(priority: string, cost: string): string;
  fdbMulticast(kind: string | undefined, dev: string | undefined, self: boolean): string;
  fdbOwn(mac: string, owner: string | undefined, dev: string | undefined, master: string): string;
  fdbLearned(master: string, mac: string, who: string | undefined, whoWhere: string | undefined, dev: string | undefined): string;
  /** A VXLAN entry: `remote` is whose MAC it is when the lab knows (a container, on a host);
   * `dev` is missing in `bridge fdb show dev X`'s lines. */
  fdbTunnel(mac: string, remote: { name: string; host?: string } | undefined, dev: string | undefined, dst: string, permanent: boolean): string;
  fdbSelf(mac: string, dev: string | undefined): string;
  fdbVlan(vlan: number): string;
}

const en: ExplainIpText = {
  netSingle: (addr) => `${addr}/32 (a single address, netmask 255.255.255.255)`,
  netRange: (network, prefix, mask, size, broadcast) => `${network}/${prefix} (netmask ${mask}, ${size} addresses: ${network}–${broadcast})`,
  maskPart: (d) => d.replace(/^[^(]*\(netmask /, '').replace(/\)$/, ''),
  ipv6Kinds: {
    loopback: 'the IPv6 loopback address (like 127.0.0.1)',
    unspecified: 'the unspecified IPv6 address',
    linkLocal: 'an IPv6 link-local address (fe80::/10): made automatically when the interface came up, valid only on this one link, never routed',
    uniqueLocal: 'an IPv6 unique local address (fc00::/7): private, like 10.x or 192.168.x in IPv4',
    multicast: 'an IPv6 multicast address',
    documentation: 'an IPv6 documentation address (2001:db8::/32, for examples)',
    global: 'a global IPv6 address (routable on the Internet)',
    other: 'an IPv6 address',
  },
  macBroadcast: 'the Ethernet broadcast address: frames to it reach every device on the link',
  macIpv6Multicast: 'an IPv6 multicast MAC (33:33:…)',
  macIpv4Multicast: 'an IPv4 multicast MAC (01:00:5e:…)',
  macDockerContainer: (ip) => `Docker's prefix 02:42; for a container the last four bytes are its IPv4 address (${ip})`,
  macDocker: "Docker's MAC prefix 02:42 (locally administered)",
  macLocal: 'a locally administered MAC: made up by software (random for veth, bridge, tap), not burnt into a card',
  linkKinds: {
    loopback: 'loopback: the interface a host uses to talk to itself; packets never leave the namespace',
    veth: 'veth: one end of a virtual Ethernet cable; whatever enters one end comes out of its peer, often in another namespace',
    bridge: 'bridge: a virtual switch; interfaces plugged into it (its ports) exchange frames by MAC address',
    vxlan: 'vxlan: a tunnel that wraps Ethernet frames in UDP (port 4789) to join layer-2 networks across hosts',
    macvlan: 'macvlan: a second interface with its own MAC, stacked on a parent interface and sharing its wire',
    tun: 'tun: a virtual point-to-point device read and written by a program as IP packets (VPNs)',
    tap: 'tap: a virtual Ethernet device read and written by a program as frames (VMs)',
    dummy: 'dummy: a virtual interface that drops everything sent to it, used to hold addresses',
    vlan: 'vlan: an 802.1Q tagged sub-interface of a parent link',
    ipvlan: 'ipvlan: like macvlan but sharing the parent MAC',
    bond: 'bond: several links used as one',
  },
  ipFlags: {
    UP: 'UP: switched on by an administrator (ip link set … up)',
    LOWER_UP: 'LOWER_UP: the carrier is present, packets can flow',
    'NO-CARRIER': 'NO-CARRIER: switched on but nothing at the other end',
    BROADCAST: 'BROADCAST: can send to all hosts of its network at once',
    MULTICAST: 'MULTICAST: can join multicast groups',
    LOOPBACK: 'LOOPBACK: the loopback device',
    POINTOPOINT: 'POINTOPOINT: a link with exactly one other end, no neighbours to discover',
    NOARP: 'NOARP: does not use ARP to find neighbours',
    PROMISC: 'PROMISC: accepts frames for any MAC (bridge ports and tcpdump do this)',
    DORMANT: 'DORMANT: waiting for an external event before passing traffic',
    'M-DOWN': 'M-DOWN: the link this one is tied to (after @) is not up as seen from this namespace',
    SLAVE: 'SLAVE: a member of a bond',
    MASTER: 'MASTER: a bond master',
  },
  operstates: {
    UP: 'state UP: ready to pass packets',
    DOWN: 'state DOWN: cannot pass packets (switched off, or no carrier)',
    UNKNOWN: 'state UNKNOWN: the driver reports no state; normal for lo and for some virtual links, and they still work',
    LOWERLAYERDOWN: 'state LOWERLAYERDOWN: the link it depends on (its peer or parent) is down',
    DORMANT: 'state DORMANT: waiting for an external event',
    NOTPRESENT: 'state NOTPRESENT: the hardware is missing',
  },
  nsContainer: (name) => `container ${name}`,
  nsHost: 'the host namespace',
  nsOutside: 'the "outside" namespace (router and public host)',
  nsNamed: (name) => `namespace ${name}`,
  runOnHost: 'on the host (leave the container or namespace first)',
  nsDockerHost: (name) => `the Docker host ${name}`,
  runOnDockerHost: (name) => `on ${name} (.enter ${name})`,

  ifindex: (ifindex, name) => `${ifindex}: the interface index, the kernel's number for ${name} in this namespace.`,
  kind: (sure, d) => (sure ? '' : 'Probably ') + d + '.',
  kindUnknown: (kind) => `kind ${kind}`,
  noCarrierBridgePorts: (name, ports) => `${name} is switched on (UP) but has NO-CARRIER: none of its ports (${ports}) has a carrier, so it reports state DOWN.`,
  noCarrierBridge: (name) => `${name} is switched on (UP) but has NO-CARRIER: no port is attached to this bridge yet (or all its ports are down), so it reports state DOWN.`,
  noCarrier: (name, veth) => `${name} is switched on (UP) but has NO-CARRIER: nothing is connected at the other end${veth ? ' (its veth peer is down)' : ''}.`,
  switchedOff: (name) => `${name} is switched off (no UP flag): bring it up with \`ip link set ${name} up\`.`,
  master: (name, master) => `master ${master}: ${name} is plugged into the bridge ${master} as a port; it carries frames for the bridge and needs no IP address of its own.`,
  sentence: (text) => text + '.',
  mDownSameNs: (at, name) => `M-DOWN: ${at}, the link ${name} is tied to, is down.`,
  mDownOtherNs: (meaning) => `${meaning}: for a veth whose peer sits in another namespace this is expected and does not mean the peer is down.`,
  unknownFlag: (flag) => `${flag}: an interface flag.`,
  mtu: (mtu) => `mtu ${mtu}: the largest packet it sends without fragmenting${mtu === 1450 ? ' (1500 minus the 50 bytes of VXLAN headers)' : ''}.`,
  qdiscNoop: 'qdisc noop: no queue, because the interface has never been up.',
  qdisc: (q) => `qdisc ${q}: the queueing discipline for outgoing packets${q === 'noqueue' ? ' (none: virtual links send at once)' : ''}.`,
  stateOther: (state) => `state ${state}.`,
  group: (g) => `group ${g}: an administrative group (unused here).`,
  mode: (m) => `mode ${m}: the link mode (DEFAULT for almost everything).`,
  qlen: (q) => `qlen ${q}: length of the transmit queue, in packets.`,
  mac: (mac, d) => `${mac}: the MAC address${d ? `, ${d}` : ''}.`,
  linkLoopback: 'link/loopback: the loopback device has no real MAC address.',
  linkNone: 'link/none: no link-layer address, packets are plain IP (tun devices work like this).',
  linkMac: (type, mac, d) => `link/${type} ${mac}: the MAC address${d ? `, ${d}` : ''}; brd ff:ff:ff:ff:ff:ff is the Ethernet broadcast address.`,
  linkNetnsidElsewhere: (id) => `link-netnsid ${id}: its peer or parent lives in another network namespace.`,
  promiscuity: (count, name) => `promiscuity ${count}: ${name} accepts frames whatever their destination MAC (a count of who asked: tcpdump, a bridge it is a port of, or macvlans stacked on it, whose own MACs it must let in when it cannot filter several).`,
  altname: (alt, name, predictable) => `altname ${alt}: another name for ${name}; commands accept either (\`ip link show ${alt}\`).${predictable}`,
  ifNameMedia: { en: 'Ethernet', wl: 'wireless LAN', ww: 'mobile broadband', ib: 'InfiniBand', sl: 'serial line' },
  ifNameOnboard: (n) => `onboard device ${n}`,
  ifNameFromMac: 'named after its MAC address',
  ifNameHotplug: (n) => `hot-plug slot ${n}`,
  ifNamePci: (bus, slot, fn) => `PCI bus ${bus}, slot ${slot}${fn ? `, function ${fn}` : ''}`,
  ifNamePredictable: (name, prefix, medium, where) => ` ${name} is a predictable name in systemd's form: ${prefix} = ${medium}, ${where}.`,
  counters: {
    bytes: 'bytes', packets: 'packets', errors: 'bad frames', dropped: 'dropped by the kernel (no room, or nothing to deliver them to)',
    missed: 'missed by the device', mcast: 'multicast frames received', carrier: 'lost carrier', collsns: 'collisions',
    length: 'wrong length', crc: 'bad checksum', frame: 'misaligned', fifo: 'device buffer overrun', overrun: 'overrun',
    aborted: 'aborted', window: 'window', heartbt: 'heartbeat', transns: 'carrier transitions (times the link went up or down)',
  },
  statsHeader: (direction, errors, name, received, named) => `${direction}${errors ? ' errors' : ''}: counters of what ${name} ${received ? 'received' : 'sent'} since it was created${errors ? ', errors by kind' : ''}: ${named.join(', ')}.`,
  statsCounterNamed: (counter, meaning) => (counter === 'bytes' || counter === 'packets' ? counter : `${counter} = ${meaning}`),
  statsNoErrors: 'None of these has happened.',
  statsErrorKinds: (items) => items.map(([n, v, m]) => `${n} ${v}: ${m}`).join('; ') + '.',
  statsTotals: (name, received, packets, bytes, problems, vethDirection) => `${name} has ${received ? 'received' : 'sent'} ${packets} packet(s), ${bytes} bytes${problems.length ? `; ${problems.map(([v, n]) => `${v} ${n}`).join(', ')}` : ', with no errors or drops'}.${vethDirection ? ` On a veth, what one end sends the other receives: ${name}'s ${vethDirection} is its peer's ${vethDirection === 'RX' ? 'TX' : 'RX'}.` : ''}`,
  macvlanModes: {
    bridge: 'macvlans on the same parent reach each other directly, inside the host, and the LAN through the parent\'s wire; never the parent\'s own addresses (the frames bypass its stack): a host reaches its macvlan containers only through a macvlan of its own',
    private: 'macvlans on the same parent cannot reach each other at all, even through an outside switch; each talks only to the LAN',
    vepa: 'frames between macvlans on the same parent go out to the switch, which must send them back (hairpin, 802.1Qbg)',
    passthru: 'the one macvlan allowed on the parent takes over the parent itself, MAC and all',
    source: 'the macvlan accepts only frames from a list of source MACs',
  },
  macvlanParentKnown: (name, ifindex, where) => `${name} (interface ${ifindex} in ${where}: it was made there and moved into this namespace)`,
  macvlanParentUnknown: (ifindex) => `interface ${ifindex} in another namespace (it was made there and moved in)`,
  vxlan: (id, dstport, local, dev, remote, group) => `vxlan id ${id}: the VXLAN network id (VNI); frames are wrapped in UDP to port ${dstport}${local ? ` from ${local}` : ''}${dev ? ` over ${dev}` : ''}${remote ? ` to ${remote}` : group ? ` to the multicast group ${group}` : ''}.`,
  macvlan: (mode, parent, name, meaning) => `macvlan mode ${mode}${parent ? `, on the parent ${parent}` : ''}: ${name} has a MAC of its own on the parent's wire${meaning ? `; mode ${mode}: ${meaning}` : ''}.`,
  bcqueuelen: (n) => `bcqueuelen ${n}: broadcast and multicast frames for the macvlans wait in a queue this long.`,
  tun: (type, persist) => `tun type ${type}: a ${type === 'tap' ? 'tap (Ethernet frames)' : 'tun (IP packets)'} device${persist ? '; persist on: it stays when the program using it closes' : ''}.`,
  bridgeDetails: (stp, priority, ageing) => `bridge details: stp_state ${stp} (${stp === '0' ? 'STP off' : 'STP on'}), priority ${priority}, ageing_time ${ageing} (centiseconds a learned MAC is kept).`,
  bridgeSlave: (state, learning, flood) => `As a bridge port: state ${state}, learning ${learning}, flood ${flood}.`,
  vethConfirmed: 'veth: confirmed by `ip -d`: this is one end of a veth pair.',
  detailKind: (kind) => `${kind}: the kind of this link, as \`ip -d\` reports it.`,
  atNone: (name) => `${name}@NONE: its peer or parent is gone or not visible.`,
  atSelf: (at, ifindex) => `@${at}: names itself. busybox's ip shows the peer's interface number as the name that number has here; the peer is in another namespace, where its number is ${ifindex ?? 'this one'} (iproute2's \`ip\` would print @if${ifindex ?? 'N'}).`,
  atName: (at, veth) => `@${at}: its ${veth ? 'peer (the other end of the cable)' : 'parent link'} is ${at}, in this same namespace — or, if this is busybox's ip, the interface in another namespace whose number is ${at}'s number here (busybox never prints @ifN; iproute2's \`ip\` tells them apart).`,
  whereNamedNs: (name) => `namespace ${name}`,
  whereNetnsid: 'another network namespace',
  whereElsewhere: 'another namespace',
  parentKnown: (at, name, ifindex, parent, where, macvlan, up) => `@${at}: ${name}'s parent link is interface ${ifindex}, called ${parent}, in ${where}${macvlan ? `: ${name} is a macvlan stacked on it, made there and moved into this namespace; its frames leave by ${parent}'s wire` : ''}${up ? '' : ' (it is DOWN there)'}.`,
  peerKnown: (at, name, ifindex, peer, where, up) => `@${at}: ${name} is one end of a veth pair; the other end is interface ${ifindex}, called ${peer}, in ${where}${up ? '' : ' (it is DOWN there)'}.`,
  peerUnknown: (at, name, veth, ifindex, where) => `@${at}: ${name}'s ${veth ? 'peer (the other end of the cable)' : 'parent link'} is interface ${ifindex} in ${where}; look for "${ifindex}:" in \`ip a\` run there.`,
  linkNetnsid: (id, veth, where) => `link-netnsid ${id}: the number this namespace uses for the namespace holding the ${veth ? 'peer' : 'parent'}${where ? ` (here: ${where})` : ''}; \`ip netns\` shows it as "(id: ${id})" when that namespace has a name.`,
  linkNetns: (ns, veth, known) => `link-netns ${ns}: the ${veth ? 'peer' : 'parent'} is in namespace ${ns}${known ? '' : ` (run \`ip netns exec ${ns} ip a\` to see it)`}.`,
  peerDown: (peer, where, how) => `The peer ${peer} is DOWN in ${where}: nothing passes until it is up${how ? ` (${how.replace(' …', '')} ip link set ${peer} up)` : ''}.`,
  inet: (local, p, mask, name, gw) => `${local}/${p}: the IPv4 address of ${name}; /${p} means netmask ${mask}${gw ? `. Containers on docker0 use ${local} as their gateway` : ''}.`,
  inetNoNet: (local, name) => `${local}: an IPv4 address of ${name}.`,
  inetLoopback: (local, p) => `${local}/${p}: the loopback address; the whole 127.0.0.0/8 stays inside this namespace.`,
  peerAddress: (peer) => `peer ${peer}: a point-to-point address; the only host on the other end.`,
  brd: (brd, network, p, usual) => `brd ${brd}: the broadcast address, reaching every host of ${network}/${p}${usual ? '' : ' (unusual: not the last address of the network)'}.`,
  noBrd: 'No brd: the address was added without a broadcast address (`ip addr add … brd +` sets one); ping to a broadcast address will not work.',
  inet6: (local, p, d, mac) => `${local}/${p}: ${d}${mac ? `, made from the MAC ${mac}` : ''}.`,
  scopes: {
    global: 'scope global: usable for traffic to anywhere',
    link: 'scope link: valid only on this link, not routed beyond it',
    host: 'scope host: valid only inside this host',
    site: 'scope site: valid inside this site (deprecated)',
  },
  scopeOther: (scope) => `scope ${scope}.`,
  addressFlags: {
    noprefixroute: 'noprefixroute: the kernel added no route for this prefix (NetworkManager adds its own)',
    nodad: 'nodad: IPv6 duplicate address detection was skipped',
    dynamic: 'dynamic: leased by DHCP or autoconfiguration, it expires',
    secondary: 'secondary: a further address in a prefix this interface already has',
    tentative: 'tentative: IPv6 is still checking that no one else uses it',
    dadfailed: 'dadfailed: another host already uses this IPv6 address',
    mngtmpaddr: 'mngtmpaddr: template for temporary IPv6 addresses',
    temporary: 'temporary: an IPv6 privacy address',
  },
  lifetime: 'valid_lft/preferred_lft: how long the address stays valid and preferred; forever means it was set by hand or by a container runtime, not leased.',
  briefKind: (name, sure, d) => `${name}: ${sure ? '' : 'probably '}${d}.`,
  briefNoCarrier: (name, bridge) => `${name} is UP but has NO-CARRIER: nothing is attached at the other end${bridge ? ' (a bridge with no port)' : ''}.`,
  briefInet: (local, p, mask) => `${local}/${p}: netmask ${mask}.`,
  briefInet6: (local, d) => `${local}: ${d}.`,
  briefMac: (mac) => `${mac}: the MAC address.`,

  routeTypes: (type, dst) => ({
    local: `local ${dst}: an address of this host; packets to it are delivered here`,
    broadcast: `broadcast ${dst}: a broadcast address of a connected network`,
    unreachable: `unreachable ${dst}: packets to it are refused with "Network is unreachable"`,
    blackhole: `blackhole ${dst}: packets to it are silently dropped`,
    prohibit: `prohibit ${dst}: packets to it are refused as administratively prohibited`,
  } as Table)[type],
  routeTypeOther: (type) => `${type} route`,
  routeDefault: (via, dev) => `The default route: a packet that matches no more specific line goes to the gateway ${via ?? '(none)'}${dev ? ` out of ${dev}` : ''}.`,
  routeVia: (dst, via, dev) => `Packets to ${dst} go to the gateway (router) ${via}${dev ? ` out of ${dev}` : ''}.`,
  routeConnected: (what, dev, v6) => `Directly connected: hosts in ${what} are reached ${dev ? `on ${dev} ` : ''}without a gateway (the kernel asks for their MAC with ${v6 ? 'neighbour discovery' : 'ARP'}).`,
  routeFe80: (d) => `fe80::/64: ${d.replace(/^an /, 'the ')}; every IPv6 interface has this route.`,
  protos: {
    kernel: 'proto kernel: added by the kernel itself when an address was put on the interface',
    boot: 'proto boot: added by hand or by a script (ip route add)',
    static: 'proto static: added by an administrator as a permanent route',
    dhcp: 'proto dhcp: learned from a DHCP server',
    ra: 'proto ra: learned from an IPv6 router advertisement',
  },
  protoOther: (proto) => `proto ${proto}: who added the route`,
  scopeLink: 'scope link: the destination is on the link itself, no router in between.',
  scopeHost: 'scope host: the destination is this host.',
  routeScopeOther: (scope) => `scope ${scope}.`,
  routeSrc: (src) => `src ${src}: the source address this host uses when it sends by this route.`,
  routeMetric: (metric) => `metric ${metric}: the cost; when two routes match equally, the lower metric wins.`,
  linkdown: (dev) => `linkdown: ${dev ?? 'the interface'} has no carrier, so this route is not usable now.`,
  onlink: 'onlink: the gateway is taken as directly reachable even though no address here covers it.',
  table: (table) => `table ${table}: this route is in the ${table} table, not the main one.`,
  pref: 'pref: IPv6 router preference (medium is the normal value).',
  noDefaultRoute: (live) => `There is no default route${live ? ' in this namespace' : ''}: only the networks listed are reachable; anything else fails with "Network is unreachable".`,

  routeFlags: {
    U: 'U = up (the route is in use)',
    G: 'G = via a gateway (router)',
    H: 'H = to a single host, not a network',
    '!': '! = reject: packets to it are refused',
    D: 'D = added by an ICMP redirect',
    M: 'M = modified by an ICMP redirect',
    R: 'R = reinstated',
    C: 'C = a cache entry',
    A: 'A = added by addrconf',
  },
  rnLinkLocal: 'link-local is 169.254.0.0, so named in /etc/networks: the IPv4 link-local range (169.254.0.0/16), which hosts use when they have no address from DHCP; NetworkManager adds this route on many systems.',
  rnLoopback: 'loopback is 127.0.0.0, so named in /etc/networks.',
  rnNamed: (name, host) => `${name}: a name that route found for this ${host ? 'host' : 'network'} (in ${host ? '/etc/hosts or DNS' : '/etc/networks'}); \`route -n\` shows the number.`,
  rnGatewaySystemd: (here) => `_gateway: the name systemd (nss-myhostname) gives the current default gateway${here ? ` (here ${here})` : ''}; \`route -n\` shows its address.`,
  rnGatewayNamed: (gateway, here) => `${gateway}: the gateway's host name, looked up in /etc/hosts or DNS${here ? ` (here ${here})` : ''}; \`route -n\` shows its address.`,
  rnTitle: "The kernel's IPv4 routing table (main table): for each packet the most specific matching line decides where it goes.",
  rnHeader: 'Genmask is the netmask of Destination; Flags U/G/H/!; Metric: lower wins; Ref and Use are not used by Linux.',
  rnNames: 'Without -n, route shows names where it finds them (default, names from /etc/networks, gateways by host name) and may wait on DNS to do so; `route -n` shows only numbers.',
  rnDefault: (named, gateway, iface) => `The default route (${named ? 'default, that is 0.0.0.0' : '0.0.0.0'} with Genmask 0.0.0.0 = /0, matches everything): packets with no better match go to ${gateway} out of ${iface}.`,
  rnConnected: (dest, prefix, genmask, shown, iface) => `${dest}/${prefix} (Genmask ${genmask}${shown !== undefined ? ` = /${shown}` : ''}) is directly connected: packets to it leave by ${iface} with no gateway.`,
  rnVia: (dest, prefix, gateway, iface) => `Packets to ${dest}/${prefix} go to the gateway ${gateway} out of ${iface}.`,
  rnFlags: (flags, meanings) => `Flags ${flags}: ${meanings.join('; ')}.`,
  rnNoGateway: (gateway) => `Gateway ${gateway} means "none": the destination is on the same link.`,
  rnMetric: (metric) => `Metric ${metric}: used to choose between equal routes (lower wins).`,
  rnNoDefault: 'No default route: only the networks above are reachable; other destinations fail with "Network is unreachable".',
  rnEmpty: 'The table is empty: no interface here has an address, so nothing is reachable (not even a neighbour).',

  ifcFlagsValue: (value) => `flags=${value}: the same flags as a number (bit mask); the names follow in <…>.`,
  ifcNotRunning: (name) => `${name} is UP but not RUNNING: no carrier, nothing connected at the other end (for a bridge: no port).`,
  ifcNotUp: (name) => `${name} is not UP: switched off (ifconfig lists it only with -a).`,
  ifcUpRunning: 'UP and RUNNING: switched on and with a carrier, ready to pass packets.',
  ifcVeth: (name, peer, where) => `${name} is a veth; its peer is ${peer} in ${where}.`,
  ifcPort: (name, master) => `${name} is a port of the bridge ${master}.`,
  ifcInet: (address, netmask, prefix, name) => `${address} with netmask ${netmask}${prefix !== undefined ? ` = /${prefix}` : ''}: the IPv4 address of ${name}.`,
  ifcBroadcastZero: 'broadcast 0.0.0.0: no broadcast address was set (added with `ip addr add` without `brd +`).',
  ifcBroadcast: (b) => `broadcast ${b}: reaches every host of the network.`,
  ifcInet6: (address, prefix, d, scope) => `${address}/${prefix}: ${d}${scope ? ` (scope ${scope})` : ''}.`,
  ifcMac: (mac, d) => `${mac}: the MAC address${d ? `, ${d}` : ''}; txqueuelen is the transmit queue length.`,
  ifcLoopback: 'The loopback device: no MAC address.',
  ifcCounters: 'Counters since the interface was created: packets and bytes received (RX) and sent (TX), and errors or drops.',

  neighStates: {
    REACHABLE: 'REACHABLE: confirmed recently, traffic flows',
    STALE: 'STALE: known but not confirmed lately; it is checked again on next use',
    DELAY: 'DELAY: about to be re-checked',
    PROBE: 'PROBE: being checked with ARP right now',
    INCOMPLETE: 'INCOMPLETE: ARP asked "who has this address?" and no one has answered yet',
    FAILED: 'FAILED: nobody answered ARP: no host with that address is on this link',
    PERMANENT: 'PERMANENT: added by hand, never expires',
    NOARP: 'NOARP: the link needs no address resolution',
  },
  neighThatIs: (name, where) => ` (that is ${name} in ${where})`,
  neighMac: (ip, dev, mac, who, v6) => `${ip} on ${dev} has MAC ${mac}${who}: learned with ${v6 ? 'neighbour discovery' : 'ARP'}.`,
  neighArpFlags: (flags) => `Flags ${flags}: C = complete (a valid entry), M = permanent, P = published.`,
  neighNoMac: (ip, dev) => `${ip}: no MAC known yet: no answer to ARP, no host with that address is on ${dev ?? 'this link'}.`,
  neighRouter: 'router: this neighbour says it is an IPv6 router.',

  netnsStale: (name) => `${name}: listed, but no namespace is there any more: /run/netns/${name} points to one that ended (a container removed, a process gone). Remove the stale entry with \`rm /run/netns/${name}\` (or \`ip netns del ${name}\`).`,
  netnsOfContainer: (container) => ` It is the network namespace of container ${container} (linked there by hand).`,
  netnsNamed: (name, container) => `${name}: a network namespace with a name (the file /run/netns/${name}); run commands in it with \`ip netns exec ${name} …\`.${container}`,
  netnsId: (id, name) => `(id: ${id}): the number the current namespace uses for ${name}; \`ip a\` shows it as link-netnsid ${id} on interfaces whose peer lives there.`,
  netnsNoId: (name) => `No "(id: …)": the current namespace has no link into ${name} yet (no veth pair between them).`,

  brHeader: 'One bridge per line; a bridge with several ports lists the extra ones alone on the lines below it.',
  brId: (id, hex, priority, mac) => `bridge id ${id} = priority ${hex} hex (${priority}) + the bridge's MAC ${mac}; STP uses it to elect a root bridge (lowest wins).`,
  brStpOff: 'STP enabled no: the spanning tree protocol is off, normal for a bridge with no loops (Docker turns it off).',
  brStp: (stp) => `STP enabled ${stp}: the spanning tree protocol ${stp === 'yes' ? 'is on: ports wait through listening/learning before forwarding' : 'setting'}.`,
  brNoPorts: (name) => `${name} has no interfaces plugged in yet${name === 'docker0' ? ': no container is running on it' : ''}; \`ip a\` shows it as NO-CARRIER.`,
  brPortPeer: (peer, where) => ` Its veth peer is ${peer} in ${where}.`,
  brPortVeth: ' A veth: its other end is usually a container\'s eth0.',
  brPort: (port, bridge, behind) => `${port} is a port of ${bridge}.${behind}`,
  portStates: {
    forwarding: 'state forwarding: the port passes frames and learns MAC addresses',
    disabled: 'state disabled: the port passes nothing, usually because the interface (or its veth peer) is down',
    blocking: 'state blocking: STP blocks this port to break a loop',
    listening: 'state listening: STP is starting the port; it does not forward yet',
    learning: 'state learning: STP is learning MACs on this port before forwarding',
  },
  portStateOther: (state) => `state ${state}`,
  blPort: (name, master, peer, where, other) => `${name} is a port of the bridge ${master ?? '(none shown)'}${peer ? `; its veth peer is ${peer} in ${where}` : other ? `; its peer is interface ${other} in another namespace` : ''}.`,
  blStp: (priority, cost) => `priority ${priority} and cost ${cost}: the port's STP settings (cost 2 is a 10 Gbit/s link, the default for veth).`,
  fdbMulticast: (kind, dev, self) => `${kind}: ${dev} accepts frames sent to this multicast group${self ? ' (an entry of the device itself, not of a bridge)' : ''}.`,
  fdbOwn: (mac, owner, dev, master) => `${mac} is ${owner ? `the MAC of ${owner}` : `the own MAC of ${dev}`}: ${master} keeps it permanently so that frames to it are delivered to this host.`,
  fdbLearned: (master, mac, who, whoWhere, dev) => `Learned: ${master} saw frames from ${mac}${who ? ` (${who} in ${whoWhere})` : ''} arrive on ${dev}, so frames to that MAC go out of ${dev} only. Learned entries expire after 5 minutes without traffic.`,
  fdbTunnel: (mac, remote, dev, dst, permanent) => `${mac}${remote ? ` (${remote.name}${remote.host ? `, on ${remote.host}` : ''})` : ''} on ${dev ?? 'the device asked about'}: frames to it are tunnelled to the remote host ${dst}${mac === '00:00:00:00:00:00' ? ' (all-zero MAC: the default destination for unknown and broadcast frames)' : ''}${permanent ? '; permanent: written by software (an overlay\'s control plane), not learnt from traffic' : ''}.`,
  fdbSelf: (mac, dev) => `${mac}: an address ${dev} itself accepts (self: the device's own table, not a bridge's).`,
  fdbVlan: (vlan) => `vlan ${vlan}: the entry applies to VLAN ${vlan} on the bridge.`,
};

/** "in" a place, as Chinese puts it after the name: a space after a Latin name (net1 里),
 * none after Chinese (宿主机里). */
const inside = (where: string | undefined) => (/[A-Za-z0-9]$/.test(where ?? '') ? `${where} 里` : `${where}里`);

const zh: ExplainIpText = {
  // The netmask comes first so that maskPart can take it, and the size with it.
  netSingle: (addr) => `${addr}/32（子网掩码 255.255.255.255，单个地址）`,
  netRange: (network, prefix, mask, size, broadcast) => `${network}/${prefix}（子网掩码 ${mask}，共 ${size} 个地址：${network}–${broadcast}）`,
  maskPart: (d) => d.replace(/^[^（]*（子网掩码 /, '').replace(/）$/, ''),
  ipv6Kinds: {
    loopback: 'IPv6 环回地址（相当于 127.0.0.1）',
    unspecified: 'IPv6 未指定地址',
    linkLocal: 'IPv6 链路本地地址（fe80::/10）：网卡启用时自动生成，只在这一条链路上有效，不会被路由',
    uniqueLocal: 'IPv6 唯一本地地址（fc00::/7）：私有地址，相当于 IPv4 的 10.x 或 192.168.x',
    multicast: 'IPv6 组播地址',
    documentation: 'IPv6 文档示例地址（2001:db8::/32，专供举例）',
    global: 'IPv6 全局地址（可在互联网上路由）',
    other: 'IPv6 地址',
  },
  macBroadcast: '以太网广播地址：发往它的帧会到达链路上的每台设备',
  macIpv6Multicast: 'IPv6 组播 MAC（33:33:…）',
  macIpv4Multicast: 'IPv4 组播 MAC（01:00:5e:…）',
  macDockerContainer: (ip) => `Docker 的前缀 02:42；容器的 MAC 后四个字节就是它的 IPv4 地址（${ip}）`,
  macDocker: 'Docker 的 MAC 前缀 02:42（本地管理地址）',
  macLocal: '本地管理的 MAC：由软件生成（veth、网桥、tap 的 MAC 是随机的），不是烧在网卡里的',
  linkKinds: {
    loopback: 'loopback：主机和自己通信用的接口；数据包永远不会离开这个网络命名空间',
    veth: 'veth：一根虚拟网线的一端；从一端进去的数据从对端出来，对端常在另一个网络命名空间里',
    bridge: 'bridge（网桥）：虚拟交换机；接在它上面的接口（它的端口）之间按 MAC 地址交换帧',
    vxlan: 'vxlan：把以太网帧封装进 UDP（端口 4789）的隧道，把不同主机上的二层网络连起来',
    macvlan: 'macvlan：叠在父接口上的第二个接口，有自己的 MAC，和父接口共用一根线',
    tun: 'tun：虚拟点对点设备，由程序以 IP 包的形式读写（VPN）',
    tap: 'tap：虚拟以太网设备，由程序以帧的形式读写（虚拟机）',
    dummy: 'dummy：虚拟接口，发给它的一切都被丢弃，用来挂地址',
    vlan: 'vlan：父链路上打 802.1Q 标签的子接口',
    ipvlan: 'ipvlan：类似 macvlan，但与父接口共用 MAC',
    bond: 'bond：把几条链路当作一条使用',
  },
  ipFlags: {
    UP: 'UP：已被管理员启用（ip link set … up）',
    LOWER_UP: 'LOWER_UP：有载波，数据包可以通过',
    'NO-CARRIER': 'NO-CARRIER：已启用，但对端什么都没接',
    BROADCAST: 'BROADCAST：能一次发给所在网络的所有主机',
    MULTICAST: 'MULTICAST：能加入组播组',
    LOOPBACK: 'LOOPBACK：环回设备',
    POINTOPOINT: 'POINTOPOINT：只有唯一一个对端的链路，不需要发现邻居',
    NOARP: 'NOARP：不用 ARP 查找邻居',
    PROMISC: 'PROMISC：接收发往任何 MAC 的帧（网桥端口和 tcpdump 会这样做）',
    DORMANT: 'DORMANT：在等待外部事件，之后才传输流量',
    'M-DOWN': 'M-DOWN：从这个网络命名空间看，它所依附的链路（@ 后面那个）没有启用',
    SLAVE: 'SLAVE：bond 的成员',
    MASTER: 'MASTER：bond 的主接口',
  },
  operstates: {
    UP: 'state UP：可以传输数据包',
    DOWN: 'state DOWN：不能传输数据包（没启用，或没有载波）',
    UNKNOWN: 'state UNKNOWN：驱动不报告状态；lo 和一些虚拟链路都是这样，它们照样能用',
    LOWERLAYERDOWN: 'state LOWERLAYERDOWN：它依赖的链路（对端或父接口）down 了',
    DORMANT: 'state DORMANT：在等待外部事件',
    NOTPRESENT: 'state NOTPRESENT：硬件不存在',
  },
  nsContainer: (name) => `容器 ${name}`,
  nsHost: '宿主机',
  nsOutside: '“outside”网络命名空间（路由器和公网主机）',
  nsNamed: (name) => `网络命名空间 ${name}`,
  runOnHost: '在宿主机上（先离开容器或网络命名空间）',
  nsDockerHost: (name) => `Docker 宿主机 ${name}`,
  runOnDockerHost: (name) => `在 ${name} 上（.enter ${name}）`,

  ifindex: (ifindex, name) => `${ifindex}：接口索引（ifindex），内核在这个网络命名空间里给 ${name} 的编号。`,
  kind: (sure, d) => (sure ? '' : '可能是 ') + d + '。',
  kindUnknown: (kind) => `类型 ${kind}`,
  noCarrierBridgePorts: (name, ports) => `${name} 已启用（UP），但是 NO-CARRIER：它的端口（${ports}）都没有载波，所以它报告 state DOWN。`,
  noCarrierBridge: (name) => `${name} 已启用（UP），但是 NO-CARRIER：这个网桥上还没接任何端口（或端口全都 down 了），所以它报告 state DOWN。`,
  noCarrier: (name, veth) => `${name} 已启用（UP），但是 NO-CARRIER：对端什么都没接${veth ? '（它的 veth 对端 down 了）' : ''}。`,
  switchedOff: (name) => `${name} 没有启用（没有 UP 标志）：用 \`ip link set ${name} up\` 启用它。`,
  master: (name, master) => `master ${master}：${name} 作为端口接在网桥 ${master} 上；它替网桥收发帧，自己不需要 IP 地址。`,
  sentence: (text) => text + '。',
  mDownSameNs: (at, name) => `M-DOWN：${name} 所依附的链路 ${at} down 了。`,
  mDownOtherNs: (meaning) => `${meaning}；对端在另一个网络命名空间里的 veth 出现这个标志是正常的，并不表示对端 down 了。`,
  unknownFlag: (flag) => `${flag}：一个接口标志。`,
  mtu: (mtu) => `mtu ${mtu}：不分片时能发送的最大数据包${mtu === 1450 ? '（1500 减去 VXLAN 头部的 50 字节）' : ''}。`,
  qdiscNoop: 'qdisc noop：没有队列，因为这个接口从来没有启用过。',
  qdisc: (q) => `qdisc ${q}：出方向数据包的排队规则${q === 'noqueue' ? '（不排队：虚拟链路立即发送）' : ''}。`,
  stateOther: (state) => `state ${state}：接口的运行状态。`,
  group: (g) => `group ${g}：管理分组（这里没用到）。`,
  mode: (m) => `mode ${m}：链路模式（几乎都是 DEFAULT）。`,
  qlen: (q) => `qlen ${q}：发送队列的长度，单位是包。`,
  mac: (mac, d) => `${mac}：MAC 地址${d ? `，${d}` : ''}。`,
  linkLoopback: 'link/loopback：环回设备没有真正的 MAC 地址。',
  linkNone: 'link/none：没有链路层地址，数据包就是裸 IP（tun 设备就是这样）。',
  linkMac: (type, mac, d) => `link/${type} ${mac}：MAC 地址${d ? `，${d}` : ''}；brd ff:ff:ff:ff:ff:ff 是以太网广播地址。`,
  linkNetnsidElsewhere: (id) => `link-netnsid ${id}：它的对端或父接口在另一个网络命名空间里。`,
  promiscuity: (count, name) => `promiscuity ${count}：${name} 不管目的 MAC 是什么都接收（这是提出要求的次数：tcpdump、它作为端口所在的网桥，或叠在它上面的 macvlan——当它无法同时过滤多个 MAC 时，必须放行这些 macvlan 自己的 MAC）。`,
  altname: (alt, name, predictable) => `altname ${alt}：${name} 的另一个名字；命令里用哪个都行（\`ip link show ${alt}\`）。${predictable}`,
  ifNameMedia: { en: '以太网', wl: '无线局域网', ww: '移动宽带', ib: 'InfiniBand 网络', sl: '串行线路' },
  ifNameOnboard: (n) => `板载设备 ${n}`,
  ifNameFromMac: '按 MAC 地址命名',
  ifNameHotplug: (n) => `热插拔插槽 ${n}`,
  ifNamePci: (bus, slot, fn) => `PCI 总线 ${bus}，插槽 ${slot}${fn ? `，功能 ${fn}` : ''}`,
  ifNamePredictable: (name, prefix, medium, where) => `${name} 是 systemd 格式的可预测网卡名：${prefix} = ${medium}，${where}。`,
  counters: {
    bytes: '字节数', packets: '包数', errors: '错误帧', dropped: '被内核丢弃：没有空间，或没有可交付的对象',
    missed: '被设备漏收', mcast: '收到的组播帧', carrier: '载波丢失', collsns: '冲突',
    length: '长度错误', crc: '校验和错误', frame: '帧未对齐', fifo: '设备缓冲区溢出', overrun: '溢出',
    aborted: '中止', window: '窗口', heartbt: '心跳', transns: '载波变化，即链路 up/down 的次数',
  },
  statsHeader: (direction, errors, name, received, named) => `${direction}${errors ? ' errors' : ''}：${name} 创建以来${received ? '收到' : '发出'}的计数${errors ? '，按类别统计的错误' : ''}：${named.join('，')}。`,
  statsCounterNamed: (counter, meaning) => `${counter}（${meaning}）`,
  statsNoErrors: '这些情况都没有发生过。',
  statsErrorKinds: (items) => items.map(([n, v, m]) => `${n} ${v}：${m}`).join('；') + '。',
  statsTotals: (name, received, packets, bytes, problems, vethDirection) => `${name} 已${received ? '收到' : '发出'} ${packets} 个包，${bytes} 字节${problems.length ? `；${problems.map(([v, n]) => `${n} ${v}`).join('，')}` : '，没有错误，也没有丢包'}。${vethDirection ? `veth 一端发出的就是另一端收到的：${name} 的 ${vethDirection} 就是对端的 ${vethDirection === 'RX' ? 'TX' : 'RX'}。` : ''}`,
  macvlanModes: {
    bridge: '同一父接口上的 macvlan 在主机内部直接互通，通过父接口的线连到局域网；但永远到不了父接口自己的地址（帧绕过了它的协议栈）：主机只有通过自己的一个 macvlan 才能访问它的 macvlan 容器',
    private: '同一父接口上的 macvlan 彼此完全不通，即使经过外部交换机也不行；每个只能和局域网通信',
    vepa: '同一父接口上 macvlan 之间的帧要先发到交换机，再由交换机发回来（hairpin，802.1Qbg）',
    passthru: '父接口上只允许有一个 macvlan，它接管父接口本身，连 MAC 一起',
    source: '这个 macvlan 只接收来自一组指定源 MAC 的帧',
  },
  macvlanParentKnown: (name, ifindex, where) => `${name}（${inside(where)}的接口 ${ifindex}：它在那里创建，然后被移进了这个网络命名空间）`,
  macvlanParentUnknown: (ifindex) => `另一个网络命名空间里的接口 ${ifindex}（它在那里创建，然后被移了进来）`,
  vxlan: (id, dstport, local, dev, remote, group) => `vxlan id ${id}：VXLAN 网络标识（VNI）；帧被封装进 UDP，发往端口 ${dstport}${local ? `，源地址 ${local}` : ''}${dev ? `，经由 ${dev}` : ''}${remote ? `，发给 ${remote}` : group ? `，发给组播组 ${group}` : ''}。`,
  macvlan: (mode, parent, name, meaning) => `macvlan mode ${mode}${parent ? `，父接口是 ${parent}` : ''}：${name} 在父接口的线上有自己的 MAC${meaning ? `；mode ${mode}：${meaning}` : ''}。`,
  bcqueuelen: (n) => `bcqueuelen ${n}：发给这些 macvlan 的广播和组播帧在这么长的队列里排队。`,
  tun: (type, persist) => `tun type ${type}：一个 ${type === 'tap' ? 'tap（以太网帧）' : 'tun（IP 包）'}设备${persist ? '；persist on：使用它的程序关闭后它仍然保留' : ''}。`,
  bridgeDetails: (stp, priority, ageing) => `网桥参数：stp_state ${stp}（${stp === '0' ? 'STP 关闭' : 'STP 开启'}），priority ${priority}，ageing_time ${ageing}（学到的 MAC 保留多少个百分之一秒）。`,
  bridgeSlave: (state, learning, flood) => `作为网桥端口：state ${state}，learning ${learning}，flood ${flood}。`,
  vethConfirmed: 'veth：`ip -d` 证实了：这是 veth 对的一端。',
  detailKind: (kind) => `${kind}：\`ip -d\` 报告的这条链路的类型。`,
  atNone: (name) => `${name}@NONE：它的对端或父接口已经不在了，或者看不到。`,
  atSelf: (at, ifindex) => `@${at}：指向自己。busybox 的 ip 把对端的接口编号显示成这个编号在本地对应的名字；对端在另一个网络命名空间里，编号是 ${ifindex ?? '这个'}（iproute2 的 \`ip\` 会显示 @if${ifindex ?? 'N'}）。`,
  atName: (at, veth) => `@${at}：它的${veth ? '对端（网线的另一头）' : '父接口'}是同一个网络命名空间里的 ${at}；如果这是 busybox 的 ip，则是另一个网络命名空间里编号与本地 ${at} 相同的接口（busybox 从不显示 @ifN；iproute2 的 \`ip\` 能区分两者）。`,
  whereNamedNs: (name) => `网络命名空间 ${name}`,
  whereNetnsid: '另一个网络命名空间',
  whereElsewhere: '另一个网络命名空间',
  parentKnown: (at, name, ifindex, parent, where, macvlan, up) => `@${at}：${name} 的父接口是${inside(where)} ifindex 为 ${ifindex} 的 ${parent}${macvlan ? `：${name} 是叠在它上面的 macvlan，在那里创建后移进了这个网络命名空间；它的帧从 ${parent} 的线上出去` : ''}${up ? '' : '（它在那里是 DOWN 的）'}。`,
  peerKnown: (at, name, ifindex, peer, where, up) => `@${at}：${name} 是 veth 对的一端；对端是${inside(where)} ifindex 为 ${ifindex} 的 ${peer}${up ? '' : '（它在那里是 DOWN 的）'}。`,
  peerUnknown: (at, name, veth, ifindex, where) => `@${at}：${name} 的${veth ? '对端（网线的另一头）' : '父接口'}是${inside(where)} ifindex 为 ${ifindex} 的接口；在那里运行 \`ip a\`，找 “${ifindex}:” 那一行。`,
  linkNetnsid: (id, veth, where) => `link-netnsid ${id}：本网络命名空间给${veth ? '对端' : '父接口'}所在网络命名空间的编号${where ? `（这里是${where}）` : ''}；如果那个网络命名空间有名字，\`ip netns\` 会显示 “(id: ${id})”。`,
  linkNetns: (ns, veth, known) => `link-netns ${ns}：${veth ? '对端' : '父接口'}在网络命名空间 ${ns} 里${known ? '' : `（运行 \`ip netns exec ${ns} ip a\` 查看）`}。`,
  peerDown: (peer, where, how) => `对端 ${peer} 在${inside(where)}是 DOWN 的：启用之前什么都过不去${how ? `（${how.replace(' …', '')} ip link set ${peer} up）` : ''}。`,
  inet: (local, p, mask, name, gw) => `${local}/${p}：${name} 的 IPv4 地址；/${p} 即子网掩码 ${mask}${gw ? `。docker0 上的容器把 ${local} 当作网关` : ''}。`,
  inetNoNet: (local, name) => `${local}：${name} 的一个 IPv4 地址。`,
  inetLoopback: (local, p) => `${local}/${p}：环回地址；整个 127.0.0.0/8 都只在这个网络命名空间内部。`,
  peerAddress: (peer) => `peer ${peer}：点对点地址；对端唯一的那台主机。`,
  brd: (brd, network, p, usual) => `brd ${brd}：广播地址，发往 ${network}/${p} 里的每台主机${usual ? '' : '（不寻常：不是这个网络的最后一个地址）'}。`,
  noBrd: '没有 brd：添加地址时没有设广播地址（`ip addr add … brd +` 会设置）；ping 广播地址不会成功。',
  inet6: (local, p, d, mac) => `${local}/${p}：${d}${mac ? `，由 MAC ${mac} 生成` : ''}。`,
  scopes: {
    global: 'scope global：可用于发往任何地方的流量',
    link: 'scope link：只在这条链路上有效，不会被路由出去',
    host: 'scope host：只在本机内部有效',
    site: 'scope site：在本站点内有效（已废弃）',
  },
  scopeOther: (scope) => `scope ${scope}：地址的作用范围。`,
  addressFlags: {
    noprefixroute: 'noprefixroute：内核没有为这个前缀添加路由（NetworkManager 自己加）',
    nodad: 'nodad：跳过了 IPv6 重复地址检测',
    dynamic: 'dynamic：由 DHCP 或自动配置分配，会过期',
    secondary: 'secondary：这个接口在已有前缀里的又一个地址',
    tentative: 'tentative：IPv6 还在检查有没有别人在用这个地址',
    dadfailed: 'dadfailed：另一台主机已经在用这个 IPv6 地址',
    mngtmpaddr: 'mngtmpaddr：IPv6 临时地址的模板',
    temporary: 'temporary：IPv6 隐私地址',
  },
  lifetime: 'valid_lft/preferred_lft：地址保持有效和首选的时长；forever 表示它是手工或由容器运行时配置的，不是租来的。',
  briefKind: (name, sure, d) => `${name}：${sure ? '' : '可能是 '}${d}。`,
  briefNoCarrier: (name, bridge) => `${name} 已 UP，但是 NO-CARRIER：对端什么都没接${bridge ? '（网桥上没有端口）' : ''}。`,
  briefInet: (local, p, mask) => `${local}/${p}：子网掩码 ${mask}。`,
  briefInet6: (local, d) => `${local}：${d}。`,
  briefMac: (mac) => `${mac}：MAC 地址。`,

  routeTypes: (type, dst) => ({
    local: `local ${dst}：本机的地址；发往它的数据包在本机交付`,
    broadcast: `broadcast ${dst}：某个直连网络的广播地址`,
    unreachable: `unreachable ${dst}：发往它的数据包被拒绝，报 “Network is unreachable”`,
    blackhole: `blackhole ${dst}：发往它的数据包被悄悄丢弃`,
    prohibit: `prohibit ${dst}：发往它的数据包以“管理上禁止”为由被拒绝`,
  } as Table)[type],
  routeTypeOther: (type) => `${type} 类型的路由`,
  routeDefault: (via, dev) => `默认路由：没有匹配到更具体路由的数据包都发给网关 ${via ?? '（无）'}${dev ? `，从 ${dev} 出去` : ''}。`,
  routeVia: (dst, via, dev) => `发往 ${dst} 的数据包交给网关（路由器）${via}${dev ? `，从 ${dev} 出去` : ''}。`,
  routeConnected: (what, dev, v6) => `直连网络 ${what}：其中的主机${dev ? `在 ${dev} 上` : ''}直接可达，不经过网关（内核用${v6 ? '邻居发现' : ' ARP '}查询它们的 MAC）。`,
  routeFe80: (d) => `fe80::/64：${d}；每个启用 IPv6 的接口都有这条路由。`,
  protos: {
    kernel: 'proto kernel：给接口配地址时由内核自动添加',
    boot: 'proto boot：手工或脚本添加（ip route add）',
    static: 'proto static：管理员添加的永久路由',
    dhcp: 'proto dhcp：从 DHCP 服务器获得',
    ra: 'proto ra：从 IPv6 路由器通告获得',
  },
  protoOther: (proto) => `proto ${proto}：是谁添加了这条路由`,
  scopeLink: 'scope link：目的地就在这条链路上，中间没有路由器。',
  scopeHost: 'scope host：目的地就是本机。',
  routeScopeOther: (scope) => `scope ${scope}：路由的作用范围。`,
  routeSrc: (src) => `src ${src}：本机走这条路由发送时使用的源地址。`,
  routeMetric: (metric) => `metric ${metric}：开销；两条路由匹配程度相同时，metric 小的胜出。`,
  linkdown: (dev) => `linkdown：${dev ? `${dev} ` : '这个接口'}没有载波，所以这条路由现在用不了。`,
  onlink: 'onlink：即使本机没有地址覆盖网关，也把它当作直连可达。',
  table: (table) => `table ${table}：这条路由在 ${table} 表里，不在 main 表里。`,
  pref: 'pref：IPv6 路由器优先级（medium 是正常值）。',
  noDefaultRoute: (live) => `${live ? '这个网络命名空间里' : ''}没有默认路由：只有列出的网络可达；其他目的地都会报 “Network is unreachable”。`,

  routeFlags: {
    U: 'U = up（路由在用）',
    G: 'G = 经过网关（路由器）',
    H: 'H = 到单台主机，而不是一个网络',
    '!': '! = reject：发往它的数据包被拒绝',
    D: 'D = 由 ICMP 重定向添加',
    M: 'M = 被 ICMP 重定向修改过',
    R: 'R = 已恢复',
    C: 'C = 缓存条目',
    A: 'A = 由 addrconf 添加',
  },
  rnLinkLocal: 'link-local 即 169.254.0.0，这个名字来自 /etc/networks：IPv4 链路本地地址段（169.254.0.0/16），主机没从 DHCP 拿到地址时使用；很多系统上由 NetworkManager 添加这条路由。',
  rnLoopback: 'loopback 即 127.0.0.0，这个名字来自 /etc/networks。',
  rnNamed: (name, host) => `${name}：route 为这个${host ? '主机' : '网络'}找到的名字（来自 ${host ? '/etc/hosts 或 DNS' : '/etc/networks'}）；\`route -n\` 显示数字。`,
  rnGatewaySystemd: (here) => `_gateway：systemd（nss-myhostname）给当前默认网关起的名字${here ? `（这里是 ${here}）` : ''}；\`route -n\` 显示它的地址。`,
  rnGatewayNamed: (gateway, here) => `${gateway}：网关的主机名，从 /etc/hosts 或 DNS 查到${here ? `（这里是 ${here}）` : ''}；\`route -n\` 显示它的地址。`,
  rnTitle: '内核的 IPv4 路由表（main 表）：对每个数据包，匹配得最具体的那一行决定它往哪里走。',
  rnHeader: 'Genmask 是 Destination 的子网掩码；Flags 有 U/G/H/!；Metric 小的优先；Ref 和 Use 在 Linux 上不用。',
  rnNames: '不加 -n 时，route 会尽量显示名字（default、/etc/networks 里的网络名、网关的主机名），为此可能要等 DNS；`route -n` 只显示数字。',
  rnDefault: (named, gateway, iface) => `默认路由（${named ? 'default，即 0.0.0.0' : '0.0.0.0'}，Genmask 0.0.0.0 = /0，匹配一切）：没有更好匹配的数据包发给 ${gateway}，从 ${iface} 出去。`,
  rnConnected: (dest, prefix, genmask, shown, iface) => `${dest}/${prefix}（Genmask ${genmask}${shown !== undefined ? ` = /${shown}` : ''}）是直连网络：发往它的数据包从 ${iface} 直接出去，不经过网关。`,
  rnVia: (dest, prefix, gateway, iface) => `发往 ${dest}/${prefix} 的数据包交给网关 ${gateway}，从 ${iface} 出去。`,
  rnFlags: (flags, meanings) => `Flags ${flags}：${meanings.join('；')}。`,
  rnNoGateway: (gateway) => `Gateway ${gateway} 表示“没有网关”：目的地在同一条链路上。`,
  rnMetric: (metric) => `Metric ${metric}：在同等的路由之间做选择（小的优先）。`,
  rnNoDefault: '没有默认路由：只有上面这些网络可达；其他目的地都会报 “Network is unreachable”。',
  rnEmpty: '路由表是空的：这里没有任何接口配了地址，所以什么都不可达（连邻居都不行）。',

  ifcFlagsValue: (value) => `flags=${value}：用数字（位掩码）表示的同一组标志；名字在后面的 <…> 里。`,
  ifcNotRunning: (name) => `${name} 已 UP 但没有 RUNNING：没有载波，对端什么都没接（对网桥来说：没有端口）。`,
  ifcNotUp: (name) => `${name} 没有 UP：没有启用（ifconfig 只有加 -a 才列出它）。`,
  ifcUpRunning: 'UP 且 RUNNING：已启用且有载波，可以传输数据包。',
  ifcVeth: (name, peer, where) => `${name} 是 veth；对端是${inside(where)}的 ${peer}。`,
  ifcPort: (name, master) => `${name} 是网桥 ${master} 的端口。`,
  ifcInet: (address, netmask, prefix, name) => `${address}，子网掩码 ${netmask}${prefix !== undefined ? ` = /${prefix}` : ''}：${name} 的 IPv4 地址。`,
  ifcBroadcastZero: 'broadcast 0.0.0.0：没有设置广播地址（用 `ip addr add` 添加时没加 `brd +`）。',
  ifcBroadcast: (b) => `broadcast ${b}：发往网络里的每台主机。`,
  ifcInet6: (address, prefix, d, scope) => `${address}/${prefix}：${d}${scope ? `，scope ${scope}` : ''}。`,
  ifcMac: (mac, d) => `${mac}：MAC 地址${d ? `，${d}` : ''}；txqueuelen 是发送队列的长度。`,
  ifcLoopback: '环回设备：没有 MAC 地址。',
  ifcCounters: '接口创建以来的计数：收到（RX）和发出（TX）的包数、字节数，以及错误和丢包。',

  neighStates: {
    REACHABLE: 'REACHABLE：最近确认过，流量正常',
    STALE: 'STALE：已知，但最近没有确认；下次使用时会重新检查',
    DELAY: 'DELAY：即将重新检查',
    PROBE: 'PROBE：正在用 ARP 检查',
    INCOMPLETE: 'INCOMPLETE：ARP 问了“谁有这个地址？”，还没有人回答',
    FAILED: 'FAILED：ARP 没人回答：这条链路上没有使用这个地址的主机',
    PERMANENT: 'PERMANENT：手工添加，永不过期',
    NOARP: 'NOARP：这条链路不需要地址解析',
  },
  neighThatIs: (name, where) => `（即${inside(where)}的 ${name}）`,
  neighMac: (ip, dev, mac, who, v6) => `${dev} 上的 ${ip} 的 MAC 是 ${mac}${who}：通过${v6 ? '邻居发现' : ' ARP '}学到。`,
  neighArpFlags: (flags) => `Flags ${flags}：C = complete（有效条目），M = 永久，P = 发布（代理应答）。`,
  neighNoMac: (ip, dev) => `${ip}：还不知道 MAC：ARP 没有回应，${dev ? `${dev} ` : '这条链路'}上没有使用这个地址的主机。`,
  neighRouter: 'router：这个邻居声明自己是 IPv6 路由器。',

  netnsStale: (name) => `${name}：列出来了，但那里已经没有网络命名空间：/run/netns/${name} 指向的命名空间已经结束（容器被删除，或进程退出了）。用 \`rm /run/netns/${name}\`（或 \`ip netns del ${name}\`）删掉这个过期条目。`,
  netnsOfContainer: (container) => `它是容器 ${container} 的网络命名空间（手工链接过来的）。`,
  netnsNamed: (name, container) => `${name}：一个有名字的网络命名空间（文件 /run/netns/${name}）；用 \`ip netns exec ${name} …\` 在里面运行命令。${container}`,
  netnsId: (id, name) => `(id: ${id})：当前网络命名空间给 ${name} 的编号；如果接口的对端在那里，\`ip a\` 会在该接口上显示 link-netnsid ${id}。`,
  netnsNoId: (name) => `没有 “(id: …)”：当前网络命名空间和 ${name} 之间还没有链路（两者之间没有 veth 对）。`,

  brHeader: '每行一个网桥；网桥有多个端口时，多出来的端口各占下面的一行。',
  brId: (id, hex, priority, mac) => `bridge id ${id} = 优先级 ${hex}（十六进制，即 ${priority}）+ 网桥的 MAC ${mac}；STP 用它选举根网桥（最小者胜出）。`,
  brStpOff: 'STP enabled no：生成树协议关闭，没有环路的网桥通常如此（Docker 会把它关掉）。',
  brStp: (stp) => `STP enabled ${stp}：生成树协议${stp === 'yes' ? '开启：端口要经过 listening/learning 才开始转发' : '的设置'}。`,
  brNoPorts: (name) => `${name} 上还没接任何接口${name === 'docker0' ? '：上面没有运行的容器' : ''}；\`ip a\` 里它显示为 NO-CARRIER。`,
  brPortPeer: (peer, where) => `它的 veth 对端是${inside(where)}的 ${peer}。`,
  brPortVeth: '这是 veth：它的另一端通常是某个容器的 eth0。',
  brPort: (port, bridge, behind) => `${port} 是 ${bridge} 的端口。${behind}`,
  portStates: {
    forwarding: 'state forwarding：端口转发帧，并学习 MAC 地址',
    disabled: 'state disabled：端口什么都不转发，通常是因为接口（或它的 veth 对端）down 了',
    blocking: 'state blocking：STP 阻塞了这个端口，以打破环路',
    listening: 'state listening：STP 正在启动这个端口；还不转发',
    learning: 'state learning：STP 正在这个端口上学习 MAC，之后才转发',
  },
  portStateOther: (state) => `state ${state}：端口的状态`,
  blPort: (name, master, peer, where, other) => `${name} 是网桥 ${master ?? '（未显示）'} 的端口${peer ? `；它的 veth 对端是${inside(where)}的 ${peer}` : other ? `；它的对端是另一个网络命名空间里的接口 ${other}` : ''}。`,
  blStp: (priority, cost) => `priority ${priority}，cost ${cost}：端口的 STP 设置（cost 2 对应 10 Gbit/s 链路，veth 的默认值）。`,
  fdbMulticast: (kind, dev, self) => `${kind}：${dev} 接收发往这个组播组的帧${self ? '（设备自己的条目，不是网桥的）' : ''}。`,
  fdbOwn: (mac, owner, dev, master) => `${mac} 是${owner ? ` ${owner} 的 MAC` : ` ${dev} 自己的 MAC`}：${master} 永久保留它，发往它的帧交给本机。`,
  fdbLearned: (master, mac, who, whoWhere, dev) => `学习到的：${master} 看到来自 ${mac}${who ? `（${inside(whoWhere)}的 ${who}）` : ' '}的帧从 ${dev} 进来，所以发往这个 MAC 的帧只从 ${dev} 出去。学到的条目 5 分钟没有流量就过期。`,
  fdbTunnel: (mac, remote, dev, dst, permanent) => `${dev ?? '所查询的设备'} 上的 ${mac}${remote ? `（${remote.name}${remote.host ? `，在 ${remote.host} 上` : ''}）` : ''}：发往它的帧通过隧道送到远端主机 ${dst}${mac === '00:00:00:00:00:00' ? '（全零 MAC：未知目的和广播帧的默认去向）' : ''}${permanent ? '；permanent：由软件（overlay 的控制平面）写入，不是从流量中学到的' : ''}。`,
  fdbSelf: (mac, dev) => `${mac}：${dev} 自己接收的地址（self：设备自己的表，不是网桥的）。`,
  fdbVlan: (vlan) => `vlan ${vlan}：这个条目作用于网桥上的 VLAN ${vlan}。`,
};

export const explainIpText = inLanguages<ExplainIpText>({ en, 'zh-CN': zh });
