// Each fixture's explanation states the key facts of that output.
import { describe, expect, it } from 'vitest';
import { detect, explain, parse } from '../../src/explain/index.js';
import { allFixtures, fixture, notesAt, notesOf } from './helpers.js';
import { dockerLab } from '../lesson/fixtures.js';

describe('every fixture', () => {
  for (const f of allFixtures()) {
    it(`${f.file}: is detected as ${f.id} and mostly understood`, () => {
      if (f.file !== 'ip-netns/iproute2-plain.txt') expect(detect(f.text)).toBe(f.id);
      const lines = explain(f.id, f.text, { detail: 'full' });
      expect(lines.map((l) => l.text).join('\n')).toBe(f.text.replace(/\n$/, ''));
      const meaningful = lines.filter((l) => l.text.trim() !== '' && !/^(\.\.\. \.\.\.|\^C|\$ |pipe |\s+# )/.test(l.text.trim()));
      const understood = meaningful.filter((l) => l.understood).length;
      expect(understood / meaningful.length).toBeGreaterThan(0.6);
    });
  }
});

describe('ip addr / ip link', () => {
  it('seed CentOS 7: docker0 without ports is UP but NO-CARRIER; /16 is 255.255.0.0 with its broadcast', () => {
    const t = fixture('ip-addr/seed-centos7-host.txt');
    expect(notesAt('ip-addr', t, '3: docker0')).toMatch(/switched on \(UP\) but has NO-CARRIER: no port is attached/);
    const inet = notesAt('ip-addr', t, 'inet 172.17.0.1/16');
    expect(inet).toContain('255.255.0.0');
    expect(inet).toContain('brd 172.17.255.255: the broadcast address');
    expect(inet).toContain('scope global');
    expect(notesAt('ip-addr', t, 'noprefixroute enp0s3')).toContain('noprefixroute');
  });
  it('seed veth on the host: peer is ifindex 4 in another namespace, a port of docker0, fe80 from the MAC', () => {
    const t = fixture('ip-addr/seed-centos7-veth.txt');
    const head = notesAt('ip-addr', t, 'vethe9a0e73@if4');
    expect(head).toMatch(/interface 4 in another network namespace/);
    expect(head).toMatch(/plugged into the bridge docker0 as a port/);
    expect(notesAt('ip-addr', t, 'link-netnsid 0')).toContain('link-netnsid 0');
    expect(notesAt('ip-addr', t, 'fe80::1cec')).toMatch(/link-local.*made from the MAC 1e:ec:13:2e:96:e4/);
  });
  it('seed busybox container: M-DOWN is explained as expected for a veth; 172.17.0.2/16', () => {
    const t = fixture('ip-addr/seed-busybox-container.txt');
    expect(notesAt('ip-addr', t, 'eth0@if5')).toMatch(/M-DOWN.*expected/);
    expect(notesAt('ip-addr', t, 'inet 172.17.0.2/16')).toContain('255.255.0.0');
    expect(notesAt('ip-addr', t, 'inet 127.0.0.1')).toContain('loopback');
  });
  it('seed ip link list in net1: lo and veth1 are switched off', () => {
    const t = fixture('ip-addr/seed-ip-link-list-net1.txt');
    expect(notesAt('ip-addr', t, '1: lo')).toMatch(/switched off/);
    expect(notesAt('ip-addr', t, 'veth1@if1284')).toMatch(/interface 1284/);
    expect(notesAt('ip-addr', t, '1285: veth1')).toMatch(/qdisc noop/);
  });
  it('lab iproute2 6.1: link kinds, link-netns name, IPv6 kinds, vxlan mtu', () => {
    const t = fixture('ip-addr/lab-iproute2-6.1.txt');
    expect(notesAt('ip-addr', t, 'veth1_p@if6')).toMatch(/interface 6 in namespace net1/);
    expect(notesAt('ip-addr', t, 'vxlan100:')).toMatch(/vxlan: a tunnel/);
    expect(notesAt('ip-addr', t, 'vxlan100:')).toMatch(/1450.*VXLAN/);
    expect(notesAt('ip-addr', t, 'vB@vA')).toMatch(/is vA, in this same namespace/);
    expect(notesAt('ip-addr', t, 'mv0@vA')).toMatch(/macvlan/);
    expect(notesAt('ip-addr', t, 'tap0:')).toMatch(/tap: a virtual Ethernet device/);
    expect(notesAt('ip-addr', t, 'tun0:')).toMatch(/tun: /);
    expect(notesAt('ip-addr', t, 'link/none')).toMatch(/no link-layer address/);
    expect(notesAt('ip-addr', t, '2001:db8::1/64')).toMatch(/documentation/);
    expect(notesAt('ip-addr', t, 'inet6 ::1/128')).toMatch(/IPv6 loopback/);
    expect(notesAt('ip-addr', t, 'inet 10.68.0.1/24')).toMatch(/No brd/);
  });
  it('ip -d link: the detail lines of vxlan, macvlan, tap, bridge ports; M-DOWN in one namespace', () => {
    const t = fixture('ip-addr/lab-ip-d-link.txt');
    expect(notesAt('ip-addr', t, 'vxlan id 100')).toMatch(/VNI.*UDP to port 4789 from 192\.168\.0\.11 over eth0/);
    expect(notesAt('ip-addr', t, 'macvlan mode bridge')).toMatch(/macvlan mode bridge/);
    expect(notesAt('ip-addr', t, 'tun type tap')).toMatch(/tap \(Ethernet frames\)/);
    expect(notesAt('ip-addr', t, 'bridge_slave')).toMatch(/state disabled/);
    expect(notesAt('ip-addr', t, '4: vxlan100')).toMatch(/^vxlan: a tunnel/m);
    expect(notesAt('ip-addr', t, '5: vB@vA')).toMatch(/M-DOWN: vA, the link vB is tied to, is down/);
    expect(notesAt('iptables-save', fixture('iptables-save/lab-iptables-save-1.8.9.txt'), '-s 172.17.0.2/32 -d 172.17.0.2/32')).toMatch(/hairpin/);
  });
  it('brief forms: states, addresses and flags', () => {
    const a = fixture('ip-addr/lab-brief-addr.txt');
    expect(parse('ip-addr', a)).toMatchObject({ format: 'brief' });
    expect(notesAt('ip-addr', a, 'docker0')).toContain('255.255.0.0');
    expect(notesAt('ip-addr', a, 'veth1_p@if6')).toMatch(/interface 6/);
    expect(notesAt('ip-addr', a, 'vxlan100')).toMatch(/state DOWN/);
    const l = fixture('ip-addr/lab-brief-link.txt');
    expect(notesAt('ip-addr', l, 'docker0')).toContain('02:42:a8:64:6c:32');
  });
  it('old iproute2 (CentOS 7) and busybox: qlen, dynamic lifetimes, no state field', () => {
    const c = fixture('ip-addr/centos7-iproute2-4.11.txt');
    expect(notesAt('ip-addr', c, '3: docker0')).toMatch(/NO-CARRIER/);
    expect(notesAt('ip-addr', c, 'dynamic enp0s3')).toMatch(/dynamic: leased/);
    expect(notesAt('ip-addr', c, '1: lo')).toMatch(/qlen 1/);
    const b = fixture('ip-addr/busybox-ip.txt');
    expect(notesAt('ip-addr', b, 'eth0@if8')).toMatch(/interface 8/);
    expect(notesAt('ip-addr', b, 'link/ether 02:42:ac:11:00:03')).toMatch(/172\.17\.0\.3/);
  });
  it('compact: at most 4 notes, led by NO-CARRIER for docker0', () => {
    const t = fixture('ip-addr/seed-wsl2-ubuntu.txt');
    const notes = explain('ip-addr', t, { detail: 'compact' }).flatMap((l) => l.notes);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.length).toBeLessThanOrEqual(4);
    expect(notes.join('\n')).toMatch(/docker0 is switched on \(UP\) but has NO-CARRIER/);
  });
});

describe('routes', () => {
  it('route -n (seed CentOS 7): default route, Genmask as prefix, flags, the leaving interface', () => {
    const t = fixture('route-n/seed-centos7-host.txt');
    expect(notesAt('route-n', t, '0.0.0.0         192.168.0.1')).toMatch(/default route.*192\.168\.0\.1 out of enp0s3/);
    expect(notesAt('route-n', t, '0.0.0.0         192.168.0.1')).toMatch(/G = via a gateway/);
    const r = notesAt('route-n', t, '172.17.0.0');
    expect(r).toMatch(/255\.255\.0\.0 = \/16/);
    expect(r).toMatch(/leave by docker0/);
    expect(notesAt('route-n', t, '192.168.0.0')).toMatch(/Metric 100/);
  });
  it('route -n: busybox container, reject and host routes, an empty table', () => {
    const b = fixture('route-n/seed-busybox-container.txt');
    expect(notesAt('route-n', b, '0.0.0.0         172.17.0.1')).toMatch(/172\.17\.0\.1 out of eth0/);
    const h = fixture('route-n/busybox-route.txt');
    expect(notesAt('route-n', h, '10.9.0.0')).toMatch(/! = reject/);
    expect(notesAt('route-n', h, '10.1.2.3')).toMatch(/H = to a single host/);
    expect(notesOf('route-n', fixture('route-n/seed-empty-netns.txt'))).toMatch(/table is empty/);
    expect(notesOf('route-n', fixture('route-n/lab-net-tools.txt'))).not.toMatch(/No default route/);
  });
  it('ip route: default, connected networks, proto kernel, linkdown, no default route', () => {
    const t = fixture('ip-route/lab-iproute2-6.1.txt');
    expect(notesAt('ip-route', t, 'default via')).toMatch(/gateway 192\.168\.0\.1 out of eth0/);
    expect(notesAt('ip-route', t, '172.17.0.0/16')).toMatch(/Directly connected.*255\.255\.0\.0.*docker0/);
    expect(notesAt('ip-route', t, '172.17.0.0/16')).toMatch(/proto kernel/);
    expect(notesAt('ip-route', fixture('ip-route/centos7-iproute2-4.11.txt'), 'linkdown')).toMatch(/no carrier/);
    expect(notesOf('ip-route', fixture('ip-route/seed-netns-net1.txt'))).toMatch(/no default route/);
    expect(notesOf('ip-route', fixture('ip-route/busybox-ip.txt'))).toMatch(/172\.17\.0\.1 out of eth0/);
    expect(notesAt('ip-route', fixture('ip-route/lab-ipv6.txt'), 'fe80::/64 dev eth0')).toMatch(/link-local/);
  });
});

describe('bridges', () => {
  it('brctl show: bridge id = priority 8000 hex (32768) + MAC; empty and continuation lines', () => {
    const e = fixture('brctl-show/seed-centos7-empty.txt');
    const n = notesAt('brctl-show', e, 'docker0');
    expect(n).toMatch(/priority 8000 hex \(32768\).*02:42:a8:64:6c:32/);
    expect(n).toMatch(/no interfaces plugged in/);
    expect(n).toMatch(/STP enabled no/);
    expect(notesAt('brctl-show', fixture('brctl-show/seed-centos7-one-port.txt'), 'vethe9a0e73')).toMatch(/vethe9a0e73 is a port of docker0/);
    const two = fixture('brctl-show/centos7-two-ports.txt');
    expect(notesAt('brctl-show', two, '\t\t\t\t\t\t\tvethe9a0e73')).toMatch(/vethe9a0e73 is a port of docker0/);
    expect(notesAt('brctl-show', two, 'virbr0')).toMatch(/STP enabled yes/);
    expect(notesAt('brctl-show', fixture('brctl-show/seed-mybridge.txt'), 'mybridge')).toMatch(/7e:06:1f:5a:53:f5/);
  });
  it('bridge link: port of docker0, forwarding vs disabled, old header format', () => {
    expect(notesAt('bridge-link', fixture('bridge-link/lab-iproute2-6.1.txt'), 'veth1_p')).toMatch(/port of the bridge docker0.*interface 6/);
    expect(notesAt('bridge-link', fixture('bridge-link/disabled-port.txt'), 'veth1_p')).toMatch(/state disabled/);
    expect(notesAt('bridge-link', fixture('bridge-link/centos7-iproute2-4.11.txt'), 'vethe9a0e73')).toMatch(/port of the bridge docker0/);
  });
  it('bridge fdb: learned, own and multicast entries; vxlan remote', () => {
    const d = fixture('bridge-fdb/docker-two-containers.txt');
    expect(notesAt('bridge-fdb', d, '02:42:ac:11:00:02')).toMatch(/Learned: docker0 saw frames from 02:42:ac:11:00:02 arrive on vethe9a0e73/);
    expect(notesAt('bridge-fdb', d, '02:42:a8:64:6c:32 dev docker0 vlan 1')).toMatch(/vlan 1/);
    expect(notesAt('bridge-fdb', fixture('bridge-fdb/lab-iproute2-6.1.txt'), '33:33:00:00:00:01 dev eth0')).toMatch(/IPv6 multicast/);
    expect(notesAt('bridge-fdb', fixture('bridge-fdb/vxlan-flannel.txt'), '00:00:00:00:00:00')).toMatch(/tunnelled to the remote host 192\.168\.0\.12/);
  });
});

describe('namespaces, NAT, ping, ifconfig, docker, neighbours', () => {
  it('ip netns: names, ids as link-netnsid', () => {
    expect(notesAt('ip-netns', fixture('ip-netns/lab-iproute2-6.1.txt'), 'net1')).toMatch(/\/run\/netns\/net1.*link-netnsid 1/s);
    expect(notesAt('ip-netns', fixture('ip-netns/iproute2-plain.txt'), 'net2')).toMatch(/no link into net2/);
    expect(notesAt('ip-netns', fixture('ip-netns/docker-symlinks.txt'), '2778')).toMatch(/ip netns exec 2778/);
  });
  it('iptables -t nat -L: MASQUERADE and DNAT in words, with and without -n and -v', () => {
    const v = fixture('iptables-list/lab-nat-L-n-v.txt');
    expect(notesAt('iptables-list', v, 'MASQUERADE  0')).toMatch(/from 172\.17\.0\.0\/16 leaving by any interface except docker0 get their source address rewritten/);
    expect(notesAt('iptables-list', v, 'DNAT')).toMatch(/TCP packets to port 8080 arriving on any interface except docker0 get their destination rewritten to 172\.17\.0\.2:80/);
    expect(notesAt('iptables-list', fixture('iptables-list/lab-nat-L.txt'), 'DNAT')).toMatch(/port 8080/);
    expect(notesAt('iptables-list', fixture('iptables-list/centos7-docker-nat-L-n.txt'), 'Chain DOCKER')).toMatch(/user-defined chain.*2 rule/);
    expect(notesAt('iptables-list', fixture('iptables-list/seed-filter-empty.txt'), 'Chain FORWARD')).toMatch(/routed through this host/);
    expect(notesAt('iptables-list', fixture('iptables-list/centos7-nat-L-v.txt'), 'MASQUERADE')).toMatch(/5 packet/);
  });
  it('iptables-save and -S: table, policies, Docker rules, SNAT', () => {
    const s = fixture('iptables-save/lab-iptables-save-1.8.9.txt');
    expect(notesAt('iptables-save', s, '*nat')).toMatch(/nat table/);
    expect(notesAt('iptables-save', s, '-A POSTROUTING -s 172.17.0.0/16')).toMatch(/Docker's rule/);
    expect(notesAt('iptables-save', s, '--to-destination')).toMatch(/published port/);
    expect(notesAt('iptables-save', fixture('iptables-save/centos7-iptables-1.4.21.txt'), ':FORWARD DROP')).toMatch(/policy DROP/);
    expect(notesAt('iptables-save', fixture('iptables-save/snat-rule-S.txt'), 'SNAT')).toMatch(/rewritten to 192\.168\.0\.11/);
    expect(notesAt('iptables-save', fixture('iptables-save/lab-iptables-S.txt'), '-P POSTROUTING')).toMatch(/after routing/);
  });
  it('ping: TTL, statistics, 100% loss, unreachable, localised and busybox output', () => {
    expect(notesOf('ping', fixture('ping/seed-busybox.txt'))).toMatch(/ttl=64.*crossed no router/);
    expect(notesOf('ping', fixture('ping/seed-iputils-zh.txt'))).toMatch(/All 6 requests were answered/);
    const far = notesOf('ping', fixture('ping/seed-iputils-loss-12.txt'));
    expect(far).toMatch(/started at 64 and crossed 2 router/);
    expect(far).toMatch(/12\.5% loss: 1 of 8/);
    expect(notesOf('ping', fixture('ping/lab-iputils-loss.txt'))).toMatch(/100% packet loss: none of the 2 requests/);
    expect(notesOf('ping', fixture('ping/busybox-loss.txt'))).toMatch(/100% packet loss/);
    expect(notesOf('ping', fixture('ping/iputils-host-unreachable.txt'))).toMatch(/ARP and got no answer/);
    expect(notesOf('ping', fixture('ping/lab-unreachable.txt'))).toMatch(/no matching route/);
  });
  it('ifconfig: netmask as a prefix, RUNNING, broadcast 0.0.0.0, old style', () => {
    const s = fixture('ifconfig/seed-net-tools-netns.txt');
    expect(notesAt('ifconfig', s, 'inet 192.168.0.101')).toMatch(/255\.255\.255\.0 = \/24/);
    expect(notesAt('ifconfig', s, 'inet 192.168.0.101')).toMatch(/broadcast 0\.0\.0\.0: no broadcast/);
    const old = fixture('ifconfig/centos6-net-tools-1.60.txt');
    expect(notesAt('ifconfig', old, 'UP BROADCAST MULTICAST')).toMatch(/UP but not RUNNING/);
    expect(notesAt('ifconfig', old, 'inet addr:172.17.0.1')).toMatch(/\/16/);
    expect(notesAt('ifconfig', fixture('ifconfig/busybox-ifconfig.txt'), 'HWaddr')).toMatch(/172\.17\.0\.2/);
    expect(notesAt('ifconfig', fixture('ifconfig/lab-net-tools-2.10.txt'), 'inet6 2001:db8::1')).toMatch(/documentation/);
  });
  it('docker network inspect: subnet, containers, options, abridged copies', () => {
    const e = fixture('docker-network-inspect/seed-bridge-empty.txt');
    expect(notesAt('docker-network-inspect', e, '"Subnet"')).toMatch(/255\.255\.0\.0/);
    expect(notesAt('docker-network-inspect', e, '"Containers"')).toMatch(/no container is attached/);
    expect(notesAt('docker-network-inspect', e, '"Name": "bridge"')).toMatch(/docker0/);
    const two = fixture('docker-network-inspect/seed-bridge-two-containers.txt');
    expect(notesAt('docker-network-inspect', two, '"IPv4Address": "172.17.0.3/16"')).toMatch(/busybox2/);
    expect(notesAt('docker-network-inspect', two, '"MacAddress": "02:42:ac:11:00:03"')).toMatch(/172\.17\.0\.3/);
    const full = fixture('docker-network-inspect/user-bridge-full.txt');
    expect(notesAt('docker-network-inspect', full, 'bridge.name')).toMatch(/Linux bridge behind/);
    expect(notesAt('docker-network-inspect', full, '"Gateway"')).toMatch(/default route/);
    expect(parse('docker-network-inspect', full)).toMatchObject([{ name: 'mynet', driver: 'bridge', subnets: [{ subnet: '172.18.0.0/16', gateway: '172.18.0.1' }] }]);
  });
  it('ip neigh and arp: states, incomplete entries, both arp styles', () => {
    expect(notesAt('ip-neigh', fixture('ip-neigh/lab-iproute2-6.1.txt'), 'INCOMPLETE')).toMatch(/no one has answered/);
    expect(notesAt('ip-neigh', fixture('ip-neigh/busybox-ip.txt'), 'FAILED')).toMatch(/nobody answered ARP/);
    expect(notesAt('ip-neigh', fixture('ip-neigh/centos7-iproute2-4.11.txt'), 'router')).toMatch(/IPv6 router/);
    expect(notesAt('arp', fixture('arp/lab-net-tools.txt'), '(incomplete)')).toMatch(/no MAC known/);
    expect(notesAt('arp', fixture('arp/busybox-arp.txt'), '172.17.0.1')).toMatch(/02:42:a8:64:6c:32/);
    expect(notesAt('arp', fixture('arp/centos6-net-tools.txt'), '172.17.0.2')).toMatch(/C = complete/);
  });
});

describe('sockets, nftables, counters, altnames and route names (issue 13)', () => {
  it('ss -tlnp (lab): a port open on every IPv4 address, held by docker-proxy for a published port', () => {
    const t = fixture('ss/lab-tlnp.txt');
    const row = notesAt('ss', t, 'LISTEN');
    expect(row).toMatch(/waits for TCP connections on port 8080, on every IPv4 address of this namespace/);
    expect(row).toMatch(/docker-proxy: Docker's userland proxy for a published port/);
    expect(row).toMatch(/process 35/);
    // With the lab state, the container behind the port is named.
    expect(notesAt('ss', t, 'LISTEN', { state: dockerLab(), ns: 'host' })).toMatch(/to 172\.17\.0\.2:80 \(container c1\)/);
    expect(notesAt('ss', fixture('ss/lab-tulnp.txt'), 'tcp   LISTEN')).toMatch(/port 8080/);
    expect(notesAt('ss', fixture('ss/lab-container-tlnp.txt'), 'LISTEN')).toMatch(/port 80, [\s\S]*nslab runs in container web/);
    expect(notesAt('ss', fixture('ss/lab-tlp-names.txt'), 'LISTEN')).toMatch(/port 8080 \(http-alt: without -n/);
    expect(notesAt('ss', fixture('ss/lab-tan-time-wait.txt'), 'TIME-WAIT')).toMatch(/closed from this end.*the other end is 127\.0\.0\.1:8080/);
  });
  it('ss: loopback-only and interface-bound listeners (hand-written, Fedora-like); a namespace with no socket', () => {
    const f = fixture('ss/fedora-tlnp.txt');
    expect(notesAt('ss', f, '127.0.0.53%lo:53')).toMatch(/127\.0\.0\.53 only: a loopback address.*only through lo/);
    expect(notesAt('ss', f, '[::]:22')).toMatch(/every IPv6 address/);
    expect(notesAt('ss', f, '[::1]:631')).toMatch(/::1 only/);
    const empty = 'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n';
    expect(notesOf('ss', empty)).toMatch(/Each network namespace has its own sockets/);
  });
  it('nft list ruleset (lab): Docker\'s rules, read as the iptables rules they are', () => {
    const t = fixture('nft/lab-ruleset-nat-filter.txt');
    expect(notesAt('nft', t, '# Warning: table ip nat')).toMatch(/written by iptables-nft: `iptables` commands/);
    expect(notesAt('nft', t, 'table ip nat {')).toMatch(/ip family \(IPv4 only\)/);
    expect(notesAt('nft', t, 'hook prerouting')).toMatch(/base chain on the prerouting hook.*type nat.*priority dstnat/);
    expect(notesAt('nft', t, 'fib daddr type local counter packets 0 bytes 0 jump DOCKER')).toMatch(/Jump to the chain DOCKER: packets addressed to one of this host's own addresses.*published ports/);
    expect(notesAt('nft', t, 'oifname != "docker0" ip saddr 172.17.0.0/16')).toMatch(/MASQUERADE: packets from 172\.17\.0\.0\/16 leaving by any interface except docker0[\s\S]*Docker's rule/);
    expect(notesAt('nft', t, 'dnat to 172.17.0.2:80', { state: dockerLab(), ns: 'host' })).toMatch(/DNAT: TCP packets to port 8080 arriving on any interface except docker0 get their destination rewritten to 172\.17\.0\.2:80 \(container c1\)/);
    expect(notesAt('nft', t, 'chain DOCKER')).toMatch(/regular chain, hooked nowhere/);
    expect(notesAt('nft', t, 'policy drop')).toMatch(/policy drop.*only what a rule accepts passes/);
    expect(notesAt('nft', t, 'ct state related,established')).toMatch(/ACCEPT: packets leaving by docker0[\s\S]*connection tracking/);
    const d = fixture('nft/debian-inet-filter.txt');
    expect(notesAt('nft', d, 'tcp dport { 22, 80 } accept')).toMatch(/ACCEPT: TCP packets to port 22, 80/);
    expect(notesAt('nft', d, 'iif "lo" accept')).toMatch(/arriving on lo/);
  });
  it('ip -s link: every counter line has its note, problems first', () => {
    const t = fixture('ip-addr/lab-s-link.txt');
    const lines = explain('ip-addr', t, { detail: 'full' });
    for (const l of lines.filter((x) => /^\s+(RX|TX):|^\s+\d+(\s+\d+)+\s*$/.test(x.text))) expect(l.notes.length, l.text).toBeGreaterThan(0);
    expect(notesAt('ip-addr', t, '1254      19')).toMatch(/docker0 has received 19 packet\(s\), 1254 bytes, with no errors/);
    expect(notesAt('ip-addr', t, '832      10      0       1')).toMatch(/docker0 has sent 10 packet\(s\), 832 bytes; 1 dropped/);
    const ss = fixture('ip-addr/lab-s-s-link-eth0.txt');
    expect(notesAt('ip-addr', ss, 'TX errors:')).toMatch(/transns = carrier transitions/);
    expect(notesAt('ip-addr', ss, '0      0       0       0       2')).toMatch(/transns 2/);
    expect(notesAt('ip-addr', fixture('ip-addr/lab-s-addr-docker0.txt'), '    RX:')).toMatch(/what docker0 received/);
  });
  it('altname lines (lab, and hand-written Fedora-like): another name, and what a predictable name says', () => {
    expect(notesAt('ip-addr', fixture('ip-addr/lab-altname-addr.txt'), 'altname enp0s3')).toMatch(/another name for eth0.*en = Ethernet, PCI bus 0, slot 3/);
    const f = fixture('ip-addr/fedora-altname.txt');
    expect(notesAt('ip-addr', f, 'altname enp0s31f6')).toMatch(/another name for eno1.*PCI bus 0, slot 31, function 6/);
    expect(notesAt('ip-addr', f, 'altname enx54e1ad6f2a10')).toMatch(/named after its MAC address/);
    expect(notesAt('ip-addr', f, 'altname wlo1')).toMatch(/wireless LAN, onboard device 1/);
  });
  it('route without -n: names read as what they stand for (lab; hand-written Fedora-like)', () => {
    const lab = fixture('route-n/lab-names.txt');
    expect(notesAt('route-n', lab, 'link-local')).toMatch(/^169\.254\.0\.0\/16 \(Genmask 255\.255\.0\.0 = \/16\) is directly connected/m);
    expect(notesAt('route-n', lab, 'link-local')).toMatch(/link-local is 169\.254\.0\.0, so named in \/etc\/networks/);
    expect(notesAt('route-n', lab, 'default')).toMatch(/default, that is 0\.0\.0\.0/);
    expect(notesAt('route-n', lab, 'Kernel IP routing table')).toMatch(/Without -n, route shows names/);
    const f = fixture('route-n/fedora-names.txt');
    expect(notesAt('route-n', f, '_gateway')).toMatch(/_gateway: the name systemd \(nss-myhostname\) gives the current default gateway/);
    expect(notesAt('route-n', f, '_gateway', { state: dockerLab(), ns: 'host' })).toMatch(/\(here 192\.168\.0\.1\)/);
    expect(notesOf('route-n', fixture('route-n/lab-net-tools.txt'))).not.toMatch(/Without -n/);
  });
});
