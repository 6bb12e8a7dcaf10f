// User-defined bridge networks as Docker makes them, on the real kernel: bridge names and
// address pools, the isolation between bridge networks, name resolution on 127.0.0.11
// (names and aliases, live as containers come and go), the default bridge without it,
// and interfaces and the default route as containers connect and disconnect.
import { describe, expect, it } from 'vitest';
import { rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';
import { SECTION, sections } from './sections.js';

const POOLS = `${SECTION}
sec ids; docker network create front; docker network create -d bridge back; docker network create --subnet 10.10.0.0/24 --gateway 10.10.0.254 lab
sec links; ip -br link show type bridge | awk '{print $1}' | sort
sec fresh; ip -br link show type bridge | grep '^br-' | head -1
sec addrs; for n in front back lab; do b=br-$(docker network inspect -f '{{.Id}}' $n | cut -c1-12); ip -4 -br addr show dev $b | awk '{print $3}'; done
sec brctl; brctl show | awk 'NR>1 && $1 ~ /^br-/ {print $1}' | sort
sec inspect; docker network inspect lab
sec nogw; docker network create --gateway 10.11.0.1 nogw 2>&1; echo "exit=$?"
sec badgw; docker network create --subnet 10.12.0.0/24 --gateway 10.13.0.1 badgw 2>&1; echo "exit=$?"
sec run; docker run -d --name l1 --network lab busybox >/dev/null; docker exec l1 ip route
sec rm; docker rm -f l1 >/dev/null; docker network rm front back lab >/dev/null; iptables -S | grep -c br-; iptables -t nat -S | grep -c br-; ip -br link show type bridge | awk '{print $1}'
`;

const ISOLATION = `${SECTION}
docker network create neta >/dev/null; docker network create netb >/dev/null
docker run -d --name a1 --network neta busybox >/dev/null
docker run -d --name b1 --network netb busybox >/dev/null
docker run -d --name d1 busybox >/dev/null
ba=br-$(docker network inspect -f '{{.Id}}' neta | cut -c1-12)
sec rules; echo $ba; iptables -S
p() { docker exec $1 ping -c1 -W1 $2 >/dev/null 2>&1 && echo "$1->$2 ok" || echo "$1->$2 fails"; }
sec before; p a1 172.19.0.2; p b1 172.18.0.2; p a1 172.17.0.2; p d1 172.18.0.2; p a1 203.0.113.10
sec connect; docker network connect netb a1; docker exec a1 ip -br addr | awk '{print $1, $3}'; docker exec a1 ip route | grep default
sec after; p a1 172.19.0.2; p a1 b1; p b1 a1
sec disconnect; docker network disconnect netb a1; docker exec a1 ip -br addr | awk '{print $1}'; docker exec a1 ip route | grep default
sec again; p a1 172.19.0.2
sec sorted; docker network connect bridge b1; docker exec b1 ip route | grep default; docker network disconnect bridge b1; docker exec b1 ip route | grep default
`;

const DNS = `${SECTION}
docker network create appnet >/dev/null
docker run -d --name web --network appnet --network-alias www busybox >/dev/null
docker run -d --name client --network appnet busybox >/dev/null
docker run -d --name plain busybox >/dev/null
sec resolv; docker exec client cat /etc/resolv.conf | grep -v '^#' | grep .
sec byname; docker exec client getent hosts web; docker exec client getent hosts www
sec ping; docker exec client ping -c1 -W1 web | head -2
sec nslookup; docker exec client nslookup web
sec unknown; docker exec client getent hosts nobody; echo "exit=$?"
sec plain; docker exec plain ping -c1 -W1 web 2>&1; echo "exit=$?"; docker exec plain grep ^nameserver /etc/resolv.conf
sec packets; (docker exec client timeout 3 tcpdump -l -n -i lo port 53 2>/dev/null > /tmp/dns.txt &); sleep 1; docker exec client getent hosts web >/dev/null; sleep 2.5; grep -c 'A? web' /tmp/dns.txt
sec appear; docker exec client getent hosts late; echo "exit=$?"; docker run -d --name late --network appnet busybox >/dev/null; docker exec client getent hosts late
sec vanish; docker stop late >/dev/null; docker exec client getent hosts late; echo "exit=$?"
sec connect; docker network connect --alias side appnet plain; docker exec plain getent hosts web; docker exec client getent hosts side; docker exec plain grep ^nameserver /etc/resolv.conf
sec disconnect; docker network disconnect appnet plain; docker exec client getent hosts plain; echo "exit=$?"
sec aliases; docker inspect -f '{{json .NetworkSettings.Networks.appnet.Aliases}} {{json .NetworkSettings.Networks.appnet.DNSNames}}' web
sec defaultalias; docker run -d --name xx --network-alias yy busybox 2>&1; echo "exit=$?"
sec fallback; NSLAB_RUNTIME_FAIL_AT=dnsmasq docker run -d --name nodns --network appnet busybox 2>&1 >/dev/null; docker exec nodns getent hosts web; docker exec nodns grep -c 127.0.0.11 /etc/resolv.conf
sec gone; docker rm -f web client plain late nodns >/dev/null; ls /run/nslab/dns | wc -l
`;

describe('user-defined networks: bridges and pools', () => {
  it('names the bridge br-<12 hex of the id>, takes 172.18/16 then 172.19/16, honours --subnet and --gateway, and removes it all', async () => {
    const s = sections((await runInLab(POOLS)).stdout);
    const ids = s.ids.split('\n');
    expect(ids).toHaveLength(3);
    const bridges = ids.map((id) => `br-${id.slice(0, 12)}`);
    expect(s.links.split('\n')).toEqual(['docker0', ...bridges].sort());
    // a MAC of its own, as Docker gives it: NO-CARRIER until a container plugs in, like docker0
    expect(s.fresh).toMatch(/^br-[0-9a-f]{12}\s+DOWN\s+02:42(:[0-9a-f]{2}){4} <NO-CARRIER,BROADCAST,MULTICAST,UP>/);
    expect(s.addrs.split('\n')).toEqual(['172.18.0.1/16', '172.19.0.1/16', '10.10.0.254/24']);
    expect(s.brctl.split('\n')).toEqual([...bridges].sort());
    const lab = JSON.parse(s.inspect)[0];
    expect(lab).toMatchObject({ Name: 'lab', Driver: 'bridge', Scope: 'local', IPAM: { Driver: 'default', Options: {}, Config: [{ Subnet: '10.10.0.0/24', Gateway: '10.10.0.254' }] }, Options: {}, Internal: false });
    expect(s.nogw).toMatch(/corresponding subnet.*\nexit=1$/);
    expect(s.badgw).toMatch(/^Error response from daemon: no matching subnet for gateway 10\.13\.0\.1.*\nexit=1$/);
    expect(s.run).toContain('default via 10.10.0.254 dev eth0');
    expect(s.rm.split('\n')).toEqual(['0', '0', 'docker0']);
  });
});

describe('user-defined networks: isolation', () => {
  it('writes Docker\'s isolation chains; a container reaches another network only once connected to it', async () => {
    const s = sections((await runInLab(ISOLATION)).stdout);
    const [ba, ...rules] = s.rules.split('\n');
    expect(rules).toEqual(expect.arrayContaining([
      '-N DOCKER-ISOLATION-STAGE-1', '-N DOCKER-ISOLATION-STAGE-2', '-N DOCKER-USER',
      `-A DOCKER-ISOLATION-STAGE-1 -i ${ba} ! -o ${ba} -j DOCKER-ISOLATION-STAGE-2`,
      '-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2',
      `-A DOCKER-ISOLATION-STAGE-2 -o ${ba} -j DROP`,
      '-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
      `-A FORWARD -i ${ba} -o ${ba} -j ACCEPT`,
    ]));
    expect(rules.filter((l) => l.startsWith('-A FORWARD')).slice(0, 2)).toEqual(['-A FORWARD -j DOCKER-USER', '-A FORWARD -j DOCKER-ISOLATION-STAGE-1']);
    expect(rules.filter((l) => l.startsWith('-A DOCKER-ISOLATION-STAGE-2')).at(-1)).toBe('-A DOCKER-ISOLATION-STAGE-2 -j RETURN');
    expect(s.before.split('\n')).toEqual(['a1->172.19.0.2 fails', 'b1->172.18.0.2 fails', 'a1->172.17.0.2 fails', 'd1->172.18.0.2 fails', 'a1->203.0.113.10 ok']);
    expect(s.connect.split('\n').filter((l) => l.startsWith('eth'))).toEqual([expect.stringMatching(/^eth0@if\d+ 172\.18\.0\.2\/16$/), expect.stringMatching(/^eth1@if\d+ 172\.19\.0\.3\/16$/)]);
    expect(s.connect).toMatch(/default via 172\.18\.0\.1 dev eth0/); // neta sorts before netb: it keeps its route
    expect(s.after.split('\n')).toEqual(['a1->172.19.0.2 ok', 'a1->b1 ok', 'b1->a1 ok']);
    expect(s.disconnect.split('\n')).toEqual(['lo', expect.stringMatching(/^eth0@if\d+$/), 'default via 172.18.0.1 dev eth0 ']);
    expect(s.again).toBe('a1->172.19.0.2 fails');
    // bridge sorts before netb: Docker moves the default route to it, and back when it goes.
    expect(s.sorted.split('\n')).toEqual(['default via 172.17.0.1 dev eth1 ', 'default via 172.19.0.1 dev eth0 ']);
  });
});

function expectDns(s: Record<string, string>): void {
  expect(s.resolv).toBe('nameserver 127.0.0.11\noptions ndots:0');
  expect(s.byname).toMatch(/^172\.18\.0\.2\s+web\n172\.18\.0\.2\s+www$/);
  expect(s.ping).toMatch(/^PING web \(172\.18\.0\.2\)/);
  expect(s.ping).toMatch(/64 bytes from .*172\.18\.0\.2/);
  expect(s.nslookup).toMatch(/^Server:\s+127\.0\.0\.11\nAddress:\s+127\.0\.0\.11#53\n\nName:\s+web\nAddress: 172\.18\.0\.2$/);
  expect(s.unknown).toBe('exit=2');
  expect(s.plain).toBe('ping: web: Name or service not known\nexit=2\nnameserver 8.8.8.8\nnameserver 8.8.4.4');
  expect(Number(s.packets)).toBeGreaterThanOrEqual(1);
  expect(s.appear).toMatch(/^exit=2\n172\.18\.0\.\d+\s+late$/);
  expect(s.vanish).toBe('exit=2');
  expect(s.connect).toMatch(/^172\.18\.0\.2\s+web\n172\.18\.0\.\d+\s+side\nnameserver 127\.0\.0\.11$/);
  expect(s.disconnect).toBe('exit=2');
}

describe('user-defined networks: name resolution', () => {
  it('resolves names and aliases on 127.0.0.11, live; the default bridge does not', async () => {
    const s = sections((await runInLab(DNS)).stdout);
    expectDns(s);
    expect(s.aliases).toMatch(/^\["www"\] \["web","www","[0-9a-f]{12}"\]$/);
    expect(s.defaultalias).toBe('docker: Error response from daemon: network-scoped alias is supported only for containers in user defined networks\nexit=125');
    expect(s.fallback).toMatch(/^nslab: dnsmasq could not start in nodns \(injected failure.*\n172\.18\.0\.2\s+web www [0-9a-f]{12}\n0$/);
    expect(s.gone).toBe('0');
  });

  it(`resolves the same way rootless, as ${TEST_USER}`, async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    expectDns(sections((await runInLab(DNS, { asUser: TEST_USER })).stdout));
  });
});
