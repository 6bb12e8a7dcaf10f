// Docker's overlay driver, across the lab's Docker hosts. A network is, on every host, a
// bridge (ov-<12 hex>) with a VXLAN device (vxlan<VNI>) as one of its ports: the VXLAN
// wraps each Ethernet frame the bridge hands it in a UDP packet to port 4789 of the host
// where the destination container runs. Docker keeps the bridge in a namespace of its own
// per network (`1-<id>`); here it is in the host's namespace, where `ip -d link` and
// `bridge fdb` show it at once (and it has no address, so the host itself is not on the
// overlay, as with Docker). Which host a MAC lives on is not learnt from traffic
// (`nolearning`): the store (swarm.ts) says, and each host gets a static FDB entry and a
// permanent neighbour entry per remote container, so no ARP crosses the tunnel (`proxy`:
// the VXLAN device answers ARP from those entries). Docker does the same from its gossip.
import { DockerError } from './docker-error.js';
import { endpointFor, containerSideLines, plugLines, type AttachRequest } from './bridge-driver.js';
import { currentHost, labHosts, twoHosts, type DockerHost } from './docker-hosts.js';
import { newId, shortId, tempPeerName, vethName } from './ids.js';
import { contains, formatSubnet, gatewayOf, overlaps, parseSubnet, type Subnet } from './ipam.js';
import { Rollback } from './rollback.js';
import type { Endpoint, NetworkRecord, RuntimeState } from './state.js';
import { bridgeBatch, failpoint, ipBatch, ipQuiet, type Tracer, type Where } from './steps.js';
import { loadSwarm, saveSwarm, SWARM_FILE, type SwarmEndpoint } from './swarm.js';
import { untilForwarding } from './port-state.js';

/** VXLAN's 50 bytes (outer Ethernet 14, IPv4 20, UDP 8, VXLAN 8) off the LAN's 1500. */
export const OVERLAY_MTU = 1450;
export const VXLAN_PORT = 4789;
/** Docker's first VXLAN id (its allocator starts there; 1–4095 are left to VLAN-minded users). */
export const FIRST_VNI = 4096;

const daemonError = (msg: string) => new DockerError(`Error response from daemon: ${msg}`, 1);

export const overlayBridgeName = (networkId: string): string => `ov-${shortId(networkId)}`;
export const vxlanName = (vni: number): string => `vxlan${vni}`;

/** What each host runs to build the network. Pure. */
export function overlayBuildLines(net: NetworkRecord): string[] {
  const { vni, vxlan } = net.overlay!;
  return [
    `link add ${net.bridge} type bridge`,
    `link add ${vxlan} type vxlan id ${vni} dstport ${VXLAN_PORT} dev eth0 nolearning proxy`,
    `link set ${vxlan} mtu ${OVERLAY_MTU}`,
    `link set ${vxlan} master ${net.bridge}`,
    `link set ${vxlan} up`,
    `link set ${net.bridge} up`,
  ];
}

/** What tells a host that `ep` is behind the VXLAN endpoint ep.hostIp. Pure. */
export function peerLines(ep: SwarmEndpoint, vxlan: string, op: 'add' | 'del'): { fdb: string; neigh: string } {
  return op === 'add'
    ? { fdb: `fdb add ${ep.mac} dev ${vxlan} dst ${ep.hostIp} self permanent`, neigh: `neigh replace ${ep.ip} lladdr ${ep.mac} dev ${vxlan} nud permanent` }
    : { fdb: `fdb del ${ep.mac} dev ${vxlan} dst ${ep.hostIp} self`, neigh: `neigh del ${ep.ip} dev ${vxlan}` };
}

/** The first VNI no overlay network holds. Pure. */
export function nextVni(networks: readonly NetworkRecord[]): number {
  const used = new Set(networks.map((n) => n.overlay?.vni));
  let vni = FIRST_VNI;
  while (used.has(vni)) vni++;
  return vni;
}

/** The first 10.0.N.0/24 (N from 1) that overlaps none in use: Docker's default pool for
 * swarm networks is 10.0.0.0/8 in /24s (10.0.0.0/24 is its ingress network's). Pure. */
export function nextOverlaySubnet(inUse: readonly Subnet[]): Subnet | undefined {
  for (let n = 1; n < 256; n++) {
    const s = parseSubnet(`10.0.${n}.0/24`);
    if (!inUse.some((u) => overlaps(u, s))) return s;
  }
  return undefined;
}

/** How this process reaches a host: at once for its own, by its namespace file otherwise. */
function at(host: DockerHost): Where {
  return host === currentHost() ? undefined : host.netns;
}

function on(host: DockerHost): string {
  return host === currentHost() ? `${host.name} (this host)` : host.name;
}

export interface OverlayCreate {
  name: string;
  subnet?: string;
  gateway?: string;
  options: string[];
}

export async function createOverlayNetwork(state: RuntimeState, req: OverlayCreate, tracer: Tracer): Promise<NetworkRecord> {
  if (!twoHosts()) {
    throw daemonError('This node is not a swarm manager. An overlay network spans several Docker hosts; this lab has one. Start one with two: `nslab sandbox --preset two-hosts` (a lesson: `preset: two-hosts`).');
  }
  const { name } = req;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw daemonError(`invalid network name "${name}": use letters, digits, _ . and -`);
  if (state.networks.some((n) => n.name === name)) throw daemonError(`network with name ${name} already exists`);
  if (req.options.length) throw daemonError(`nslab's overlay driver takes no -o options (not ${req.options.map((o) => `-o ${o}`).join(' ')}): encryption and a custom VNI are not offered`);
  const inUse = [parseSubnet('192.168.0.0/24'), ...state.networks.filter((n) => n.subnet).map((n) => parseSubnet(n.subnet!))];
  let subnet: Subnet | undefined;
  if (req.subnet !== undefined) {
    try {
      subnet = parseSubnet(req.subnet);
    } catch (e) {
      throw daemonError((e as Error).message);
    }
    if (subnet.prefixlen > 30) throw daemonError(`subnet ${req.subnet} is too small: it needs room for a gateway and a container (/30 at most)`);
    if (inUse.some((u) => overlaps(u, subnet!))) throw daemonError('Pool overlaps with other one on this address space');
  } else {
    subnet = nextOverlaySubnet(inUse);
    if (!subnet) throw daemonError('could not find an available, non-overlapping IPv4 address pool for the overlay network: give one with --subnet');
  }
  const gateway = req.gateway ?? gatewayOf(subnet);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(gateway) || !contains(subnet, gateway)) throw daemonError(`invalid gateway ${gateway}: give an address inside ${formatSubnet(subnet)}`);
  const id = newId();
  const vni = nextVni(state.networks);
  const net: NetworkRecord = {
    id, name, driver: 'overlay', bridge: overlayBridgeName(id), subnet: formatSubnet(subnet), gateway,
    created: new Date().toISOString(), builtin: false, overlay: { vni, vxlan: vxlanName(vni) },
  };
  tracer.note(`overlay network ${name}: swarm scope. nslab plays the swarm's key-value store: the network goes into ${SWARM_FILE}, which the docker of every host reads, and is built on every host, as a swarm manager has each node do`);
  const rollback = new Rollback();
  try {
    for (const host of labHosts()) {
      tracer.note(`on ${on(host)}: a bridge ${net.bridge} (no address: the host is not on the overlay) and the VXLAN ${net.overlay!.vxlan}, VNI ${vni}, UDP port ${VXLAN_PORT} over eth0, MTU ${OVERLAY_MTU} (the LAN's 1500 less VXLAN's 50 bytes), learning off: the store says where each MAC is`);
      rollback.push(`delete ${net.bridge} on ${host.name}`, async () => {
        await ipQuiet(tracer, `link del ${net.overlay!.vxlan}`, at(host));
        await ipQuiet(tracer, `link del ${net.bridge}`, at(host));
      });
      failpoint('overlay');
      await ipBatch(tracer, `building the overlay on ${host.name}`, overlayBuildLines(net), at(host));
    }
    const store = loadSwarm();
    store.networks.push(net);
    saveSwarm(store);
    state.networks.push(net);
    rollback.commit();
    return net;
  } catch (e) {
    await rollback.unwind();
    throw e;
  }
}

export async function removeOverlayNetwork(net: NetworkRecord, tracer: Tracer): Promise<void> {
  const store = loadSwarm();
  const busy = store.endpoints.filter((e) => e.networkId === net.id);
  if (busy.length) {
    throw daemonError(`error while removing network: network ${net.name} id ${net.id} has active endpoints (on ${[...new Set(busy.map((e) => e.host))].join(', ')})`);
  }
  tracer.note(`overlay network ${net.name}: out of the store, and its VXLAN and bridge deleted on every host`);
  for (const host of labHosts()) {
    await ipQuiet(tracer, `link del ${net.overlay!.vxlan}`, at(host));
    await ipQuiet(tracer, `link del ${net.bridge}`, at(host));
  }
  saveSwarm({ networks: store.networks.filter((n) => n.id !== net.id), endpoints: store.endpoints });
}

/** The addresses of the overlay's containers on every host (the store's): a new one must
 * take none of them. */
export function overlayTaken(net: NetworkRecord): Map<string, string> {
  return new Map(loadSwarm().endpoints.filter((e) => e.networkId === net.id).map((e) => [e.ip, `a container's on ${e.host}`]));
}

async function tellPeers(sep: SwarmEndpoint, vxlan: string, op: 'add' | 'del', tracer: Tracer): Promise<void> {
  for (const host of labHosts()) {
    if (host.name === sep.host) continue;
    const lines = peerLines(sep, vxlan, op);
    if (op === 'add') {
      await bridgeBatch(tracer, `telling ${host.name} where ${sep.mac} is`, [lines.fdb], at(host));
      await ipBatch(tracer, `telling ${host.name} the MAC of ${sep.ip}`, [lines.neigh], at(host));
    } else {
      await ipQuiet(tracer, lines.fdb, at(host), 'bridge');
      await ipQuiet(tracer, lines.neigh, at(host));
    }
  }
}

/** Wires one container into an overlay network, and tells the other hosts where it is. */
export async function attachOverlay(req: AttachRequest, tracer: Tracer, rollback: Rollback): Promise<Endpoint> {
  const net = req.network;
  const me = currentHost()!;
  const hostIf = vethName();
  const tmp = tempPeerName();
  const ep: Endpoint = { ...endpointFor(net, req.ip, req.ifname, hostIf), kind: 'overlay' };
  tracer.note(`a veth pair: ${hostIf} joins ${net.bridge}; ${tmp} moves into the container (pid ${req.pid}). Both ends get the overlay's MTU, ${OVERLAY_MTU}: a full 1500-byte packet would not fit in the VXLAN`);
  rollback.push(`delete ${hostIf}`, () => ipQuiet(tracer, `link del ${hostIf}`));
  failpoint('veth');
  await ipBatch(tracer, 'creating the veth pair', [
    `link add ${hostIf} mtu ${OVERLAY_MTU} type veth peer name ${tmp} mtu ${OVERLAY_MTU}`,
    `link set ${tmp} netns ${req.pid}`,
    ...plugLines(hostIf, net.bridge!),
  ]);
  tracer.note(`inside the container: ${tmp} becomes ${ep.ifname}, address ${ep.ip}/${ep.prefixlen}; no default route through the overlay (Docker gives overlay containers their way out through docker_gwbridge, which nslab leaves out)`);
  failpoint('container-net');
  await ipBatch(tracer, 'configuring the container side', containerSideLines(tmp, ep, false, req.ifname === 'eth0'), req.pid);
  await untilForwarding(hostIf);
  const sep: SwarmEndpoint = { networkId: net.id, endpointId: ep.endpointId, host: me.name, hostIp: me.ip, mac: ep.mac, ip: ep.ip };
  tracer.note(`the store learns that ${ep.mac} (${ep.ip}) is on ${me.name}, ${me.ip}; every other host gets a static FDB entry (that MAC → VXLAN endpoint ${me.ip}) and a permanent neighbour entry, so no ARP has to cross the tunnel`);
  rollback.push('tell the other hosts it is gone', () => leaveOverlay(ep, tracer));
  await tellPeers(sep, net.overlay!.vxlan, 'add', tracer);
  const store = loadSwarm();
  store.endpoints.push(sep);
  saveSwarm(store);
  return ep;
}

/** Takes an overlay endpoint out of the store and off the other hosts (its veth is the
 * caller's to delete). Gone already is fine. */
export async function leaveOverlay(ep: Endpoint, tracer: Tracer): Promise<void> {
  const store = loadSwarm();
  const sep = store.endpoints.find((e) => e.endpointId === ep.endpointId);
  const net = store.networks.find((n) => n.id === ep.networkId);
  if (!sep || !net) return;
  tracer.note(`the store forgets ${ep.mac} (${ep.ip}); the other hosts' FDB and neighbour entries for it go`);
  await tellPeers(sep, net.overlay!.vxlan, 'del', tracer);
  saveSwarm({ networks: store.networks, endpoints: store.endpoints.filter((e) => e !== sep) });
}
