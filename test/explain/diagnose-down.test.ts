// An address on a DOWN interface installs no route: the diagnosis names that, rather than
// following the default route the packet really took.
import { describe, expect, it } from 'vitest';
import { diagnoseNoAnswer } from '../../src/explain/diagnose.js';
import type { KernelState, Link } from '../../src/kernel/types.js';

function link(ns: string, ifindex: number, name: string, up: boolean, addr?: string): Link {
  const [local, len] = (addr ?? '').split('/');
  return {
    ns, ifindex, name, kind: 'veth', mtu: 1500, flags: up ? ['UP', 'LOWER_UP'] : [], up, lowerUp: up, operstate: up ? 'UP' : 'DOWN',
    addresses: addr ? [{ family: 'inet', local, prefixlen: Number(len), scope: 'global' }] : [],
  };
}

const state: KernelState = {
  namespaces: [
    { id: 'host', kind: 'host', names: ['host'], path: '/proc/1/ns/net', inode: 1 },
    { id: 'net1', kind: 'named', names: ['net1'], path: '/run/netns/net1', inode: 2 },
  ],
  links: [link('host', 2, 'eth0', true, '192.168.0.11/24'), link('host', 3, 'v0', false, '10.9.0.1/24'), link('net1', 2, 'v1', false, '10.9.0.2/24')],
  routes: [{ ns: 'host', dst: 'default', gateway: '192.168.0.1', dev: 'eth0', table: 'main' }, { ns: 'host', dst: '192.168.0.0/24', dev: 'eth0', table: 'main' }],
  nat: [], iptablesSave: {}, sysctls: {}, fdb: [], containers: [],
};

describe('diagnoseNoAnswer', () => {
  it('names the DOWN interface whose network the destination is on', () => {
    const why = diagnoseNoAnswer(state, 'host', '10.9.0.2');
    expect(why).toHaveLength(1);
    expect(why[0]).toMatch(/v0 has 10\.9\.0\.1\/24, on 10\.9\.0\.2's network, but v0 is DOWN/);
  });
});
