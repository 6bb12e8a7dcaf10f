// User-defined networks, Docker's error messages and exit codes, concurrent docker runs.
import { describe, expect, it } from 'vitest';
import { runInLab } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const NETWORKS = `${SECTION}
sec create; docker --trace network create mynet 2>&1
sec ls; docker network ls
sec inspect; docker network inspect mynet
sec nat; iptables-save -t nat | grep br-
docker run -d --name n1 --network mynet busybox >/dev/null
docker run -d --name n2 --net mynet busybox >/dev/null
sec n1; docker exec n1 ip -br addr show eth0; docker exec n1 ip route
sec n1n2; docker exec n1 ping -c1 -W2 172.18.0.3 >/dev/null && echo ok
sec n1nat; docker exec n1 ping -c1 -W2 203.0.113.10 >/dev/null && echo ok
sec members; docker network inspect -f '{{range .Containers}}{{.Name}}={{.IPv4Address}} {{end}}' mynet
sec connect; docker network connect bridge n1 && docker exec n1 ip -br addr | awk '{print $1, $3}'
sec nets; docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}|{{.NetworkSettings.IPAddress}}' n1
sec disconnect; docker network disconnect bridge n1 && docker exec n1 ip -br addr | awk '{print $1}'
sec rmbusy; docker network rm mynet 2>&1; echo "exit=$?"
sec rmbuiltin; docker network rm bridge 2>&1; echo "exit=$?"
sec tiny; docker network create --subnet 10.9.0.0/30 tiny >/dev/null; docker run -d --name t1 --network tiny busybox >/dev/null; docker run -d --name t2 --network tiny busybox 2>&1; echo "exit=$?"
sec overlap; docker network create --subnet 172.17.5.0/24 clash 2>&1; echo "exit=$?"
sec second; docker network create other >/dev/null; docker network inspect -f '{{json .IPAM.Config}}' other
sec cleanup; docker rm -f n1 n2 t1 && docker network rm mynet tiny other && ip -br link | grep -c br-; iptables-save -t nat | grep -c br-
`;

const ERRORS = `${SECTION}
docker run -d --name busybox1 busybox >/dev/null
sec dup; docker run -d --name busybox1 busybox 2>&1; echo "exit=$?"
sec nosuch; docker exec ghost ls 2>&1; echo "exit=$?"; docker rm ghost 2>&1; echo "exit=$?"; docker inspect ghost 2>&1; echo "exit=$?"
sec rmrunning; docker rm busybox1 2>&1; echo "exit=$?"
sec unknown; docker run --foo busybox 2>&1; echo "exit=$?"
sec notcmd; docker frobnicate 2>&1; echo "exit=$?"
sec nonet; docker run -d --network nowhere busybox 2>&1; echo "exit=$?"
sec nocontainer; docker run -d --net container:ghost busybox 2>&1; echo "exit=$?"
sec template; docker inspect -f '{{.State.Pid' busybox1 2>&1; echo "exit=$?"
sec stop; docker stop busybox1; docker exec busybox1 true 2>&1; echo "exit=$?"; docker rm busybox1
sec concurrent; for i in 1 2 3 4; do docker run -d --name par$i busybox >/dev/null & done; wait; for i in 1 2 3 4; do docker inspect -f '{{.NetworkSettings.IPAddress}}' par$i; done
sec stale; echo 999999 > /run/nslab/docker/lock; docker run -d --name afterstale busybox >/dev/null && docker inspect -f '{{.State.Running}}' afterstale; ls /run/nslab/docker | grep -v '^exec$'
`;

describe('user-defined networks', () => {
  it('create, run --network, connect, disconnect, rm, exhausted and overlapping subnets', async () => {
    const r = await runInLab(NETWORKS);
    const s = sections(r.stdout);
    const id = s.create.split('\n').at(-1)!;
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const br = `br-${id.slice(0, 12)}`;
    expect(s.create).toContain(`+ ip link add ${br} type bridge`);
    expect(s.create).toContain(`+ ip addr add 172.18.0.1/16 brd + dev ${br}`);
    expect(s.create).toContain(`+ iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o ${br} -j MASQUERADE`);
    expect(s.ls).toMatch(new RegExp(`^${id.slice(0, 12)}\\s+mynet\\s+bridge\\s+local$`, 'm'));
    expect(s.ls.split('\n')[0]).toMatch(/^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE$/);
    expect(s.ls).toMatch(/^[0-9a-f]{12}\s+none\s+null\s+local$/m);
    expect(JSON.parse(s.inspect)[0]).toMatchObject({ Name: 'mynet', Id: id, Driver: 'bridge', IPAM: { Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] }, Containers: {} });
    expect(s.nat.split('\n')).toEqual(expect.arrayContaining([`-A POSTROUTING -s 172.18.0.0/16 ! -o ${br} -j MASQUERADE`]));
    expect(s.n1).toMatch(/^eth0@if\d+\s+UP\s+172\.18\.0\.2\/16/);
    expect(s.n1).toContain('default via 172.18.0.1 dev eth0');
    expect(s.n1n2).toBe('ok');
    expect(s.n1nat).toBe('ok');
    expect(s.members.trim().split(' ').sort()).toEqual(['n1=172.18.0.2/16', 'n2=172.18.0.3/16']);
    expect(s.connect.split('\n').filter((l) => l.startsWith('eth'))).toEqual([expect.stringMatching(/^eth0@if\d+ 172\.18\.0\.2\/16$/), expect.stringMatching(/^eth1@if\d+ 172\.17\.0\.2\/16$/)]);
    expect(s.nets).toBe('172.17.0.2 172.18.0.2 |172.17.0.2');
    expect(s.disconnect.split('\n')).toEqual(['lo', expect.stringMatching(/^eth0@if\d+$/)]);
    expect(s.rmbusy).toMatch(/has active endpoints\nexit=1$/);
    expect(s.rmbuiltin).toBe('Error response from daemon: bridge is a pre-defined network and cannot be removed\nexit=1');
    expect(s.tiny).toMatch(/^docker: Error response from daemon: no available IPv4 addresses on this network's address pools: tiny \([0-9a-f]{64}\)\nexit=125$/);
    expect(s.overlap).toBe('Error response from daemon: Pool overlaps with other one on this address space\nexit=1');
    expect(JSON.parse(s.second)).toEqual([{ Subnet: '172.19.0.0/16', Gateway: '172.19.0.1' }]);
    expect(s.cleanup.split('\n').slice(-2)).toEqual(['0', '0']);
  });
});

describe('errors and concurrency', () => {
  it('prints Docker\'s messages and exit codes, never a stack; concurrent runs get distinct addresses', async () => {
    const r = await runInLab(ERRORS);
    const s = sections(r.stdout);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(s.dup).toMatch(/^docker: Error response from daemon: Conflict\. The container name "\/busybox1" is already in use by container "[0-9a-f]{64}"\. You have to remove \(or rename\) that container to be able to reuse that name\.\nexit=125$/);
    expect(s.nosuch).toBe([
      'Error response from daemon: No such container: ghost', 'exit=1',
      'Error response from daemon: No such container: ghost', 'exit=1',
      '[]', 'Error: No such object: ghost', 'exit=1',
    ].join('\n'));
    expect(s.rmrunning).toMatch(/^Error response from daemon: You cannot remove a running container [0-9a-f]{64}\. Stop the container before attempting removal or force remove\nexit=1$/);
    expect(s.unknown).toMatch(/^unknown flag: --foo\nSee 'docker run --help'\.\nnslab's docker supports: .*\nexit=125$/);
    expect(s.notcmd).toMatch(/^docker: 'frobnicate' is not a docker command\.\n/);
    expect(s.notcmd).toMatch(/exit=1$/);
    expect(s.nonet).toBe('docker: Error response from daemon: network nowhere not found.\nexit=125');
    expect(s.nocontainer).toBe('docker: Error response from daemon: No such container: ghost.\nexit=125');
    expect(s.template).toMatch(/^Template parsing error: .*\nexit=1$/);
    expect(s.stop).toMatch(/^busybox1\nError response from daemon: Container [0-9a-f]{64} is not running\nexit=1\nbusybox1$/);
    const ips = s.concurrent.split('\n');
    expect(ips).toHaveLength(4);
    expect(new Set(ips).size).toBe(4);
    for (const ip of ips) expect(ip).toMatch(/^172\.17\.0\.[2-5]$/);
    expect(s.stale).toBe('true\nstate.json');
  });
});

describe('Docker\'s own networks', () => {
  it('keep the ids they got at the lab\'s first docker command, before any container runs and after', async () => {
    const r = await runInLab('for i in 1 2; do docker network inspect -f "{{.Id}}" bridge; docker network ls -q --no-trunc | sort | tr "\\n" " "; echo; done; docker run -d --name web1 busybox >/dev/null; docker inspect -f "{{.NetworkSettings.Networks.bridge.NetworkID}}" web1');
    const [id1, ls1, id2, ls2, idOfContainer] = r.stdout.trim().split('\n');
    expect(id1).toMatch(/^[0-9a-f]{64}$/);
    expect([id2, idOfContainer, ls2]).toEqual([id1, id1, ls1]);
  });
});
