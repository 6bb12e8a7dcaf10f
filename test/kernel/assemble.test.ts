// The snapshot's assembly on the raw output of its read script, captured in a real lab
// where ifindexes alone cannot pair the veths (see capture-snapshot.sh).
import { describe, expect, it } from 'vitest';
import { assembleState } from '../../src/kernel/snapshot.js';
import { resolveVethPeers } from '../../src/kernel/peers.js';
import { splitReadOutput } from '../../src/kernel/read-script.js';
import { findLink, linksIn, nsByName, nsByNetnsid, peerOf, routesIn, sysctl } from '../../src/kernel/query.js';
import type { ContainerInfo, Netns } from '../../src/kernel/types.js';
import { fixture } from './fixtures.js';

const captured = JSON.parse(fixture('snapshot-twin-pairs.json')) as { namespaces: Netns[]; resolved: [string, string][]; stdout: string };
const outputs = splitReadOutput(captured.stdout);
const state = assembleState(captured.namespaces, outputs, [], new Map(captured.resolved));

describe('assembleState on a captured lab with twin veth pairs', () => {
  it('has every namespace the script read, in order', () => {
    expect(state.namespaces.map((n) => n.id)).toEqual(['host', 'outside', 'net1', 'net2', 'net3', 'net4']);
  });

  it('the pairs really are ambiguous by ifindex: every va and vb is ifindex 2 pointing at 2', () => {
    const twins = state.links.filter((l) => l.name === 'va' || l.name === 'vb');
    expect(twins.map((l) => `${l.ns}:${l.ifindex}->${l.peerIfindex}`)).toEqual(['net1:2->2', 'net2:2->2', 'net3:2->2', 'net4:2->2']);
  });

  it('pairs each veth with its true peer through the nsid map', () => {
    const peer = (ns: string, name: string) => findLink(state, ns, name)?.peer;
    expect(peer('net1', 'va')).toEqual({ ns: 'net2', ifindex: 2, name: 'vb' });
    expect(peer('net2', 'vb')).toEqual({ ns: 'net1', ifindex: 2, name: 'va' });
    expect(peer('net3', 'va')).toEqual({ ns: 'net4', ifindex: 2, name: 'vb' });
    expect(peer('net4', 'vb')).toEqual({ ns: 'net3', ifindex: 2, name: 'va' });
    expect(peer('host', 'eth0')).toEqual({ ns: 'outside', ifindex: 2, name: 'eth0' });
    expect(peer('host', 'veth0')).toEqual({ ns: 'net1', ifindex: 3, name: 'eth0' });
    expect(peer('net1', 'eth0')).toEqual({ ns: 'host', ifindex: 4, name: 'veth0' });
  });

  it('without the nsid map, ambiguous veths stay unresolved rather than wrongly paired', () => {
    const links = resolveVethPeers(state.links.map(({ peer, ...l }) => (l.ns === peer?.ns ? { ...l, peer } : l)), new Map());
    expect(links.find((l) => l.ns === 'net1' && l.name === 'va')!.peer).toBeUndefined();
    // veth0 (ifindex 4 -> 3) has a single candidate that points back: it is still found.
    expect(links.find((l) => l.ns === 'host' && l.name === 'veth0')!.peer).toEqual({ ns: 'net1', ifindex: 3, name: 'eth0' });
  });

  it('reads the docker-host preset: NAT, forwarding, routes per namespace', () => {
    expect(state.nat.filter((r) => r.ns === 'host' && r.target === 'MASQUERADE')).toEqual([
      expect.objectContaining({ source: '172.17.0.0/16', outIface: '!docker0', chain: 'POSTROUTING' }),
    ]);
    expect(sysctl(state, 'host', 'net.ipv4.ip_forward')).toBe('1');
    expect(sysctl(state, 'outside', 'net.ipv4.ip_forward')).toBe('0');
    expect(routesIn(state, 'host').find((r) => r.dst === 'default')).toMatchObject({ gateway: '192.168.0.1', dev: 'eth0' });
    expect(state.iptablesSave.host).toContain('-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    expect(state.iptablesSave.net1).toBe('');
  });

  it('reads fdb only where there is a bridge or vxlan', () => {
    expect(new Set(state.fdb.map((e) => e.ns))).toEqual(new Set(['host']));
    expect(state.fdb).toContainEqual(expect.objectContaining({ dev: 'docker0', master: 'docker0', mac: '02:42:a8:64:6c:32' }));
  });

  it('drops a namespace whose read did not finish (it vanished meanwhile)', () => {
    const cut = captured.stdout.slice(0, captured.stdout.lastIndexOf('@@nslab end'));
    const partial = assembleState(captured.namespaces, splitReadOutput(cut), [], new Map(captured.resolved));
    expect(partial.namespaces.map((n) => n.id)).toEqual(['host', 'outside', 'net1', 'net2', 'net3']);
    expect(partial.links.some((l) => l.ns === 'net4')).toBe(false);
    expect(findLink(partial, 'net3', 'va')!.peer).toBeUndefined();
  });

  it('a truncated ip batch is an error naming ip, not a silently short snapshot', () => {
    const broken = captured.stdout.replace(/@@nslab ip\n[^\n]*\n/, '@@nslab ip\n');
    expect(() => splitReadOutput(broken)).toThrow(/ip -j -d -batch.*expected 3 JSON documents/);
  });
});

describe('containers in the snapshot', () => {
  it("a container's ns is the Netns its namespace resolved to", () => {
    const containers: ContainerInfo[] = [
      { id: 'a'.repeat(64), name: 'web', pid: 10, running: true, networkMode: 'bridge', ns: 'container:web' },
      { id: 'b'.repeat(64), name: 'hosty', pid: 11, running: true, networkMode: 'host', ns: '?' },
    ];
    const s = assembleState(captured.namespaces, outputs, containers, new Map([...captured.resolved, ['container:hosty', 'host']]));
    expect(s.containers.map((c) => c.ns)).toEqual(['container:web', 'host']);
  });
});

describe('query helpers', () => {
  it('nsByName resolves ids and names; lookups by an unknown name find nothing', () => {
    expect(nsByName(state, 'net3')?.id).toBe('net3');
    expect(nsByName(state, 'nope')).toBeUndefined();
    expect(linksIn(state, 'nope')).toEqual([]);
    expect(linksIn(state, 'net2').map((l) => l.name)).toEqual(['lo', 'vb']);
  });

  it("nsByNetnsid names what `link-netnsid N` means inside a namespace", () => {
    expect(nsByNetnsid(state, 'host', findLink(state, 'host', 'eth0')!.linkNetnsid!)?.id).toBe('outside');
    expect(nsByNetnsid(state, 'net1', findLink(state, 'net1', 'va')!.linkNetnsid!)?.id).toBe('net2');
    expect(nsByNetnsid(state, 'net3', findLink(state, 'net3', 'va')!.linkNetnsid!)?.id).toBe('net4');
    expect(nsByNetnsid(state, 'net3', 7)).toBeUndefined();
  });

  it('peerOf follows a resolved peer to its link', () => {
    expect(peerOf(state, findLink(state, 'host', 'veth0')!)).toMatchObject({ ns: 'net1', name: 'eth0', ifindex: 3 });
  });
});
