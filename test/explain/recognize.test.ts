import { describe, expect, it } from 'vitest';
import { acceptedNames, explainerForName, recognize, renderAnnotated, explain } from '../../src/explain/index.js';
import { readLine } from '../../src/explain/recognize.js';
import { pipelines, simpleCommands } from '../../src/shell-words.js';
import { fixture } from './helpers.js';

describe('recognize: which explainer fits a typed command line', () => {
  const cases: [string, string | undefined][] = [
    ['ip a', 'ip-addr'],
    ['ip addr', 'ip-addr'],
    ['ip -4 addr show dev eth0', 'ip-addr'],
    ['ip addr show docker0', 'ip-addr'],
    ['ip -br a', 'ip-addr'],
    ['ip link', 'ip-addr'],
    ['ip link list', 'ip-addr'],
    ['ip -d link show vxlan100', 'ip-addr'],
    ['ip netns exec net1 ip a', 'ip-addr'],
    ['sudo ip netns exec 2778 ip addr', 'ip-addr'],
    ['docker exec -it bbox1 ip a', 'ip-addr'],
    ['ip -n net1 route', 'ip-route'],
    ['ip link list | grep veth', 'ip-addr'],
    ['ip r', 'ip-route'],
    ['ip route show', 'ip-route'],
    ['route -n', 'route-n'],
    ['route', 'route-n'],
    ['ip netns exec net1 route', 'route-n'],
    ['netstat -rn', 'route-n'],
    ['brctl show', 'brctl-show'],
    ['bridge link', 'bridge-link'],
    ['bridge fdb show', 'bridge-fdb'],
    ['ip netns', 'ip-netns'],
    ['ip netns list', 'ip-netns'],
    ['iptables -t nat -L', 'iptables-list'],
    ['iptables -t nat -nvL', 'iptables-list'],
    ['iptables -L -n -v', 'iptables-list'],
    ['iptables-save', 'iptables-save'],
    ['iptables -t nat -S', 'iptables-save'],
    ['ping -c 3 172.17.0.2', 'ping'],
    ['docker exec busybox1 ping 172.17.0.1 -c 3', 'ping'],
    ['ifconfig', 'ifconfig'],
    ['ifconfig veth1', 'ifconfig'],
    ['docker network inspect bridge', 'docker-network-inspect'],
    ['ip neigh', 'ip-neigh'],
    ['arp -n', 'arp'],
    ['ss -tlnp', 'ss'],
    ['docker exec web ss -tulnp', 'ss'],
    ['ss -s', undefined],
    ['nft list ruleset', 'nft'],
    ['nft -a list table ip nat', 'nft'],
    ['nft add rule ip filter input drop', undefined],
    // commands that change things print nothing to explain
    ['ip link add veth1 type veth peer name veth1_p', undefined],
    ['ip addr add 10.68.0.100/24 dev veth1_p', undefined],
    ['ip route add default via 10.68.0.1', undefined],
    ['ip netns add net1', undefined],
    ['ip netns exec net1 ip link set veth1 up', undefined],
    ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -j MASQUERADE', undefined],
    ['brctl addif docker0 A', undefined],
    ['ifconfig eth0 up', undefined],
    ['ls -l', undefined],
    ['', undefined],
  ];
  for (const [line, id] of cases) it(`${JSON.stringify(line)} → ${id}`, () => expect(recognize(line)).toBe(id));
  it('never throws on odd input', () => {
    for (const s of ['"unterminated', '\u0000\u0001', 'ip '.repeat(10_000), 'docker exec', 'ip netns exec']) expect(() => recognize(s)).not.toThrow();
  });
});

describe('readLine: output tied to the commands that print it', () => {
  it('two commands in two places: no place for the output, the explainer still known', () => {
    expect(readLine('docker exec bbox1 ip -br a; ip -br a')).toMatchObject({
      explainer: 'ip-addr', mixedOutput: false, outputTarget: undefined, outputInSeveralPlaces: true, inSeveralPlaces: true,
    });
  });
  it('one place, whatever the wrappers and pipes', () => {
    expect(readLine('docker exec bbox1 ip a; docker exec -it bbox1 ip -br l')).toMatchObject({ explainer: 'ip-addr', outputTarget: 'bbox1', outputInSeveralPlaces: false });
    expect(readLine('ip netns exec net1 ip a | grep inet')).toMatchObject({ explainer: 'ip-addr', outputTarget: 'net1' });
  });
  it('commands that print nothing take no part: their place does not count for the output', () => {
    expect(readLine('ip netns exec net1 ip link set lo up && ip a')).toMatchObject({ explainer: 'ip-addr', outputTarget: undefined, outputInSeveralPlaces: false, inSeveralPlaces: true });
    expect(readLine('ip link add v0 type veth peer name v1; ip -br link')).toMatchObject({ explainer: 'ip-addr', outputInSeveralPlaces: false });
  });
  it('commands that need different explainers: the output cannot be split, none is chosen', () => {
    expect(readLine('ip a; ip r')).toMatchObject({ explainer: undefined, mixedOutput: true });
    expect(recognize('ip a && route -n')).toBeUndefined();
  });
  it('a quoted ; is no separator', () => {
    expect(readLine("docker exec bbox1 sh -c 'ip a; ip r'")).toMatchObject({ explainer: undefined, mixedOutput: false, outputTarget: 'bbox1' });
  });
});

describe('pipelines: the commands of a line', () => {
  it('splits on unquoted list operators and pipes only', () => {
    expect(pipelines('a x; b | c && d || e & f\ng')).toEqual([['a x'], ['b', 'c'], ['d'], ['e'], ['f'], ['g']]);
    expect(pipelines(`sh -c 'ip a; ip r' 2>&1 | grep -v "a|b" &>/dev/null`)).toEqual([[`sh -c 'ip a; ip r' 2>&1`, `grep -v "a|b" &>/dev/null`]]);
    expect(pipelines('pid=$(docker inspect -f x c1; true) && echo \\; done')).toEqual([['pid=$(docker inspect -f x c1; true)'], ['echo \\; done']]);
    expect(pipelines(' ; ;; ')).toEqual([]);
  });
  it('simpleCommands: every stage, prefixes dropped', () => {
    expect(simpleCommands('sudo brctl show | grep veth; LANG=C ip a')).toEqual([['brctl', 'show'], ['grep', 'veth'], ['ip', 'a']]);
  });
});

describe('--as names', () => {
  it('accepts listed names, ids and command lines', () => {
    expect(explainerForName('route -n')).toBe('route-n');
    expect(explainerForName('ip-route')).toBe('ip-route');
    expect(explainerForName('ip -4 addr show dev eth0')).toBe('ip-addr');
    expect(explainerForName('frobnicate')).toBeUndefined();
    expect(acceptedNames()).toContain('brctl show');
  });
});

describe('renderAnnotated', () => {
  const lines = explain('brctl-show', fixture('brctl-show/seed-centos7-empty.txt'), { detail: 'full' });
  it('full: each line followed by its notes', () => {
    const out = renderAnnotated(lines, { color: false, compact: false });
    const rows = out.split('\n');
    expect(rows[0]).toMatch(/^bridge\sname/);
    expect(rows.findIndex((r) => r.includes('32768'))).toBeGreaterThan(rows.findIndex((r) => r.startsWith('docker0')));
    expect(out).not.toContain('\x1b[');
  });
  it('compact: only the notes; colour only when asked', () => {
    const compact = explain('brctl-show', fixture('brctl-show/seed-centos7-empty.txt'), { detail: 'compact' });
    const out = renderAnnotated(compact, { color: true, compact: true });
    expect(out).not.toMatch(/bridge\sname/);
    expect(out).toContain('\x1b[36m');
    expect(out).toMatch(/no interfaces plugged in/);
  });
});
