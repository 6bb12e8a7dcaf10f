// Docker's output shapes, pure: `docker inspect` and `docker network inspect` JSON (the
// fields the documents show, in Docker's order), and the `ps` / `network ls` tables.
import { etcOwnerId, etcPaths } from './etc-files.js';
import { shortId } from './ids.js';
import type { ContainerRecord, Endpoint, NetworkRecord, RuntimeState } from './state.js';

/** `dnsNames`: what the network's resolver answers for the container (user-defined
 * networks only; Docker 25 and later show them). */
function endpointJson(ep: Endpoint, dnsNames: string[] | null = null): Record<string, unknown> {
  return {
    IPAMConfig: null, Links: null, Aliases: ep.aliases?.length ? ep.aliases : null,
    NetworkID: ep.networkId, EndpointID: ep.endpointId, Gateway: ep.gateway,
    IPAddress: ep.ip, IPPrefixLen: ep.prefixlen, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    MacAddress: ep.mac, DriverOpts: null, DNSNames: dnsNames,
  };
}


/** One container as `docker inspect` prints it. `running` is the live state. */
export function containerJson(state: RuntimeState, c: ContainerRecord, running: boolean): Record<string, unknown> {
  const owner = c.sharedWith ? state.containers.find((o) => o.id === c.sharedWith) : undefined;
  const eps = owner ? owner.endpoints : c.endpoints;
  const onDefault = c.sharedWith ? undefined : eps.find((e) => e.networkName === 'bridge');
  const networks: Record<string, unknown> = {};
  if (!c.sharedWith) {
    for (const ep of eps) {
      const builtin = state.networks.find((n) => n.id === ep.networkId)?.builtin ?? true;
      networks[ep.networkName] = endpointJson(ep, builtin ? null : [c.name, ...(ep.aliases ?? []), shortId(c.id)]);
    }
    if (running && (c.networkMode === 'host' || c.networkMode === 'none')) {
      const net = state.networks.find((n) => n.name === c.networkMode);
      networks[c.networkMode] = { ...endpointJson({ networkId: net?.id ?? '', networkName: c.networkMode, endpointId: '', ifname: '', hostIf: '', ip: '', prefixlen: 0, gateway: '', mac: '' }), IPPrefixLen: 0 };
    }
  }
  const ports: Record<string, unknown> = {};
  for (const p of c.ports) ports[`${p.containerPort}/${p.proto}`] = running ? [{ HostIp: '0.0.0.0', HostPort: String(p.hostPort) }] : null;
  const [path, ...args] = command(c);
  const etc = etcPaths(etcOwnerId(c));
  return {
    Id: c.id,
    Created: c.created,
    Path: path ?? 'sh',
    Args: args,
    State: {
      Status: running ? 'running' : 'exited', Running: running, Paused: false, Restarting: false, OOMKilled: false, Dead: false,
      Pid: running ? c.pid : 0, ExitCode: running ? 0 : c.exitCode, Error: '',
      StartedAt: c.startedAt, FinishedAt: c.finishedAt ?? '0001-01-01T00:00:00Z',
    },
    Image: c.image,
    ResolvConfPath: etc.resolvConf,
    HostnamePath: etc.hostname,
    HostsPath: etc.hosts,
    Name: `/${c.name}`,
    HostConfig: {
      NetworkMode: c.networkMode,
      PortBindings: Object.fromEntries(c.ports.map((p) => [`${p.containerPort}/${p.proto}`, [{ HostIp: '', HostPort: String(p.hostPort) }]])),
      AutoRemove: c.autoRemove,
    },
    Config: { Hostname: c.hostname, Tty: c.tty, OpenStdin: c.interactive, Cmd: c.cmd, Image: c.image, Entrypoint: c.entrypoint ?? null },
    NetworkSettings: {
      Bridge: '',
      SandboxID: running && c.networkMode !== 'host' ? c.id.slice(0, 64) : '',
      SandboxKey: running && c.networkMode !== 'host' ? `/proc/${owner?.pid ?? c.pid}/ns/net` : '',
      Ports: ports,
      EndpointID: onDefault?.endpointId ?? '',
      Gateway: onDefault?.gateway ?? '',
      GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
      IPAddress: onDefault?.ip ?? '',
      IPPrefixLen: onDefault?.prefixlen ?? 0,
      IPv6Gateway: '',
      MacAddress: onDefault?.mac ?? '',
      Networks: networks,
    },
  };
}

/** Docker shows the options a macvlan network was created with: the parent always, the
 * mode when it is not the default. */
const macvlanOptions = (m: NonNullable<NetworkRecord['macvlan']>): Record<string, string> =>
  ({ parent: m.parent, ...(m.mode !== 'bridge' ? { macvlan_mode: m.mode } : {}) });

/** One network as `docker network inspect` prints it. */
/** A swarm node as an overlay's inspect lists it (Docker: the node's name and address). */
export interface OverlayPeer { Name: string; IP: string }

export function networkJson(state: RuntimeState, n: NetworkRecord, peers?: OverlayPeer[]): Record<string, unknown> {
  const containers: Record<string, unknown> = {};
  for (const c of state.containers) {
    const ep = c.endpoints.find((e) => e.networkId === n.id);
    if (!ep) continue;
    containers[c.id] = { Name: c.name, EndpointID: ep.endpointId, MacAddress: ep.mac, IPv4Address: `${ep.ip}/${ep.prefixlen}`, IPv6Address: '' };
  }
  const options: Record<string, string> = n.name === 'bridge'
    ? {
        'com.docker.network.bridge.default_bridge': 'true',
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'true',
        'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
        'com.docker.network.bridge.name': 'docker0',
        'com.docker.network.driver.mtu': '1500',
      }
    : n.macvlan ? macvlanOptions(n.macvlan)
      : n.overlay ? { 'com.docker.network.driver.overlay.vxlanid_list': String(n.overlay.vni) } : {};
  return {
    Name: n.name,
    Id: n.id,
    Created: n.created,
    Scope: n.overlay ? 'swarm' : 'local',
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: n.builtin ? null : {}, Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : [] },
    Internal: false,
    // nslab's `docker run --network` takes an overlay as if it was made --attachable.
    Attachable: Boolean(n.overlay),
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: options,
    Labels: {},
    ...(n.overlay ? { Peers: peers ?? [] } : {}),
  };
}

/** Docker prints JSON with four-space indentation and no HTML escaping. */
export const dockerJson = (v: unknown): string => JSON.stringify(v, null, 4);

/** Columns separated as Docker's tabwriter does: width of the widest cell plus 3. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join('').trimEnd()).join('\n') + '\n';
}

/** "5 seconds ago", "About a minute ago", "2 hours ago": Docker's go-units wording. */
export function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.round(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h === 1) return 'About an hour';
  return `${h} hours`;
}

/** What the container runs, as Docker puts it together: ENTRYPOINT, then CMD. */
const command = (c: ContainerRecord): string[] => [...(c.entrypoint ?? []), ...c.cmd];

/** docker ps's COMMAND: the words joined, cut to 20 characters with an ellipsis, then
 * quoted as Go's strconv.Quote does (JSON's escapes are the same for what a command holds). */
function quotedCommand(cmd: string[]): string {
  const s = [...(cmd.join(' ') || 'sh')];
  return JSON.stringify(s.length > 20 ? `${s.slice(0, 19).join('')}…` : s.join(''));
}

export function psTable(state: RuntimeState, isRunning: (c: ContainerRecord) => boolean, opts: { all: boolean; quiet: boolean }, now = Date.now()): string {
  const shown = state.containers.filter((c) => opts.all || isRunning(c)).slice().reverse(); // newest first
  if (opts.quiet) return shown.map((c) => shortId(c.id) + '\n').join('');
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const c of shown) {
    const up = isRunning(c);
    const status = up
      ? `Up ${humanDuration(now - Date.parse(c.startedAt))}`
      : `Exited (${c.exitCode}) ${humanDuration(now - Date.parse(c.finishedAt ?? c.startedAt))} ago`;
    const ports = up ? c.ports.map((p) => `0.0.0.0:${p.hostPort}->${p.containerPort}/${p.proto}`).join(', ') : '';
    rows.push([shortId(c.id), c.image, quotedCommand(command(c)), `${humanDuration(now - Date.parse(c.created))} ago`, status, ports, c.name]);
  }
  return table(rows);
}

export function networkTable(state: RuntimeState): string {
  const rows = [['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE']];
  for (const n of [...state.networks].sort((a, b) => a.name.localeCompare(b.name))) rows.push([shortId(n.id), n.name, n.driver, n.overlay ? 'swarm' : 'local']);
  return table(rows);
}
