import { describe, expect, it } from 'vitest';
import { parseIptablesSave, parseNatRules, parseRule, splitRuleWords } from '../../src/kernel/parse-iptables.js';
import { fixture } from './fixtures.js';

describe('parseNatRules on iptables-save from a lab host with Docker-like rules', () => {
  const rules = parseNatRules(fixture('host-iptables-save.txt'), 'host');

  it("Docker's masquerade: source, negated out interface", () => {
    expect(rules).toContainEqual({
      ns: 'host', chain: 'POSTROUTING', spec: '-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE',
      target: 'MASQUERADE', source: '172.17.0.0/16', outIface: '!docker0',
    });
  });

  it("Docker's DNAT for -p 8080:80", () => {
    expect(rules).toContainEqual({
      ns: 'host', chain: 'DOCKER', spec: '! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80',
      target: 'DNAT', inIface: '!docker0', protocol: 'tcp', dport: 8080, toDestination: '172.17.0.2:80',
    });
  });

  it('negated destination, jumps to a user chain, SNAT and REDIRECT targets', () => {
    expect(rules.find((r) => r.chain === 'OUTPUT')).toMatchObject({ destination: '!127.0.0.0/8', target: 'DOCKER' });
    expect(rules.find((r) => r.target === 'SNAT')).toMatchObject({ source: '10.68.0.0/24', outIface: 'eth0', toSource: '192.168.0.11' });
    expect(rules.find((r) => r.target === 'REDIRECT')).toMatchObject({ inIface: 'eth0', protocol: 'udp', dport: 5353, toPorts: '53' });
  });

  it('keeps the order of iptables-save', () => {
    expect(rules.map((r) => `${r.chain} ${r.target}`)).toEqual([
      'PREROUTING DOCKER', 'PREROUTING REDIRECT', 'OUTPUT DOCKER', 'POSTROUTING MASQUERADE', 'POSTROUTING MASQUERADE',
      'POSTROUTING SNAT', 'DOCKER RETURN', 'DOCKER DNAT',
    ]);
  });

  it('no nat table (an untouched namespace) is no rules', () => {
    expect(parseNatRules('', 'net1')).toEqual([]);
    expect(parseNatRules('*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n', 'net1')).toEqual([]);
  });
});

describe('parseIptablesSave', () => {
  it('reads tables, chain policies and rules', () => {
    const [nat] = parseIptablesSave(fixture('host-iptables-save.txt'));
    expect(nat.name).toBe('nat');
    expect(nat.chains).toEqual([
      { name: 'PREROUTING', policy: 'ACCEPT' }, { name: 'INPUT', policy: 'ACCEPT' }, { name: 'OUTPUT', policy: 'ACCEPT' },
      { name: 'POSTROUTING', policy: 'ACCEPT' }, { name: 'DOCKER', policy: '-' },
    ]);
    expect(nat.rules).toHaveLength(8);
  });
});

describe('parseRule and its word splitter', () => {
  it('keeps a quoted comment whole', () => {
    expect(splitRuleWords('-i eth0 -m comment --comment "a comment, with spaces" -j ACCEPT')).toEqual(
      ['-i', 'eth0', '-m', 'comment', '--comment', 'a comment, with spaces', '-j', 'ACCEPT'],
    );
    expect(splitRuleWords('--comment "say \\"hi\\"" -j RETURN')).toEqual(['--comment', 'say "hi"', '-j', 'RETURN']);
  });

  it('long option names, and a port range or negated port left out of dport', () => {
    expect(parseRule('host', 'X', '--source 10.0.0.0/8 --in-interface eth0 -p tcp --dport 8000:8010 -j ACCEPT')).toMatchObject({ source: '10.0.0.0/8', inIface: 'eth0', target: 'ACCEPT' });
    expect(parseRule('host', 'X', '-p tcp --dport 8000:8010 -j ACCEPT').dport).toBeUndefined();
    expect(parseRule('host', 'X', '-p tcp ! --dport 22 -j ACCEPT').dport).toBeUndefined();
    expect(parseRule('host', 'X', '-p tcp -m tcp --destination-port 22 -g DOCKER')).toMatchObject({ dport: 22, target: 'DOCKER' });
  });
});
