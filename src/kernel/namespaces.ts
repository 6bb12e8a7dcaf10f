// Which network namespaces a snapshot reads, each listed once whatever names it goes by.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HOST2_NETNS_PATH, OUTSIDE_NETNS_PATH } from '../sandbox/lab.js';
import { listDirIn, statIn } from '../sandbox/lab-files.js';
import type { ContainerInfo, Netns } from './types.js';

export const NAMED_NETNS_DIR = '/run/netns';

/** The file system calls discovery makes, replaceable in tests. */
export interface NamespaceFs {
  /** dev and inode of what the path leads to (symlinks followed), or undefined when it
   * leads nowhere (a dangling /run/netns symlink, an exited process). */
  stat(path: string): { dev: number; ino: number } | undefined;
  readdir(dir: string): string[];
}

export const realNamespaceFs: NamespaceFs = {
  stat(path) {
    try {
      const s = statSync(path);
      return { dev: s.dev, ino: s.ino };
    } catch {
      return undefined;
    }
  },
  readdir(dir) {
    try {
      return readdirSync(dir).sort();
    } catch {
      return []; // no /run/netns (a learner removed it): no named namespaces
    }
  },
};

/** The lab's namespace files as seen from outside it, under `root` (/proc/PID/root). The
 * kernel resolves an absolute symlink there against our own /, not the lab's: the
 * documents' `ln -s /proc/PID/ns/net /var/run/netns/c1` would lead to our pid PID. So
 * paths are walked in the lab's tree, into its /proc, whose ns links the kernel follows to
 * the namespace itself (sandbox/lab-files.ts). */
export function rootedNamespaceFs(root: string): NamespaceFs {
  return {
    stat: (path) => statIn(root, path),
    readdir: (dir) => listDirIn(root, dir),
  };
}

export interface Candidate {
  id: string;
  kind: Netns['kind'];
  names: string[];
  path: string;
}

export function shortId(id: string): string {
  return id.slice(0, 12);
}

/** Every place a namespace may be found, in order of precedence: the first to reach a
 * namespace gives it its id. The host comes first (a --net=host container is the host),
 * containers before /run/netns entries, so that a container keeps its id when a learner
 * exposes it with `ln -s /proc/PID/ns/net /run/netns/X`. */
/** The candidate id of a container's namespace: `container:NAME`, or `container:host2/NAME`
 * on another Docker host than the lab's own (names are unique per host only). */
export function containerCandidateId(c: ContainerInfo): string {
  return `container:${c.host ? `${c.host}/` : ''}${c.name}`;
}

export function candidates(fs: NamespaceFs, containers: ContainerInfo[], hostPath: string): Candidate[] {
  // In a two-hosts lab the lab's own host is host1 too; host2 is the second Docker host.
  const twoHosts = fs.stat(HOST2_NETNS_PATH) !== undefined;
  const list: Candidate[] = [
    { id: 'host', kind: 'host', names: twoHosts ? ['host', 'host1'] : ['host'], path: hostPath },
    { id: 'outside', kind: 'outside', names: ['outside'], path: OUTSIDE_NETNS_PATH },
  ];
  if (twoHosts) list.push({ id: 'host2', kind: 'docker-host', names: ['host2'], path: HOST2_NETNS_PATH });
  for (const c of containers) {
    if (!c.running || !(c.pid > 0)) continue;
    list.push({
      id: containerCandidateId(c),
      kind: 'container',
      names: [c.name, ...(c.id ? [shortId(c.id)] : [])],
      path: `/proc/${c.pid}/ns/net`,
    });
  }
  for (const name of fs.readdir(NAMED_NETNS_DIR)) {
    list.push({ id: name, kind: 'named', names: [name], path: join(NAMED_NETNS_DIR, name) });
  }
  return list;
}

export interface Discovered {
  namespaces: Netns[];
  /** Candidate id → the Netns.id it turned out to be (for containers' `ns`). */
  resolved: Map<string, string>;
}

/** Stats each candidate and merges those that are one namespace. A path that leads to
 * no namespace is skipped: a dangling symlink, a file `ip netns add` never bound, a
 * process gone. Namespace files all live on nsfs, so a different device means "not a
 * namespace" even when the path exists. */
export function discoverNamespaces(fs: NamespaceFs, list: Candidate[]): Discovered {
  const nsfsDev = fs.stat(list[0].path)?.dev;
  const byInode = new Map<number, Netns>();
  const resolved = new Map<string, string>();
  for (const c of list) {
    const s = fs.stat(c.path);
    if (!s || s.dev !== nsfsDev) continue;
    const seen = byInode.get(s.ino);
    if (seen) {
      for (const n of c.names) if (!seen.names.includes(n)) seen.names.push(n);
      if (c.kind === 'named') seen.listed = [...(seen.listed ?? []), ...c.names];
      resolved.set(c.id, seen.id);
    } else {
      const listed = c.kind === 'named' ? { listed: [...c.names] } : {};
      byInode.set(s.ino, { id: c.id, kind: c.kind, names: [...c.names], path: c.path, inode: s.ino, ...listed });
      resolved.set(c.id, c.id);
    }
  }
  return { namespaces: [...byInode.values()], resolved };
}
