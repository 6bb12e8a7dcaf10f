// docker run on the default bridge, against the real kernel, compared with what the
// documents show: addresses from 172.17.0.2, MACs 02:42:ac:11:00:0X, the @if pairing,
// brctl show, route -n, docker network inspect, docker inspect; pings; rm -f cleans up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInLab } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'runtime');

const SCRIPT = `${SECTION}
docker --trace run -dit --name busybox1 busybox sh >/tmp/id1 2>/tmp/trace1
docker run -dit --name busybox2 busybox sh >/tmp/id2
sec id1; cat /tmp/id1
sec trace1; cat /tmp/trace1
sec hostlinks; ip -j link
sec c1links; docker exec busybox1 ip -j link
sec c1addr; docker exec busybox1 ip -j addr show eth0
sec c1route; docker exec busybox1 route -n
sec brctl; brctl show
sec netinspect; docker network inspect bridge
sec inspect; docker inspect busybox1
sec fmtpid; docker inspect -f '{{.State.Pid}}' busybox1
sec fmtjson; docker inspect --format '{{json .NetworkSettings.Networks}}' busybox2
sec ns; readlink /proc/$(docker inspect -f '{{.State.Pid}}' busybox1)/ns/net /proc/self/ns/net
sec hostname; docker exec busybox1 hostname
sec ping12; docker exec busybox1 ping -c1 -W2 172.17.0.3 >/dev/null && echo ok
sec pinggw; docker exec busybox1 ping -c1 -W2 172.17.0.1 >/dev/null && echo ok
sec pingnat; docker exec busybox1 ping -c1 -W2 203.0.113.10 >/dev/null && echo ok
sec hostping; ping -c1 -W2 172.17.0.2 >/dev/null && echo ok
sec execi; printf 'hostname\\nip -br addr show eth0\\n' | docker exec -i busybox2 sh
sec ps; docker ps
sec rmtrace; docker --trace rm -f busybox1 2>&1
sec afterrm; ip -j link
sec zombies; ps -eo stat=,pid=,args= | awk '$1 ~ /^Z/'
sec reuse; docker run -d --name busybox3 busybox >/dev/null; docker inspect -f '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.MacAddress}}' busybox3
sec psa; docker ps -a --quiet | wc -l
`;

interface IpLink { ifindex: number; ifname: string; link_index?: number; master?: string; address: string; operstate: string; flags: string[] }

describe('docker run on the default bridge', () => {
  it('wires containers as Docker does, and rm -f undoes it', async () => {
    const r = await runInLab(SCRIPT);
    expect(r.stderr).toBe('');
    const s = sections(r.stdout);
    const id1 = s.id1;
    expect(id1).toMatch(/^[0-9a-f]{64}$/);

    // The trace: the commands a learner could have typed, in order.
    const pid = Number(s.fmtpid);
    const trace = s.trace1.split('\n');
    const veth = /^\+ ip link add (veth[0-9a-f]{7}) type veth peer name (tmp[0-9a-f]{7})$/.exec(trace.find((l) => l.startsWith('+ ip link add'))!)!;
    expect(veth).not.toBeNull();
    const [, hostIf, tmp] = veth;
    expect(trace).toContain(`+ ip link set ${tmp} netns ${pid}`);
    expect(trace).toContain(`+ ip link set ${hostIf} master docker0`);
    expect(trace).toContain(`+ nsenter -t ${pid} -n ip link set ${tmp} name eth0`);
    expect(trace).toContain(`+ nsenter -t ${pid} -n ip link set eth0 address 02:42:ac:11:00:02`);
    expect(trace).toContain(`+ nsenter -t ${pid} -n ip addr add 172.17.0.2/16 brd + dev eth0`);
    expect(trace).toContain(`+ nsenter -t ${pid} -n ip route add default via 172.17.0.1 dev eth0`);
    expect(trace.some((l) => l.startsWith('# '))).toBe(true);

    // The @if pairing: host vethXXXXXXX@ifM ↔ container eth0@ifN.
    const host: IpLink[] = JSON.parse(s.hostlinks);
    const inC: IpLink[] = JSON.parse(s.c1links);
    const hostEnd = host.find((l) => l.ifname === hostIf)!;
    const eth0 = inC.find((l) => l.ifname === 'eth0')!;
    expect(hostEnd.master).toBe('docker0');
    expect(hostEnd.flags).toContain('UP');
    expect(hostEnd.link_index).toBe(eth0.ifindex);
    expect(eth0.link_index).toBe(hostEnd.ifindex);
    expect(eth0.address).toBe('02:42:ac:11:00:02');
    expect(inC.map((l) => l.ifname).sort()).toEqual(['eth0', 'lo']);
    expect(inC.find((l) => l.ifname === 'lo')!.flags).toContain('UP');
    const addr = JSON.parse(s.c1addr)[0].addr_info.find((a: { family: string }) => a.family === 'inet');
    expect(addr).toMatchObject({ local: '172.17.0.2', prefixlen: 16, broadcast: '172.17.255.255' });
    expect(s.c1route).toBe(readFileSync(join(FIX, 'seed-000-container-route-n.txt'), 'utf8').trimEnd());

    // brctl show: docker0 with the documents' bridge id and both host ends.
    const vethNames = host.filter((l) => /^veth[0-9a-f]{7}$/.test(l.ifname)).map((l) => l.ifname);
    expect(vethNames).toHaveLength(2);
    expect(s.brctl).toMatch(/^docker0\s+8000\.0242a8646c32\s+no\s+veth/m);
    for (const v of vethNames) expect(s.brctl).toContain(v);

    // docker network inspect bridge, as in the document.
    const net = JSON.parse(s.netinspect)[0];
    expect(net).toMatchObject({ Name: 'bridge', Scope: 'local', Driver: 'bridge', IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] } });
    expect(net.Id).toMatch(/^[0-9a-f]{64}$/);
    expect(net.Containers[id1]).toMatchObject({ Name: 'busybox1', MacAddress: '02:42:ac:11:00:02', IPv4Address: '172.17.0.2/16', IPv6Address: '' });
    expect(net.Containers[id1].EndpointID).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(net.Containers).map((c: any) => `${c.Name} ${c.MacAddress} ${c.IPv4Address}`).sort()).toEqual([
      'busybox1 02:42:ac:11:00:02 172.17.0.2/16', 'busybox2 02:42:ac:11:00:03 172.17.0.3/16',
    ]);

    // docker inspect and -f.
    const c1 = JSON.parse(s.inspect)[0];
    expect(c1).toMatchObject({ Id: id1, Name: '/busybox1', State: { Running: true, Pid: pid, Status: 'running' } });
    expect(c1.NetworkSettings).toMatchObject({ IPAddress: '172.17.0.2', Gateway: '172.17.0.1', MacAddress: '02:42:ac:11:00:02', IPPrefixLen: 16 });
    expect(c1.NetworkSettings.Networks.bridge).toMatchObject({ IPAddress: '172.17.0.2', NetworkID: net.Id, EndpointID: net.Containers[id1].EndpointID });
    expect(JSON.parse(s.fmtjson).bridge).toMatchObject({ IPAddress: '172.17.0.3', MacAddress: '02:42:ac:11:00:03', Gateway: '172.17.0.1' });
    const [cNs, ourNs] = s.ns.split('\n');
    expect(cNs).toMatch(/^net:\[\d+\]$/);
    expect(cNs).not.toBe(ourNs);
    expect(s.hostname).toBe(id1.slice(0, 12));
    expect(s.execi).toMatch(/^[0-9a-f]{12}\neth0@if\d+\s+UP\s+172\.17\.0\.3\/16/);

    for (const p of ['ping12', 'pinggw', 'pingnat', 'hostping']) expect(s[p], p).toBe('ok');

    expect(s.ps.split('\n')[0]).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
    expect(s.ps).toMatch(new RegExp(`^${id1.slice(0, 12)}\\s+busybox\\s+"sh"\\s+.*Up .*busybox1$`, 'm'));

    // rm -f: the veth pair goes, the holder is killed and reaped, the address is reused.
    expect(s.rmtrace.split('\n')).toEqual(expect.arrayContaining([`+ ip link del ${hostIf}`, `+ kill -9 ${pid}`, 'busybox1']));
    expect((JSON.parse(s.afterrm) as IpLink[]).map((l) => l.ifname)).not.toContain(hostIf);
    expect(s.zombies).toBe('');
    expect(s.reuse).toBe('172.17.0.2 02:42:ac:11:00:02');
    expect(s.psa).toBe('2');
  });
});
