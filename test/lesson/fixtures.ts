// Hand-built KernelState for check and question tests: small builders, and one lab that
// looks like the documents' Docker host after `docker run` of c1 plus a hand-made net1.
import type { Address, ContainerInfo, KernelState, Link, NatRule, Netns, Route } from '../../src/kernel/types.js';

export function netns(id: string, kind: Netns['kind'], names: string[] = [id]): Netns {
  return { id, kind, names, path: kind === 'host' ? '/proc/1/ns/net' : `/run/netns/${id}`, inode: 4026531000 + id.length };
}

export function addr(cidr: string, scope = 'global'): Address {
  const [local, p] = cidr.split('/');
  return { family: local.includes(':') ? 'inet6' : 'inet', local, prefixlen: Number(p), scope };
}

export function link(ns: string, ifindex: number, name: string, kind: string, opts: Partial<Link> = {}): Link {
  const up = opts.up ?? true;
  return {
    ns, ifindex, name, kind, mtu: 1500,
    flags: up ? ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'] : ['BROADCAST', 'MULTICAST'],
    up, lowerUp: up, operstate: up ? 'UP' : 'DOWN', addresses: [], ...opts,
  };
}

/** Two links joined as a veth pair (both sides' peer fields filled). */
export function vethPair(a: [ns: string, ifindex: number, name: string], b: [ns: string, ifindex: number, name: string], opts: { a?: Partial<Link>; b?: Partial<Link> } = {}): [Link, Link] {
  return [
    link(a[0], a[1], a[2], 'veth', { peerIfindex: b[1], peer: { ns: b[0], ifindex: b[1], name: b[2] }, ...opts.a }),
    link(b[0], b[1], b[2], 'veth', { peerIfindex: a[1], peer: { ns: a[0], ifindex: a[1], name: a[2] }, ...opts.b }),
  ];
}

export function route(ns: string, dst: string, opts: Partial<Route> = {}): Route {
  return { ns, dst, table: 'main', type: 'unicast', ...opts };
}

export function emptyState(): KernelState {
  return { namespaces: [netns('host', 'host')], links: [], routes: [], nat: [], iptablesSave: {}, sysctls: {}, fdb: [], containers: [] };
}

export function container(name: string, opts: Partial<ContainerInfo> = {}): ContainerInfo {
  return { id: name.padEnd(64, '0'), name, pid: 1000, running: true, networkMode: 'bridge', ns: `container:${name}`, ...opts };
}

const masquerade: NatRule = {
  ns: 'host', chain: 'POSTROUTING', spec: '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', target: 'MASQUERADE',
  source: '172.17.0.0/16', outIface: '!docker0',
};
const dnat: NatRule = {
  ns: 'host', chain: 'DOCKER', spec: '! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80', target: 'DNAT',
  inIface: '!docker0', protocol: 'tcp', dport: 8080, toDestination: '172.17.0.2:80',
};

/** host (eth0, docker0 with port veth1a2b3c4 ↔ eth0 in c1), net1 (veth1 DOWN ↔ veth1_p
 * on the host, no addresses), the outside, containers c1 (running, bridge) and c2 (stopped, none). */
export function dockerLab(): KernelState {
  const [hostEnd, c1Eth0] = vethPair(['host', 6, 'veth1a2b3c4'], ['container:c1', 5, 'eth0'], {
    a: { master: 'docker0' },
    b: { addresses: [addr('172.17.0.2/16')], mac: '02:42:ac:11:00:02' },
  });
  const [veth1, veth1p] = vethPair(['net1', 8, 'veth1'], ['host', 7, 'veth1_p'], { a: { up: false }, b: { addresses: [addr('10.0.0.1/24')] } });
  return {
    namespaces: [netns('host', 'host'), netns('outside', 'outside'), netns('net1', 'named'), netns('container:c1', 'container', ['c1', '3f2a9c']), netns('container:c2', 'container', ['c2'])],
    links: [
      link('host', 1, 'lo', 'loopback', { addresses: [addr('127.0.0.1/8', 'host')] }),
      link('host', 2, 'eth0', 'device', { mac: '08:00:27:70:b6:ef', addresses: [addr('192.168.0.11/24')] }),
      link('host', 3, 'docker0', 'bridge', { mac: '02:42:a8:64:6c:32', addresses: [addr('172.17.0.1/16')] }),
      hostEnd,
      veth1p,
      link('net1', 1, 'lo', 'loopback', { up: false }),
      veth1,
      link('container:c1', 1, 'lo', 'loopback'),
      c1Eth0,
      link('container:c2', 1, 'lo', 'loopback'),
    ],
    routes: [
      route('host', 'default', { gateway: '192.168.0.1', dev: 'eth0' }),
      route('host', '172.17.0.0/16', { dev: 'docker0', scope: 'link' }),
      route('host', '192.168.0.0/24', { dev: 'eth0', scope: 'link' }),
      route('host', '10.0.0.0/24', { dev: 'veth1_p', scope: 'link' }),
      route('host', '127.0.0.1', { dev: 'lo', table: 'local', type: 'local' }),
      route('container:c1', 'default', { gateway: '172.17.0.1', dev: 'eth0' }),
      route('container:c1', '172.17.0.0/16', { dev: 'eth0', scope: 'link' }),
    ],
    nat: [masquerade, dnat],
    iptablesSave: {},
    sysctls: { host: { 'net.ipv4.ip_forward': '1' }, net1: { 'net.ipv4.ip_forward': '0' } },
    fdb: [],
    containers: [container('c1', { ip: '172.17.0.2', pid: 4242 }), container('c2', { running: false, networkMode: 'none' })],
  };
}
