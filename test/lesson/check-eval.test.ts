import { describe, expect, it } from 'vitest';
import { headline } from '../../src/lesson/check-eval.js';
import { evaluate, evaluateAll, isProbeNeeded, parseCheck, type Check, type Prober } from '../../src/lesson/index.js';
import { dockerLab, emptyState } from './fixtures.js';

function check(line: string): Check {
  const p = parseCheck(line);
  if (!p.ok) throw new Error(`${line}: ${p.error}`);
  return p.value;
}

function run(line: string, commands: string[] = []) {
  const e = evaluate(check(line), dockerLab(), { commands });
  if (isProbeNeeded(e)) throw new Error('unexpected probe');
  return e;
}

// [check line, passes?, expected, found] on dockerLab(): every check kind, passing and failing.
const cases: [string, boolean, string, string][] = [
  // namespaces
  ['netns net1', true, 'a network namespace net1', 'namespace net1 exists'],
  ['netns net2', false, 'a network namespace net2', 'there is no namespace net2 (namespaces: host, outside, net1, c1, c2)'],
  ['no netns net2', true, 'no network namespace net2', 'there is no namespace net2 (namespaces: host, outside, net1, c1, c2)'],
  ['netns c1', true, 'a network namespace c1', 'namespace c1 exists'],
  ['netns net1 listed', true, '`ip netns` listing net1', '`ip netns` lists net1'],
  ['netns c1 listed', false, '`ip netns` listing c1', 'c1 is a namespace, but `ip netns` lists net1 (no /run/netns/c1)'],
  ['no netns c1 listed', true, '`ip netns` not listing c1', 'c1 is a namespace, but `ip netns` lists net1 (no /run/netns/c1)'],
  ['netns net2 listed', false, '`ip netns` listing net2', 'there is no namespace net2 (namespaces: host, outside, net1, c1, c2)'],
  // links: exists, in a namespace, up, kind, master
  ['link veth1 in net1', true, 'a link veth1 in net1', 'veth1 is in net1'],
  ['link veth1', false, 'a link veth1 in host', 'veth1 is in net1, not in host'],
  ['link nothere in net1', false, 'a link nothere in net1', 'no link nothere in net1 (links there: lo, veth1)'],
  ['link eth0 in nowhere', false, 'a link eth0 in nowhere', 'there is no namespace nowhere (namespaces: host, outside, net1, c1, c2)'],
  ['link veth1 in net1 is up', false, 'veth1 in net1, UP', 'veth1 is in net1 but DOWN'],
  ['link veth1_p is up', true, 'veth1_p in host, UP', 'veth1_p is in host, UP'],
  ['link veth1_p is down', false, 'veth1_p in host, DOWN', 'veth1_p is in host and UP'],
  ['link docker0 kind bridge', true, 'docker0 in host, a bridge', 'docker0 is in host, a bridge'],
  ['link docker0 mtu 1500', true, 'docker0 in host, MTU 1500', 'docker0 is in host, MTU 1500'],
  ['link docker0 mtu 1450', false, 'docker0 in host, MTU 1450', 'docker0 is in host but its MTU is 1500'],
  ['link eth0 kind bridge', false, 'eth0 in host, a bridge', 'eth0 is in host but is a plain device'],
  ['link veth1a2b3c4 master docker0', true, 'veth1a2b3c4 in host, a port of docker0', 'veth1a2b3c4 is in host, a port of docker0'],
  ['link veth1_p master docker0', false, 'veth1_p in host, a port of docker0', 'veth1_p is in host but is not a port of any bridge'],
  ['link eth0 in c1 is up', true, 'eth0 in c1, UP', 'eth0 is in c1, UP'],
  ['link eth0 in 3f2a9c', true, 'a link eth0 in 3f2a9c', 'eth0 is in 3f2a9c'],
  ['not link veth1 in host', true, 'no link veth1 in host', 'veth1 is in net1, not in host'],
  ['not link veth1 in net1', false, 'no link veth1 in net1', 'veth1 is in net1'],
  ['not link veth1_p master docker0', true, 'veth1_p in host not a port of docker0', 'veth1_p is in host but is not a port of any bridge'],
  // veth peers
  ['veth veth1_p peer veth1 in net1', true, 'veth1_p in host paired with veth1 in net1', 'veth1_p in host is paired with veth1 in net1'],
  ['veth veth1_p peer veth1', true, 'veth1_p in host paired with veth1', 'veth1_p in host is paired with veth1 in net1'],
  ['veth veth1_p peer veth1 in c1', false, 'veth1_p in host paired with veth1 in c1', 'veth1_p in host is paired with veth1 in net1, not in c1'],
  ['veth veth1a2b3c4 peer veth1', false, 'veth1a2b3c4 in host paired with veth1', 'veth1a2b3c4 in host is paired with eth0 in c1'],
  ['veth docker0 peer x', false, 'docker0 in host paired with x', 'docker0 in host is a bridge, not a veth'],
  ['veth eth0 in c1 peer veth1a2b3c4 in host', true, 'eth0 in c1 paired with veth1a2b3c4 in host', 'eth0 in c1 is paired with veth1a2b3c4 in host'],
  // addresses
  ['addr 172.17.0.2/16 on eth0 in c1', true, '172.17.0.2/16 on eth0 in c1', 'eth0 in c1 has 172.17.0.2/16'],
  ['addr 172.17.0.2/24 on eth0 in c1', false, '172.17.0.2/24 on eth0 in c1', 'eth0 in c1 has 172.17.0.2/16'],
  ['addr 172.17.0.2 on eth0 in c1', true, '172.17.0.2 on eth0 in c1', 'eth0 in c1 has 172.17.0.2/16'],
  ['addr 10.0.0.2/24 on veth1 in net1', false, '10.0.0.2/24 on veth1 in net1', 'veth1 in net1 has no IPv4 address'],
  ['addr 10.0.0.2/24 on veth1', false, '10.0.0.2/24 on veth1 in host', 'veth1 is in net1, not in host'],
  ['no addr 10.0.0.1/24 on veth1_p', false, 'no 10.0.0.1/24 on veth1_p in host', 'veth1_p in host has 10.0.0.1/24'],
  // routes
  ['route default via 192.168.0.1', true, 'a route default via 192.168.0.1 in host', 'the default route in host goes via 192.168.0.1 dev eth0'],
  ['route default via 172.17.0.1 dev eth0 in c1', true, 'a route default via 172.17.0.1 dev eth0 in c1', 'the default route in c1 goes via 172.17.0.1 dev eth0'],
  ['route default in net1', false, 'a route default in net1', 'no default route in net1 (routes: none)'],
  ['route default via 10.0.0.1 in net1', false, 'a route default via 10.0.0.1 in net1', 'no default route in net1 (routes: none)'],
  ['route 10.1.0.0/16 in c1', false, 'a route 10.1.0.0/16 in c1', 'no route to 10.1.0.0/16 in c1 (routes: default via 172.17.0.1 dev eth0, 172.17.0.0/16 dev eth0)'],
  ['route default via 192.168.0.254', false, 'a route default via 192.168.0.254 in host', 'the default route in host goes via 192.168.0.1 dev eth0'],
  ['route 172.17.0.0/16 dev docker0', true, 'a route 172.17.0.0/16 dev docker0 in host', 'the route to 172.17.0.0/16 in host goes direct (no gateway) dev docker0'],
  ['route 172.17.0.0/16 dev eth0', false, 'a route 172.17.0.0/16 dev eth0 in host', 'the route to 172.17.0.0/16 in host goes direct (no gateway) dev docker0'],
  ['route 127.0.0.1', false, 'a route 127.0.0.1/32 in host', 'no route to 127.0.0.1/32 in host (routes: default via 192.168.0.1 dev eth0, 172.17.0.0/16 dev docker0, 192.168.0.0/24 dev eth0, 10.0.0.0/24 dev veth1_p)'],
  ['no route default in net1', true, 'no route default in net1', 'no default route in net1 (routes: none)'],
  // bridge ports
  ['bridge docker0 has port veth1a2b3c4', true, 'veth1a2b3c4 a port of docker0 in host', 'docker0 has port veth1a2b3c4 (ports: veth1a2b3c4)'],
  ['bridge docker0 has port A', false, 'A a port of docker0 in host', 'the ports of docker0 are veth1a2b3c4'],
  ['bridge eth0 has port A', false, 'A a port of eth0 in host', 'eth0 in host is a plain device, not a bridge'],
  ['bridge br0 has port A', false, 'A a port of br0 in host', 'no link br0 in host (links there: lo, eth0, docker0, veth1a2b3c4, veth1_p)'],
  // sysctls
  ['sysctl net.ipv4.ip_forward = 1', true, 'net.ipv4.ip_forward = 1 in host', 'net.ipv4.ip_forward = 1 in host'],
  ['sysctl net.ipv4.ip_forward = 1 in net1', false, 'net.ipv4.ip_forward = 1 in net1', 'net.ipv4.ip_forward = 0 in net1'],
  ['sysctl net.ipv4.ip_forward 1 in c1', false, 'net.ipv4.ip_forward = 1 in c1', 'nslab did not read net.ipv4.ip_forward in c1'],
  ['not sysctl net.ipv4.ip_forward = 1', false, 'net.ipv4.ip_forward other than 1 in host', 'net.ipv4.ip_forward = 1 in host'],
  // NAT
  ['nat masquerade 172.17.0.0/16', true, 'a MASQUERADE rule for 172.17.0.0/16 in host', 'rule -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE in host'],
  ['nat masquerade 172.17.0.0/16 out !docker0', true, 'a MASQUERADE rule for 172.17.0.0/16 out !docker0 in host', 'rule -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE in host'],
  ['nat masquerade 10.0.0.0/24', false, 'a MASQUERADE rule for 10.0.0.0/24 in host', 'the MASQUERADE rules in host are: -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE'],
  ['nat masquerade 10.0.0.0/24 in net1', false, 'a MASQUERADE rule for 10.0.0.0/24 in net1', 'no MASQUERADE rule in net1 (nat rules: none)'],
  ['nat dnat tcp 8080 to 172.17.0.2:80', true, 'a DNAT rule tcp port 8080 to 172.17.0.2:80 in host', 'rule -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80 in host'],
  ['nat dnat 8080 to 172.17.0.2', true, 'a DNAT rule port 8080 to 172.17.0.2 in host', 'rule -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80 in host'],
  ['nat dnat udp 8080 to 172.17.0.2:80', false, 'a DNAT rule udp port 8080 to 172.17.0.2:80 in host', 'the DNAT rules in host are: -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80'],
  ['nat dnat tcp 80 to 172.17.0.3:80 in c1', false, 'a DNAT rule tcp port 80 to 172.17.0.3:80 in c1', 'no DNAT rule in c1'],
  // containers
  ['container c1', true, 'a container c1', 'container c1 is running, network mode bridge'],
  ['container c1 running', true, 'container c1 running', 'container c1 is running, network mode bridge'],
  ['container c2 running', false, 'container c2 running', 'container c2 is stopped'],
  ['container c2 net none', true, 'container c2 with network mode none', 'container c2 is stopped, network mode none'],
  ['container c1 net host', false, 'container c1 with network mode host', 'container c1 has network mode bridge'],
  ['container bbox1', false, 'a container bbox1', 'no container bbox1 (containers: c1, c2)'],
  ['no container bbox1', true, 'no container bbox1', 'no container bbox1 (containers: c1, c2)'],
];

describe('evaluate: every check kind, pass and fail, in plain words', () => {
  it.each(cases)('%s', (line, ok, expected, found) => {
    expect(run(line)).toEqual({ ok, expected, found });
  });
});

describe('ran: the one check that reads the transcript', () => {
  it('passes on the first words of any simple command of a line, whatever comes after', () => {
    expect(run('ran brctl show', ['ip a', 'sudo brctl show docker0 | grep veth'])).toEqual({
      ok: true, expected: '`brctl show` run in this step', found: 'you ran `sudo brctl show docker0 | grep veth`',
    });
  });
  it('fails when only similar commands ran, naming the last ones', () => {
    expect(run('ran brctl show', ['ip a', 'brctl', 'bridge link', 'ip link'])).toEqual({
      ok: false, expected: '`brctl show` run in this step', found: 'commands run in this step: …, `brctl`, `bridge link`, `ip link`',
    });
  });
  it('fails with nothing run', () => {
    expect(run('ran ip a')).toEqual({ ok: false, expected: '`ip a` run in this step', found: 'no command run yet in this step' });
  });
  it('takes a regular expression', () => {
    expect(run('ran /^ip (a|addr)( |$)/', ['ip addr show eth0']).ok).toBe(true);
    expect(run('ran /^ip (a|addr)( |$)/', ['ip address']).ok).toBe(false);
  });
  it('does not match a word in the middle of a command', () => {
    expect(run('ran brctl show', ['echo brctl show']).ok).toBe(false);
  });
  it('a pattern is told in words, by the step command it matches; headline says what to run or what ran', () => {
    const c = check('ran /^ip\\s+(-\\S+\\s+)*a\\w*(\\s|$)/');
    const ctx = { commands: [], examples: ['docker run -itd --name bbox1 busybox', 'ip a'] };
    const e = evaluate(c, dockerLab(), ctx);
    if (isProbeNeeded(e)) throw new Error('unexpected probe');
    expect(e.expected).toBe('`ip a` (or a command like it) run in this step');
    expect(headline(c, e, ctx)).toBe('run `ip a` (or a command like it)');
    const done = evaluate(c, dockerLab(), { ...ctx, commands: ['ip -4 addr'] });
    if (isProbeNeeded(done)) throw new Error('unexpected probe');
    expect(headline(c, done, ctx)).toBe('you ran `ip -4 addr`');
    expect(headline(check('link docker0 is up'), done)).toBe('link docker0 is up');
    // Without an example the pattern is all there is to show.
    expect(run('ran /^ip (a|addr)( |$)/').expected).toBe('a command matching /^ip (a|addr)( |$)/ run in this step');
  });
});

describe('ping: a probe for the caller to run', () => {
  it('netns NAME listed passes for a container once /run/netns names it', () => {
    const state = dockerLab();
    const c1 = state.namespaces.find((n) => n.id === 'container:c1')!;
    c1.names.push('bbox1');
    c1.listed = ['bbox1'];
    const e = evaluate(check('netns bbox1 listed'), state);
    if (isProbeNeeded(e)) throw new Error('unexpected probe');
    expect(e).toEqual({ ok: true, expected: '`ip netns` listing bbox1', found: '`ip netns` lists bbox1' });
  });

  it('evaluate() asks for a ping from the resolved namespace instead of doing I/O', () => {
    const e = evaluate(check('ping 172.17.0.1 from c1'), dockerLab());
    if (!isProbeNeeded(e)) throw new Error('expected a probe');
    expect(e.needsProbe.kind).toBe('ping');
    expect(e.needsProbe.from.id).toBe('container:c1');
    expect(e.needsProbe.address).toBe('172.17.0.1');
    expect(e.complete(true)).toEqual({ ok: true, expected: '172.17.0.1 answers ping from c1', found: '172.17.0.1 answers ping from c1' });
    expect(e.complete(false)).toEqual({ ok: false, expected: '172.17.0.1 answers ping from c1', found: '172.17.0.1 does not answer ping from c1' });
  });
  it('a ping from a namespace that does not exist fails without a probe', () => {
    expect(evaluate(check('ping 10.0.0.1 from net9'), dockerLab())).toEqual({
      ok: false, expected: '10.0.0.1 answers ping from net9', found: 'there is no namespace net9 (namespaces: host, outside, net1, c1, c2)',
    });
  });
  it('evaluateAll runs the probes and reports every check', async () => {
    const asked: string[] = [];
    const prober: Prober = {
      async ping(from, address) {
        asked.push(`${from.id}->${address}`);
        return address === '172.17.0.1';
      },
    };
    const checks = ['ping 172.17.0.1 from c1', 'no ping 203.0.113.10 from c2', 'ping 203.0.113.10 from c1', 'link docker0 kind bridge'].map(check);
    const reports = await evaluateAll(checks, dockerLab(), prober);
    expect(reports.map((r) => r.result.ok)).toEqual([true, true, false, true]);
    expect(asked.sort()).toEqual(['container:c1->172.17.0.1', 'container:c1->203.0.113.10', 'container:c2->203.0.113.10']);
    expect(reports[1].result).toEqual({ ok: true, expected: '203.0.113.10 does not answer ping from c2', found: '203.0.113.10 does not answer ping from c2' });
  });
  it('a prober that throws makes a failed check that says why', async () => {
    const prober: Prober = { ping: async () => { throw new Error('nsenter: cannot open /proc/99/ns/net'); } };
    const [r] = await evaluateAll([{ check: check('ping 10.0.0.1'), line: 3 }], dockerLab(), prober);
    expect(r.item.line).toBe(3);
    expect(r.result).toEqual({ ok: false, expected: '10.0.0.1 answers ping from host', found: 'could not run ping: nsenter: cannot open /proc/99/ns/net' });
  });
});

describe('ping … via: the request must pass a place (a packet walk)', () => {
  const walked = (path: string[], reachable = true, lost?: string) => ({ reachable, path, ...(lost ? { lost } : {}) });
  const out = ['c1:eth0', 'host:veth1', 'host:docker0', 'host:eth0', 'outside:eth0'];
  it('passes when the ping is answered and its request was seen at the place, or on the interface', async () => {
    const prober: Prober = { ping: async () => { throw new Error('a via check walks, it does not only ping'); }, walk: async () => walked(out) };
    const reports = await evaluateAll(['ping 203.0.113.10 from c1 via host:eth0', 'ping 203.0.113.10 from c1 via outside', 'ping 203.0.113.10 from c1 via host:eth1'].map(check), dockerLab(), prober);
    expect(reports.map((r) => r.result.ok)).toEqual([true, true, false]);
    expect(reports[0].result).toEqual({ ok: true, expected: '203.0.113.10 answers ping from c1, through host:eth0', found: '203.0.113.10 answers, its request going c1:eth0 → host:veth1 → host:docker0 → host:eth0 → outside:eth0' });
    expect(reports[2].result.found).toMatch(/\(not through host:eth1\)$/);
  });
  it('fails with where the request was lost', async () => {
    const prober: Prober = { ping: async () => true, walk: async () => walked(out.slice(0, 3), false, 'at host:docker0, forwarding is off in host') };
    const [r] = await evaluateAll([check('ping 203.0.113.10 from c1 via host:eth0')], dockerLab(), prober);
    expect(r.result).toEqual({ ok: false, expected: '203.0.113.10 answers ping from c1, through host:eth0', found: '203.0.113.10 does not answer: the request went c1:eth0 → host:veth1 → host:docker0, lost: at host:docker0, forwarding is off in host' });
  });
  it('says so where the front end cannot walk', async () => {
    const [r] = await evaluateAll([check('ping 203.0.113.10 from c1 via host')], dockerLab(), { ping: async () => true });
    expect(r.result).toMatchObject({ ok: false, found: 'could not run ping: this front end cannot follow a packet (no packet walk)' });
  });
});

describe('checks read state, not commands', () => {
  it('a port added with brctl addif or ip link set master is the same state', () => {
    const s = dockerLab();
    expect(evaluate(check('bridge docker0 has port veth1_p'), s)).toMatchObject({ ok: false });
    s.links.find((l) => l.name === 'veth1_p')!.master = 'docker0';
    expect(evaluate(check('bridge docker0 has port veth1_p'), s)).toMatchObject({ ok: true });
    expect(evaluate(check('link veth1_p master docker0'), s)).toMatchObject({ ok: true });
  });
  it('an empty lab fails positive checks and passes their negations', () => {
    const s = emptyState();
    expect(evaluate(check('link veth1'), s)).toEqual({ ok: false, expected: 'a link veth1 in host', found: 'no link veth1 in host (links there: none)' });
    expect(evaluate(check('container c1'), s)).toEqual({ ok: false, expected: 'a container c1', found: 'no container c1 (containers: none)' });
    expect(evaluate(check('no route default'), s)).toMatchObject({ ok: true });
  });
});
