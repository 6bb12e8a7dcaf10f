// With the live lab state, explanations name the namespace, the peer and the cause.
// State and outputs were captured together in one lab (see fixtures README, _lab-state).
import { describe, expect, it } from 'vitest';
import type { KernelState } from '../../src/kernel/types.js';
import { explain, explainError } from '../../src/explain/index.js';
import { fixture, notesAt, notesOf } from './helpers.js';

const state = JSON.parse(fixture('_lab-state/state.json')) as KernelState;

describe('explanations with live state', () => {
  it('ip a on the host: the veth peer is veth1 in namespace net1, and it is DOWN', () => {
    const notes = notesAt('ip-addr', fixture('_lab-state/ip-a-host.txt'), 'veth1_p@if5', { state, ns: 'host' });
    expect(notes).toMatch(/the other end is interface 5, called veth1, in namespace net1 \(it is DOWN there\)/);
    expect(notes).toMatch(/ip netns exec net1 ip link set veth1 up/);
  });
  it('ip a in net1: the peer is veth1_p in the host namespace, found through link-netnsid', () => {
    const notes = notesAt('ip-addr', fixture('_lab-state/ip-a-net1.txt'), 'veth1@if4', { state, ns: 'net1' });
    expect(notes).toMatch(/called veth1_p, in the host namespace/);
  });
  it('without state the same line says only "another namespace"', () => {
    const notes = notesAt('ip-addr', fixture('_lab-state/ip-a-net1.txt'), 'veth1@if4');
    expect(notes).toMatch(/interface 4 in another network namespace/);
    expect(notes).not.toMatch(/veth1_p/);
  });
  it('compact ip a with state keeps the peer and NO-CARRIER, at most 4 notes', () => {
    const notes = explain('ip-addr', fixture('_lab-state/ip-a-host.txt'), { state, ns: 'host', detail: 'compact' }).flatMap((l) => l.notes);
    expect(notes.length).toBeLessThanOrEqual(4);
    expect(notes.join('\n')).toMatch(/called veth1, in namespace net1/);
    expect(notes.join('\n')).toMatch(/docker0 is switched on \(UP\) but has NO-CARRIER: none of its ports \(veth1_p\) has a carrier/);
  });
  it('brctl show: the port\'s peer is named', () => {
    expect(notesAt('brctl-show', fixture('_lab-state/brctl-show.txt'), 'veth1_p', { state })).toMatch(/Its veth peer is veth1 in namespace net1/);
  });
  it('ping with 100% loss: the causes found in the lab', () => {
    const notes = notesOf('ping', fixture('_lab-state/ping-loss.txt'), { state, ns: 'host' });
    expect(notes).toMatch(/bridge docker0 has no carrier because none of its ports \(veth1_p\)/);
    expect(notes).toMatch(/veth1 in namespace net1 is DOWN/);
  });
});

describe('errors with live state', () => {
  const opts = { state, ns: 'host' };
  it('Cannot find device: veth1 was moved into net1', () => {
    const e = explainError('ip link set veth1 up', 'Cannot find device "veth1"', opts).join('\n');
    expect(e).toMatch(/veth1 exists in namespace net1, not here/);
    expect(e).toMatch(/ip netns exec net1/);
  });
  it('Cannot find device: a typo gets a suggestion', () => {
    expect(explainError('ip link set dockr0 up', 'Cannot find device "dockr0"', opts).join('\n')).toMatch(/Did you mean docker0/);
  });
  it('Network is unreachable in net1: no default route, no routes at all', () => {
    const e = explainError('ip netns exec net1 ping -c1 8.8.8.8', 'ping: connect: Network is unreachable', { state, ns: 'net1' }).join('\n');
    expect(e).toMatch(/Namespace net1 has no default route, and no routes at all/);
  });
  it('a gateway that is not a neighbour', () => {
    const e = explainError('ip route add 10.9.0.0/16 via 10.99.0.1', 'Error: Nexthop has invalid gateway.', opts).join('\n');
    expect(e).toMatch(/gateway 10\.99\.0\.1 is not on any network directly connected here \(no address in the host namespace covers it\)/);
  });
  it('File exists: the interface, the route, the address', () => {
    expect(explainError('ip link add veth1_p type veth peer name x', 'RTNETLINK answers: File exists', opts).join('\n')).toMatch(/An interface named veth1_p already exists in the host namespace/);
    expect(explainError('ip route add default via 192.168.0.1', 'RTNETLINK answers: File exists', opts).join('\n')).toMatch(/already exists in the host namespace: default via 192\.168\.0\.1 dev eth0/);
    expect(explainError('ip addr add 172.17.0.1/16 dev docker0', 'Error: ipv4: Address already assigned.', opts).join('\n')).toMatch(/already on docker0/);
  });
  it('Unknown device type: missing driver or typo', () => {
    expect(explainError('ip link add d0 type dummy', 'Error: Unknown device type.', opts).join('\n')).toMatch(/no driver for type dummy/);
    expect(explainError('ip link add v0 type vethh peer name v1', 'Error: Unknown device type.', opts).join('\n')).toMatch(/did you mean veth/);
  });
  it('argument is wrong: an unknown namespace name lists the real ones', () => {
    const e = explainError('ip link set veth1_p netns nosuch', 'Error: argument "nosuch" is wrong: Invalid "netns" value', opts).join('\n');
    expect(e).toMatch(/"nosuch" is not a named network namespace/);
    expect(e).toMatch(/`ip netns` entries that lead to a live namespace: net1/);
  });
  it('busy, not permitted, still up, immutable', () => {
    expect(explainError('ip link set dev veth1_p name eth9', 'RTNETLINK answers: Device or resource busy', opts).join('\n')).toMatch(/cannot be renamed while it is UP \(veth1_p is UP now\)/);
    expect(explainError('ip link add x type bridge', 'RTNETLINK answers: Operation not permitted', {}).join('\n')).toMatch(/CAP_NET_ADMIN/);
    expect(explainError('brctl delbr br0', "bridge br0 is still up; can't delete it", opts).join('\n')).toMatch(/ip link set br0 down/);
    expect(explainError('ip link set lo netns net1', 'Error: The interface netns is immutable.', opts).join('\n')).toMatch(/lo/);
  });
  it('100% packet loss as an error text, with and without state', () => {
    expect(explainError('ping -c2 172.17.0.2', '2 packets transmitted, 0 received, 100% packet loss', opts).join('\n')).toMatch(/veth1 in namespace net1 is DOWN/);
    expect(explainError('ping -c2 172.17.0.2', '2 packets transmitted, 0 received, 100% packet loss').join('\n')).toMatch(/Likely causes/);
  });
  it('nothing recognised: empty', () => {
    expect(explainError('ls', 'ls: cannot access x', opts)).toEqual([]);
  });
});
