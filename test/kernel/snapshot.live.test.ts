// takeSnapshot() on the real kernel, inside labs started through bin/nslab, as a learner's
// session would. The snapshot is printed by the debugging entry point snapshot-cli.
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../src/kernel/snapshot.js';
import { findLink, linksIn, nsByName, routesIn, sysctl } from '../../src/kernel/query.js';
import type { KernelState } from '../../src/kernel/types.js';
import { rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';

const SNAPSHOT = 'node "$NSLAB_ROOT/dist/kernel/snapshot-cli.js"';

/** Starts a process in a new network namespace ($pid) and waits until it is there. */
const NETNS_PROCESS = `unshare --net sleep 100 & pid=$!
until [ "$(readlink /proc/$pid/ns/net)" != "$(readlink /proc/self/ns/net)" ]; do sleep 0.01; done`;

async function snapshotAfter(setup: string, opts: { asUser?: string; snapshotArgs?: string } = {}): Promise<KernelState> {
  const r = await runInLab(`set -e\n${setup}\n${SNAPSHOT} ${opts.snapshotArgs ?? ''}`, { preset: 'docker-host', asUser: opts.asUser });
  if (r.exitCode !== 0) throw new Error(`lab script failed (exit ${r.exitCode}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as KernelState;
}

describe('takeSnapshot in a docker-host lab', () => {
  it('reads the preset: docker0, eth0, the default route, the masquerade, ip_forward, the outside', async () => {
    const s = await snapshotAfter(':');
    expect(s.namespaces.map((n) => [n.id, n.kind])).toEqual([['host', 'host'], ['outside', 'outside']]);

    const docker0 = findLink(s, 'host', 'docker0')!;
    expect(docker0).toMatchObject({ kind: 'bridge', up: true, mac: '02:42:a8:64:6c:32' });
    expect(docker0.addresses.filter((a) => a.family === 'inet')).toEqual([
      { family: 'inet', local: '172.17.0.1', prefixlen: 16, broadcast: '172.17.255.255', scope: 'global' },
    ]);
    expect(linksIn(s, 'host').filter((l) => l.master === 'docker0')).toEqual([]);

    const eth0 = findLink(s, 'host', 'eth0')!;
    expect(eth0.addresses.find((a) => a.family === 'inet')).toMatchObject({ local: '192.168.0.11', prefixlen: 24 });
    expect(eth0.peer).toEqual({ ns: 'outside', ifindex: expect.any(Number), name: 'eth0' });
    expect(routesIn(s, 'host').find((r) => r.dst === 'default' && r.family === 'inet')).toMatchObject({ gateway: '192.168.0.1', dev: 'eth0' });

    expect(s.nat).toContainEqual(expect.objectContaining({ ns: 'host', chain: 'POSTROUTING', source: '172.17.0.0/16', outIface: '!docker0', target: 'MASQUERADE' }));
    expect(sysctl(s, 'host', 'net.ipv4.ip_forward')).toBe('1');

    const outside = linksIn(s, 'outside').flatMap((l) => l.addresses.map((a) => a.local));
    expect(outside).toEqual(expect.arrayContaining(['192.168.0.1', '203.0.113.10']));
    expect(s.containers).toEqual([]);
  });

  it('pairs a veth moved into a named namespace with its host end', async () => {
    const s = await snapshotAfter('ip netns add net1; ip link add veth0 type veth peer name veth1; ip link set veth1 netns net1');
    expect(findLink(s, 'host', 'veth0')!.peer).toEqual({ ns: 'net1', ifindex: findLink(s, 'net1', 'veth1')!.ifindex, name: 'veth1' });
    expect(findLink(s, 'net1', 'veth1')!.peer).toMatchObject({ ns: 'host', name: 'veth0' });
    expect(nsByName(s, 'net1')).toMatchObject({ kind: 'named', path: '/run/netns/net1' });
  });

  it("reads a process's namespace linked into /run/netns, and survives a dangling link", async () => {
    const s = await snapshotAfter(`${NETNS_PROCESS}
ip link add veth9 type veth peer name eth0 netns $pid
ln -s /proc/$pid/ns/net /run/netns/$pid
ln -s /proc/999999/ns/net /run/netns/dangling`);
    const named = s.namespaces.filter((n) => n.kind === 'named');
    expect(named).toHaveLength(1);
    const pid = named[0].id;
    expect(pid).toMatch(/^\d+$/);
    expect(named[0].path).toBe(`/run/netns/${pid}`);
    expect(findLink(s, pid, 'eth0')!.peer).toMatchObject({ ns: 'host', name: 'veth9' });
    expect(findLink(s, 'host', 'veth9')!.peer).toMatchObject({ ns: pid, name: 'eth0' });
    expect(nsByName(s, 'dangling')).toBeUndefined();
  });

  it("gives containers' namespaces their ids, once each, whatever else names them", async () => {
    // Two stand-ins for the runtime's containers: c1 in a namespace of its own (also
    // exposed as /run/netns/exposed), c2 a --net=host container.
    const s = await snapshotAfter(`${NETNS_PROCESS}
sleep 100 & hostpid=$!
ln -s /proc/$pid/ns/net /run/netns/exposed
printf '[{"id":"%s","name":"c1","pid":%s,"running":true,"networkMode":"bridge","ns":""},{"id":"%s","name":"c2","pid":%s,"running":true,"networkMode":"host","ns":""}]' \\
  "$(printf 'c1%.0s' $(seq 32))" "$pid" "$(printf 'c2%.0s' $(seq 32))" "$hostpid" > /run/nslab/containers.json`,
    { snapshotArgs: '--containers /run/nslab/containers.json' });
    expect(s.namespaces.map((n) => n.id)).toEqual(['host', 'outside', 'container:c1']);
    expect(nsByName(s, 'exposed')?.id).toBe('container:c1');
    expect(nsByName(s, 'c1c1c1c1c1c1')?.id).toBe('container:c1');
    expect(nsByName(s, 'c2')?.id).toBe('host');
    expect(s.containers.map((c) => [c.name, c.ns])).toEqual([['c1', 'container:c1'], ['c2', 'host']]);
  });

  it('works in a rootless lab too', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const s = await snapshotAfter('ip netns add net1; ip link add veth0 type veth peer name veth1 netns net1', { asUser: TEST_USER });
    expect(findLink(s, 'host', 'veth0')!.peer).toMatchObject({ ns: 'net1', name: 'veth1' });
    expect(sysctl(s, 'host', 'net.ipv4.ip_forward')).toBe('1');
  });
});

describe('takeSnapshot outside a lab', () => {
  it('refuses, saying where it may run', async () => {
    const saved = process.env.NSLAB_IN_LAB;
    delete process.env.NSLAB_IN_LAB;
    try {
      await expect(takeSnapshot()).rejects.toThrow(/refusing to run.*inside .*lab/);
    } finally {
      if (saved !== undefined) process.env.NSLAB_IN_LAB = saved;
    }
  });
});
