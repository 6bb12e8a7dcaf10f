// The starting states of a lab. `bare` is a host on a LAN behind a router; `docker-host`
// adds what Docker's daemon sets up when it starts; `two-hosts` is two such Docker hosts on
// one LAN (a bridge in the outside namespace is its switch). Each is built once, on a
// fresh lab, batched: one `ip -batch` per namespace and one iptables-restore per Docker
// host, run alongside one another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { run, runOk } from './exec.js';
import { HOST2_NETNS_PATH, HOST2_UTS_PATH, OUTSIDE_NETNS_PATH, assertInsideLab } from './lab.js';
import { daemonFilterRules } from '../net/docker-filter.js';
import { PUBLIC_RESOLVER_ROUTES, startPublicResolver } from './public-dns.js';

export const PRESETS = ['bare', 'docker-host', 'two-hosts'] as const;
export type Preset = (typeof PRESETS)[number];
/** The most containers `--containers` starts (the default bridge's /16 has room for more;
 * this keeps a lab within what a shared machine should give one learner). */
export const CONTAINERS_MAX = 250;

/** The addresses a lab is built with, named once: lessons, checks and tests use these. */
export const LAB = {
  hostIp: '192.168.0.11',
  /** two-hosts: the second Docker host's address on the same LAN. */
  host2Ip: '192.168.0.12',
  host2Mac: '08:00:27:4c:1e:a2',
  lanPrefix: 24,
  routerIp: '192.168.0.1',
  publicHostIp: '203.0.113.10',
  hostMac: '08:00:27:70:b6:ef', // the VirtualBox NIC of the documents' host
  docker0: { name: 'docker0', ip: '172.17.0.1', subnet: '172.17.0.0/16', mac: '02:42:a8:64:6c:32' },
} as const;

/** Docker's nat table at daemon start: the DOCKER chain and the masquerade of the
 * default bridge's subnet (`iptables-save` on a fresh Docker host shows the same). */
export const DOCKER_NAT_RULES = `*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s ${LAB.docker0.subnet} ! -o ${LAB.docker0.name} -j MASQUERADE
-A DOCKER -i ${LAB.docker0.name} -j RETURN
COMMIT
`;

/** Each of the preset's programs takes milliseconds; one that hangs fails the lab's start
 * after this long, rather than keeping it (and the containers waiting for docker0) forever. */
const STEP_TIMEOUT_MS = 30_000;

/** The outside world's namespace, made and wired in one process: `unshare --net=FILE`
 * keeps the new namespace at FILE and runs `ip -batch` inside it. Its end of the uplink is
 * eth0 there; the host's end goes to the lab host's namespace (that of pid 1,
 * bin/lab-init.pl), also as eth0. With two hosts, the router sits on lan0, a bridge with
 * one port per host (port-host1, port-host2): the LAN is then a switch, where a capture
 * sees what the hosts send each other. */
async function buildOutside(twoHosts: boolean, resolvers: boolean): Promise<void> {
  mkdirSync(dirname(OUTSIDE_NETNS_PATH), { recursive: true });
  writeFileSync(OUTSIDE_NETNS_PATH, '');
  const uplink = twoHosts
    ? [
      `link add lan0 type bridge`,
      `link set lan0 up`,
      `link add port-host1 type veth peer name eth0 netns 1`,
      `link set port-host1 master lan0`,
      `link set port-host1 up`,
      `addr add ${LAB.routerIp}/${LAB.lanPrefix} dev lan0`,
    ]
    : [`link add eth0 type veth peer name eth0 netns 1`, `link set eth0 up`, `addr add ${LAB.routerIp}/${LAB.lanPrefix} dev eth0`];
  await runOk(['unshare', `--net=${OUTSIDE_NETNS_PATH}`, 'ip', '-batch', '-'], {
    timeoutMs: STEP_TIMEOUT_MS,
    input: [`link set lo up`, ...uplink, `addr add ${LAB.publicHostIp}/32 dev lo`, ...(resolvers ? PUBLIC_RESOLVER_ROUTES : [])].join('\n') + '\n',
  });
}

/** What the lab host's namespace (host1) or host2 gets: eth0 on the LAN and, on a Docker
 * host, docker0. */
function hostLines(preset: Preset, ip: string, mac: string): string[] {
  const lines = [
    `link set lo up`,
    `link set eth0 address ${mac}`,
    `link set eth0 up`,
    `addr add ${ip}/${LAB.lanPrefix} brd + dev eth0`,
    `route add default via ${LAB.routerIp} dev eth0`,
  ];
  if (preset !== 'bare') {
    const d = LAB.docker0;
    lines.push(
      `link add ${d.name} type bridge`,
      `link set ${d.name} address ${d.mac}`,
      `addr add ${d.ip}/16 brd + dev ${d.name}`,
      `link set ${d.name} up`,
    );
  }
  return lines;
}

async function buildHost(preset: Preset): Promise<void> {
  await runOk(['ip', '-batch', '-'], { input: hostLines(preset, LAB.hostIp, LAB.hostMac).join('\n') + '\n', timeoutMs: STEP_TIMEOUT_MS });
}

/** IPv6 off, so that captures on the LAN hold only what the lessons send (router and
 * multicast listener chatter otherwise fills them). Only the two-hosts preset does it. */
const NO_IPV6 = 'for k in all default; do echo 1 > /proc/sys/net/ipv6/conf/$k/disable_ipv6; done';

/** host2: a network and uts namespace of its own, kept at HOST2_NETNS_PATH (not under
 * /run/netns, so `ip netns` does not list it, as it lists no other machine). Its eth0 is
 * made from the outside namespace, with its peer port-host2 there, plugged into lan0. */
async function buildHost2(): Promise<void> {
  for (const f of [HOST2_NETNS_PATH, HOST2_UTS_PATH]) writeFileSync(f, '');
  const script = [
    'set -e',
    'hostname host2',
    NO_IPV6,
    `nsenter --net=${OUTSIDE_NETNS_PATH} ip -batch - <<EOF`,
    `link add port-host2 type veth peer name eth0 netns $$`,
    `link set port-host2 master lan0`,
    `link set port-host2 up`,
    'EOF',
    'exec ip -batch -',
  ].join('\n');
  await runOk(['unshare', `--net=${HOST2_NETNS_PATH}`, `--uts=${HOST2_UTS_PATH}`, 'sh', '-c', script], {
    input: hostLines('two-hosts', LAB.host2Ip, LAB.host2Mac).join('\n') + '\n', timeoutMs: STEP_TIMEOUT_MS,
  });
}

/** Docker's daemon at start: forwarding on, its nat table, and its filter chains (the
 * isolation between bridge networks, runtime/isolation.ts). The rules name docker0 but do
 * not need it to exist, so they load while the links are being made. `netns`: another
 * Docker host's namespace than this process's. */
async function buildDockerNat(netns?: string): Promise<void> {
  const rules = DOCKER_NAT_RULES + daemonFilterRules(LAB.docker0.name);
  if (netns === undefined) {
    writeFileSync('/proc/sys/net/ipv4/ip_forward', '1\n');
    await runOk(['iptables-restore', '--noflush'], { input: rules, timeoutMs: STEP_TIMEOUT_MS });
    return;
  }
  await runOk(['nsenter', `--net=${netns}`, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward && exec iptables-restore --noflush'], { input: rules, timeoutMs: STEP_TIMEOUT_MS });
}

/** Builds a preset in the lab this process runs in. Call once, on a fresh lab.
 * `linksBuilt` is called as soon as the host's links are there (docker0 among them), while
 * the rest (Docker's rules, the outside world's resolver) may still be on its way: the
 * containers are plugged in meanwhile (lab-setup/open.ts). */
export async function buildPreset(preset: Preset, linksBuilt?: () => void): Promise<void> {
  assertInsideLab();
  const twoHosts = preset === 'two-hosts';
  const outside = buildOutside(twoHosts, preset !== 'bare');
  const links = outside.then(() => buildHost(preset)).then(() => linksBuilt?.());
  // The outside world's resolver needs only the outside world: it starts beside the host's links.
  const outsideDns = outside.then(() => (preset !== 'bare' ? startPublicResolver() : undefined));
  const work: (Promise<unknown> | undefined)[] = [links, outsideDns, preset !== 'bare' ? buildDockerNat() : undefined];
  if (twoHosts) {
    work.push(runOk(['hostname', 'host1']));
    work.push(run(['sh', '-c', NO_IPV6]), outside.then(() => run(['nsenter', `--net=${OUTSIDE_NETNS_PATH}`, 'sh', '-c', NO_IPV6])));
    const host2 = outside.then(buildHost2);
    work.push(host2, host2.then(() => buildDockerNat(HOST2_NETNS_PATH)));
  }
  await Promise.all(work);
}

/** What a lab starts as: a preset, and busybox containers on it when asked. */
export interface LabOptions {
  preset: Preset;
  containers?: number;
}
