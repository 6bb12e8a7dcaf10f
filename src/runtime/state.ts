// The runtime's records, as kept on disk (JSON). A container's kernel objects (its
// process, veth pairs, NAT rules) are named here so that rm can undo exactly them.

export interface NetworkRecord {
  id: string;
  name: string;
  driver: 'bridge' | 'host' | 'null' | 'macvlan' | 'overlay';
  /** The Linux bridge behind a bridge network: docker0, or br-<12 hex> for user networks. */
  bridge?: string;
  subnet?: string;
  gateway?: string;
  created: string; // ISO time
  /** bridge, host and none: made at "daemon start", cannot be removed. */
  builtin: boolean;
  /** A macvlan network: the host interface its containers' macvlans sit on, their mode,
   * and the 802.1q sub-interface the network made for `parent=eth0.10` (removed with it). */
  macvlan?: { parent: string; mode: string; madeVlan?: boolean };
  /** An overlay network (swarm scope): its VXLAN's id and device, on every Docker host. */
  overlay?: { vni: number; vxlan: string };
}

export interface Endpoint {
  networkId: string;
  networkName: string;
  endpointId: string;
  /** Interface name inside the container (eth0, eth1, …). */
  ifname: string;
  /** Host end of the veth pair (vethXXXXXXX); empty for a macvlan, which has none. */
  hostIf: string;
  /** 'macvlan': the container's interface is a macvlan on the network's parent.
   * 'overlay': a veth into the overlay's bridge, known to the other hosts (swarm.ts). */
  kind?: 'macvlan' | 'overlay';
  ip: string;
  prefixlen: number;
  gateway: string;
  mac: string;
  /** --network-alias / connect --alias: more names the network's resolver answers for it. */
  aliases?: string[];
}

/** How a container on a user-defined network finds the others by name (dns.ts): its own
 * resolver on 127.0.0.11 (dnsmasq, pid), or, where that cannot run, its /etc/hosts. */
export interface ResolverRecord {
  mode: 'dnsmasq' | 'hosts';
  pid?: number;
}

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  proto: 'tcp';
  /** The endpoint (container address) the DNAT rule points at. */
  ip: string;
  bridge: string;
}

export interface ContainerRecord {
  id: string;
  name: string;
  image: string;
  /** The image's ENTRYPOINT (nginx: /docker-entrypoint.sh), shown before cmd; absent: none. */
  entrypoint?: string[];
  cmd: string[];
  created: string;
  startedAt: string;
  finishedAt?: string;
  /** The process that holds the container's namespaces (`sleep infinity` after hostname). */
  pid: number;
  running: boolean;
  exitCode: number;
  hostname: string;
  /** As given: 'bridge' | 'host' | 'none' | 'container:<id>' | a user network's name. */
  networkMode: string;
  /** For container:X, the id of X. */
  sharedWith?: string;
  endpoints: Endpoint[];
  ports: PortMapping[];
  /** Helper processes living in the container (the HTTP servers behind -p): killed on rm. */
  helpers: number[];
  tty: boolean;
  interactive: boolean;
  autoRemove: boolean;
  /** Set once the container joins a user-defined network (Docker then starts its resolver). */
  resolver?: ResolverRecord;
}

export interface RuntimeState {
  version: 1;
  networks: NetworkRecord[];
  containers: ContainerRecord[];
}
