// Name resolution outputs, captured in a lab (test/fixtures/explain/README.md): what the
// notes must say about the container's resolv.conf, nslookup and getent hosts answers, a
// ping whose name did not resolve, and `docker network inspect` of a user-defined network.
import { describe, expect, it } from 'vitest';
import { explain, recognize } from '../../src/explain/index.js';
import { parseHosts, parseNslookup, parseResolvConf } from '../../src/explain/dns.js';
import { fixture, notesAt, notesOf } from './helpers.js';
import type { KernelState } from '../../src/kernel/types.js';

const state = { containers: [{ id: 'a'.repeat(64), name: 'web', pid: 9, running: true, networkMode: 'appnet', ns: 'container:web', ip: '172.18.0.2' }] } as unknown as KernelState;

describe('recognizing the commands', () => {
  it.each([
    ['cat /etc/resolv.conf', 'resolv-conf'], ['docker exec c1 cat /etc/resolv.conf', 'resolv-conf'],
    ['nslookup web', 'nslookup'], ['docker exec c1 nslookup web', 'nslookup'],
    ['getent hosts web', 'hosts'], ['docker exec c1 cat /etc/hosts', 'hosts'],
  ])('%s → %s', (line, id) => expect(recognize(line)).toBe(id));
  it('not: cat of another file, getent of another database, nslookup with no name', () => {
    expect(recognize('cat /etc/passwd')).toBeUndefined();
    expect(recognize('getent passwd root')).toBeUndefined();
    expect(recognize('nslookup')).toBeUndefined();
  });
});

describe('/etc/resolv.conf', () => {
  it('user-defined network: 127.0.0.11 is the embedded server in the container\'s own namespace; ndots:0', () => {
    const t = fixture('resolv-conf/lab-user-network.txt');
    expect(notesAt('resolv-conf', t, 'nameserver 127.0.0.11')).toMatch(/embedded DNS server.*own network namespace.*user-defined networks/);
    expect(notesAt('resolv-conf', t, 'options ndots:0')).toMatch(/without a dot .* as it is/);
    expect(notesAt('resolv-conf', t, '(internal resolver)')).toMatch(/only 127\.0\.0\.11 is written/);
    expect(parseResolvConf(t.split('\n')).filter((e) => e.kind === 'nameserver').map((e) => e.value)).toEqual(['127.0.0.11']);
  });
  it('default bridge: Google\'s servers, which know no containers', () => {
    const t = fixture('resolv-conf/lab-default-bridge.txt');
    expect(notesAt('resolv-conf', t, 'nameserver 8.8.8.8')).toMatch(/never heard of your containers' names: on the default bridge there is no name resolution/);
    expect(notesAt('resolv-conf', t, '(legacy)')).toMatch(/without the embedded DNS server/);
    expect(notesAt('resolv-conf', t, 'Used default nameservers')).toMatch(/Google/);
  });
});

describe('nslookup', () => {
  it('found on 127.0.0.11: names the container behind the address', () => {
    const t = fixture('nslookup/lab-bind9-found.txt');
    expect(parseNslookup(t.split('\n'))).toMatchObject({ server: { name: '127.0.0.11' }, serverAddress: { ip: '127.0.0.11', port: 53 }, answers: [{ name: 'web', addresses: [{ ip: '172.18.0.2' }] }] });
    expect(notesAt('nslookup', t, 'Server:')).toMatch(/embedded DNS server inside this container/);
    expect(notesAt('nslookup', t, 'Address: 172.18.0.2', { state })).toMatch(/web is 172\.18\.0\.2: the address of the container web/);
  });
  it('NXDOMAIN from 127.0.0.11: not running, or not on a shared network', () => {
    expect(notesAt('nslookup', fixture('nslookup/lab-bind9-nxdomain.txt'), "can't find nobody")).toMatch(/nobody was not found: no such name.*is nobody running, and on one of them/);
  });
  it('NXDOMAIN from the default bridge: the public server knows no containers', () => {
    const t = fixture('nslookup/lab-bind9-default-bridge.txt');
    expect(notesAt('nslookup', t, "can't find web")).toMatch(/public DNS server.*default bridge has no name resolution/);
    expect(notesAt('nslookup', t, 'Server:')).toMatch(/default-bridge container/);
  });
  it('a reverse lookup', () => {
    expect(notesAt('nslookup', fixture('nslookup/lab-bind9-reverse.txt'), 'in-addr.arpa')).toBe('The reverse lookup: the address 172.18.0.2 has the name web.');
  });
  it('busybox\'s form (server with :53, "No answer" for IPv6)', () => {
    const t = fixture('nslookup/busybox-hand-written.txt');
    expect(parseNslookup(t.split('\n')).serverAddress).toEqual({ line: 1, ip: '127.0.0.11', port: 53 });
    expect(notesAt('nslookup', t, "Can't find web")).toMatch(/no address of that kind/);
    expect(notesAt('nslookup', t, 'Address: 172.18.0.2')).toMatch(/web is 172\.18\.0\.2/);
  });
});

describe('getent hosts and /etc/hosts', () => {
  it('getent: each answer, and an alias named as a name of its container', () => {
    const t = fixture('hosts/lab-getent.txt');
    expect(parseHosts(t.split('\n')).map((h) => `${h.ip} ${h.names.join(',')}`)).toEqual(['172.18.0.2 web', '172.18.0.2 www', '172.18.0.4 plain']);
    expect(notesAt('hosts', t, 'www', { state })).toMatch(/www is 172\.18\.0\.2, the container web.*www is a name of web/);
  });
  it('/etc/hosts: Docker\'s defaults and the container\'s own line', () => {
    const t = fixture('hosts/lab-etc-hosts.txt');
    expect(notesAt('hosts', t, 'ff02::1')).toMatch(/IPv6 defaults Docker writes/);
    expect(notesAt('hosts', t, '127.0.0.1')).toMatch(/loopback/);
  });
});

describe('ping of a name that does not resolve', () => {
  it('says no packet was sent, and why the default bridge has no names', () => {
    expect(notesOf('ping', fixture('ping/lab-name-not-known.txt'))).toMatch(/No address for the name nosuch.*nothing was sent.*default bridge cannot find each other by name/);
    expect(notesOf('ping', "ping: bad address 'web'\n")).toMatch(/No address for the name web/);
  });
});

describe('docker network inspect of a user-defined bridge network', () => {
  it('names its Linux bridge, its default pool, its name resolution, its default options', () => {
    const t = fixture('docker-network-inspect/lab-user-network.txt');
    expect(notesAt('docker-network-inspect', t, '"Id"')).toMatch(/br-7c48affaf647/);
    expect(notesAt('docker-network-inspect', t, '"Name": "appnet"')).toMatch(/user-defined network.*by name.*isolated/);
    expect(notesAt('docker-network-inspect', t, '"Subnet"')).toMatch(/default pools: 172\.18\.0\.0\/16, then 172\.19\.0\.0\/16/);
    const options = explain('docker-network-inspect', t, { detail: 'full' }).filter((l) => l.text.includes('"Options": {}'));
    expect(options.map((l) => l.notes.join(' '))).toEqual(['', expect.stringMatching(/no driver options/)]); // IPAM's, then the driver's
    const empty = fixture('docker-network-inspect/lab-user-network-empty.txt');
    expect(notesAt('docker-network-inspect', empty, '"Containers": {}')).toMatch(/br-[0-9a-f]{12} shows NO-CARRIER/);
    expect(notesAt('docker-network-inspect', empty, '"Subnet"')).not.toMatch(/default pools/);
  });
});
