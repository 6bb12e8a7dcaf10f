// The pure parts of user-defined networks: Docker's filter rules, the default route's
// network, the names each container's resolver answers, its resolv.conf.
import { describe, expect, it } from 'vitest';
import { addBridgeSteps, bridgeRemoveRules, daemonFilterRules } from '../../src/runtime/isolation.js';
import { gatewayEndpoint } from '../../src/runtime/default-route.js';
import { hostsLines, namesFor } from '../../src/runtime/dns.js';
import { etcContents, internalResolvConf } from '../../src/runtime/etc-files.js';
import { procNetAddress, udpBound } from '../../src/sandbox/public-dns.js';
import type { ContainerRecord, Endpoint, NetworkRecord, RuntimeState } from '../../src/runtime/state.js';

// `iptables -S` of a fresh docker-host lab (captured with bin/nslab run -- 'iptables -S').
const FRESH = `-P INPUT ACCEPT
-P FORWARD ACCEPT
-P OUTPUT ACCEPT
-N DOCKER
-N DOCKER-ISOLATION-STAGE-1
-N DOCKER-ISOLATION-STAGE-2
-N DOCKER-USER
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN`.split('\n');

describe('Docker\'s filter rules', () => {
  it('at daemon start: the chains, the two jumps first, docker0\'s rules', () => {
    const lines = daemonFilterRules('docker0').split('\n');
    expect(lines[0]).toBe('*filter');
    // what iptables-restore loads is what `iptables -S` shows on a fresh lab, in order
    expect(lines.filter((l) => l.startsWith('-A'))).toEqual(FRESH.filter((l) => l.startsWith('-A')));
    expect(lines.filter((l) => l.startsWith(':') && l !== ':FORWARD ACCEPT [0:0]').map((l) => `-N ${l.slice(1).split(' ')[0]}`)).toEqual(FRESH.filter((l) => l.startsWith('-N')));
  });

  it('adding a bridge to a fresh lab: its rules on top, the jumps moved back to the head, no chain made again', () => {
    const steps = addBridgeSteps('br-1', FRESH);
    expect(steps.map((s) => s.shown)).toEqual([
      'iptables -I FORWARD -i br-1 -o br-1 -j ACCEPT',
      'iptables -I FORWARD -i br-1 ! -o br-1 -j ACCEPT',
      'iptables -I FORWARD -o br-1 -j DOCKER',
      'iptables -I FORWARD -o br-1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      'iptables -I DOCKER-ISOLATION-STAGE-1 -i br-1 ! -o br-1 -j DOCKER-ISOLATION-STAGE-2',
      'iptables -I DOCKER-ISOLATION-STAGE-2 -o br-1 -j DROP',
      'iptables -D FORWARD -j DOCKER-ISOLATION-STAGE-1',
      'iptables -I FORWARD -j DOCKER-ISOLATION-STAGE-1',
      'iptables -D FORWARD -j DOCKER-USER',
      'iptables -I FORWARD -j DOCKER-USER',
    ]);
  });

  it('adding a bridge where the chains were flushed away: makes them, with their RETURN, and deletes no jump that is not there', () => {
    const steps = addBridgeSteps('br-1', ['-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT']);
    expect(steps.slice(0, 7).map((s) => s.restore)).toEqual([
      ':DOCKER - [0:0]',
      ':DOCKER-ISOLATION-STAGE-1 - [0:0]', '-A DOCKER-ISOLATION-STAGE-1 -j RETURN',
      ':DOCKER-ISOLATION-STAGE-2 - [0:0]', '-A DOCKER-ISOLATION-STAGE-2 -j RETURN',
      ':DOCKER-USER - [0:0]', '-A DOCKER-USER -j RETURN',
    ]);
    expect(steps[0].shown).toBe('iptables -N DOCKER');
    expect(steps.some((s) => s.restore.startsWith('-D'))).toBe(false);
  });

  it('removing a bridge deletes exactly what adding it inserted', () => {
    const inserted = addBridgeSteps('br-1', FRESH).map((s) => s.restore).filter((r) => r.startsWith('-I') && r.includes('br-1')).map((r) => r.slice(3)).sort();
    expect(bridgeRemoveRules('br-1').map((r) => r.slice(3)).sort()).toEqual(inserted);
  });
});

const ep = (networkName: string, ip: string, extra: Partial<Endpoint> = {}): Endpoint => ({
  networkId: `id-${networkName}`, networkName, endpointId: 'e', ifname: 'eth0', hostIf: 'vethx', ip, prefixlen: 16, gateway: ip.replace(/\.\d+$/, '.1'), mac: '02:42:00:00:00:00', ...extra,
});

describe('the default route of a container on several networks', () => {
  it('goes through the network whose name sorts first, whatever the order joined', () => {
    const b = ep('netb', '172.19.0.2');
    const a = ep('neta', '172.18.0.2');
    expect(gatewayEndpoint([b, a])).toBe(a);
    expect(gatewayEndpoint([a, b])).toBe(a);
    expect(gatewayEndpoint([ep('mynet', '172.18.0.2'), ep('bridge', '172.17.0.2')])?.networkName).toBe('bridge');
    expect(gatewayEndpoint([])).toBeUndefined();
  });
});

const net = (name: string, builtin = false): NetworkRecord => ({ id: `id-${name}`, name, driver: 'bridge', bridge: `br-${name}`, subnet: '172.18.0.0/16', gateway: '172.18.0.1', created: '', builtin });
const container = (name: string, id: string, eps: Endpoint[], running = true): ContainerRecord => ({
  id, name, image: 'busybox', cmd: ['sh'], created: '', startedAt: '', pid: 1, running, exitCode: 0, hostname: id.slice(0, 12),
  networkMode: eps[0]?.networkName ?? 'none', endpoints: eps, ports: [], helpers: [], tty: false, interactive: false, autoRemove: false,
});

describe('the names a container\'s resolver answers', () => {
  const web = container('web', 'a'.repeat(64), [ep('appnet', '172.18.0.2', { aliases: ['www'] })]);
  const client = container('client', 'b'.repeat(64), [ep('appnet', '172.18.0.3'), ep('bridge', '172.17.0.2')]);
  const plain = container('plain', 'c'.repeat(64), [ep('bridge', '172.17.0.3')]);
  const stopped = container('late', 'd'.repeat(64), [ep('appnet', '172.18.0.4')], false);
  const state: RuntimeState = { version: 1, networks: [net('bridge', true), net('appnet')], containers: [web, client, plain, stopped] };
  const running = (c: ContainerRecord) => c.running;

  it('every running member of its user-defined networks: name, aliases, short id; nothing of the default bridge', () => {
    expect(hostsLines(namesFor(state, client, running))).toBe(`172.18.0.2\tweb www aaaaaaaaaaaa\n172.18.0.3\tclient bbbbbbbbbbbb\n`);
  });

  it('a container only on the default bridge has none', () => {
    expect(namesFor(state, plain, running)).toEqual([]);
  });

  it('a name on two shared networks answers with the address on the one joined first', () => {
    const other = net('other');
    const both = container('both', 'e'.repeat(64), [ep('other', '10.0.0.2'), ep('appnet', '172.18.0.9')]);
    const asker = container('asker', 'f'.repeat(64), [ep('appnet', '172.18.0.8'), ep('other', '10.0.0.3')]);
    const s: RuntimeState = { version: 1, networks: [net('appnet'), other], containers: [both, asker] };
    expect(namesFor(s, asker, running).find(([, names]) => names.includes('both'))?.[0]).toBe('172.18.0.9');
  });
});

describe('the container\'s resolv.conf', () => {
  const host = { hosts: '127.0.0.1\tlocalhost\n', resolvConf: 'nameserver 10.0.0.53\n', resolvConfIsTheLabs: false };

  it('with the internal resolver: 127.0.0.11 and ndots:0, as Docker writes it', () => {
    const text = etcContents({ hostname: 'h', networkMode: 'appnet', resolver: { mode: 'dnsmasq' } }, ['172.18.0.2'], host).resolvConf;
    expect(text).toBe(internalResolvConf());
    expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['nameserver 127.0.0.11', 'options ndots:0']);
  });

  it('in the /etc/hosts fallback: the legacy resolv.conf, and the names in /etc/hosts', () => {
    const files = etcContents({ hostname: 'h', networkMode: 'appnet', resolver: { mode: 'hosts' } }, ['172.18.0.2'], host, '172.18.0.3\tdb\n');
    expect(files.resolvConf).not.toContain('127.0.0.11');
    expect(files.hosts.endsWith('172.18.0.2\th\n172.18.0.3\tdb\n')).toBe(true);
  });
});

describe('/proc/net/udp addresses', () => {
  // A line of /proc/PID/net/udp in a container whose resolver runs (captured in a lab).
  const table = '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            \n10542: 0B00007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4762026 2 000000000a5da208 0       \n';
  it('reads 127.0.0.11:53 as the kernel writes it', () => {
    expect(procNetAddress('127.0.0.11', 53)).toBe('0B00007F:0035');
    expect(procNetAddress('8.8.8.8', 53)).toBe('08080808:0035');
    expect(udpBound(table, '127.0.0.11', 53)).toBe(true);
    expect(udpBound(table, '8.8.8.8', 53)).toBe(false);
  });
});
