// The lab's kernel state as plain data: what checks, explainers and the topology drawing
// read. Produced by snapshot.ts from `ip -j`, `bridge -j`, iptables-save and /proc/sys;
// built by hand in tests. Nothing here does I/O.

/** Where a network namespace comes from, which decides how a learner refers to it. */
export type NetnsKind =
  | 'host' // the lab's own namespace: plays the Docker host
  | 'outside' // the router and the public host 203.0.113.10; not listed by `ip netns`
  | 'named' // listed by `ip netns` (/run/netns/NAME), made by the learner or a symlink
  | 'container' // a container of the runtime (docker run), by its name
  | 'docker-host'; // another Docker host of the two-hosts preset: host2

export interface Netns {
  /** Stable id used everywhere else in the snapshot: 'host', 'outside', the netns name,
   * or 'container:NAME'. One namespace can have several names (a container exposed with
   * `ln -s /proc/PID/ns/net /run/netns/X`): it is listed once, under its first id. */
  id: string;
  kind: NetnsKind;
  /** Every name a learner may use for it: ['net1'], ['c1', '3f2a…'], ['host']. */
  names: string[];
  /** A path that nsenter --net= accepts, e.g. /run/netns/net1 or /proc/123/ns/net. */
  path: string;
  /** The namespace inode: equal inodes are the same namespace. */
  inode: number;
  /** The names `ip netns` lists it under (entries of /run/netns), when any: a container
   * exposed with `ln -s /proc/PID/ns/net /run/netns/X` has ['X'] here. */
  listed?: string[];
}

export type LinkKind =
  | 'loopback' | 'veth' | 'bridge' | 'vxlan' | 'macvlan' | 'tun' | 'tap' | 'dummy'
  | 'device' // a link with no linkinfo kind (a physical NIC, or one we cannot tell)
  | string;

export interface Address {
  family: 'inet' | 'inet6';
  /** The address without prefix, e.g. '172.17.0.2'. */
  local: string;
  prefixlen: number;
  broadcast?: string;
  scope: string; // 'global' | 'link' | 'host'
}

export interface Link {
  ns: string; // Netns.id
  ifindex: number;
  name: string;
  kind: LinkKind;
  mac?: string;
  mtu: number;
  /** Flags as the kernel prints them: ['BROADCAST','MULTICAST','UP','LOWER_UP']. */
  flags: string[];
  /** Administratively up (IFF_UP), whatever the carrier. */
  up: boolean;
  /** Carrier present (LOWER_UP). */
  lowerUp: boolean;
  operstate: string; // 'UP' | 'DOWN' | 'UNKNOWN' | 'LOWERLAYERDOWN'
  master?: string; // name of the bridge this link is a port of
  /** For veth and other stacked links: the ifindex of the peer / lower link. */
  peerIfindex?: number;
  /** For a veth: the other end, resolved across the lab's namespaces when found. */
  peer?: { ns: string; ifindex: number; name: string };
  /** `link-netnsid` as the kernel prints it: the peer's (or lower link's) namespace, as
   * numbered inside this link's namespace. Absent when both ends share a namespace. */
  linkNetnsid?: number;
  addresses: Address[];
}

export interface Route {
  ns: string;
  /** 'default' or a prefix such as '172.17.0.0/16' (a host route keeps /32). */
  dst: string;
  gateway?: string;
  dev?: string;
  protocol?: string;
  scope?: string;
  metric?: number;
  table: string; // 'main', 'local', …
  type?: string; // 'unicast' | 'local' | 'broadcast' | 'unreachable' | …
  prefsrc?: string;
  family?: 'inet' | 'inet6';
  /** Route flags as ip prints them, e.g. ['linkdown', 'onlink']. */
  flags?: string[];
}

export interface NatRule {
  ns: string;
  chain: string; // 'POSTROUTING', 'PREROUTING', 'DOCKER', …
  /** The rule as iptables-save prints it, without '-A CHAIN'. */
  spec: string;
  target: string; // 'MASQUERADE' | 'DNAT' | 'SNAT' | 'RETURN' | a chain | …
  source?: string; // -s, e.g. '172.17.0.0/16'
  destination?: string; // -d
  inIface?: string; // -i (a leading '!' kept: '!docker0')
  outIface?: string; // -o (a leading '!' kept)
  protocol?: string; // -p
  dport?: number; // --dport
  toDestination?: string; // --to-destination, e.g. '172.17.0.2:80'
  toSource?: string; // --to-source (SNAT), e.g. '192.168.0.11'
  toPorts?: string; // --to-ports (REDIRECT, MASQUERADE), e.g. '53'
}

export interface ContainerInfo {
  id: string; // 64 hex
  name: string;
  pid: number;
  running: boolean;
  /** 'bridge' | 'host' | 'none' | 'container:NAME' | a user-defined network's name. */
  networkMode: string;
  /** Netns.id of its network namespace ('host' for --net=host). */
  ns: string;
  ip?: string;
  /** The Docker host it runs on, when not the lab's own (host1): 'host2'. */
  host?: string;
}

/** A network of the lab's docker runtime (docker network ls): its bridge names a link. */
export interface DockerNetworkInfo {
  name: string;
  id: string;
  driver: string;
  /** The Linux bridge of a bridge network: docker0, br-<12 hex>. */
  bridge?: string;
  subnet?: string;
  gateway?: string;
}

export interface KernelState {
  namespaces: Netns[];
  links: Link[];
  routes: Route[];
  nat: NatRule[];
  /** Raw iptables-save output per namespace, for checks that need more than NAT. */
  iptablesSave: Record<string, string>;
  /** Selected sysctls per namespace: 'net.ipv4.ip_forward' → '1'. */
  sysctls: Record<string, Record<string, string>>;
  /** Bridge forwarding database entries per namespace (bridge -j fdb). */
  fdb: {
    ns: string; mac: string; dev: string; master?: string; permanent: boolean;
    dst?: string; // a vxlan entry's remote VTEP
    flags?: string[]; // 'self', 'extern_learn', … as bridge prints them
  }[];
  containers: ContainerInfo[];
  /** The runtime's networks; absent where no docker command ran yet. */
  dockerNetworks?: DockerNetworkInfo[];
  /** Per namespace: each nsid it numbers another namespace by (as `link-netnsid N` and
   * `ip netns list-id` print it) → that namespace's Netns.id, where it is one we read. */
  nsids?: Record<string, Record<number, string>>;
}
