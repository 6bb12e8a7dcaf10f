// What the packet walk says, in each language nslab speaks: what happened between two
// sightings of a packet, why it was lost, and the lines of the walk as printed. Addresses,
// interface names, rule text, conntrack lines and `ip route get`'s answers are passed in
// and kept as they are. The type makes a key missing in Chinese a compile error, and
// test/i18n/walk-text.test.ts holds the two to the same keys at run time.
import { inLanguages } from './lang.js';

/** A packet's address as NAT rewrote it. */
export type NatWhich = 'source' | 'destination';

export interface WalkText {
  // ---- between two sightings (analyse.ts) ----
  /** `from` and `to` are `place:ifname`. */
  acrossVeth(from: string, to: string): string;
  /** `kind` is the link's kind (`vxlan`, `ipvlan`), undefined when it is not known. */
  overLink(kind: string | undefined, from: string, to: string): string;
  upIntoStack(bridge: string, place: string): string;
  bridged(bridge: string, mac: string): string;
  sentOutOfPort(bridge: string, port: string, mac: string): string;
  /** `answer` is `ip route get`'s line. */
  routedBy(place: string, answer: string): string;
  routedOut(place: string, ifname: string): string;
  ttl(from: number, to: number): string;
  // The bridge's forwarding table, for the notes above.
  macToPort(port: string): string;
  macLearned(mac: string, address: string, dev: string): string;
  macFlooded(mac: string, address: string): string;
  /** `change` is `a → b`; `rule` the rule as iptables prints it. */
  natByRule(target: string, which: NatWhich, change: string, rule: string): string;
  natUndone(which: NatWhich, change: string, entry: string | undefined): string;
  // ---- why it was lost ----
  nowhere: string;
  noPacketSeen: string;
  droppedByPolicy(place: string, table: string, chain: string): string;
  droppedByRule(place: string, table: string, chain: string, rule: string): string;
  forwardingOff(place: string): string;
  /** `error` is `ip route get`'s; `down` the links that are down there. */
  noRoute(place: string, address: string, error: string, down: string[]): string;
  outOfDownLink(place: string, dev: string): string;
  unexplained(where: string): string;
  arpBridgeDown(asker: string, address: string, hearer: string, port: string, bridge: string): string;
  arpUnanswered(asker: string, address: string, ifname: string): string;
  noMasquerade(router: string, source: string, place: string, routerIf: string): string;
  noRouteBack(place: string, address: string, error: string): string;
  noReply(place: string): string;
  /** The walk's probe when no IP packet left. */
  arpProbe(address: string): string;
  // ---- the walk as printed (render.ts) ----
  title: string;
  request: string;
  reply: string;
  /** Which way the packet passed an interface, as a column of the hop's line. */
  wayIn: string;
  wayOut: string;
  delivered(address: string, place: string): string;
  thereAndBack(out: number, back: number): string;
  lostAt(where: string, cause: string): string;
  // ---- what kept the walk from being made (capture.ts) ----
  tcpdumpSlow(place: string): string;
  tcpdumpFailed(place: string, message: string): string;
  tcpdumpNoUser(message: string): string;
  tcpdumpCannotStart(message: string): string;
  watchedOnly(max: number, total: number): string;
  nothingToFollow: string;
}

const en: WalkText = {
  acrossVeth: (from, to) => `across the veth pair ${from} → ${to}`,
  overLink: (kind, from, to) => `over ${kind ?? 'the link'} ${from} → ${to}`,
  upIntoStack: (bridge, place) => `${bridge} takes it up into ${place}'s IP stack (it is addressed to the bridge's own MAC)`,
  bridged: (bridge, mac) => `bridged by ${bridge}: ${mac}`,
  sentOutOfPort: (bridge, port, mac) => `${bridge} sends it out of its port ${port}: ${mac}`,
  routedBy: (place, answer) => `routed by ${place}: ${answer}`,
  routedOut: (place, ifname) => `routed by ${place} out of ${ifname}`,
  ttl: (from, to) => `TTL ${from} → ${to}`,
  macToPort: (port) => `to ${port}`,
  macLearned: (mac, address, dev) => `${mac} (${address}) learned on ${dev}`,
  macFlooded: (mac, address) => `${mac} (${address}) not in its table yet: flooded to every port`,
  natByRule: (target, which, change, rule) => `${target}: ${which} ${change} (rule \`${rule}\`)`,
  natUndone: (which, change, entry) => `conntrack undoes the NAT for the reply: ${which} ${change}${entry ? ` (entry \`${entry}\`)` : ''}`,
  nowhere: 'nowhere',
  noPacketSeen: 'the command sent no packet that could be seen',
  droppedByPolicy: (place, table, chain) => `dropped in ${place} by the policy of the ${table} table's ${chain} chain (DROP)`,
  droppedByRule: (place, table, chain, rule) => `dropped in ${place} by a rule of the ${table} table's ${chain} chain: \`${rule}\``,
  forwardingOff: (place) => `forwarding is off in ${place} (net.ipv4.ip_forward=0): it drops packets that are not addressed to it. \`sysctl -w net.ipv4.ip_forward=1\` turns it on`,
  noRoute: (place, address, error, down) => {
    const many = down.length > 1;
    const why = down.length ? `; ${down.join(', ')} ${many ? 'are' : 'is'} down, and the routes through ${many ? 'them' : 'it'} are gone with ${many ? 'them' : 'it'}` : '';
    return `${place} has no route to ${address} (${error})${why}`;
  },
  outOfDownLink: (place, dev) => `${place} would send it out of ${dev}, which is down`,
  unexplained: (where) => `no sign of it after ${where}, and no rule, route or setting there explains why`,
  arpBridgeDown: (asker, address, hearer, port, bridge) => `no answer to ARP: ${asker} asked who has ${address}; ${hearer} heard it on ${port}, a port of ${bridge}, which is down (\`ip link set ${bridge} up\`)`,
  arpUnanswered: (asker, address, ifname) => `no answer to ARP: ${asker} asked who has ${address} on ${ifname} and nobody answered, so it could not send the packet (nothing on that link has ${address}, or the link is down)`,
  noMasquerade: (router, source, place, routerIf) => `no MASQUERADE: ${router} sent the request on with its source ${source} unchanged, and ${place} has no route back to ${source}, so no reply was sent. Docker's rule \`-A POSTROUTING -s <the bridge's subnet> ! -o docker0 -j MASQUERADE\` would have given it ${router}'s own address on ${routerIf}`,
  noRouteBack: (place, address, error) => `${place} has no route back to ${address} (${error}), so no reply was sent`,
  noReply: (place) => `${place} got the request and sent no reply (nothing listening, or a firewall there)`,
  arpProbe: (address) => `ARP who-has ${address} (no IP packet could be sent)`,
  title: 'packet walk:',
  request: 'request',
  reply: 'reply',
  wayIn: 'in',
  wayOut: 'out',
  delivered: (address, place) => `delivered: ${address} is ${place}'s own address`,
  thereAndBack: (out, back) => `✓ there and back: ${out} sightings out, ${back} back`,
  lostAt: (where, cause) => `✗ lost at ${where}: ${cause}`,
  tcpdumpSlow: (place) => `tcpdump in ${place} did not start listening within 5 s`,
  tcpdumpFailed: (place, message) => `tcpdump in ${place} could not start: ${message}`,
  tcpdumpNoUser: (message) => `the packet walk needs tcpdump, which cannot drop to its own user in this lab (${message}). A lab started as an ordinary user needs subordinate ids for it: install the package uidmap and give the user a range in /etc/subuid and /etc/subgid (nslab doctor says how); as root it works.`,
  tcpdumpCannotStart: (message) => `the packet walk needs tcpdump, which could not start: ${message}`,
  watchedOnly: (max, total) => `only the first ${max} of ${total} namespaces were watched`,
  nothingToFollow: 'the command sent no IPv4 packet that could be followed (an echo request, a TCP connection or UDP)',
};

const ZH_WHICH: Record<NatWhich, string> = { source: '源地址', destination: '目的地址' };

const zh: WalkText = {
  acrossVeth: (from, to) => `经 veth 对 ${from} → ${to}`,
  overLink: (kind, from, to) => `经${kind ? ` ${kind} ` : '链路 '}${from} → ${to}`,
  upIntoStack: (bridge, place) => `${bridge} 把它交给 ${place} 的 IP 协议栈（它发往网桥自己的 MAC）`,
  bridged: (bridge, mac) => `由网桥 ${bridge} 转发：${mac}`,
  sentOutOfPort: (bridge, port, mac) => `${bridge} 从它的端口 ${port} 发出：${mac}`,
  routedBy: (place, answer) => `由 ${place} 路由：${answer}`,
  routedOut: (place, ifname) => `由 ${place} 路由，从 ${ifname} 发出`,
  ttl: (from, to) => `TTL 由 ${from} 减为 ${to}`,
  macToPort: (port) => `发往 ${port}`,
  macLearned: (mac, address, dev) => `${mac}（${address}）已在 ${dev} 上学到`,
  macFlooded: (mac, address) => `${mac}（${address}）还不在它的转发表里：泛洪到所有端口`,
  natByRule: (target, which, change, rule) => `${target}：${ZH_WHICH[which]} ${change}（规则 \`${rule}\`）`,
  natUndone: (which, change, entry) => `连接跟踪为回包还原地址转换：${ZH_WHICH[which]} ${change}${entry ? `（条目 \`${entry}\`）` : ''}`,
  nowhere: '无处',
  noPacketSeen: '这条命令没有发出任何能看到的包',
  droppedByPolicy: (place, table, chain) => `在 ${place} 被 ${table} 表 ${chain} 链的默认策略丢弃（DROP）`,
  droppedByRule: (place, table, chain, rule) => `在 ${place} 被 ${table} 表 ${chain} 链的一条规则丢弃：\`${rule}\``,
  forwardingOff: (place) => `${place} 没有开启转发（net.ipv4.ip_forward=0）：不是发给它自己的包一律丢弃。用 \`sysctl -w net.ipv4.ip_forward=1\` 开启`,
  noRoute: (place, address, error, down) => {
    const why = down.length ? `；${down.join('、')} 已关闭（down），经过它的路由也随之消失` : '';
    return `${place} 没有到 ${address} 的路由（${error}）${why}`;
  },
  outOfDownLink: (place, dev) => `${place} 要从 ${dev} 发出它，但 ${dev} 已关闭（down）`,
  unexplained: (where) => `过了 ${where} 就再也看不到它，那里也没有哪条规则、路由或设置能解释原因`,
  arpBridgeDown: (asker, address, hearer, port, bridge) => `ARP 无应答：${asker} 询问谁有 ${address}；${hearer} 在 ${port} 上收到了，但它是网桥 ${bridge} 的端口，而 ${bridge} 已关闭（\`ip link set ${bridge} up\`）`,
  arpUnanswered: (asker, address, ifname) => `ARP 无应答：${asker} 在 ${ifname} 上询问谁有 ${address}，没人应答，所以包发不出去（那条链路上没有 ${address}，或者链路已关闭）`,
  noMasquerade: (router, source, place, routerIf) => `缺少 MASQUERADE：${router} 转发请求时源地址 ${source} 没变，而 ${place} 没有回 ${source} 的路由，所以没有回包。Docker 的规则 \`-A POSTROUTING -s <网桥的子网> ! -o docker0 -j MASQUERADE\` 本会把源地址换成 ${router} 在 ${routerIf} 上的地址`,
  noRouteBack: (place, address, error) => `${place} 没有回 ${address} 的路由（${error}），所以没有回包`,
  noReply: (place) => `${place} 收到了请求，但没有回包（没有程序在监听，或者那里有防火墙）`,
  arpProbe: (address) => `ARP who-has ${address}（没能发出任何 IP 包）`,
  title: '包的路径：',
  request: '请求',
  reply: '回包',
  wayIn: '入',
  wayOut: '出',
  delivered: (address, place) => `送达：${address} 是 ${place} 自己的地址`,
  thereAndBack: (out, back) => `✓ 有去有回：去程观测到 ${out} 次，回程 ${back} 次`,
  lostAt: (where, cause) => `✗ 在 ${where} 丢失：${cause}`,
  tcpdumpSlow: (place) => `${place} 里的 tcpdump 5 秒内没有开始监听`,
  tcpdumpFailed: (place, message) => `${place} 里的 tcpdump 启动失败：${message}`,
  tcpdumpNoUser: (message) => `包路径追踪需要 tcpdump，但它在这个实验环境里无法切换到自己的用户（${message}）。以普通用户启动的实验环境需要为它配置从属 ID：安装 uidmap 软件包，并在 /etc/subuid 和 /etc/subgid 里给该用户分配一段范围（nslab doctor 会说明怎么做）；以 root 运行则没有这个问题。`,
  tcpdumpCannotStart: (message) => `包路径追踪需要 tcpdump，但它启动失败：${message}`,
  watchedOnly: (max, total) => `${total} 个网络命名空间中只观察了前 ${max} 个`,
  nothingToFollow: '这条命令没有发出可以追踪的 IPv4 包（echo 请求、TCP 连接或 UDP）',
};

export const walkText = inLanguages<WalkText>({ en, 'zh-CN': zh });
