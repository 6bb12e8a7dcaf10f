// The topology drawing of each lesson's final state, from snapshots captured on real labs.
// The whole drawing is compared with a reviewed expected file (test/fixtures/topology/
// expected/), and the facts a learner reads off it are asserted one by one, so a change
// of layout shows up as a diff and a lost fact as a named failure.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KernelState } from '../../src/kernel/types.js';
import { drawTopology } from '../../src/view/topology.js';
import { captured, emptyState, inet, link, netns, pair, stripAnsi, TOPO_FIXTURES, withoutContainers } from './fixtures.js';

const draw = (s: KernelState, opts: Partial<Parameters<typeof drawTopology>[1]> = {}) => drawTopology(s, { color: false, ...opts });

/** A wire: the host end's name and the other end's text on one row, joined across the
 * host box's border and into the other box's border. */
function wire(hostEnd: string, otherEnd: string, down = false): RegExp {
  const h = down ? '╌' : '─';
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${esc(hostEnd)}[^\\n│]* ${h}+┼${h}+┤ ${esc(otherEnd)}`);
}

const LESSON_STATES = ['lesson1-docker0', 'lesson2-net1-bridge', 'lesson2-veth-down', 'lesson3-net-modes', 'lesson4-wired-by-hand', 'lesson5-published', 'stray-and-down'];

describe('each lesson\'s final state, drawn', () => {
  for (const name of LESSON_STATES) {
    it(`${name} matches its reviewed drawing`, async () => {
      await expect(draw(captured(name))).toMatchFileSnapshot(join(TOPO_FIXTURES, 'expected', `${name}.txt`));
    });
  }

  it('lesson 1: docker0 with bbox1 and bbox2 on veth wires, the uplink to the outside', () => {
    const out = draw(captured('lesson1-docker0'));
    expect(out).toMatch(wire('eth0 192.168.0.11/24', 'eth0 192.168.0.1/24 router'));
    expect(out).toContain('lo 203.0.113.10/32 public host');
    expect(out).toContain('docker0 bridge 172.17.0.1/16');
    expect(out).toMatch(wire('├─ vethd44b3c0', 'eth0 172.17.0.2/16'));
    expect(out).toMatch(wire('└─ vethd729844', 'eth0 172.17.0.3/16'));
    // bbox1's namespace was exposed to `ip netns` with the symlink named by its pid.
    expect(out).toContain('┌─ container bbox1 = netns 79 ');
    expect(out).toContain('┌─ container bbox2 ');
    expect(out).toContain('default via 172.17.0.1');
    expect(out).toContain('MASQUERADE 172.17.0.0/16 ! -o docker0');
  });

  it('lesson 2: net1 on mybridge through veth1_p, addresses on both ends', () => {
    const out = draw(captured('lesson2-net1-bridge'));
    expect(out).toContain('mybridge bridge 10.68.0.1/24');
    expect(out).toMatch(wire('└─ veth1_p 10.68.0.100/24', 'veth1 10.68.0.101/24'));
    expect(out).toContain('┌─ netns net1 ');
    expect(out).toContain('default via 10.68.0.1');
    expect(out).toContain('lo DOWN'); // net1's lo was never brought up
    expect(out).not.toContain('docker0'); // the bare preset
  });

  it('lesson 2, halfway: the pair is down, and its wire drawn broken', () => {
    const out = draw(captured('lesson2-veth-down'));
    expect(out).toMatch(wire('veth1_p DOWN', 'veth1 DOWN', true));
    expect(out).toContain('no default route');
  });

  it('lesson 3: one container per --net mode', () => {
    const out = draw(captured('lesson3-net-modes'));
    expect(out).toContain('container web, app (--net=container:web)');
    expect(out).toContain('shared with container vm1 (--net=host)');
    expect(out).toContain('container vm2 --net=none');
    expect(out).toContain('only lo: no network');
    expect(out).toMatch(wire('└─ veth92f37b6', 'eth0 172.17.0.2/16'));
  });

  it('lesson 4: the --net=none container wired by hand, A on docker0 and B renamed eth0', () => {
    const out = draw(captured('lesson4-wired-by-hand'));
    expect(out).toMatch(wire('└─ A', 'eth0 172.17.0.99/16'));
    expect(out).toContain('container box --net=none = netns 79');
    expect(out).toContain('default via 172.17.0.1');
  });

  it('lesson 5: the published port\'s DNAT and the masquerade', () => {
    const out = draw(captured('lesson5-published'));
    expect(out).toContain('DNAT tcp :8080 → 172.17.0.2:80');
    expect(out).toContain('MASQUERADE 172.17.0.0/16 ! -o docker0');
    expect(out).toContain('ip_forward=1');
    // Docker's hairpin rule for the published port says nothing to a learner.
    expect(out).not.toContain('172.17.0.2/32');
  });

  it('odd states: a pair with both ends on the host, a port set down, a stray veth', () => {
    const out = draw(captured('stray-and-down'));
    expect(out).toContain('B DOWN ⇄ A (both ends here)');
    expect(out).toContain('A DOWN ⇄ B (both ends here)');
    expect(out).toMatch(wire('├─ vethe3eebd1 DOWN', 'eth0 172.17.0.2/16 no carrier', true));
    expect(out).toContain('└─ lost DOWN ⇄ ? stray: peer in no namespace shown');
    expect(out).toContain('docker0 bridge 172.17.0.1/16 no carrier');
    expect(out).toContain('default via 172.17.0.1 linkdown');
  });
});

describe('the drawing in any terminal', () => {
  const all = readdirSync(TOPO_FIXTURES).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

  for (const name of all) {
    it(`${name}: fits 100 columns, colour changes no text, ASCII has the same rows`, () => {
      const state = captured(name);
      const plain = draw(state);
      for (const line of plain.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
      const colored = draw(state, { color: true });
      expect(colored).not.toBe(plain);
      expect(stripAnsi(colored)).toBe(plain);
      const ascii = draw(state, { ascii: true });
      expect(ascii).toMatch(/^[\x20-\x7e\n]*$/);
      // Same rows; widths may grow by the ASCII pair sign '<->' (for '⇄').
      expect(ascii.split('\n')).toHaveLength(plain.split('\n').length);
      for (const line of ascii.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    });
  }

  it('draws boxes for 10 containers, within 100 columns, each on its own wire', () => {
    const ten = withoutContainers(captured('twelve-containers'), ['c11', 'c12']);
    const out = draw(ten);
    expect(out).toContain('┌─ lab host ');
    for (let i = 1; i <= 10; i++) {
      expect(out).toContain(`┌─ container c${i} `);
      expect(out).toMatch(wire('veth', `eth0 172.17.0.${i + 1}/16`));
    }
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('lists 12 containers instead of drawing them, one line each with its veth', () => {
    const state = captured('twelve-containers');
    const out = draw(state);
    expect(out).not.toMatch(/[┌┐┘┼┤]/); // no boxes (└ is only the port tree's last branch)
    expect(out.split('\n')[0]).toBe('(12 containers and namespaces: listed, as the drawing shows up to 10)');
    for (let i = 1; i <= 12; i++) {
      const host = state.links.find((l) => l.ns === 'host' && l.peer?.ns === `container:c${i}`)!;
      expect(out).toMatch(new RegExp(`[├└]─ ${host.name} +──── eth0 172\\.17\\.0\\.${i + 1}/16 +container c${i}$`, 'm'));
    }
  });

  it('falls back to the list when the drawing would not fit the width', () => {
    const out = draw(captured('lesson1-docker0'), { width: 60 });
    expect(out.split('\n')[0]).toBe('(the drawing needs more than 60 columns: listed)');
    expect(out).toMatch(/├─ vethd44b3c0 +──── eth0 172\.17\.0\.2\/16 +container bbox1 = netns 79$/m);
  });

  it('gives the list on request', () => {
    const out = draw(captured('lesson5-published'), { list: true });
    expect(out.split('\n')[0]).toBe('lab host');
    expect(out).toContain('DNAT tcp :8080 → 172.17.0.2:80');
  });
});

describe('wires that cannot run straight', () => {
  // c1 is on docker0 and on br1; c2 on docker0 only. c1's second wire (to br1, lower in
  // the host box) would have to cross c2's, so it is written as text on both ends.
  function twoBridges(): KernelState {
    const s = emptyState();
    s.namespaces = [netns('host', 'host'), netns('container:c1', 'container', ['c1']), netns('container:c2', 'container', ['c2'])];
    const [v1, c1e0] = pair(link('host', 5, 'v1', { master: 'docker0' }), link('container:c1', 2, 'eth0', { addresses: [inet('172.17.0.2', 16)] }));
    const [v2, c2e0] = pair(link('host', 6, 'v2', { master: 'docker0' }), link('container:c2', 2, 'eth0', { addresses: [inet('172.17.0.3', 16)] }));
    const [v3, c1e1] = pair(link('host', 7, 'v3', { master: 'br1' }), link('container:c1', 3, 'eth1', { addresses: [inet('10.1.0.2', 24)] }));
    s.links = [
      link('host', 3, 'docker0', { kind: 'bridge', addresses: [inet('172.17.0.1', 16)] }),
      link('host', 4, 'br1', { kind: 'bridge', addresses: [inet('10.1.0.1', 24)] }),
      v1, v2, v3, c1e0, c2e0, c1e1,
    ];
    s.containers = [
      { id: 'a'.repeat(64), name: 'c1', pid: 10, running: true, networkMode: 'bridge', ns: 'container:c1' },
      { id: 'b'.repeat(64), name: 'c2', pid: 11, running: true, networkMode: 'bridge', ns: 'container:c2' },
      { id: 'c'.repeat(64), name: 'old', pid: 12, running: false, networkMode: 'bridge', ns: 'container:old' },
    ];
    return s;
  }

  it('keeps each container\'s first wire straight and names the other ends in words', () => {
    const out = draw(twoBridges());
    expect(out).toMatch(wire('├─ v1', 'eth0 172.17.0.2/16'));
    expect(out).toMatch(wire('└─ v2', 'eth0 172.17.0.3/16'));
    expect(out).toMatch(/└─ v3 ⇄ eth1 in c1 +│/);
    expect(out).toMatch(/│ eth1 10\.1\.0\.2\/24 ⇄ v3 in lab host +│/);
    expect(out.split('\n').at(-1)).toBe('not running: old');
  });

  it('names the peer of a veth joining two namespaces other than the host', () => {
    const s = emptyState();
    s.namespaces = [netns('host', 'host'), netns('net1', 'named'), netns('net2', 'named')];
    const [va, vb] = pair(link('net1', 2, 'va', { addresses: [inet('10.0.0.1', 24)] }), link('net2', 2, 'vb', { up: false, lowerUp: false }));
    s.links = [va, vb];
    const out = draw(s);
    expect(out).toContain('va 10.0.0.1/24 ⇄ vb in net2');
    expect(out).toContain('vb DOWN ⇄ va in net1');
    expect(out).toContain('┌─ netns net1 ');
    expect(out).not.toMatch(/[┼┤]/);
  });

  it('draws a lab host with nothing but lo', () => {
    const s = emptyState();
    s.namespaces = [netns('host', 'host')];
    s.links = [link('host', 1, 'lo', { kind: 'loopback', addresses: [inet('127.0.0.1', 8)] })];
    expect(draw(s)).toBe(['┌─ lab host ──────────┐', '│ only lo: no network │', '└─────────────────────┘'].join('\n'));
  });
});
