// The presets come up with exactly the documented state, on the real kernel, as root and as
// an ordinary user.
import { readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRoot, rootlessUnavailable, runInLab, TEST_USER } from '../helpers/lab.js';

const modes = [
  { mode: 'as the current user', asUser: undefined, unavailable: () => undefined },
  { mode: `rootless, as ${TEST_USER}`, asUser: TEST_USER, unavailable: rootlessUnavailable },
];

const STATE_SCRIPT = `
echo "== links"; ip -j -d link show
echo "== addrs"; ip -j addr show
echo "== routes"; ip -j route show
echo "== nat"; iptables-save -t nat | grep '^-A'
echo "== forward"; cat /proc/sys/net/ipv4/ip_forward
echo "== netns"; ip netns list
echo "== ping"; ping -c1 -W2 203.0.113.10 >/dev/null && echo reachable
echo "== outside"; nsenter --net=/run/nslab/ns/outside ip -j addr show
echo "== whoami"; id -u; cat /proc/self/setgroups
`;

function sections(out: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of out.split(/^== /m).slice(1)) {
    const nl = part.indexOf('\n');
    result[part.slice(0, nl)] = part.slice(nl + 1).trim();
  }
  return result;
}

describe.each(modes)('presets, $mode', ({ asUser, unavailable }) => {
  it('bare: a host on a LAN behind a router, nothing of Docker', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab(STATE_SCRIPT, { preset: 'bare', asUser });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const s = sections(r.stdout);
    const links = JSON.parse(s.links) as { ifname: string; address: string; flags: string[] }[];
    expect(links.map((l) => l.ifname).sort()).toEqual(['eth0', 'lo']);
    const eth0 = links.find((l) => l.ifname === 'eth0')!;
    expect(eth0.address).toBe('08:00:27:70:b6:ef');
    expect(eth0.flags).toContain('UP');
    const addrs = JSON.parse(s.addrs) as { ifname: string; addr_info: { family: string; local: string; prefixlen: number }[] }[];
    const v4 = addrs.flatMap((a) => a.addr_info.filter((i) => i.family === 'inet').map((i) => `${a.ifname} ${i.local}/${i.prefixlen}`));
    expect(v4.sort()).toEqual(['eth0 192.168.0.11/24', 'lo 127.0.0.1/8']);
    const routes = JSON.parse(s.routes) as { dst: string; gateway?: string; dev: string }[];
    expect(routes.find((x) => x.dst === 'default')).toMatchObject({ gateway: '192.168.0.1', dev: 'eth0' });
    expect(s.nat).toBe('');
    expect(s.forward).toBe('0');
    expect(s.netns).toBe(''); // the outside world is not listed, as on a real Docker host
    expect(s.ping).toBe('reachable');
    const outside = JSON.parse(s.outside) as { ifname: string; addr_info: { family: string; local: string }[] }[];
    const outsideV4 = outside.flatMap((a) => a.addr_info.filter((i) => i.family === 'inet').map((i) => i.local));
    expect(outsideV4).toEqual(expect.arrayContaining(['192.168.0.1', '203.0.113.10']));
    expect(s.whoami.split('\n')[0]).toBe('0');
  });

  it('docker-host: bare plus docker0, ip_forward and the MASQUERADE rule', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab(STATE_SCRIPT + 'echo "== brctl"; brctl show', { preset: 'docker-host', asUser });
    expect(r.exitCode).toBe(0);
    const s = sections(r.stdout);
    const links = JSON.parse(s.links) as { ifname: string; address: string; flags: string[]; linkinfo?: { info_kind: string } }[];
    const docker0 = links.find((l) => l.ifname === 'docker0')!;
    expect(docker0.linkinfo?.info_kind).toBe('bridge');
    expect(docker0.address).toBe('02:42:a8:64:6c:32');
    expect(docker0.flags).toEqual(expect.arrayContaining(['NO-CARRIER', 'UP']));
    const addrs = JSON.parse(s.addrs) as { ifname: string; addr_info: { family: string; local: string; prefixlen: number; broadcast?: string }[] }[];
    expect(addrs.find((a) => a.ifname === 'docker0')!.addr_info.find((i) => i.family === 'inet')).toMatchObject({ local: '172.17.0.1', prefixlen: 16, broadcast: '172.17.255.255' });
    expect(s.nat.split('\n')).toContain('-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    expect(s.forward).toBe('1');
    expect(s.ping).toBe('reachable');
    // brctl reads sysfs: it must see the lab's docker0, with no interfaces yet.
    expect(s.brctl).toMatch(/^docker0\s+8000\.0242a8646c32\s+no\s*$/m);
  });

  it('two-hosts: host1 and host2 on one switched LAN, each a Docker host of its own', async (ctx) => {
    const why = unavailable();
    if (why) return ctx.skip(why);
    const H2 = 'nsenter --net=/run/nslab/ns/host2 --uts=/run/nslab/ns/host2-uts';
    const r = await runInLab(`${STATE_SCRIPT}
echo "== hostnames"; hostname; ${H2} hostname
echo "== host2 addrs"; ${H2} ip -4 -br addr show
echo "== host2 route"; ${H2} ip route show default
echo "== host2 nat"; ${H2} iptables-save -t nat | grep '^-A POSTROUTING'
echo "== host2 forward"; ${H2} cat /proc/sys/net/ipv4/ip_forward
echo "== ipv6"; cat /proc/sys/net/ipv6/conf/all/disable_ipv6; ${H2} cat /proc/sys/net/ipv6/conf/all/disable_ipv6
echo "== switch"; nsenter --net=/run/nslab/ns/outside bridge link | awk '{print $2, $7}'
echo "== host2 to host1"; ${H2} ping -c1 -W2 192.168.0.11 >/dev/null && echo reachable
`, { preset: 'two-hosts', asUser });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const s = sections(r.stdout);
    expect(s.hostnames.split('\n')).toEqual(['host1', 'host2']);
    expect(s['host2 addrs']).toMatch(/^eth0@if\d+\s+UP\s+192\.168\.0\.12\/24/m);
    expect(s['host2 addrs']).toMatch(/^docker0\s+\S+\s+172\.17\.0\.1\/16/m);
    expect(s['host2 route']).toMatch(/^default via 192\.168\.0\.1 dev eth0/);
    expect(s['host2 nat']).toBe('-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    expect(s['host2 forward']).toBe('1');
    expect(s.forward).toBe('1');
    expect(s.nat.split('\n')).toContain('-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE');
    expect(s.ipv6.split('\n')).toEqual(['1', '1']);
    expect(s.switch.split('\n')).toEqual(['port-host1@lan0: lan0', 'port-host2@lan0: lan0']);
    expect(s['host2 to host1']).toBe('reachable');
    expect(s.ping).toBe('reachable');
    expect(s.netns).toBe(''); // host2 is another machine, not a namespace `ip netns` lists
  });
});

describe('user namespace mode', () => {
  it('rootless labs keep setgroups allowed when subordinate ids exist (tcpdump works)', async (ctx) => {
    const why = rootlessUnavailable();
    if (why) return ctx.skip(why);
    const r = await runInLab('cat /proc/self/setgroups; tcpdump -D >/dev/null && echo tcpdump-ok', { preset: 'bare', asUser: TEST_USER });
    expect(r.stdout.split('\n')).toEqual(['allow', 'tcpdump-ok', '']);
  });

  it('as root the lab runs in a user namespace too, setgroups allowed (tcpdump works), kernel-wide sysctls refused', async (ctx) => {
    if (!isRoot) return ctx.skip('needs root');
    const r = await runInLab('readlink /proc/self/ns/user; cat /proc/self/setgroups; tcpdump -D >/dev/null && echo tcpdump-ok; sysctl -w kernel.printk_ratelimit=3 2>&1; sysctl -w net.ipv4.ip_forward=0', { preset: 'bare' });
    expect(r.stdout).not.toContain(readlinkSync('/proc/self/ns/user'));
    expect(r.stdout).toMatch(/^allow\ntcpdump-ok$/m);
    expect(r.stdout).toMatch(/permission denied on key "kernel.printk_ratelimit"/);
    expect(r.stdout).toContain('net.ipv4.ip_forward = 0');
  });
});
