// What Docker's bridge driver does, step by step, with the same names and numbers:
// a veth pair whose host end (vethXXXXXXX) joins the bridge, whose other end moves into
// the container and becomes eth0 with the MAC 02:42:<IPv4 bytes>, the address, and a
// default route via the bridge's address.
import { macForIp, parseSubnet } from './ipam.js';
import { newId, tempPeerName, vethName } from './ids.js';
import type { Endpoint, NetworkRecord } from './state.js';
import { failpoint, ipBatch, ipQuiet, type Tracer } from './steps.js';
import type { Rollback } from './rollback.js';
import { untilForwarding } from './port-state.js';

export interface AttachRequest {
  network: NetworkRecord;
  pid: number; // the container's holder process
  ip: string;
  ifname: string; // eth0 for the first network, eth1 … for `docker network connect`
  withDefaultRoute: boolean;
}

/** The host-side ip commands for one endpoint, as Docker does and `docker run` shows: the
 * pair is made here and its container end moved into the container's namespace.
 * (bin/lab-holders.pl, for many containers at once, makes the pair from inside instead:
 * moving a device costs the kernel about 17 ms.) */
export function hostSideLines(hostIf: string, tmp: string, pid: number, bridge: string): string[] {
  return [
    `link add ${hostIf} type veth peer name ${tmp}`,
    `link set ${tmp} netns ${pid}`,
    ...plugLines(hostIf, bridge),
  ];
}

/** Plugging a veth's host end into a bridge: it becomes a port of the bridge, and up. */
export function plugLines(hostIf: string, bridge: string): string[] {
  return [`link set ${hostIf} master ${bridge}`, `link set ${hostIf} up`];
}

/** The container-side ip commands: run inside the container's network namespace. */
export function containerSideLines(tmp: string, ep: Endpoint, withDefaultRoute: boolean, withLo: boolean): string[] {
  return [
    ...(withLo ? ['link set lo up'] : []),
    `link set ${tmp} name ${ep.ifname}`,
    `link set ${ep.ifname} address ${ep.mac}`,
    `addr add ${ep.ip}/${ep.prefixlen} brd + dev ${ep.ifname}`,
    `link set ${ep.ifname} up`,
    ...(withDefaultRoute ? [`route add default via ${ep.gateway} dev ${ep.ifname}`] : []),
  ];
}

export function endpointFor(network: NetworkRecord, ip: string, ifname: string, hostIf: string): Endpoint {
  return {
    networkId: network.id,
    networkName: network.name,
    endpointId: newId(), // Docker gives every container × network endpoint its own id
    ifname,
    hostIf,
    ip,
    prefixlen: parseSubnet(network.subnet!).prefixlen,
    gateway: network.gateway!,
    mac: macForIp(ip),
  };
}

/** Wires one container into a bridge network; pushes the undo before each change. */
export async function attach(req: AttachRequest, tracer: Tracer, rollback: Rollback): Promise<Endpoint> {
  const hostIf = vethName();
  const tmp = tempPeerName();
  const ep = endpointFor(req.network, req.ip, req.ifname, hostIf);
  tracer.note(`a veth pair: ${hostIf} stays on the host and joins ${req.network.bridge}; ${tmp} moves into the container (pid ${req.pid})`);
  rollback.push(`delete ${hostIf}`, () => ipQuiet(tracer, `link del ${hostIf}`));
  failpoint('veth');
  await ipBatch(tracer, 'creating the veth pair', hostSideLines(hostIf, tmp, req.pid, req.network.bridge!));
  tracer.note(`inside the container: ${tmp} becomes ${ep.ifname}, MAC 02:42 + the IPv4 bytes, address ${ep.ip}/${ep.prefixlen}${req.withDefaultRoute ? `, default route via ${ep.gateway}` : ''}`);
  failpoint('container-net');
  await ipBatch(tracer, 'configuring the container side', containerSideLines(tmp, ep, req.withDefaultRoute, req.ifname === 'eth0'), req.pid);
  await untilForwarding(hostIf);
  return ep;
}

/** Unplugs an endpoint: deleting the host end deletes the pair. Gone already is fine. */
export async function detach(ep: Endpoint, tracer: Tracer): Promise<void> {
  await ipQuiet(tracer, `link del ${ep.hostIf}`);
}
