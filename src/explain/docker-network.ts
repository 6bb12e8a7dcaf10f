// `docker network inspect NAME`: JSON, but read line by line with a stack of keys so that
// the abridged copies found in blog posts ("... ...") still explain line by line.
import { describeIpv4Net, describeMac } from './net.js';
import { clean } from './text.js';
import { Annotations, type Context, type Explainer } from './types.js';

export interface DockerNetwork {
  line: number;
  name?: string;
  id?: string;
  driver?: string;
  scope?: string;
  subnets: { line: number; subnet: string; gateway?: string }[];
  containers: { line: number; id: string; name?: string; mac?: string; ipv4?: string; ipv6?: string }[];
  options: Record<string, string>;
  /** Every "key": value line with its path, for line-by-line notes. */
  fields: { line: number; path: string[]; key: string; value: string }[];
  emptyContainersLine?: number;
  /** Lines that are only JSON structure: brackets, and keys that open an object or list. */
  structure: number[];
}

const FIELD = /^\s*"([^"]*)"\s*:\s*(.*?)\s*,?\s*$/;

export function parseDockerNetworkInspect(lines: readonly string[]): DockerNetwork[] {
  const nets: DockerNetwork[] = [];
  const stack: string[] = [];
  let net: DockerNetwork | undefined;
  lines.forEach((raw, i) => {
    const line = clean(raw);
    const t = line.trim();
    if (t === '') return;
    const f = FIELD.exec(line);
    if (f) {
      const [, key, rest] = f;
      if (rest === '{' || rest === '[') {
        net?.structure.push(i);
        if (net && rest === '{' && stack[stack.length - 1] === 'Containers') net.containers.push({ line: i, id: key });
        stack.push(key);
        return;
      }
      if (rest === '{}' || rest === '[]') {
        if (key === 'Containers' && net) net.emptyContainersLine = i;
      }
      if (!net) return;
      const value = rest.replace(/,$/, '').replace(/^"(.*)"$/, '$1');
      net.fields.push({ line: i, path: [...stack], key, value });
      const parent = stack[stack.length - 1];
      if (stack.length === 1) {
        if (key === 'Name') net.name = value;
        if (key === 'Id') net.id = value;
        if (key === 'Driver') net.driver = value;
        if (key === 'Scope') net.scope = value;
      }
      if (parent === '' && stack.includes('Config')) {
        if (key === 'Subnet') net.subnets.push({ line: i, subnet: value });
        if (key === 'Gateway') {
          const last = net.subnets[net.subnets.length - 1];
          if (last) last.gateway = value;
          else net.subnets.push({ line: i, subnet: '', gateway: value });
        }
      }
      const c = net.containers[net.containers.length - 1];
      if (c && stack[stack.length - 1] === c.id) {
        if (key === 'Name') c.name = value;
        if (key === 'MacAddress') c.mac = value;
        if (key === 'IPv4Address') c.ipv4 = value;
        if (key === 'IPv6Address') c.ipv6 = value;
      }
      if (parent === 'Options' && stack.length <= 3) net.options[key] = value;
      return;
    }
    if (t === '[') {
      stack.length = 0;
      return;
    }
    if (t === '{') {
      if (stack.length === 0) {
        net = { line: i, subnets: [], containers: [], options: {}, fields: [], structure: [] };
        nets.push(net);
      }
      net?.structure.push(i);
      stack.push('');
      return;
    }
    if (/^[}\]],?$/.test(t)) {
      net?.structure.push(i);
      stack.pop();
    }
  });
  return nets;
}

const OPTIONS: Record<string, string> = {
  'com.docker.network.bridge.name': 'the Linux bridge behind this network',
  'com.docker.network.bridge.enable_ip_masquerade': 'whether Docker adds the MASQUERADE rule for this subnet',
  'com.docker.network.bridge.enable_icc': 'whether containers on this bridge may talk to each other',
  'com.docker.network.bridge.host_binding_ipv4': 'the host address published ports listen on (0.0.0.0 = all)',
  'com.docker.network.bridge.default_bridge': 'true for the default network, docker0',
  'com.docker.network.driver.mtu': 'the MTU of the bridge and the containers\' interfaces',
  parent: 'the host interface the containers\' macvlans are stacked on: their frames leave by its wire, each with the container\'s own MAC (a name like eth0.10 is an 802.1q VLAN sub-interface: trunk mode)',
  macvlan_mode: 'how macvlans on the same parent may reach each other (bridge: directly; private: not at all; vepa: through the outside switch; passthru: one only)',
  'com.docker.network.driver.overlay.vxlanid_list': 'the VXLAN network id (VNI) of this overlay: every host\'s VXLAN device for it carries this id (`ip -d link` shows vxlan id N), which keeps its frames apart from other overlays\' on the same LAN',
};

export function annotateDockerNetwork(nets: DockerNetwork[], ctx: Context): Annotations {
  const out = new Annotations();
  for (const n of nets) {
    out.mark(n.line);
    for (const s of n.structure) out.mark(s);
    for (const f of n.fields) {
      const top = f.path.length === 1;
      const inContainer = n.containers.some((c) => f.path.includes(c.id));
      const v = f.value;
      const macvlan = n.driver === 'macvlan';
      const overlay = n.driver === 'overlay';
      let text: string | undefined;
      let weight: 0 | 1 | 2 | 3 = 0;
      const peer = f.path.includes('Peers');
      if (peer && f.key === 'Name') text = `Peer ${v}: a Docker host that has this network (the swarm tells each host the others).`;
      else if (peer && f.key === 'IP') {
        text = `IP ${v}: that host's address on the LAN, the far end of the VXLAN tunnels: frames for its containers go to UDP port 4789 there.`;
        weight = 1;
      } else if (top && f.key === 'Name' && overlay) {
        text = `Name ${v}: an overlay network (docker run --network ${v}), one layer-2 network across the swarm's hosts: containers on different hosts share its subnet.`;
        weight = 1;
      } else if (top && f.key === 'Id' && overlay) {
        text = `Id: the network's unique id, the same on every host; each host's bridge for it is ov- plus the first 12 characters: ov-${v.slice(0, 12)} (nslab's name; Docker keeps its bridge in a namespace of its own).`;
        weight = 1;
      } else if (f.key === 'Gateway' && !inContainer && overlay) {
        text = `Gateway ${v}: the subnet's gateway in Docker's address plan; overlay containers do not route through it (Docker sends them out through docker_gwbridge, which nslab leaves out).`;
        weight = 1;
      } else if (f.key === 'Internal' && overlay && v === 'false') {
        text = 'Internal false: with Docker, containers reach the outside through a second interface on docker_gwbridge; nslab\'s overlay containers reach each other only.';
      } else if (top && f.key === 'Name') {
        text = v === 'bridge' ? 'Name bridge: the default network; containers join it when no --net is given. Its Linux bridge is docker0.'
          : v === 'host' || v === 'none' ? `Name ${v}: the network's name (docker run --net=${v}).`
          : `Name ${v}: a user-defined network (docker run --network ${v}). Unlike the default bridge, its containers find each other by name (through 127.0.0.11), and it is isolated from the other bridge networks.`;
        weight = 1;
      } else if (top && f.key === 'Id') {
        const userBridge = !macvlan && n.driver === 'bridge' && n.name !== 'bridge' && /^[0-9a-f]{12}/.test(v);
        text = macvlan
          ? 'Id: the network\'s unique id; a macvlan network has no device of its own, only the containers\' macvlans.'
          : userBridge ? `Id: the network's unique id. Its Linux bridge is named br- plus the first 12 characters: br-${v.slice(0, 12)} (see ip a, brctl show).` : 'Id: the network\'s unique id; a user-defined bridge network\'s Linux bridge is named br- plus its first 12 characters.';
        weight = userBridge ? 2 : 0;
      }
      else if (top && f.key === 'Driver') {
        const drivers: Record<string, string> = { bridge: 'a Linux bridge on this host, containers plugged in with veth pairs, NAT to the outside', host: 'no isolation: the container uses the host\'s network namespace', null: 'no network: the container gets only lo', overlay: 'VXLAN tunnels between hosts', macvlan: 'macvlan interfaces on a host NIC, containers appear on the physical LAN' };
        text = `Driver ${v}: ${drivers[v] ?? 'the plugin that implements the network'}.`;
        weight = 1;
      } else if (top && f.key === 'Scope') text = v === 'local' ? 'Scope local: the network exists on this host only.' : `Scope ${v}: the network spans the ${v}.`;
      else if (f.key === 'Driver' && f.path.includes('IPAM')) text = 'IPAM Driver default: Docker\'s built-in address manager hands out the addresses.';
      else if (f.key === 'Subnet') {
        const [a, p] = v.split('/');
        const pool = n.name !== 'bridge' && /^172\.(1[89]|2\d|3[01])\.0\.0\/16$/.test(v) ? ' Without --subnet, Docker takes the next free /16 of its default pools: 172.18.0.0/16, then 172.19.0.0/16, …' : '';
        text = `Subnet ${v}: containers get addresses from ${describeIpv4Net(a, Number(p))}.${pool}`;
        weight = 2;
      } else if (f.key === 'Gateway' && !inContainer && macvlan) {
        text = `Gateway ${v}: a router on the parent's LAN, not an address of this host: the containers' default route goes straight to it.`;
        weight = 1;
      } else if (f.key === 'Gateway' && !inContainer) {
        text = `Gateway ${v}: the bridge's own address, the containers' default route${n.name === 'bridge' ? ' (docker0)' : n.id ? ` (br-${n.id.slice(0, 12)})` : ''}.`;
        weight = 1;
      } else if (inContainer && f.key === 'Name') text = `The container ${v} is attached to this network.`;
      else if (f.key === 'EndpointID') text = `EndpointID: Docker's id for this attachment (one ${macvlan ? 'macvlan interface' : 'veth pair'}).`;
      else if (f.key === 'MacAddress' && v && macvlan) {
        const m = describeMac(v);
        text = `MacAddress ${v}: the container's own MAC on the LAN${m ? ` (${m})` : ''}; the router's neighbour table (\`ip neigh\`) pairs it with the IPv4Address below.`;
        weight = 1;
      } else if (f.key === 'MacAddress' && v) {
        const m = describeMac(v);
        text = `MacAddress ${v}${m ? `: ${m}` : ''}.`;
      } else if (f.key === 'IPv4Address' && v) {
        const c = n.containers.find((x) => f.path.includes(x.id));
        const live = ctx.state?.containers.find((x) => x.name === c?.name);
        text = `IPv4Address ${v}: the address of ${c?.name ?? 'the container'}'s interface on this network (eth0 for its first network, eth1 … for those it was connected to later), with the subnet's prefix.${live && live.ip && `${live.ip}` !== v.split('/')[0] ? ` (the lab now shows ${live.ip})` : ''}`;
        weight = 2;
      } else if (f.key === 'IPv6Address') text = v ? `IPv6Address ${v}.` : 'IPv6Address empty: IPv6 is not enabled on this network.';
      else if (f.path[f.path.length - 1] === 'Options' && OPTIONS[f.key]) text = `${f.key} = ${v}: ${OPTIONS[f.key]}.`;
      else if (f.key === 'Internal') text = v === 'true' ? 'Internal true: no route to the outside (no NAT).' : macvlan ? 'Internal false: containers reach the outside through the LAN\'s router, with their own addresses (no NAT on this host).' : 'Internal false: containers may reach the outside through NAT.';
      else if (f.key === 'EnableIPv6') text = `EnableIPv6 ${v}.`;
      else if (top && f.key === 'Options' && v === '{}') text = 'Options {}: no driver options given, so the defaults: a bridge named br-<id>, masquerade on, containers on it may talk to each other.';
      else if (f.key === 'Containers' && (v === '{}')) {
        text = macvlan
          ? 'Containers {}: no container is attached yet, so the kernel holds nothing of this network: each container\'s macvlan is made when it joins.'
          : `Containers {}: no container is attached yet (${n.name === 'bridge' || !n.id ? 'docker0' : `br-${n.id.slice(0, 12)}`} shows NO-CARRIER).`;
        weight = 3;
      } else if (f.key === 'Attachable' || f.key === 'Ingress' || f.key === 'Created' || f.key === 'ConfigOnly') text = `${f.key}: ${v}.`;
      if (text) out.add(f.line, text, weight);
      else out.mark(f.line);
    }
    if (n.containers.length > 0) {
      const c = n.containers[0];
      out.add(c.line, `${n.containers.length} container(s) attached; each entry is keyed by the container's full id.`, n.containers.length > 0 ? 2 : 0);
    }
  }
  return out;
}

export const dockerNetworkExplainer: Explainer<DockerNetwork[]> = {
  id: 'docker-network-inspect',
  names: ['docker network inspect'],
  parse: parseDockerNetworkInspect,
  annotate: annotateDockerNetwork,
};
