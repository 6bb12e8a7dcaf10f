// The packet walk's analysis on what real labs captured (test/fixtures/walk/*.json, made
// by `nslab walk --json --raw` in a fresh lab: the captures of every namespace, the nft
// trace, conntrack, the answers of `ip route get` and the snapshot after the walk).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseWalk, routeTable, type NsCapture, type RouteAnswer, type Walk } from '../../src/walk/analyse.js';
import { renderWalk, walkMarks } from '../../src/walk/render.js';
import { drawTopology } from '../../src/view/topology.js';
import { displayWidth } from '../../src/view/display-width.js';
import type { KernelState } from '../../src/kernel/types.js';
import type { Lang } from '../../src/i18n/lang.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'walk');

function rawOf(name: string) {
  const raw = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')).raw as { captures: NsCapture[]; routes: Record<string, RouteAnswer>; state: KernelState };
  return raw;
}

function walkOf(name: string, lang: Lang = 'en'): Walk {
  const raw = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')).raw as { captures: NsCapture[]; routes: Record<string, RouteAnswer>; state: KernelState };
  for (const c of raw.captures) for (const p of c.packets) p.t = BigInt(p.t as unknown as string);
  const walk = analyseWalk({ captures: raw.captures, state: raw.state, routes: routeTable(new Map(Object.entries(raw.routes))).oracle }, lang);
  if (!walk) throw new Error(`no walk in ${name}`);
  return walk;
}

const path = (w: Walk, leg: 'request' | 'reply') => (w[leg]?.hops ?? []).map((h) => `${h.where}:${h.ifname.startsWith('veth') ? 'veth' : h.ifname} ${h.passing}`);
const notes = (w: Walk) => [...w.request.hops, ...(w.reply?.hops ?? [])].flatMap((h) => h.notes);

describe('the packet walk, on captures from real labs', () => {
  it('container to container on docker0: bridged, never routed, TTL untouched', () => {
    const w = walkOf('bridged');
    expect(w.probe).toBe('ICMP echo request 172.17.0.2 → 172.17.0.3');
    expect(path(w, 'request')).toEqual(['c1:eth0 out', 'host:veth other-host', 'host:veth out', 'c2:eth0 in']);
    expect(path(w, 'reply')).toEqual(['c2:eth0 out', 'host:veth other-host', 'host:veth out', 'c1:eth0 in']);
    expect(notes(w).filter((n) => n.startsWith('bridged by docker0: 02:42:ac:11:00:03 (172.17.0.3) learned on veth'))).toHaveLength(1);
    expect(notes(w).some((n) => /^routed|^TTL|NAT/.test(n))).toBe(false);
    expect(w.ok).toBe(true);
  });

  it('container to the outside: routed, MASQUERADE by its rule, and conntrack undoing it for the reply', () => {
    const w = walkOf('masquerade');
    expect(path(w, 'request')).toEqual(['c1:eth0 out', 'host:veth other-host', 'host:docker0 in', 'host:eth0 out', 'outside:eth0 in']);
    expect(notes(w)).toContain('routed by host: 203.0.113.10 from 172.17.0.2 via 192.168.0.1 dev eth0');
    expect(notes(w)).toContain('TTL 64 → 63');
    expect(notes(w)).toContain('MASQUERADE: source 172.17.0.2 → 192.168.0.11 (rule `-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`)');
    expect(notes(w).some((n) => n.startsWith('conntrack undoes the NAT for the reply: destination 192.168.0.11 → 172.17.0.2 (entry `icmp '))).toBe(true);
    expect(w.reply?.hops.at(-1)).toMatchObject({ where: 'c1', passing: 'in', dst: '172.17.0.2' });
    expect(w.ok).toBe(true);
  });

  it('outside to a published port: DNAT by Docker\'s rule, and the reply\'s source put back', () => {
    const w = walkOf('dnat');
    expect(w.probe).toMatch(/^TCP SYN 192\.168\.0\.1:\d+ → 192\.168\.0\.11:8080$/);
    expect(notes(w)).toContain('DNAT: destination 192.168.0.11:8080 → 172.17.0.2:80 (rule `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80`)');
    expect(notes(w).some((n) => n.startsWith('conntrack undoes the NAT for the reply: source 172.17.0.2:80 → 192.168.0.11:8080'))).toBe(true);
    expect(w.request.hops.at(-1)).toMatchObject({ where: 'web', dport: 80 });
    expect(w.ok).toBe(true);
  });

  it('forwarding off: lost in the host, which says so and how to turn it on', () => {
    const w = walkOf('forwarding-off');
    expect(w.ok).toBe(false);
    expect(w.lost?.where).toBe('host:docker0');
    expect(w.lost?.cause).toMatch(/^forwarding is off in host \(net\.ipv4\.ip_forward=0\).*sysctl -w net\.ipv4\.ip_forward=1/);
  });

  it('MASQUERADE deleted: the request arrives with its private source, and no reply can come back', () => {
    const w = walkOf('no-masquerade');
    expect(w.request.delivered).toBe(true);
    expect(w.request.hops.at(-1)).toMatchObject({ where: 'outside', src: '172.17.0.2' });
    expect(w.reply).toBeUndefined();
    expect(w.lost?.where).toBe('outside');
    expect(w.lost?.cause).toMatch(/^no MASQUERADE: host sent the request on with its source 172\.17\.0\.2 unchanged, and outside has no route back/);
  });

  it('a DROP rule in FORWARD: named, as iptables prints it', () => {
    const w = walkOf('forward-drop');
    expect(w.lost).toEqual({ where: 'host:docker0', cause: 'dropped in host by a rule of the filter table\'s FORWARD chain: `-A FORWARD -i docker0 -j DROP`' });
  });

  it('an interface down: no route any more, and which link took the routes with it', () => {
    expect(walkOf('eth0-down').lost).toEqual({ where: 'host:docker0', cause: 'host has no route to 203.0.113.10 (RTNETLINK answers: Network is unreachable); eth0 is down, and the routes through it are gone with it' });
  });

  it('a gateway that does not answer ARP: the packet never leaves, and the walk says whom nobody answered', () => {
    expect(walkOf('no-arp-answer').lost?.cause).toBe('no answer to ARP: host asked who has 192.168.0.99 on eth0 and nobody answered, so it could not send the packet (nothing on that link has 192.168.0.99, or the link is down)');
  });

  it('no IP packet at all (the bridge is down, so the container\'s ARP goes unanswered): the ARP question is the walk', () => {
    const w = walkOf('bridge-down');
    expect(w.probe).toBe('ARP who-has 172.17.0.1 (no IP packet could be sent)');
    expect(w.request.hops).toEqual([]);
    expect(w.lost).toEqual({ where: 'c1:eth0', cause: expect.stringMatching(/^no answer to ARP: c1 asked who has 172\.17\.0\.1; host heard it on veth\w+, a port of docker0, which is down \(`ip link set docker0 up`\)$/) });
  });

  it('renders one line per hop, what happened indented above it, and the verdict', () => {
    const text = renderWalk(walkOf('masquerade'), undefined, 'en');
    expect(text.split('\n')[0]).toBe('packet walk: ICMP echo request 172.17.0.2 → 203.0.113.10');
    expect(text).toMatch(/\n 4 +\d+\.\d µs {2}host:eth0 +out {2}192\.168\.0\.11 → 203\.0\.113\.10 {2}ttl 63\n/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✓ there and back: 5 sightings out, 5 back');
    expect(renderWalk(walkOf('forward-drop'))).toMatch(/✗ lost at host:docker0: dropped in host/);
  });

  it('marks the path on the lab\'s drawing: each link with the numbers of its hops, ✗ where it was lost', () => {
    const state = rawOf('masquerade').state;
    const drawn = drawTopology(state, { color: false, width: 120, marks: walkMarks(walkOf('masquerade'), state) });
    expect(drawn).toContain('eth0 192.168.0.11/24 ◀ 4,7');
    expect(drawn).toMatch(/docker0 bridge 172\.17\.0\.1\/16 ◀ 3,8/);
    expect(drawn).toMatch(/eth0 172\.17\.0\.2\/16 ◀ 1,10/);
    const lostState = rawOf('forward-drop').state;
    expect(drawTopology(lostState, { color: false, width: 120, marks: walkMarks(walkOf('forward-drop'), lostState) })).toMatch(/docker0 bridge 172\.17\.0\.1\/16 ◀ 3 ✗/);
  });
});

describe('the packet walk in Chinese, on the same captures', () => {
  it('says what happened between sightings in Chinese, rule text, addresses and conntrack lines as they are', () => {
    const w = walkOf('masquerade', 'zh-CN');
    expect(notes(w)).toContain('由 host 路由：203.0.113.10 from 172.17.0.2 via 192.168.0.1 dev eth0');
    expect(notes(w)).toContain('TTL 由 64 减为 63');
    expect(notes(w)).toContain('MASQUERADE：源地址 172.17.0.2 → 192.168.0.11（规则 `-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE`）');
    expect(notes(w).some((n) => n.startsWith('连接跟踪为回包还原地址转换：目的地址 192.168.0.11 → 172.17.0.2（条目 `icmp '))).toBe(true);
    expect(notes(w).filter((n) => n.startsWith('经 veth 对 '))).toHaveLength(4);
    expect(notes(walkOf('bridged', 'zh-CN')).filter((n) => n.startsWith('由网桥 docker0 转发：02:42:ac:11:00:03（172.17.0.3）已在 veth'))).toHaveLength(1);
    expect(notes(walkOf('dnat', 'zh-CN'))).toContain('DNAT：目的地址 192.168.0.11:8080 → 172.17.0.2:80（规则 `-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80`）');
  });

  it('says why it was lost in Chinese', () => {
    expect(walkOf('forwarding-off', 'zh-CN').lost?.cause).toMatch(/^host 没有开启转发（net\.ipv4\.ip_forward=0）.*`sysctl -w net\.ipv4\.ip_forward=1`/);
    expect(walkOf('no-masquerade', 'zh-CN').lost?.cause).toMatch(/^缺少 MASQUERADE：host 转发请求时源地址 172\.17\.0\.2 没变，而 outside 没有回 172\.17\.0\.2 的路由/);
    expect(walkOf('forward-drop', 'zh-CN').lost).toEqual({ where: 'host:docker0', cause: '在 host 被 filter 表 FORWARD 链的一条规则丢弃：`-A FORWARD -i docker0 -j DROP`' });
    expect(walkOf('eth0-down', 'zh-CN').lost?.cause).toBe('host 没有到 203.0.113.10 的路由（RTNETLINK answers: Network is unreachable）；eth0 已关闭（down），经过它的路由也随之消失');
    expect(walkOf('no-arp-answer', 'zh-CN').lost?.cause).toBe('ARP 无应答：host 在 eth0 上询问谁有 192.168.0.99，没人应答，所以包发不出去（那条链路上没有 192.168.0.99，或者链路已关闭）');
    const down = walkOf('bridge-down', 'zh-CN');
    expect(down.probe).toBe('ARP who-has 172.17.0.1（没能发出任何 IP 包）');
    expect(down.lost?.cause).toMatch(/^ARP 无应答：c1 询问谁有 172\.17\.0\.1；host 在 veth\w+ 上收到了，但它是网桥 docker0 的端口，而 docker0 已关闭（`ip link set docker0 up`）$/);
  });

  it('renders the hops in Chinese, the columns still aligned (a Chinese character is two columns)', () => {
    const text = renderWalk(walkOf('masquerade', 'zh-CN'), undefined, 'zh-CN');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('包的路径：ICMP echo request 172.17.0.2 → 203.0.113.10');
    expect(lines).toContain('请求');
    expect(lines).toContain('回包');
    expect(text).toMatch(/\n 4 +\d+\.\d µs {2}host:eth0 +出 {2}192\.168\.0\.11 → 203\.0\.113\.10 {2}ttl 63\n/);
    expect(text).toContain('↳ 送达：203.0.113.10 是 outside 自己的地址');
    expect(lines.at(-1)).toBe('✓ 有去有回：去程观测到 5 次，回程 5 次');
    // Every hop's address column starts at the same terminal column, as in English.
    const hops = lines.filter((l) => /^ ?\d+ /.test(l));
    expect(new Set(hops.map((l) => displayWidth(l.slice(0, l.search(/\d+\.\d+\.\d+\.\d+/)))))).toEqual(new Set([displayWidth(hops[0].slice(0, hops[0].search(/\d+\.\d+\.\d+\.\d+/)))]));
    expect(renderWalk(walkOf('forward-drop', 'zh-CN'), undefined, 'zh-CN')).toMatch(/✗ 在 host:docker0 丢失：在 host 被 filter 表/);
  });

  it('speaks the process\'s language when none is given', () => {
    const saved = process.env.NSLAB_LANG;
    process.env.NSLAB_LANG = 'zh-CN';
    try {
      const raw = rawOf('forward-drop');
      for (const c of raw.captures) for (const p of c.packets) p.t = BigInt(p.t as unknown as string);
      const w = analyseWalk({ captures: raw.captures, state: raw.state, routes: routeTable(new Map(Object.entries(raw.routes))).oracle })!;
      expect(renderWalk(w)).toContain('✗ 在 host:docker0 丢失：在 host 被');
    } finally {
      if (saved === undefined) delete process.env.NSLAB_LANG;
      else process.env.NSLAB_LANG = saved;
    }
  });
});
