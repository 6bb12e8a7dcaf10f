// Overlay networks across the two-hosts lab, on the real kernel, as root and rootless:
// `docker network create -d overlay` on one host makes the network on both, containers on
// host1 and host2 reach each other through a VXLAN (seen on the LAN as UDP to port 4789
// wrapping the inner packets), the other host learns each container from the store (FDB
// and neighbour entries), the MTU is 1450, and removal leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';
import { SECTION, sections } from '../runtime/sections.js';

const H2 = 'nsenter --net=/run/nslab/ns/host2 --uts=/run/nslab/ns/host2-uts';
const OUT = 'nsenter --net=/run/nslab/ns/outside';

const SCRIPT = `${SECTION}
sec create; ${H2} docker --trace network create -d overlay --subnet 10.0.9.0/24 ov 2>&1
sec ls1; docker network ls --quiet >/dev/null; docker network ls | grep ' ov '
sec ls2; ${H2} docker network ls | grep ' ov '
docker run -d --name c1 --network ov busybox >/dev/null
${H2} docker run -d --name c2 --network ov busybox >/dev/null
sec where; docker ps -q | wc -l; ${H2} docker ps -q | wc -l
sec addrs; docker exec c1 ip -4 -br addr show eth0; ${H2} docker exec c2 ip -4 -br addr show eth0
sec mtu; docker exec c1 ip -o link show eth0 | grep -o 'mtu [0-9]*'; ip -o link show vxlan4096 | grep -o 'mtu [0-9]*'
sec vxlan; ip -d link show vxlan4096 | grep -o 'vxlan id [0-9]* dev eth0 .*dstport [0-9]* nolearning proxy'
sec fdb1; bridge fdb show dev vxlan4096 | grep dst
sec fdb2; ${H2} bridge fdb show dev vxlan4096 | grep dst
sec neigh2; ${H2} ip neigh show dev vxlan4096
${OUT} timeout 10 tcpdump -nn -l -i lan0 -c 2 udp port 4789 >/run/wire.txt 2>/dev/null & dump=$!
sleep 0.5
sec ping; ${H2} docker exec c2 ping -c1 -W2 10.0.9.2 >/dev/null && echo reached
wait $dump
sec wire; cat /run/wire.txt
sec df1472; docker exec c1 ping -c1 -W1 -M do -s 1472 10.0.9.3 2>&1 | grep -o 'message too long, mtu=1450'
sec df1422; docker exec c1 ping -c1 -W2 -M do -s 1422 10.0.9.3 >/dev/null && echo reached
sec inspect; docker network inspect -f '{{.Scope}} {{.Driver}} {{json .Options}}' ov
sec busy; docker network rm ov 2>&1
docker rm -f c1 >/dev/null
sec gone2; ${H2} bridge fdb show dev vxlan4096 | grep -c dst
${H2} docker rm -f c2 >/dev/null
sec rm; docker network rm ov
sec left; ip -br link | grep -c -e vxlan -e '^ov-'; ${H2} ip -br link | grep -c -e vxlan -e '^ov-'; cat /run/nslab/swarm/store.json | tr -d ' \\n'
`;

const modes = [
  { mode: 'as the current user', asUser: undefined, unavailable: () => undefined },
  { mode: `rootless, as ${TEST_USER}`, asUser: TEST_USER, unavailable: rootlessUnavailable },
];

describe.each(modes)('overlay across two hosts, $mode', ({ asUser, unavailable }) => {
  it('one network on both hosts; containers on host1 and host2 ping through a VXLAN seen on the LAN', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab(SCRIPT, { preset: 'two-hosts', asUser });
    const s = sections(r.stdout);
    expect(r.stderr).toBe('');
    expect(s.create).toContain('key-value store');
    expect(s.create).toMatch(/^\+ ip link add vxlan4096 type vxlan id 4096 dstport 4789 dev eth0 nolearning proxy$/m);
    expect(s.create).toMatch(/^\+ nsenter --net=\/proc\/1\/ns\/net ip link add vxlan4096 type vxlan/m);
    expect(s.ls1).toMatch(/ov\s+overlay\s+swarm/);
    expect(s.ls2).toMatch(/ov\s+overlay\s+swarm/);
    expect(s.where.split('\n')).toEqual(['1', '1']);
    expect(s.addrs).toMatch(/^eth0@if\d+\s+UP\s+10\.0\.9\.2\/24\s*\neth0@if\d+\s+UP\s+10\.0\.9\.3\/24\s*$/);
    expect(s.mtu.split('\n')).toEqual(['mtu 1450', 'mtu 1450']);
    expect(s.vxlan).toMatch(/^vxlan id 4096 dev eth0 .*dstport 4789 nolearning proxy$/);
    expect(s.fdb1.trim()).toBe('02:42:0a:00:09:03 dst 192.168.0.12 self permanent');
    expect(s.fdb2.trim()).toBe('02:42:0a:00:09:02 dst 192.168.0.11 self permanent');
    expect(s.neigh2.trim()).toBe('10.0.9.2 lladdr 02:42:0a:00:09:02 PERMANENT');
    expect(s.ping).toBe('reached');
    // Outer and inner packet, both directions: tcpdump decodes what the VXLAN carries.
    expect(s.wire).toMatch(/192\.168\.0\.12\.\d+ > 192\.168\.0\.11\.4789: VXLAN, flags \[I\] \(0x08\), vni 4096\nIP 10\.0\.9\.3 > 10\.0\.9\.2: ICMP echo request/);
    expect(s.wire).toMatch(/192\.168\.0\.11\.\d+ > 192\.168\.0\.12\.4789: VXLAN, .*vni 4096\nIP 10\.0\.9\.2 > 10\.0\.9\.3: ICMP echo reply/);
    expect(s.df1472).toBe('message too long, mtu=1450');
    expect(s.df1422).toBe('reached');
    expect(s.inspect).toBe('swarm overlay {"com.docker.network.driver.overlay.vxlanid_list":"4096"}');
    expect(s.busy).toMatch(/network ov id [0-9a-f]{64} has active endpoints/);
    expect(s.gone2).toBe('0');
    expect(s.left.split('\n')).toEqual(['0', '0', '{"networks":[],"endpoints":[]}']);
  });

  it('each host keeps its own containers\' files: host2\'s docker removes none of host1\'s', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab(`${SECTION}
docker network create n1 >/dev/null; docker run -d --name a1 --network n1 busybox >/dev/null
${H2} docker run -d --name b1 busybox >/dev/null; ${H2} docker rm -f b1 >/dev/null
sec run; docker run -d --name a2 --network n1 busybox >/dev/null && echo ran
sec dns; docker exec a2 nslookup a1 127.0.0.11 >/dev/null 2>&1 && echo resolved
sec files; ls /run/nslab/containers | wc -l; ls /run/nslab/dns | wc -l
`, { preset: 'two-hosts', asUser });
    const s = sections(r.stdout);
    // Before each host had its own directories, host2's rm pruned a1's resolver files, and
    // host1's next docker command failed on them (ENOENT).
    expect(r.stderr).toBe('');
    expect(s.run).toBe('ran');
    expect(s.dns).toBe('resolved');
    expect(s.files.split('\n')).toEqual(['2', '2']);
  });

  it('a single-host lab refuses an overlay network, and says which lab has one', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab('docker network create -d overlay ov; echo "rc=$?"; ls /run/nslab', { preset: 'docker-host', asUser });
    expect(r.stderr).toMatch(/This node is not a swarm manager\. .*--preset two-hosts/);
    expect(r.stdout).toMatch(/^rc=1$/m);
    expect(r.stdout).not.toContain('swarm');
  });
});
