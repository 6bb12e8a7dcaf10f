// Docker's macvlan driver: no bridge and no NAT. Each container gets a macvlan link stacked
// on a host interface (the parent, e.g. eth0), with a MAC of its own, moved into the
// container as eth0: the container sits on the parent's LAN as one more machine. In bridge
// mode the macvlans on one parent reach each other and the LAN, but never the parent's own
// addresses (the kernel hands a macvlan's frames to the wire and its siblings, not to the
// parent's stack): the trait lesson 07 shows, and fixes with a macvlan of the host's own.
import { parseIpAddr } from '../kernel/parse-links.js';
import type { Link } from '../kernel/types.js';
import { run } from '../sandbox/exec.js';
import { containerSideLines, endpointFor, type AttachRequest } from './bridge-driver.js';
import { DockerError } from './docker-error.js';
import { newId, tempPeerName } from './ids.js';
import { allocateAddress, contains, formatSubnet, intToIp, ipToInt, overlaps, parseSubnet, requestAddress, subnetSize, gatewayOf, type Subnet } from './ipam.js';
import type { Rollback } from './rollback.js';
import type { Endpoint, NetworkRecord, RuntimeState } from './state.js';
import { failpoint, ipBatch, ipQuiet, type Tracer } from './steps.js';
import { overlayTaken } from './overlay-driver.js';

/** The modes the kernel's macvlan (and Docker's macvlan_mode option) know. */
export const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru'] as const;

const daemonError = (msg: string) => new DockerError(`Error response from daemon: ${msg}`, 1);

export interface MacvlanOptions {
  parent?: string;
  mode: string;
}

/** `-o parent=eth0 -o macvlan_mode=bridge` → the driver's options. Pure. */
export function parseMacvlanOptions(opts: string[]): MacvlanOptions {
  const out: MacvlanOptions = { mode: 'bridge' };
  for (const o of opts) {
    const eq = o.indexOf('=');
    const key = eq < 0 ? o : o.slice(0, eq);
    const value = eq < 0 ? '' : o.slice(eq + 1);
    if (key === 'parent') {
      if (!value) throw daemonError('-o parent needs an interface name: -o parent=eth0');
      out.parent = value;
    } else if (key === 'macvlan_mode') {
      if (!(MACVLAN_MODES as readonly string[]).includes(value)) throw daemonError(`requested macvlan mode '${value}' is not valid, 'bridge' mode is the macvlan driver default (the others: ${MACVLAN_MODES.slice(1).join(', ')})`);
      out.mode = value;
    } else {
      throw daemonError(`the macvlan driver takes -o parent=IFACE and -o macvlan_mode=MODE, not -o ${o}`);
    }
  }
  return out;
}

/** `eth0.10` → the interface eth0 and VLAN id 10: Docker's name for an 802.1q sub-interface. */
export function vlanSubinterface(name: string): { base: string; vid: number } | undefined {
  const m = /^(.+)\.(\d+)$/.exec(name);
  return m ? { base: m[1], vid: Number(m[2]) } : undefined;
}

/** The explanation for `parent=eth0.10` on a kernel without 802.1q. Pure. */
export function noVlanSupport(parent: string, base: string, vid: number): string {
  return [
    `-o parent=${parent} is macvlan's trunk mode: ${parent} would be an 802.1q VLAN sub-interface of ${base},`,
    `which tags every frame of this network with VLAN ${vid}, so that one host NIC carries several VLANs`,
    `(Docker makes it with \`ip link add link ${base} name ${parent} type vlan id ${vid}\`).`,
    `This kernel has no 802.1q VLAN support (CONFIG_VLAN_8021Q, the 8021q module): \`ip link add … type vlan\``,
    `answers "Unknown device type". Trunk mode cannot work in this lab; bridge mode can: -o parent=${base}.`,
  ].join('\n');
}

/** What makes `parent` unusable as a macvlan parent in this namespace, or undefined. Pure. */
export function parentProblem(parent: string, links: Link[]): string | undefined {
  const link = links.find((l) => l.name === parent);
  const usable = links.filter((l) => l.kind !== 'loopback' && !l.master && l.kind !== 'macvlan').map((l) => l.name);
  if (!link) return `-o parent=${parent}: the lab host has no interface ${parent} (\`ip link\` lists them; one that is not a bridge port will do: ${usable.join(', ') || 'none'})`;
  if (link.kind === 'loopback') return `-o parent=${parent}: the loopback interface carries no Ethernet frames; a macvlan needs an Ethernet parent such as eth0`;
  if (link.master) return `-o parent=${parent}: ${parent} is a port of the bridge ${link.master}, and the kernel refuses a macvlan on a bridge port (RTNETLINK answers: Device or resource busy). Pick an interface that is not enslaved: ${usable.join(', ')}`;
  if (link.kind === 'macvlan') return `-o parent=${parent}: ${parent} is itself a macvlan; give its parent instead`;
  return undefined;
}

async function hostLinks(): Promise<Link[]> {
  const r = await run(['ip', '-j', '-d', 'addr', 'show']);
  if (r.exitCode !== 0) throw daemonError(`cannot list the lab host's interfaces: ${r.stderr.trim()}`);
  return parseIpAddr(r.stdout, 'host');
}

export interface MacvlanCreate {
  name: string;
  subnet?: string;
  gateway?: string;
  options: string[];
}

function subnetOf(req: MacvlanCreate, state: RuntimeState): Subnet {
  if (!req.subnet) {
    throw daemonError(`a macvlan network's containers live on the parent's LAN, so nslab's docker needs its subnet: --subnet 192.168.0.0/24 --gateway 192.168.0.1 (the lab's LAN and its router; \`ip -4 addr show eth0\` shows it)`);
  }
  let subnet: Subnet;
  try {
    subnet = parseSubnet(req.subnet);
  } catch (e) {
    throw daemonError((e as Error).message);
  }
  if (subnet.prefixlen > 30) throw daemonError(`subnet ${req.subnet} is too small: it needs room for a gateway and a container (/30 at most)`);
  if (state.networks.some((n) => n.subnet && overlaps(parseSubnet(n.subnet), subnet))) throw daemonError('Pool overlaps with other one on this address space');
  return subnet;
}

function gatewayFor(req: MacvlanCreate, subnet: Subnet): string {
  const gw = req.gateway ?? gatewayOf(subnet);
  const n = /^\d+\.\d+\.\d+\.\d+$/.test(gw) ? ipToInt(gw) : NaN;
  if (Number.isNaN(n) || !contains(subnet, gw) || n === subnet.base || n === subnet.base + subnetSize(subnet) - 1) {
    throw daemonError(`invalid gateway ${gw}: it must be an address inside ${formatSubnet(subnet)}, such as ${intToIp(subnet.base + 1)}`);
  }
  return gw;
}

/** Makes the 802.1q sub-interface of trunk mode, as Docker does, or explains why not. */
async function makeVlan(parent: string, base: string, vid: number, links: Link[], tracer: Tracer): Promise<void> {
  const problem = parentProblem(base, links);
  if (problem) throw daemonError(problem.replace(`-o parent=${base}`, `-o parent=${parent}`));
  if (vid < 1 || vid > 4094) throw daemonError(`-o parent=${parent}: a VLAN id is 1 to 4094, not ${vid}`);
  tracer.note(`trunk mode: ${parent} is the 802.1q sub-interface of ${base} for VLAN ${vid}; it does not exist, so make it`);
  const line = `link add link ${base} name ${parent} type vlan id ${vid}`;
  tracer.command(`ip ${line}`);
  const r = await run(['ip', ...line.split(' ')]);
  if (r.exitCode === 0) {
    await ipBatch(tracer, 'bringing the VLAN sub-interface up', [`link set ${parent} up`]);
    return;
  }
  if (/Unknown device type/i.test(r.stderr)) throw daemonError(noVlanSupport(parent, base, vid));
  throw daemonError(`cannot make the VLAN sub-interface ${parent}: ${r.stderr.trim()}`);
}

export async function createMacvlanNetwork(state: RuntimeState, req: MacvlanCreate, tracer: Tracer): Promise<NetworkRecord> {
  const { name } = req;
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw daemonError(`invalid network name "${name}": use letters, digits, _ . and -`);
  if (state.networks.some((n) => n.name === name)) throw daemonError(`network with name ${name} already exists`);
  const opts = parseMacvlanOptions(req.options);
  if (!opts.parent) {
    throw daemonError('nslab\'s macvlan networks need a parent interface: -o parent=eth0 (Docker without one makes an internal network on a dummy link, which this lab does not offer)');
  }
  const parent = opts.parent;
  const subnet = subnetOf(req, state);
  const gateway = gatewayFor(req, subnet);
  const sharing = state.networks.find((n) => n.macvlan?.parent === parent);
  if (sharing) throw daemonError(`network ${sharing.name} is already using parent interface ${parent}`);
  const links = await hostLinks();
  const vlan = vlanSubinterface(parent);
  const madeVlan = !links.some((l) => l.name === parent) && vlan !== undefined;
  if (madeVlan) await makeVlan(parent, vlan.base, vlan.vid, links, tracer);
  else {
    const problem = parentProblem(parent, links);
    if (problem) throw daemonError(problem);
  }
  const net: NetworkRecord = {
    id: newId(), name, driver: 'macvlan', subnet: formatSubnet(subnet), gateway,
    created: new Date().toISOString(), builtin: false,
    macvlan: { parent, mode: opts.mode, ...(madeVlan ? { madeVlan } : {}) },
  };
  tracer.note(`network ${name}: macvlan on ${parent}, mode ${opts.mode}. Nothing is made until a container joins: each then gets a macvlan of its own on ${parent}, with its own MAC, an address in ${net.subnet} and ${gateway} as its gateway (no bridge, no NAT)`);
  state.networks.push(net);
  return net;
}

/** Removal: only the VLAN sub-interface the network made, if any, was ever the network's. */
export async function removeMacvlanNetwork(net: NetworkRecord, tracer: Tracer): Promise<void> {
  if (!net.macvlan?.madeVlan) return;
  tracer.note(`network ${net.name}: delete the VLAN sub-interface it made`);
  await ipQuiet(tracer, `link del ${net.macvlan.parent}`);
}

/** The addresses the lab already uses on the network's LAN, with who uses them: the lab
 * host's own (on the parent or any other interface), and the neighbours the parent has
 * met. Docker's IPAM knows none of them (on a real LAN one reserves them with
 * --aux-address or --ip-range); nslab's lab is small enough to ask the kernel. */
async function takenOnLan(net: NetworkRecord): Promise<Map<string, string>> {
  const subnet = parseSubnet(net.subnet!);
  const taken = new Map<string, string>();
  for (const l of await hostLinks()) {
    for (const a of l.addresses) if (a.family === 'inet' && contains(subnet, a.local)) taken.set(a.local, `the lab host's address on ${l.name}`);
  }
  const r = await run(['ip', '-j', '-4', 'neigh', 'show', 'dev', net.macvlan!.parent]);
  if (r.exitCode === 0) {
    for (const n of JSON.parse(r.stdout || '[]') as { dst?: string; lladdr?: string }[]) {
      if (n.dst && n.lladdr && contains(subnet, n.dst) && !taken.has(n.dst)) taken.set(n.dst, `in use on the LAN (the lab host's neighbour ${n.lladdr})`);
    }
  }
  return taken;
}

/** The container's address on a network: the one asked for with --ip, or the next free. */
export async function addressOn(state: RuntimeState, net: NetworkRecord, requested: string | undefined): Promise<string> {
  const taken = net.driver === 'macvlan' ? await takenOnLan(net) : net.driver === 'overlay' ? overlayTaken(net) : new Map<string, string>();
  return requested ? requestAddress(state, net, requested, taken) : allocateAddress(state, net, taken.keys());
}

/** Wires one container into a macvlan network; pushes the undo before each change. */
export async function attachMacvlan(req: AttachRequest, tracer: Tracer, rollback: Rollback): Promise<Endpoint> {
  const { parent, mode } = req.network.macvlan!;
  const tmp = tempPeerName();
  const ep: Endpoint = { ...endpointFor(req.network, req.ip, req.ifname, ''), kind: 'macvlan' };
  tracer.note(`a macvlan ${tmp} on ${parent} (mode ${mode}): one more MAC on ${parent}'s wire; it moves into the container (pid ${req.pid})`);
  rollback.push(`delete ${tmp}`, () => ipQuiet(tracer, `link del ${tmp}`));
  rollback.push(`delete ${tmp} in the container`, () => ipQuiet(tracer, `link del ${tmp}`, req.pid));
  rollback.push(`delete ${ep.ifname} in the container`, () => ipQuiet(tracer, `link del ${ep.ifname}`, req.pid));
  failpoint('macvlan');
  await ipBatch(tracer, 'creating the macvlan', [`link add ${tmp} link ${parent} type macvlan mode ${mode}`, `link set ${tmp} netns ${req.pid}`]);
  tracer.note(`inside the container: ${tmp} becomes ${ep.ifname}, MAC ${ep.mac}, address ${ep.ip}/${ep.prefixlen}${req.withDefaultRoute ? `, default route via ${ep.gateway}` : ''}`);
  failpoint('container-net');
  await ipBatch(tracer, 'configuring the container side', containerSideLines(tmp, ep, req.withDefaultRoute, req.ifname === 'eth0'), req.pid);
  return ep;
}

/** Unplugs a macvlan endpoint: its link lives in the container; gone already is fine. */
export async function detachMacvlan(ep: Endpoint, pid: number, tracer: Tracer): Promise<void> {
  await ipQuiet(tracer, `link del ${ep.ifname}`, pid);
}
