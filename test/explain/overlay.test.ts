// What lesson 08 prints, explained: `bridge fdb show dev vxlan4096` (no dev column, a VXLAN
// `dst` entry written by the overlay's control plane), `ip -d link` of the VXLAN, and
// `docker network inspect` of an overlay network. Real outputs captured in one two-hosts
// lab (fixtures README).
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/explain/index.js';
import { fixture, notesAt } from './helpers.js';

describe('bridge fdb show dev vxlan…', () => {
  const t = fixture('bridge-fdb/lab-overlay-vxlan.txt');
  it('is told from /etc/hosts though it names no dev', () => {
    expect(detect(t)).toBe('bridge-fdb');
  });
  it('a dst entry is a MAC tunnelled to the remote host, written rather than learnt', () => {
    expect(notesAt('bridge-fdb', t, 'dst 192.168.0.12')).toMatch(/tunnelled to the remote host 192\.168\.0\.12; permanent: written by software/);
    expect(notesAt('bridge-fdb', t, 'master ov-')).toMatch(/keeps it permanently/);
  });
});

describe('ip -d link of the overlay\'s VXLAN', () => {
  it('names the VNI, the port and the MTU of 1450', () => {
    const t = fixture('ip-addr/lab-overlay-vxlan-ip-d-link.txt');
    expect(notesAt('ip-addr', t, 'vxlan id 4096')).toMatch(/VXLAN network id \(VNI\).*port 4789 over eth0/);
    expect(notesAt('ip-addr', t, 'mtu 1450')).toMatch(/1500 minus the 50 bytes of VXLAN headers/);
  });
});

describe('docker network inspect of an overlay network', () => {
  const t = fixture('docker-network-inspect/lab-overlay.txt');
  it('an overlay, its ov- bridge, its VNI and its peers; no bridge gateway, no NAT', () => {
    expect(notesAt('docker-network-inspect', t, '"Name": "ov"')).toMatch(/an overlay network .*across the swarm's hosts/);
    expect(notesAt('docker-network-inspect', t, '"Id"')).toMatch(/ov- plus the first 12 characters: ov-[0-9a-f]{12}/);
    expect(notesAt('docker-network-inspect', t, 'vxlanid_list')).toMatch(/the VXLAN network id \(VNI\) of this overlay/);
    expect(notesAt('docker-network-inspect', t, '"IP": "192.168.0.12"')).toMatch(/far end of the VXLAN tunnels/);
    const gw = notesAt('docker-network-inspect', t, '"Gateway": "10.0.9.1"');
    expect(gw).toMatch(/docker_gwbridge/);
    expect(gw).not.toMatch(/br-/);
    expect(notesAt('docker-network-inspect', t, '"Internal": false')).not.toMatch(/NAT/);
  });
});
