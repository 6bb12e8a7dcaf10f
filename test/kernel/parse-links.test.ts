import { describe, expect, it } from 'vitest';
import { parseIpAddr } from '../../src/kernel/parse-links.js';
import { fixture } from './fixtures.js';

describe('parseIpAddr on a captured lab host (docker-host + veth, bridge, vxlan, macvlan, tap)', () => {
  const links = parseIpAddr(fixture('host-addr.json'), 'host');
  const byName = (name: string) => {
    const l = links.find((x) => x.name === name);
    if (!l) throw new Error(`no link ${name} in fixture`);
    return l;
  };

  it('reads every link with its namespace', () => {
    expect(links.map((l) => l.name)).toEqual(['lo', 'eth0', 'docker0', 'veth0', 'br0', 'vpeer1', 'vport1', 'vpeer2', 'vport2', 'vxlan0', 'macvlan0', 'tap0']);
    expect(new Set(links.map((l) => l.ns))).toEqual(new Set(['host']));
  });

  it('tells link kinds apart, tap from tun included', () => {
    expect(Object.fromEntries(links.map((l) => [l.name, l.kind]))).toEqual({
      lo: 'loopback', eth0: 'veth', docker0: 'bridge', veth0: 'veth', br0: 'bridge', vpeer1: 'veth', vport1: 'veth',
      vpeer2: 'veth', vport2: 'veth', vxlan0: 'vxlan', macvlan0: 'macvlan', tap0: 'tap',
    });
  });

  it('docker0: up without carrier, its address and broadcast, no master', () => {
    const d = byName('docker0');
    expect(d).toMatchObject({ ifindex: 3, up: true, lowerUp: false, operstate: 'DOWN', mac: '02:42:a8:64:6c:32', mtu: 1500 });
    expect(d.flags).toEqual(['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP']);
    expect(d.addresses).toEqual([{ family: 'inet', local: '172.17.0.1', prefixlen: 16, broadcast: '172.17.255.255', scope: 'global' }]);
    expect(d.master).toBeUndefined();
  });

  it('a veth whose peer is in another namespace keeps the peer ifindex and link-netnsid, unresolved', () => {
    expect(byName('veth0')).toMatchObject({ peerIfindex: 4, linkNetnsid: 1, up: true, lowerUp: true });
    expect(byName('veth0').peer).toBeUndefined();
    expect(byName('eth0')).toMatchObject({ peerIfindex: 2, linkNetnsid: 0, mac: '08:00:27:70:b6:ef' });
  });

  it('a veth whose peer shares the namespace is resolved at once', () => {
    expect(byName('vport1').peer).toEqual({ ns: 'host', ifindex: 7, name: 'vpeer1' });
    expect(byName('vpeer1').peer).toEqual({ ns: 'host', ifindex: 8, name: 'vport1' });
    expect(byName('vport1').linkNetnsid).toBeUndefined();
  });

  it('bridge ports carry their master; a port without carrier is LOWERLAYERDOWN', () => {
    expect(links.filter((l) => l.master === 'br0').map((l) => l.name)).toEqual(['vport1', 'vport2']);
    expect(byName('vport2')).toMatchObject({ up: true, lowerUp: false, operstate: 'LOWERLAYERDOWN' });
  });

  it('stacked links point at their lower link: macvlan at its veth, vxlan at its underlay', () => {
    expect(byName('macvlan0')).toMatchObject({ peerIfindex: 9 });
    expect(byName('macvlan0').peer).toBeUndefined();
    expect(byName('vxlan0')).toMatchObject({ peerIfindex: 2, mtu: 1450, operstate: 'UNKNOWN' });
  });

  it('a down tap has neither UP nor LOWER_UP', () => {
    expect(byName('tap0')).toMatchObject({ up: false, lowerUp: false, operstate: 'DOWN' });
  });

  it('reads the other end inside net1: veth1 points back at ifindex 5 in nsid 0', () => {
    const net1 = parseIpAddr(fixture('net1-addr.json'), 'net1');
    expect(net1.find((l) => l.name === 'veth1')).toMatchObject({ ns: 'net1', ifindex: 4, peerIfindex: 5, linkNetnsid: 0 });
    expect(net1.find((l) => l.name === 'veth1')!.addresses[0]).toEqual({ family: 'inet', local: '10.68.0.101', prefixlen: 24, scope: 'global' });
  });

  it('empty output is no links; garbage is an error that names the command', () => {
    expect(parseIpAddr('', 'host')).toEqual([]);
    expect(() => parseIpAddr('Cannot open netlink socket', 'host')).toThrow(/ip -j -d addr show/);
  });
});
