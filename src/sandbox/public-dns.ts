// The outside world's DNS server. Docker gives a container on the default bridge the
// host's nameservers, or Google's (8.8.8.8, 8.8.4.4) when the host has none it can use, as
// in the lab. Without anything at those addresses, every lookup from such a container waited
// 20 s for nothing; real ones get an answer at once, which for a container's name is "no such
// name" (a public resolver has never heard of it). So the docker-host preset makes the
// outside world take those two addresses as its own (local routes: the addresses appear on
// no interface, so `ip a` and the drawings of the outside stay as they were) and runs a DNS
// server there (dnsmasq, ~5 MB) that knows no name at all: `ping web` in a default-bridge container fails at once with "Name or service
// not known", and tcpdump shows the question leave for 8.8.8.8 and the NXDOMAIN come back.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { findTool } from '../../scripts/tools.mjs';
import { OUTSIDE_NETNS_PATH } from './lab.js';

export const PUBLIC_RESOLVERS = ['8.8.8.8', '8.8.4.4'] as const;

/** "A.B.C.D:PORT" as /proc/net/udp writes a local address (little-endian hex). */
export function procNetAddress(ip: string, port: number): string {
  const hex = ip.split('.').reverse().map((b) => Number(b).toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${hex}:${port.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Whether a /proc/PID/net/udp table shows that address bound. */
export function udpBound(table: string, ip: string, port: number): boolean {
  const want = procNetAddress(ip, port);
  return table.split('\n').some((l) => l.trim().split(/\s+/)[1] === want);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outside world's routes that make the resolvers' addresses its own (for the batch
 * that builds the outside world, src/sandbox/presets.ts). */
export const PUBLIC_RESOLVER_ROUTES = PUBLIC_RESOLVERS.map((ip) => `route add local ${ip}/32 dev lo`);

/** Starts the outside world's resolver, once the outside world has its eth0 and
 * PUBLIC_RESOLVER_ROUTES; without dnsmasq the lab goes on without one (the lookups then
 * wait in vain, as before) and `nslab doctor` says what is missing. */
export async function startPublicResolver(timeoutMs = 5000): Promise<void> {
  const dnsmasq = findTool('dnsmasq');
  if (!dnsmasq) return;
  // Bound to every address (it answers from the one asked), for what comes in by the LAN.
  const child = spawn('nsenter', [`--net=${OUTSIDE_NETNS_PATH}`, dnsmasq, '--keep-in-foreground', '--conf-file=/dev/null',
    '--no-resolv', '--no-hosts', '--local=/#/', '--interface=eth0',
    '--pid-file=', '--user=root', '--group=', '--log-facility=/dev/null'], { detached: true, stdio: 'ignore', cwd: '/' });
  child.on('error', () => { /* seen below: nothing listens */ });
  child.unref();
  for (let waited = 0, wait = 1; waited < timeoutMs && child.pid; waited += wait, wait = Math.min(wait * 2, 50)) {
    let table = '';
    try { table = readFileSync(`/proc/${child.pid}/net/udp`, 'utf8'); } catch { return; /* it exited */ }
    if (udpBound(table, '0.0.0.0', 53)) return;
    await sleep(wait);
  }
}
