// The macvlan driver's pure parts: its options, trunk-mode names, which parents it takes
// (from a real `ip -j -d addr show`), --ip, and the network as `docker network inspect` shows it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIpAddr } from '../../src/kernel/parse-links.js';
import { DockerError } from '../../src/runtime/docker-error.js';
import { networkJson } from '../../src/runtime/format.js';
import { allocateAddress, requestAddress } from '../../src/runtime/ipam.js';
import { noVlanSupport, parentProblem, parseMacvlanOptions, vlanSubinterface } from '../../src/runtime/macvlan-driver.js';
import type { NetworkRecord, RuntimeState } from '../../src/runtime/state.js';

const links = parseIpAddr(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'runtime', 'macvlan-parents-ip-j-d-addr.json'), 'utf8'), 'host');

const macnet: NetworkRecord = {
  id: 'a'.repeat(64), name: 'macnet', driver: 'macvlan', subnet: '192.168.0.0/24', gateway: '192.168.0.1',
  created: '2026-12-07T00:00:00.000Z', builtin: false, macvlan: { parent: 'eth0', mode: 'bridge' },
};

function stateWith(ips: string[]): RuntimeState {
  return {
    version: 1, networks: [macnet],
    containers: ips.map((ip, i) => ({
      id: String(i).repeat(64), name: `m${i + 1}`, image: 'busybox', cmd: ['sh'], created: '', startedAt: '', pid: 10 + i, running: true, exitCode: 0,
      hostname: 'h', networkMode: 'macnet', ports: [], helpers: [], tty: false, interactive: false, autoRemove: false,
      endpoints: [{ networkId: macnet.id, networkName: 'macnet', endpointId: 'e', ifname: 'eth0', hostIf: '', kind: 'macvlan', ip, prefixlen: 24, gateway: '192.168.0.1', mac: '' }],
    })),
  };
}

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DockerError) return e.message;
    throw e;
  }
  throw new Error('no error');
};

describe('macvlan options', () => {
  it('-o parent=eth0, mode bridge by default, the other kernel modes by name', () => {
    expect(parseMacvlanOptions(['parent=eth0'])).toEqual({ parent: 'eth0', mode: 'bridge' });
    expect(parseMacvlanOptions(['parent=eth0.10', 'macvlan_mode=private'])).toEqual({ parent: 'eth0.10', mode: 'private' });
  });
  it('refuses an unknown mode, an unknown option and an empty parent, saying what it takes', () => {
    expect(message(() => parseMacvlanOptions(['macvlan_mode=trunk']))).toMatch(/macvlan mode 'trunk' is not valid.*private, vepa, passthru/);
    expect(message(() => parseMacvlanOptions(['mtu=9000']))).toMatch(/takes -o parent=IFACE and -o macvlan_mode=MODE, not -o mtu=9000/);
    expect(message(() => parseMacvlanOptions(['parent=']))).toMatch(/-o parent=eth0/);
  });
  it('eth0.10 is VLAN 10 on eth0; eth0 is no sub-interface', () => {
    expect(vlanSubinterface('eth0.10')).toEqual({ base: 'eth0', vid: 10 });
    expect(vlanSubinterface('eth0')).toBeUndefined();
  });
  it('the trunk-mode message names 802.1q, the missing kernel feature, and bridge mode as the way', () => {
    const m = noVlanSupport('eth0.10', 'eth0', 10);
    expect(m).toMatch(/802\.1q VLAN sub-interface of eth0/);
    expect(m).toMatch(/VLAN 10/);
    expect(m).toMatch(/no 802\.1q VLAN support \(CONFIG_VLAN_8021Q/);
    expect(m).toMatch(/-o parent=eth0\.$/);
  });
});

describe('macvlan parents (real ip -j -d addr show)', () => {
  it('takes eth0 and docker0', () => {
    expect(parentProblem('eth0', links)).toBeUndefined();
    expect(parentProblem('docker0', links)).toBeUndefined();
  });
  it('refuses a missing interface, listing the ones it could take', () => {
    expect(parentProblem('eth9', links)).toBe('-o parent=eth9: the lab host has no interface eth9 (`ip link` lists them; one that is not a bridge port will do: eth0, docker0, vbp)');
  });
  it('refuses a bridge port as the kernel does (EBUSY), naming the bridge', () => {
    expect(parentProblem('vb', links)).toMatch(/^-o parent=vb: vb is a port of the bridge docker0, .*Device or resource busy.*not enslaved: eth0, docker0, vbp$/);
  });
  it('refuses lo and a macvlan', () => {
    expect(parentProblem('lo', links)).toMatch(/loopback/);
    expect(parentProblem('mac0', links)).toMatch(/itself a macvlan/);
  });
});

describe('addresses on a macvlan network', () => {
  const hostOwn = new Map([['192.168.0.11', 'the lab host\'s address on eth0']]);
  it('the next free address skips the gateway, the containers\' and the lab\'s own', () => {
    expect(allocateAddress(stateWith([]), macnet, ['192.168.0.11'])).toBe('192.168.0.2');
    expect(allocateAddress(stateWith(['192.168.0.2']), macnet, ['192.168.0.3'])).toBe('192.168.0.4');
  });
  it('--ip: the address asked for, when it is free and in the subnet', () => {
    expect(requestAddress(stateWith([]), macnet, '192.168.0.20', hostOwn)).toBe('192.168.0.20');
    expect(message(() => requestAddress(stateWith([]), macnet, '192.168.0.11', hostOwn))).toBe('docker: Error response from daemon: invalid address 192.168.0.11 for network macnet: it is the lab host\'s address on eth0: pick another');
    expect(message(() => requestAddress(stateWith(['192.168.0.20']), macnet, '192.168.0.20'))).toMatch(/Address already in use: 192\.168\.0\.20 is m1's on macnet/);
    expect(message(() => requestAddress(stateWith([]), macnet, '10.0.0.5'))).toMatch(/outside the network's subnet 192\.168\.0\.0\/24/);
    expect(message(() => requestAddress(stateWith([]), macnet, '192.168.0.1'))).toMatch(/gateway/);
    expect(message(() => requestAddress(stateWith([]), macnet, '192.168.0.255'))).toMatch(/broadcast/);
    expect(message(() => requestAddress(stateWith([]), macnet, 'eth0'))).toMatch(/write an IPv4 address/);
  });
  it('--ip on the default bridge: Docker\'s refusal', () => {
    const bridge: NetworkRecord = { id: 'b'.repeat(64), name: 'bridge', driver: 'bridge', bridge: 'docker0', subnet: '172.17.0.0/16', gateway: '172.17.0.1', created: '', builtin: true };
    expect(message(() => requestAddress(stateWith([]), bridge, '172.17.0.9'))).toMatch(/user specified IP address is supported on user defined networks only/);
  });
});

describe('docker network inspect of a macvlan network', () => {
  it('Driver macvlan, its subnet and gateway, Options with the parent, and the container\'s MAC', () => {
    const s = stateWith(['192.168.0.2']);
    s.containers[0].endpoints[0].mac = '02:42:c0:a8:00:02';
    const j = networkJson(s, macnet) as Record<string, any>;
    expect(j).toMatchObject({ Name: 'macnet', Driver: 'macvlan', Scope: 'local', IPAM: { Config: [{ Subnet: '192.168.0.0/24', Gateway: '192.168.0.1' }] }, Options: { parent: 'eth0' } });
    expect(Object.values(j.Containers)).toEqual([{ Name: 'm1', EndpointID: 'e', MacAddress: '02:42:c0:a8:00:02', IPv4Address: '192.168.0.2/24', IPv6Address: '' }]);
    expect((networkJson(s, { ...macnet, macvlan: { parent: 'eth0', mode: 'private' } }) as Record<string, any>).Options).toEqual({ parent: 'eth0', macvlan_mode: 'private' });
  });
});
