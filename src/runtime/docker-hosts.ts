// The lab's Docker hosts. A single-host lab has one, the lab's own namespace; the two-hosts
// preset adds host2 (src/sandbox/presets.ts). Each has its own runtime state, and a `docker`
// process knows which host it serves by the network namespace it was started in.
import { statSync } from 'node:fs';
import { HOST2_NETNS_PATH, HOST2_UTS_PATH } from '../sandbox/lab.js';
import { labHas } from '../sandbox/lab-files.js';

export interface DockerHost {
  name: 'host1' | 'host2';
  /** Its address on the LAN: the VXLAN tunnels' endpoints. */
  ip: string;
  /** A path nsenter --net= takes from any namespace of the lab. */
  netns: string;
  /** Its uts namespace (host2 has a hostname of its own). */
  uts?: string;
  /** Its runtime state (store.ts), its containers' /etc files (etc-files.ts) and their
   * resolvers' files (dns.ts): each host prunes what its own state does not name, so no
   * two hosts may share one. host1's are the single-host labs' ones. */
  runtimeDir: string;
  containersDir: string;
  dnsDir: string;
}

export const HOST1: DockerHost = {
  name: 'host1', ip: '192.168.0.11', netns: '/proc/1/ns/net',
  runtimeDir: '/run/nslab/docker', containersDir: '/run/nslab/containers', dnsDir: '/run/nslab/dns',
};
export const HOST2: DockerHost = {
  name: 'host2', ip: '192.168.0.12', netns: HOST2_NETNS_PATH, uts: HOST2_UTS_PATH,
  runtimeDir: '/run/nslab/host2/docker', containersDir: '/run/nslab/host2/containers', dnsDir: '/run/nslab/host2/dns',
};

/** True in a two-hosts lab. */
export function twoHosts(): boolean {
  return labHas(HOST2_NETNS_PATH);
}

export function labHosts(): DockerHost[] {
  return twoHosts() ? [HOST1, HOST2] : [HOST1];
}

function inode(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

/** The Docker host whose namespace this process is in; undefined in a two-hosts lab's
 * outside world or a container. A single-host lab's docker serves host1 wherever it runs,
 * as it always has. */
export function currentHost(): DockerHost | undefined {
  if (!twoHosts()) return HOST1;
  const self = inode('/proc/self/ns/net');
  return labHosts().find((h) => inode(h.netns) === self);
}
