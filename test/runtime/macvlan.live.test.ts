// macvlan networks on the real kernel: a container with its own MAC on the lab's LAN,
// reached from the outside router and (the macvlan trait) not from the lab host, until the
// host gets a macvlan of its own with a /32 route; trunk mode explained on a kernel without
// 802.1q; parents the kernel would refuse, refused with a reason; nothing left after rm.
import { describe, expect, it } from 'vitest';
import { rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const OUT = 'nsenter --net=/run/nslab/ns/outside';
const mac = (where: string) => `${where} ip -j link show eth0 | sed 's/.*"address":"\\([^"]*\\)".*/\\1/'`;

const SCRIPT = `${SECTION}
sec create; docker --trace network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 -o parent=eth0 macnet 2>&1
sec run; docker --trace run -d --name m1 --network macnet busybox 2>&1
sec run2; docker run -d --name m2 --network macnet --ip 192.168.0.20 busybox >/dev/null && docker exec m2 ip -4 -br addr show eth0
sec addr; docker exec m1 ip -4 -br addr show eth0; docker exec m1 ip route
sec kind; docker exec m1 ip -j -d link show eth0 | grep -o '"info_kind":"[a-z]*","info_data":{"mode":"[a-z]*"'
sec macs; ${mac('docker exec m1')}; ${mac('')}
sec outside; ${OUT} ping -c1 -W2 192.168.0.2 >/dev/null && echo reached
sec neigh; ${OUT} ip neigh show 192.168.0.2
sec siblings; docker exec m1 ping -c1 -W2 192.168.0.20 >/dev/null && echo reached
sec public; docker exec m1 ping -c1 -W2 203.0.113.10 >/dev/null && echo reached
sec hostping; ping -c1 -W1 192.168.0.2 >/dev/null && echo reached || echo lost
ip link add mac0 link eth0 type macvlan mode bridge
ip addr add 192.168.0.200/32 dev mac0
ip link set mac0 up
ip route add 192.168.0.2/32 dev mac0
sec fixed; ping -c1 -W2 192.168.0.2 >/dev/null && echo reached || echo lost
sec back; docker exec m1 ping -c1 -W2 192.168.0.200 >/dev/null && echo reached || echo lost
sec inspect; docker network inspect macnet
sec trunk; docker network create -d macvlan --subnet 192.168.10.0/24 -o parent=eth0.10 macnet10 2>&1; echo "exit=$?"; ip -br link | grep -c 'eth0\\.10'
sec noparent; docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=eth9 x 2>&1; echo "exit=$?"
ip link add vb type veth peer name vbp; ip link set vb master docker0
sec port; docker network create -d macvlan --subnet 10.1.0.0/24 -o parent=vb x 2>&1; echo "exit=$?"
sec hostip; docker run -d --network macnet --ip 192.168.0.11 busybox 2>&1; echo "exit=$?"
sec busy; docker network rm macnet 2>&1; echo "exit=$?"
sec rm; docker --trace rm -f m1 m2 2>/tmp/rm-trace; grep -c '^+ nsenter -t [0-9]* -n ip link del eth0$' /tmp/rm-trace; docker network rm macnet
sec left; ip -br link | awk '{print $1}' | tr '\\n' ' '; echo; docker network ls | grep -c macvlan
`;

function check(stdout: string): void {
  const s = sections(stdout);
  const id = s.create.split('\n').at(-1)!;
  expect(id).toMatch(/^[0-9a-f]{64}$/);
  expect(s.create).toMatch(/^# network macnet: macvlan on eth0, mode bridge/);
  expect(s.run).toMatch(/^\+ ip link add tmp[0-9a-f]{7} link eth0 type macvlan mode bridge$/m);
  expect(s.run).toMatch(/^\+ ip link set tmp[0-9a-f]{7} netns \d+$/m);
  expect(s.run).toMatch(/^\+ nsenter -t \d+ -n ip link set tmp[0-9a-f]{7} name eth0$/m);
  expect(s.run).toContain('ip route add default via 192.168.0.1 dev eth0');
  // The addresses: .2 first (the gateway is .1, the lab host .11), --ip as asked.
  expect(s.addr).toMatch(/^eth0@if\d+\s+UP\s+192\.168\.0\.2\/24/);
  expect(s.addr).toContain('default via 192.168.0.1 dev eth0');
  expect(s.run2).toMatch(/^eth0@if\d+\s+UP\s+192\.168\.0\.20\/24/);
  expect(s.kind).toBe('"info_kind":"macvlan","info_data":{"mode":"bridge"');
  // Its own MAC, not the host's, and the router outside learned exactly that one.
  const [own, hosts] = s.macs.split('\n');
  expect(own).toBe('02:42:c0:a8:00:02');
  expect(hosts).toBe('08:00:27:70:b6:ef');
  expect(s.outside).toBe('reached');
  expect(s.neigh).toMatch(/^192\.168\.0\.2 dev eth0 lladdr 02:42:c0:a8:00:02 /);
  expect(s.siblings).toBe('reached');
  expect(s.public).toBe('reached');
  // The macvlan trait, then the fix.
  expect(s.hostping).toBe('lost');
  expect(s.fixed).toBe('reached');
  expect(s.back).toBe('reached');
  const inspect = JSON.parse(s.inspect)[0];
  expect(inspect).toMatchObject({ Name: 'macnet', Id: id, Driver: 'macvlan', IPAM: { Config: [{ Subnet: '192.168.0.0/24', Gateway: '192.168.0.1' }] }, Options: { parent: 'eth0' } });
  expect(Object.values(inspect.Containers).map((c: any) => `${c.Name} ${c.IPv4Address} ${c.MacAddress}`).sort()).toEqual(['m1 192.168.0.2/24 02:42:c0:a8:00:02', 'm2 192.168.0.20/24 02:42:c0:a8:00:14']);
  // Trunk mode: the missing kernel feature, said plainly; nothing made.
  expect(s.trunk).toMatch(/^Error response from daemon: -o parent=eth0\.10 is macvlan's trunk mode: eth0\.10 would be an 802\.1q VLAN sub-interface of eth0,/);
  expect(s.trunk).toContain('This kernel has no 802.1q VLAN support (CONFIG_VLAN_8021Q');
  expect(s.trunk).toMatch(/exit=1\n0$/);
  expect(s.noparent).toMatch(/^Error response from daemon: -o parent=eth9: the lab host has no interface eth9 .*\nexit=1$/);
  expect(s.port).toMatch(/^Error response from daemon: -o parent=vb: vb is a port of the bridge docker0, and the kernel refuses a macvlan on a bridge port .*\nexit=1$/);
  expect(s.hostip).toBe('docker: Error response from daemon: invalid address 192.168.0.11 for network macnet: it is the lab host\'s address on eth0: pick another\nexit=125');
  expect(s.busy).toMatch(/has active endpoints\nexit=1$/);
  expect(s.rm).toBe('m1\nm2\n2\nmacnet');
  expect(s.left).toBe('lo eth0@if2 docker0 mac0@eth0 vbp@vb vb@vbp \n0');
  expect(stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
}

describe('macvlan networks', () => {
  it('put a container on the LAN with its own MAC; the host reaches it only through a macvlan of its own', async () => {
    const r = await runInLab(SCRIPT);
    check(r.stdout);
  });

  it('do the same without root, in a user-namespace lab', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    check((await runInLab(SCRIPT, { asUser: TEST_USER })).stdout);
  });
});
