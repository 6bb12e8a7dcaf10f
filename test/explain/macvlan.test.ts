// What a macvlan lesson prints, explained: `ip -d link` of a macvlan (its mode and its
// parent, on the host and inside a container) and `docker network inspect` of a macvlan
// network. Real outputs captured in one docker-host lab (fixtures README, _lab-state-macvlan).
import { describe, expect, it } from 'vitest';
import type { KernelState } from '../../src/kernel/types.js';
import { fixture, notesAt, notesOf } from './helpers.js';

const state = JSON.parse(fixture('_lab-state-macvlan/state.json')) as KernelState;

describe('ip -d link of macvlans', () => {
  it('on the host: the mode, what it lets through, and the parent named by @eth0', () => {
    const t = fixture('ip-addr/lab-macvlan-host-ip-d-link.txt');
    const mac0 = notesAt('ip-addr', t, 'macvlan mode bridge');
    expect(mac0).toMatch(/on the parent eth0: mac0 has a MAC of its own/);
    expect(mac0).toMatch(/never the parent's own addresses/);
    expect(notesAt('ip-addr', t, 'macvlan mode private')).toMatch(/on the parent docker0: .*cannot reach each other at all/);
  });
  it('the parent of macvlans is promiscuous, and says why', () => {
    const t = fixture('ip-addr/lab-macvlan-host-ip-d-link.txt');
    expect(notesAt('ip-addr', t, '08:00:27:70:b6:ef')).toMatch(/promiscuity 1: eth0 accepts frames whatever their destination MAC.*macvlans stacked on it/);
  });
  it('in a container without the lab: the parent is an interface of another namespace', () => {
    const t = fixture('ip-addr/lab-macvlan-container-ip-d-link.txt');
    expect(notesAt('ip-addr', t, 'macvlan mode bridge')).toMatch(/on the parent interface 2 in another namespace \(it was made there and moved in\)/);
  });
  it('in a container with the lab: the parent is the host\'s eth0, and @if2 is no veth peer', () => {
    const dlink = notesAt('ip-addr', fixture('_lab-state-macvlan/ip-d-link-m1.txt'), 'macvlan mode bridge', { state, ns: 'container:m1' });
    expect(dlink).toMatch(/on the parent eth0 \(interface 2 in the host namespace/);
    const head = notesAt('ip-addr', fixture('_lab-state-macvlan/ip-a-m1.txt'), 'eth0@if2', { state, ns: 'container:m1' });
    expect(head).toMatch(/eth0's parent link is interface 2, called eth0, in the host namespace: eth0 is a macvlan stacked on it/);
    expect(head).not.toMatch(/veth pair/);
  });
});

describe('docker network inspect of a macvlan network', () => {
  const t = fixture('docker-network-inspect/lab-macvlan.txt');
  it('parent, gateway on the LAN, no NAT, the container\'s own MAC', () => {
    expect(notesAt('docker-network-inspect', t, '"parent": "eth0"')).toMatch(/the host interface the containers' macvlans are stacked on/);
    expect(notesAt('docker-network-inspect', t, '"Gateway": "192.168.0.1"')).toMatch(/a router on the parent's LAN, not an address of this host/);
    expect(notesAt('docker-network-inspect', t, '"Internal": false')).toMatch(/no NAT on this host/);
    expect(notesAt('docker-network-inspect', t, '"MacAddress": "02:42:c0:a8:00:02"')).toMatch(/the container's own MAC on the LAN/);
    expect(notesAt('docker-network-inspect', t, '"EndpointID"')).toMatch(/one macvlan interface/);
    expect(notesOf('docker-network-inspect', t)).not.toMatch(/veth|br- plus|the bridge's own address|through NAT/);
  });
  it('with no container: nothing in the kernel yet', () => {
    expect(notesAt('docker-network-inspect', fixture('docker-network-inspect/lab-macvlan-empty.txt'), '"Containers": {}')).toMatch(/each container's macvlan is made when it joins/);
  });
  it('a bridge network keeps its own wording', () => {
    const b = fixture('docker-network-inspect/user-bridge-full.txt');
    expect(notesOf('docker-network-inspect', b)).not.toMatch(/macvlan/);
  });
});

describe('a ping lost to the macvlan trait', () => {
  it('host → a container whose macvlan sits on the host\'s eth0: the blind spot and its fix', async () => {
    const { diagnoseNoAnswer } = await import('../../src/explain/diagnose.js');
    const [first] = diagnoseNoAnswer(state, 'host', '192.168.0.3');
    expect(first).toMatch(/^192\.168\.0\.3 is eth0 of container m2, a macvlan on eth0: the very interface this packet leaves by\. .*a \/32 route to 192\.168\.0\.3/);
  });
  it('container → the host\'s own address on the parent', async () => {
    const { diagnoseNoAnswer } = await import('../../src/explain/diagnose.js');
    expect(diagnoseNoAnswer(state, 'container:m1', '192.168.0.11')[0]).toMatch(/^192\.168\.0\.11 is on eth0 of the host namespace, the parent of eth0, the macvlan this packet leaves by/);
  });
  it('after the fix (a /32 route through mac0, a sibling), no blind spot is claimed', async () => {
    const { diagnoseNoAnswer } = await import('../../src/explain/diagnose.js');
    expect(diagnoseNoAnswer(state, 'host', '192.168.0.2').join('\n')).not.toMatch(/never hear each other/);
  });
});
