// User-defined bridge networks (`docker network create/rm/connect/disconnect`): a Linux
// bridge br-<12 hex> with the gateway address, Docker's masquerade rule for its subnet, its
// isolation from the other bridge networks (isolation.ts), and endpoints added to or removed
// from running containers.
import { attachFor, detachEndpoint } from './drivers.js';
import { removeOverlayNetwork } from './overlay-driver.js';
import { gatewayEndpoint, moveDefaultRoute } from './default-route.js';
import { isolateBridge, unisolateBridge } from './isolation.js';
import { contains, intToIp, subnetSize } from './ipam.js';
import { refreshEtcFiles } from './etc-files.js';
import { findNetwork } from './containers.js';
import { addressOn, removeMacvlanNetwork } from './macvlan-driver.js';
import { DockerError, noSuchNetwork } from './docker-error.js';
import { bridgeNameFor, hex, newId } from './ids.js';
import { formatSubnet, gatewayOf, nextFreeSubnet, overlaps, parseSubnet, type Subnet } from './ipam.js';
import { Rollback } from './rollback.js';
import type { ContainerRecord, NetworkRecord, RuntimeState } from './state.js';
import { failpoint, ipBatch, ipQuiet, iptables, iptablesRemove, type Tracer } from './steps.js';
import { isRunning } from './store.js';
import { useInternalDns } from './dns.js';

/** The lab's LAN: a user network must not take it. */
const LAB_LAN = '192.168.0.0/24';

const bridgeMac = (): string => `02:42:${hex(8).match(/../g)!.join(':')}`;

function natRules(net: NetworkRecord, op: '-A' | '-D'): string[] {
  return [
    `${op} POSTROUTING -s ${net.subnet} ! -o ${net.bridge} -j MASQUERADE`,
    `${op} DOCKER -i ${net.bridge} -j RETURN`,
  ];
}

export interface NetworkOptions {
  subnet?: string;
  gateway?: string;
}

/** --gateway: an address of the subnet other than its network and broadcast addresses. */
function checkGateway(gateway: string, subnet: Subnet): string {
  const inside = /^\d+\.\d+\.\d+\.\d+$/.test(gateway) && contains(subnet, gateway);
  const edge = gateway === intToIp(subnet.base) || gateway === intToIp(subnet.base + subnetSize(subnet) - 1);
  if (!inside || edge) throw new DockerError(`Error response from daemon: no matching subnet for gateway ${gateway}: give an address inside ${formatSubnet(subnet)}, other than its first and last`, 1);
  return gateway;
}

export async function createNetwork(state: RuntimeState, name: string, opts: NetworkOptions, tracer: Tracer): Promise<NetworkRecord> {
  const subnetArg = opts.subnet;
  if (opts.gateway !== undefined && subnetArg === undefined) throw new DockerError('every ip-range or gateway must have a corresponding subnet (add --subnet CIDR)', 1);
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw new DockerError(`Error response from daemon: invalid network name "${name}": use letters, digits, _ . and -`, 1);
  if (state.networks.some((n) => n.name === name)) throw new DockerError(`Error response from daemon: network with name ${name} already exists`, 1);
  const inUse: Subnet[] = [parseSubnet(LAB_LAN), ...state.networks.filter((n) => n.subnet).map((n) => parseSubnet(n.subnet!))];
  let subnet: Subnet;
  if (subnetArg) {
    try {
      subnet = parseSubnet(subnetArg);
    } catch (e) {
      throw new DockerError(`Error response from daemon: ${(e as Error).message}`, 1);
    }
    if (subnet.prefixlen > 30) throw new DockerError(`Error response from daemon: subnet ${subnetArg} is too small: it needs room for a gateway and a container (/30 at most)`, 1);
    if (inUse.some((u) => overlaps(u, subnet))) throw new DockerError('Error response from daemon: Pool overlaps with other one on this address space', 1);
  } else {
    const free = nextFreeSubnet(inUse);
    if (!free) throw new DockerError('Error response from daemon: could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network', 1);
    subnet = free;
  }
  const gateway = opts.gateway === undefined ? gatewayOf(subnet) : checkGateway(opts.gateway, subnet);
  const id = newId();
  const net: NetworkRecord = {
    id, name, driver: 'bridge', bridge: bridgeNameFor(id), subnet: formatSubnet(subnet), gateway,
    created: new Date().toISOString(), builtin: false,
  };
  const rollback = new Rollback();
  try {
    tracer.note(`network ${name}: a new bridge ${net.bridge} holding the gateway ${net.gateway}`);
    rollback.push(`delete ${net.bridge}`, () => ipQuiet(tracer, `link del ${net.bridge}`));
    failpoint('bridge');
    await ipBatch(tracer, 'creating the bridge', [
      `link add ${net.bridge} type bridge`,
      // Docker gives the bridge a MAC of its own (02:42 + 4 random bytes): brctl show then
      // shows a bridge id, and the bridge has NO-CARRIER until a container plugs in, as docker0.
      `link set ${net.bridge} address ${bridgeMac()}`,
      `addr add ${net.gateway}/${subnet.prefixlen} brd + dev ${net.bridge}`,
      `link set ${net.bridge} up`,
    ]);
    tracer.note(`masquerade what leaves ${net.subnet} through any other interface`);
    rollback.push('remove its nat rules', () => iptablesRemove(tracer, 'nat', natRules(net, '-D')));
    failpoint('network-nat');
    await iptables(tracer, 'adding the masquerade rule', 'nat', natRules(net, '-A'));
    tracer.note(`isolate ${net.bridge} from the other Docker bridges: what comes in by one and leaves by another is dropped`);
    rollback.push('remove its filter rules', () => unisolateBridge(net.bridge!, tracer));
    failpoint('network-isolation');
    await isolateBridge(net.bridge!, tracer);
    state.networks.push(net);
    rollback.commit();
    return net;
  } catch (e) {
    await rollback.unwind();
    throw e;
  }
}

export async function removeNetwork(state: RuntimeState, ref: string, tracer: Tracer): Promise<NetworkRecord> {
  const net = findNetwork(state, ref);
  if (!net) throw noSuchNetwork(ref);
  if (net.builtin) throw new DockerError(`Error response from daemon: ${net.name} is a pre-defined network and cannot be removed`, 1);
  if (state.containers.some((c) => c.endpoints.some((e) => e.networkId === net.id))) {
    throw new DockerError(`Error response from daemon: error while removing network: network ${net.name} id ${net.id} has active endpoints`, 1);
  }
  if (net.driver === 'macvlan') await removeMacvlanNetwork(net, tracer);
  else if (net.driver === 'overlay') await removeOverlayNetwork(net, tracer);
  else {
    tracer.note(`network ${net.name}: its nat and filter rules and its bridge go`);
    await iptablesRemove(tracer, 'nat', natRules(net, '-D'));
    await unisolateBridge(net.bridge!, tracer);
    await ipQuiet(tracer, `link del ${net.bridge}`);
  }
  state.networks = state.networks.filter((n) => n.id !== net.id);
  return net;
}

function nextIfname(c: ContainerRecord): string {
  const used = new Set(c.endpoints.map((e) => e.ifname));
  for (let i = 0; ; i++) if (!used.has(`eth${i}`)) return `eth${i}`;
}

export async function connect(state: RuntimeState, net: NetworkRecord, c: ContainerRecord, tracer: Tracer, aliases: string[] = []): Promise<void> {
  if (!isRunning(c)) throw new DockerError(`Error response from daemon: Container ${c.id} is not running`, 1);
  if (net.driver !== 'bridge' && net.driver !== 'macvlan' && net.driver !== 'overlay') throw new DockerError(`Error response from daemon: container cannot be disconnected from host network or connected to host network`, 1);
  if (c.networkMode === 'host' || c.networkMode === 'none' || c.sharedWith) {
    throw new DockerError(`Error response from daemon: container sharing network namespace with another container or host cannot be connected to any other network (its mode is ${c.networkMode})`, 1);
  }
  if (c.endpoints.some((e) => e.networkId === net.id)) throw new DockerError(`Error response from daemon: endpoint with name ${c.name} already exists in network ${net.name}`, 1);
  if (aliases.length && net.builtin) throw new DockerError('Error response from daemon: network-scoped alias is supported only for containers in user defined networks', 1);
  const ip = await addressOn(state, net, undefined);
  const rollback = new Rollback();
  try {
    const before = gatewayEndpoint(c.endpoints);
    const ep = await attachFor(net)({ network: net, pid: c.pid, ip, ifname: nextIfname(c), withDefaultRoute: false }, tracer, rollback);
    if (aliases.length) ep.aliases = aliases;
    await moveDefaultRoute(c.pid, before, gatewayEndpoint([...c.endpoints, ep]), tracer);
    c.endpoints.push(ep);
    if (!net.builtin) useInternalDns(c);
    refreshEtcFiles(c); // its /etc/hosts names the new address too, as Docker's does
    rollback.commit();
  } catch (e) {
    await rollback.unwind();
    throw new DockerError(((e as Error).message).replace(/^docker: /, ''), 1, { cause: e });
  }
}

export async function disconnect(net: NetworkRecord, c: ContainerRecord, tracer: Tracer): Promise<void> {
  const ep = c.endpoints.find((e) => e.networkId === net.id);
  if (!ep) throw new DockerError(`Error response from daemon: container ${c.id} is not connected to network ${net.name}`, 1);
  const before = gatewayEndpoint(c.endpoints);
  tracer.note(ep.kind === 'macvlan'
    ? `unplug ${c.name} from ${net.name}: delete its macvlan ${ep.ifname}, in the container`
    : `unplug ${c.name} from ${net.name}: delete ${ep.hostIf} (its peer ${ep.ifname} in the container goes with it)`);
  await detachEndpoint(ep, c.pid, true, tracer);
  c.endpoints = c.endpoints.filter((e) => e !== ep);
  await moveDefaultRoute(c.pid, before, gatewayEndpoint(c.endpoints), tracer);
  refreshEtcFiles(c);
}
