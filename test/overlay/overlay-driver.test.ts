// The overlay driver's pure parts: what each host runs, what tells a host where a remote
// container is, and the VNI and subnet a new network takes.
import { describe, expect, it } from 'vitest';
import { nextOverlaySubnet, nextVni, overlayBridgeName, overlayBuildLines, peerLines } from '../../src/runtime/overlay-driver.js';
import { networkJson, networkTable } from '../../src/runtime/format.js';
import { formatSubnet, parseSubnet } from '../../src/runtime/ipam.js';
import type { NetworkRecord, RuntimeState } from '../../src/runtime/state.js';

const ID = 'ab12cd34ef56'.padEnd(64, '0');
const ov: NetworkRecord = {
  id: ID, name: 'ov', driver: 'overlay', bridge: overlayBridgeName(ID), subnet: '10.0.9.0/24', gateway: '10.0.9.1',
  created: '2026-01-01T00:00:00.000Z', builtin: false, overlay: { vni: 4096, vxlan: 'vxlan4096' },
};

describe('overlay driver', () => {
  it('builds a bridge with the VXLAN as its port, learning off, MTU 1450', () => {
    expect(ov.bridge).toBe('ov-ab12cd34ef56');
    expect(overlayBuildLines(ov)).toEqual([
      'link add ov-ab12cd34ef56 type bridge',
      'link add vxlan4096 type vxlan id 4096 dstport 4789 dev eth0 nolearning proxy',
      'link set vxlan4096 mtu 1450',
      'link set vxlan4096 master ov-ab12cd34ef56',
      'link set vxlan4096 up',
      'link set ov-ab12cd34ef56 up',
    ]);
  });

  it('tells a host where a remote container is, and takes it back', () => {
    const ep = { networkId: ID, endpointId: 'e', host: 'host2', hostIp: '192.168.0.12', mac: '02:42:0a:00:09:03', ip: '10.0.9.3' };
    expect(peerLines(ep, 'vxlan4096', 'add')).toEqual({
      fdb: 'fdb add 02:42:0a:00:09:03 dev vxlan4096 dst 192.168.0.12 self permanent',
      neigh: 'neigh replace 10.0.9.3 lladdr 02:42:0a:00:09:03 dev vxlan4096 nud permanent',
    });
    expect(peerLines(ep, 'vxlan4096', 'del')).toEqual({
      fdb: 'fdb del 02:42:0a:00:09:03 dev vxlan4096 dst 192.168.0.12 self',
      neigh: 'neigh del 10.0.9.3 dev vxlan4096',
    });
  });

  it('counts VNIs from 4096 and takes the first free one', () => {
    expect(nextVni([])).toBe(4096);
    expect(nextVni([ov])).toBe(4097);
    expect(nextVni([{ ...ov, overlay: { vni: 4097, vxlan: 'vxlan4097' } }])).toBe(4096);
  });

  it('takes the first free 10.0.N.0/24 when no subnet is given', () => {
    expect(formatSubnet(nextOverlaySubnet([])!)).toBe('10.0.1.0/24');
    expect(formatSubnet(nextOverlaySubnet([parseSubnet('10.0.1.0/24'), parseSubnet('10.0.2.0/23')])!)).toBe('10.0.4.0/24');
  });

  it('inspects and lists as Docker shows an overlay network: swarm scope, its VXLAN id, the peers', () => {
    const state: RuntimeState = { version: 1, networks: [ov], containers: [] };
    const j = networkJson(state, ov, [{ Name: 'host1', IP: '192.168.0.11' }, { Name: 'host2', IP: '192.168.0.12' }]);
    expect(j).toMatchObject({
      Scope: 'swarm', Driver: 'overlay', Attachable: true,
      Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4096' },
      Peers: [{ Name: 'host1', IP: '192.168.0.11' }, { Name: 'host2', IP: '192.168.0.12' }],
    });
    expect(networkTable(state)).toMatch(/^ab12cd34ef56\s+ov\s+overlay\s+swarm$/m);
    expect(networkJson(state, { ...ov, driver: 'bridge', overlay: undefined })).not.toHaveProperty('Peers');
  });
});
