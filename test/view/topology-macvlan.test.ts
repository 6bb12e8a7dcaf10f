// A macvlan in the drawing names its parent: the host's fix (mac0 on eth0), a container's
// eth0 (on the host's eth0), a private-mode one on docker0. The state is the macvlan lab
// captured for the explainers (test/fixtures/explain/README.md, _lab-state-macvlan).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lowerLinkOf } from '../../src/kernel/query.js';
import type { KernelState } from '../../src/kernel/types.js';
import { drawTopology } from '../../src/view/topology.js';

const state = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'explain', '_lab-state-macvlan', 'state.json'), 'utf8')) as KernelState;

describe('macvlans drawn', () => {
  it('each macvlan says which interface it sits on, and the drawing still fits 100 columns', () => {
    const out = drawTopology(state, { color: false, width: 100 });
    expect(out).toContain('mac0 macvlan 192.168.0.200/32 on eth0');
    expect(out).toContain('pv0 macvlan DOWN on docker0');
    expect(out).toContain('eth0 macvlan 192.168.0.2/24 on eth0');
    expect(out).toContain('eth0 macvlan 192.168.0.3/24 on eth0');
    expect(out).not.toMatch(/^\(.*listed\)/);
  });
  it('the parent of a macvlan moved into a container is found through its link-netnsid', () => {
    const m1 = state.links.find((l) => l.ns === 'container:m1' && l.name === 'eth0')!;
    expect(lowerLinkOf(state, m1)).toMatchObject({ ns: 'host', name: 'eth0' });
    const mac0 = state.links.find((l) => l.ns === 'host' && l.name === 'mac0')!;
    expect(lowerLinkOf(state, mac0)).toMatchObject({ ns: 'host', name: 'eth0' });
    expect(lowerLinkOf(state, state.links.find((l) => l.name === 'lo')!)).toBeUndefined();
  });
});
