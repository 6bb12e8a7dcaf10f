// The packet walk's analysis on what real labs captured (test/fixtures/walk/*.json, made
// by `nslab walk --json --raw` in a fresh lab: the captures of every namespace, the nft
// trace, conntrack, the answers of `ip route get` and the snapshot after the walk).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseWalk, routeTable, type NsCapture, type RouteAnswer, type Walk } from '../../src/walk/analyse.js';
import { renderWalk, walkMarks } from '../../src/walk/render.js';
import { drawTopology } from '../../src/view/topology.js';
import type { KernelState } from '../../src/kernel/types.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'walk');

function rawOf(name: string) {
  const raw = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')).raw as { captures: NsCapture[]; routes: Record<string, RouteAnswer>; state: KernelState };
  return raw;
}

function walkOf(name: string): Walk {
  const raw = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')).raw as { captures: NsCapture[]; routes: Record<string, RouteAnswer>; state: KernelState };
  for (const c of raw.captures) for (const p of c.packets) p.t = BigInt(p.t as unknown as string);
  const walk = analyseWalk({ captures: raw.captures, state: raw.state, routes: routeTable(new Map(Object.entries(raw.routes))).oracle });
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
    const text = renderWalk(walkOf('masquerade'));
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
