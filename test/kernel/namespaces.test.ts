import { describe, expect, it } from 'vitest';
import { candidates, discoverNamespaces, type NamespaceFs } from '../../src/kernel/namespaces.js';
import { nsByName } from '../../src/kernel/query.js';
import type { ContainerInfo, KernelState } from '../../src/kernel/types.js';

const NSFS = 4;

/** A fake file system: path → inode of the namespace it leads to (nsfs), a plain file on
 * another device, or nothing (dangling). */
function fakeFs(entries: Record<string, number | 'file' | 'dangling'>, netnsDir: string[]): NamespaceFs {
  return {
    stat(path) {
      const e = entries[path];
      if (e === undefined || e === 'dangling') return undefined;
      return e === 'file' ? { dev: 99, ino: 123 } : { dev: NSFS, ino: e };
    },
    readdir: () => netnsDir,
  };
}

function container(name: string, pid: number, networkMode = 'bridge'): ContainerInfo {
  return { id: `${name}`.padEnd(64, '0'), name, pid, running: true, networkMode, ns: '' };
}

describe('discoverNamespaces', () => {
  const fs = fakeFs({
    '/proc/1/ns/net': 1000,
    '/run/nslab/ns/outside': 1001,
    '/proc/50/ns/net': 1050, // c1
    '/proc/51/ns/net': 1000, // c2, --net=host
    '/proc/52/ns/net': 1050, // c3, --net=container:c1
    '/proc/53/ns/net': 'dangling', // c4 exited
    '/run/netns/net1': 1100,
    '/run/netns/50': 1050, // ln -s /proc/50/ns/net /run/netns/50
    '/run/netns/gone': 'dangling', // a symlink to an exited process
    '/run/netns/half': 'file', // `ip netns add` that never bound the namespace
  }, ['50', 'gone', 'half', 'net1']);
  const containers = [container('c1', 50), container('c2', 51, 'host'), container('c3', 52, 'container:c1'), container('c4', 53)];
  const { namespaces, resolved } = discoverNamespaces(fs, candidates(fs, containers, '/proc/1/ns/net'));

  it('lists each namespace once, under the first id that reached it', () => {
    expect(namespaces.map((n) => [n.id, n.kind, n.inode])).toEqual([
      ['host', 'host', 1000], ['outside', 'outside', 1001], ['container:c1', 'container', 1050], ['net1', 'named', 1100],
    ]);
  });

  it('collects every name: shared containers, the /run/netns symlink, short ids', () => {
    expect(namespaces.find((n) => n.id === 'container:c1')!.names).toEqual(['c1', 'c10000000000', 'c3', 'c30000000000', '50']);
    expect(namespaces.find((n) => n.id === 'host')!.names).toEqual(['host', 'c2', 'c20000000000']);
  });

  it('records the names `ip netns` lists, also for a container exposed by a symlink', () => {
    expect(namespaces.map((n) => [n.id, n.listed])).toEqual([
      ['host', undefined], ['outside', undefined], ['container:c1', ['50']], ['net1', ['net1']],
    ]);
  });

  it('skips dangling symlinks, files that are not namespaces, exited containers', () => {
    expect(namespaces.flatMap((n) => n.names)).not.toContain('gone');
    expect(namespaces.flatMap((n) => n.names)).not.toContain('half');
    expect(resolved.has('container:c4')).toBe(false);
  });

  it("maps each container to the Netns it shares", () => {
    expect(resolved.get('container:c2')).toBe('host');
    expect(resolved.get('container:c3')).toBe('container:c1');
  });

  it('nsByName finds a namespace by any of its names', () => {
    const state = { namespaces } as KernelState;
    expect(nsByName(state, '50')?.id).toBe('container:c1');
    expect(nsByName(state, 'c3')?.id).toBe('container:c1');
    expect(nsByName(state, 'c2')?.id).toBe('host');
  });
});

describe('candidates in a two-hosts lab', () => {
  const fs = fakeFs({
    '/proc/1/ns/net': 1000,
    '/run/nslab/ns/outside': 1001,
    '/run/nslab/ns/host2': 1002,
    '/proc/60/ns/net': 1060, // web on host1
    '/proc/61/ns/net': 1061, // web on host2: the same name, another host
  }, []);
  const host2Web = { ...container('web', 61), id: 'b'.repeat(64), host: 'host2' };
  const { namespaces, resolved } = discoverNamespaces(fs, candidates(fs, [container('web', 60), host2Web], '/proc/1/ns/net'));

  it('lists host2 as a Docker host, and host1 as a name of the lab host', () => {
    expect(namespaces.map((n) => [n.id, n.kind, n.names.join(' ')])).toEqual([
      ['host', 'host', 'host host1'],
      ['outside', 'outside', 'outside'],
      ['host2', 'docker-host', 'host2'],
      ['container:web', 'container', 'web ' + 'web'.padEnd(12, '0')],
      ['container:host2/web', 'container', 'web ' + 'b'.repeat(12)],
    ]);
    expect(resolved.get('container:host2/web')).toBe('container:host2/web');
  });

  it('a single-host lab has neither host1 nor host2', () => {
    const one = fakeFs({ '/proc/1/ns/net': 1000, '/run/nslab/ns/outside': 1001 }, []);
    const found = discoverNamespaces(one, candidates(one, [], '/proc/1/ns/net')).namespaces;
    expect(found.map((n) => n.names)).toEqual([['host'], ['outside']]);
  });
});
