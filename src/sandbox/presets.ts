// The starting states of a lab. `bare` is a host on a LAN behind a router; `docker-host`
// adds what Docker's daemon sets up when it starts. Each is built once, on a fresh lab,
// batched so that the whole preset costs three processes: one `ip -batch` per namespace
// and one iptables-restore, which runs alongside them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runOk } from './exec.js';
import { OUTSIDE_NETNS_PATH, assertInsideLab } from './lab.js';
import { daemonFilterRules } from '../runtime/isolation.js';
import { startPublicResolver } from './public-dns.js';

export const PRESETS = ['bare', 'docker-host'] as const;
export type Preset = (typeof PRESETS)[number];
/** The most containers `--containers` starts (the default bridge's /16 has room for more;
 * this keeps a lab within what a shared machine should give one learner). */
export const CONTAINERS_MAX = 250;

/** The addresses a lab is built with, named once: lessons, checks and tests use these. */
export const LAB = {
  hostIp: '192.168.0.11',
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
 * bin/lab-init.pl), also as eth0. */
async function buildOutside(): Promise<void> {
  mkdirSync(dirname(OUTSIDE_NETNS_PATH), { recursive: true });
  writeFileSync(OUTSIDE_NETNS_PATH, '');
  await runOk(['unshare', `--net=${OUTSIDE_NETNS_PATH}`, 'ip', '-batch', '-'], {
    timeoutMs: STEP_TIMEOUT_MS,
    input: [
      `link add eth0 type veth peer name eth0 netns 1`,
      `link set lo up`,
      `link set eth0 up`,
      `addr add ${LAB.routerIp}/${LAB.lanPrefix} dev eth0`,
      `addr add ${LAB.publicHostIp}/32 dev lo`,
    ].join('\n') + '\n',
  });
}

async function buildHost(preset: Preset): Promise<void> {
  const lines = [
    `link set lo up`,
    `link set eth0 address ${LAB.hostMac}`,
    `link set eth0 up`,
    `addr add ${LAB.hostIp}/${LAB.lanPrefix} brd + dev eth0`,
    `route add default via ${LAB.routerIp} dev eth0`,
  ];
  if (preset === 'docker-host') {
    const d = LAB.docker0;
    lines.push(
      `link add ${d.name} type bridge`,
      `link set ${d.name} address ${d.mac}`,
      `addr add ${d.ip}/16 brd + dev ${d.name}`,
      `link set ${d.name} up`,
    );
  }
  await runOk(['ip', '-batch', '-'], { input: lines.join('\n') + '\n', timeoutMs: STEP_TIMEOUT_MS });
}

/** Docker's daemon at start: forwarding on, its nat table, and its filter chains (the
 * isolation between bridge networks, runtime/isolation.ts). The rules name docker0 but do
 * not need it to exist, so they load while the links are being made. */
async function buildDockerNat(): Promise<void> {
  writeFileSync('/proc/sys/net/ipv4/ip_forward', '1\n');
  await runOk(['iptables-restore', '--noflush'], { input: DOCKER_NAT_RULES + daemonFilterRules(LAB.docker0.name), timeoutMs: STEP_TIMEOUT_MS });
}

/** Builds a preset in the lab this process runs in. Call once, on a fresh lab. */
export async function buildPreset(preset: Preset): Promise<void> {
  assertInsideLab();
  const links = buildOutside().then(() => buildHost(preset));
  const outsideDns = links.then(() => (preset === 'docker-host' ? startPublicResolver() : undefined));
  await Promise.all([links, outsideDns, preset === 'docker-host' ? buildDockerNat() : undefined]);
}

/** What a lab starts as: a preset, and busybox containers on it when asked. */
export interface LabOptions {
  preset: Preset;
  containers?: number;
}
