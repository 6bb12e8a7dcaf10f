// Address management, pure: subnets, the next free address, Docker's MAC derived from the
// IPv4 address (172.17.0.2 → 02:42:ac:11:00:02), the next free /16 for a user network.
import { formatIpv4, maskOf, parseIpv4 } from '../net/ipv4.js';
import { DockerError } from './docker-error.js';
import type { NetworkRecord, RuntimeState } from './state.js';

export interface Subnet {
  /** Network address as a 32-bit unsigned number. */
  base: number;
  prefixlen: number;
}

export function ipToInt(ip: string): number {
  const n = parseIpv4(ip);
  if (n === undefined) throw new Error(`not an IPv4 address: ${ip}`);
  return n;
}

export const intToIp = formatIpv4;
const mask = maskOf;

/** Parses 'A.B.C.D/N'. The address must be the network address, as Docker requires. */
export function parseSubnet(cidr: string): Subnet {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(cidr);
  if (!m || Number(m[2]) > 32) throw new Error(`invalid subnet ${cidr}: write it as ADDRESS/PREFIX, e.g. 172.18.0.0/16`);
  const prefixlen = Number(m[2]);
  const ip = ipToInt(m[1]);
  const base = (ip & mask(prefixlen)) >>> 0;
  if (base !== ip) throw new Error(`invalid subnet ${cidr}: the host bits must be zero (did you mean ${intToIp(base)}/${prefixlen}?)`);
  return { base, prefixlen };
}

export const formatSubnet = (s: Subnet): string => `${intToIp(s.base)}/${s.prefixlen}`;
export const subnetSize = (s: Subnet): number => 2 ** (32 - s.prefixlen);

export function contains(s: Subnet, ip: string): boolean {
  return ((ipToInt(ip) & mask(s.prefixlen)) >>> 0) === s.base;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  const p = Math.min(a.prefixlen, b.prefixlen);
  return ((a.base & mask(p)) >>> 0) === ((b.base & mask(p)) >>> 0);
}

/** The gateway Docker gives a network: the first address after the network address. */
export const gatewayOf = (s: Subnet): string => intToIp(s.base + 1);

/** The lowest free address from .2 upward, skipping the gateway and the broadcast
 * address; undefined when the subnet is exhausted. */
export function nextFreeAddress(s: Subnet, used: Iterable<string>): string | undefined {
  const taken = new Set(used);
  taken.add(gatewayOf(s));
  const last = s.base + subnetSize(s) - 2; // the broadcast address is not handed out
  for (let n = s.base + 2; n <= last; n++) {
    const ip = intToIp(n);
    if (!taken.has(ip)) return ip;
  }
  return undefined;
}

/** Docker's container MAC: 02:42 then the four bytes of the IPv4 address. */
export function macForIp(ip: string): string {
  const n = ipToInt(ip);
  const bytes = [0x02, 0x42, n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The next /16 for a user network: 172.18.0.0/16, 172.19.0.0/16, … 172.31.0.0/16, as
 * Docker's default pool hands them out, skipping any that overlap one in `inUse`. */
export function nextFreeSubnet(inUse: Subnet[]): Subnet | undefined {
  for (let second = 18; second <= 31; second++) {
    const s = { base: ipToInt(`172.${second}.0.0`), prefixlen: 16 };
    if (!inUse.some((u) => overlaps(u, s))) return s;
  }
  return undefined;
}

function usedAddresses(state: RuntimeState, networkId: string): string[] {
  return state.containers.flatMap((c) => c.endpoints.filter((e) => e.networkId === networkId).map((e) => e.ip));
}

/** The next free address of a network, or Docker's "no available addresses". `reserved`:
 * addresses others hold on the network's wire (the lab host's own, on a macvlan's LAN). */
export function allocateAddress(state: RuntimeState, net: NetworkRecord, reserved: Iterable<string> = []): string {
  const ip = nextFreeAddress(parseSubnet(net.subnet!), [...usedAddresses(state, net.id), ...reserved]);
  if (!ip) throw new DockerError(`docker: Error response from daemon: no available IPv4 addresses on this network's address pools: ${net.name} (${net.id})`, 125);
  return ip;
}

/** `docker run --ip ADDR` on a network: the address must lie in the subnet and be free.
 * `reserved` names addresses others hold on that network's wire (the lab host's own on a
 * macvlan's LAN), each with who holds it, so the error can say. */
export function requestAddress(state: RuntimeState, net: NetworkRecord, ip: string, reserved: Map<string, string> = new Map()): string {
  const bad = (why: string) => new DockerError(`docker: Error response from daemon: invalid address ${ip} for network ${net.name}: ${why}`, 125);
  if (parseIpv4(ip) === undefined) throw bad('write an IPv4 address such as 192.168.0.20');
  if (net.builtin || !net.subnet) throw new DockerError('docker: Error response from daemon: user specified IP address is supported on user defined networks only', 125);
  const subnet = parseSubnet(net.subnet);
  const n = ipToInt(ip);
  if (!contains(subnet, ip)) throw bad(`it is outside the network's subnet ${net.subnet}`);
  if (n === subnet.base || n === subnet.base + subnetSize(subnet) - 1) throw bad(`it is the subnet's ${n === subnet.base ? 'network' : 'broadcast'} address`);
  if (ip === net.gateway) throw bad('it is the gateway\'s address');
  if (reserved.has(ip)) throw bad(`it is ${reserved.get(ip)}: pick another`);
  const holder = state.containers.find((c) => c.endpoints.some((e) => e.networkId === net.id && e.ip === ip));
  if (holder) throw new DockerError(`docker: Error response from daemon: Address already in use: ${ip} is ${holder.name}'s on ${net.name}`, 125);
  return ip;
}

