// takeSnapshot()'s plumbing without a lab: fake namespaces and a fake script runner. The
// lab guard is satisfied the way bin/lab-launch.pl does it, by the environment it records.
import { beforeAll, describe, expect, it } from 'vitest';
import { takeSnapshot, SnapshotError } from '../../src/kernel/snapshot.js';
import type { NamespaceFs } from '../../src/kernel/namespaces.js';
import { fixture } from './fixtures.js';

const INODES: Record<string, number> = { '/proc/self/ns/net': 1, '/proc/1/ns/net': 1, '/run/nslab/ns/outside': 2, '/run/netns/net1': 3 };
const fs: NamespaceFs = {
  stat: (path) => (INODES[path] === undefined ? undefined : { dev: 4, ino: INODES[path] }),
  readdir: () => ['net1'],
};

beforeAll(() => {
  process.env.NSLAB_IN_LAB = '1';
  process.env.NSLAB_OUTER_NETNS = '1'; // no real namespace has inode 1
});

describe('takeSnapshot plumbing', () => {
  it('runs one script under a private mount namespace with every namespace path', async () => {
    let seen: string[] = [];
    const twin = JSON.parse(fixture('snapshot-twin-pairs.json')) as { stdout: string };
    // The first three namespaces' output (host, outside, net1) of a real capture.
    const stdout = twin.stdout.slice(0, twin.stdout.indexOf('@@nslab ns 3 '));
    const state = await takeSnapshot({ fs, runScript: async (argv) => { seen = argv; return { exitCode: 0, stdout, stderr: '' }; } });
    expect(seen.slice(0, 5)).toEqual(['unshare', '--mount', '--propagation', 'private', 'bash']);
    expect(seen.slice(-3)).toEqual(['/proc/self/ns/net', '/run/nslab/ns/outside', '/run/netns/net1']);
    expect(state.namespaces.map((n) => [n.id, n.path])).toEqual([['host', '/proc/1/ns/net'], ['outside', '/run/nslab/ns/outside'], ['net1', '/run/netns/net1']]);
    expect(state.links.find((l) => l.ns === 'host' && l.name === 'veth0')!.peer).toMatchObject({ ns: 'net1', name: 'eth0' });
  });

  it('a failed read is a SnapshotError that says what failed and where to look', async () => {
    const failing = takeSnapshot({ fs, runScript: async () => ({ exitCode: 90, stdout: '', stderr: 'cannot mount a private tmpfs on /run/netns\n' }) });
    await expect(failing).rejects.toThrow(SnapshotError);
    await expect(failing).rejects.toThrow(/exit 90\): cannot mount a private tmpfs on \/run\/netns\. `nslab doctor`/);
  });
});
