import { describe, expect, it } from 'vitest';
import { parseCheck } from '../../src/lesson/index.js';

const ok = (line: string) => {
  const p = parseCheck(line);
  if (!p.ok) throw new Error(p.error);
  const { text: _text, ...rest } = p.value;
  return rest;
};
const error = (line: string) => {
  const p = parseCheck(line);
  if (p.ok) throw new Error(`"${line}" parsed`);
  return p.error;
};

describe('parseCheck: the sentences of the check language', () => {
  it.each([
    ['netns net1', { kind: 'netns', name: 'net1', negated: false }],
    ['netns bbox1 listed', { kind: 'netns', name: 'bbox1', listed: true, negated: false }],
    ['link veth1 in net1 is up', { kind: 'link', name: 'veth1', ns: 'net1', state: 'up', linkKind: undefined, master: undefined, negated: false }],
    ['link docker0 kind bridge', { kind: 'link', name: 'docker0', ns: 'host', state: undefined, linkKind: 'bridge', master: undefined, negated: false }],
    ['link A is up master docker0', { kind: 'link', name: 'A', ns: 'host', state: 'up', linkKind: undefined, master: 'docker0', negated: false }],
    ['link eth0 in c1 mtu 1450', { kind: 'link', name: 'eth0', ns: 'c1', state: undefined, linkKind: undefined, master: undefined, mtu: 1450, negated: false }],
    ['not link veth1 in host', { kind: 'link', name: 'veth1', ns: 'host', state: undefined, linkKind: undefined, master: undefined, negated: true }],
    ['veth veth0 peer veth1 in net1', { kind: 'veth', name: 'veth0', ns: 'host', peer: 'veth1', peerNs: 'net1', negated: false }],
    ['veth eth0 in c1 peer vethx', { kind: 'veth', name: 'eth0', ns: 'c1', peer: 'vethx', peerNs: undefined, negated: false }],
    ['addr 10.0.0.2/24 on veth1 in net1', { kind: 'addr', address: '10.0.0.2', prefixlen: 24, dev: 'veth1', ns: 'net1', negated: false }],
    ['route default via 10.0.0.1 in net1', { kind: 'route', dst: 'default', via: '10.0.0.1', dev: undefined, ns: 'net1', negated: false }],
    ['no route default in net1', { kind: 'route', dst: 'default', via: undefined, dev: undefined, ns: 'net1', negated: true }],
    ['route 0.0.0.0/0 dev eth0', { kind: 'route', dst: 'default', via: undefined, dev: 'eth0', ns: 'host', negated: false }],
    ['route 10.0.0.5 in c1', { kind: 'route', dst: '10.0.0.5/32', via: undefined, dev: undefined, ns: 'c1', negated: false }],
    ['bridge docker0 has port A', { kind: 'bridge-port', bridge: 'docker0', port: 'A', ns: 'host', negated: false }],
    ['bridge br0 in net1 has port p1', { kind: 'bridge-port', bridge: 'br0', port: 'p1', ns: 'net1', negated: false }],
    ['sysctl net.ipv4.ip_forward = 1', { kind: 'sysctl', key: 'net.ipv4.ip_forward', value: '1', ns: 'host', negated: false }],
    ['sysctl net.ipv4.conf.all.rp_filter 0 in net1', { kind: 'sysctl', key: 'net.ipv4.conf.all.rp_filter', value: '0', ns: 'net1', negated: false }],
    ['nat masquerade 172.17.0.0/16', { kind: 'nat-masquerade', source: '172.17.0.0/16', outIface: undefined, ns: 'host', negated: false }],
    ['nat dnat tcp 8080 to 172.17.0.2:80', { kind: 'nat-dnat', protocol: 'tcp', port: 8080, to: '172.17.0.2:80', ns: 'host', negated: false }],
    ['ping 10.0.0.1 from net1', { kind: 'ping', address: '10.0.0.1', from: 'net1', negated: false }],
    ['ping 203.0.113.10', { kind: 'ping', address: '203.0.113.10', from: 'host', negated: false }],
    ['ping 203.0.113.10 from c1 via host:eth0', { kind: 'ping', address: '203.0.113.10', from: 'c1', via: 'host:eth0', negated: false }],
    ['ping 172.17.0.3 from c1 via host', { kind: 'ping', address: '172.17.0.3', from: 'c1', via: 'host', negated: false }],
    ['container bbox1 running', { kind: 'container', name: 'bbox1', state: 'running', net: undefined, negated: false }],
    ['container c2 net none', { kind: 'container', name: 'c2', state: undefined, net: 'none', negated: false }],
    ['container c3 is running net container:c1', { kind: 'container', name: 'c3', state: 'running', net: 'container:c1', negated: false }],
    ['ran brctl show', { kind: 'ran', words: ['brctl', 'show'], negated: false }],
    ['ran /^ip (a|addr)/i', { kind: 'ran', pattern: '^ip (a|addr)', flags: 'i', negated: false }],
  ])('%s', (line, want) => {
    expect(ok(line)).toEqual(want);
  });

  it('keeps the line as written', () => {
    const p = parseCheck('  link veth1 in net1  ');
    expect(p.ok && p.value.text).toBe('link veth1 in net1');
  });
});

describe('parseCheck: errors say what was expected', () => {
  it.each([
    ['', 'empty check'],
    ['lnk veth1', 'unknown check "lnk": a check starts with one of netns, link, veth, addr, route, bridge, sysctl, nat, ping, container, network, ran (optionally after "no" or "not")'],
    ['link', '"link" check is missing a link name'],
    ['ping 10.0.0.1 via', '"ping" check is missing a place (host, c1, outside) or place:interface after "via"'],
    ['ping 10.0.0.1 via host:eth0:x', '"via host:eth0:x": write a place (host, c1, outside) or place:interface (host:eth0)'],
    ['link in net1', '"link" check expected a link name but found the keyword "in"'],
    ['link veth1 in', '"link" check is missing a namespace after "in"'],
    ['link veth1 is', '"link" check ends too early; expected up, down or in NS after "is"'],
    ['bridge docker0 has', '"bridge" check ends too early; expected "has port NAME" (bridge docker0 [in NS] has port veth1)'],
    ['link veth1 sideways', 'unexpected "sideways" in "link" check; expected in NS, up, down, kind KIND, master BRIDGE or mtu N'],
    ['link eth0 mtu big', '"link" check expected a number after "mtu" (1500), not "big"'],
    ['link veth1 up down', '"up/down" is given twice'],
    ['veth veth0 veth1', 'unexpected "veth1" in "veth" check; expected "peer NAME" (veth A [in NS] peer B [in NS])'],
    ['addr 10.0.0.300/24 on veth1', '"10.0.0.300/24" is not an IP address (write it like 10.0.0.2/24)'],
    ['addr 10.0.0.2/33 on veth1', '"10.0.0.2/33" is not an IP address (write it like 10.0.0.2/24)'],
    ['addr 10.0.0.2/24 veth1', 'unexpected "veth1" in "addr" check; expected "on LINK" (addr 10.0.0.2/24 on veth1 [in NS])'],
    ['route nowhere', '"nowhere" is not a route destination: write default, a prefix (10.0.0.0/24) or an address'],
    ['route default via gateway', '"gateway" is not a gateway address'],
    ['route default metric 5', 'unexpected "metric" in "route" check; expected via GATEWAY, dev LINK or in NS'],
    ['bridge docker0 A', 'unexpected "A" in "bridge" check; expected "has port NAME" (bridge docker0 [in NS] has port veth1)'],
    ['sysctl ip_forward = 1', '"ip_forward" is not a sysctl name (write it with dots, like net.ipv4.ip_forward)'],
    ['sysctl net.ipv4.ip_forward =', '"sysctl" check is missing a value after the sysctl name'],
    ['nat snat 10.0.0.0/8', '"nat snat": write "nat masquerade SUBNET" or "nat dnat [tcp|udp] PORT to ADDRESS:PORT"'],
    ['nat dnat tcp 99999 to 1.2.3.4', '"99999" is not a port number (1-65535)'],
    ['nat dnat tcp 80 to web:80', '"web:80" is not a destination (write ADDRESS or ADDRESS:PORT, like 172.17.0.2:80)'],
    ['ping -example.com', '"-example.com" is neither an IP address nor a host name'],
    ['container c1 healthy', 'unexpected "healthy" in "container" check; expected exists, running, stopped or net MODE'],
    ['ran', '"ran" needs the command, e.g. "ran brctl show" or "ran /^ip (a|addr)/"'],
    ['ran /ip (/', '"ran /ip (/": the regular expression does not compile: Invalid regular expression: /ip (/: Unterminated group'],
  ])('%j', (line, message) => {
    expect(error(line)).toBe(message);
  });
});
