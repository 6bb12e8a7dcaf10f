// `ip netns` lists /run/netns entries; one whose namespace has gone is said to be stale.
import { describe, expect, it } from 'vitest';
import { explain, explainError } from '../../src/explain/index.js';
import type { KernelState } from '../../src/kernel/types.js';

const state: KernelState = {
  namespaces: [
    { id: 'host', kind: 'host', names: ['host'], path: '/proc/1/ns/net', inode: 1 },
    { id: 'net1', kind: 'named', names: ['net1'], path: '/run/netns/net1', inode: 2 },
  ],
  links: [], routes: [], nat: [], iptablesSave: {}, sysctls: {}, fdb: [], containers: [],
};

describe('ip netns with live state', () => {
  it('marks an entry whose namespace is gone, and explains a live one', () => {
    const lines = explain('ip-netns', '91\nnet1 (id: 0)\n', { state, detail: 'full' });
    expect(lines[0].notes.join(' ')).toMatch(/no namespace is there any more/);
    expect(lines[1].notes.join(' ')).toMatch(/ip netns exec net1/);
  });
});

// A container exposed as /run/netns/43 (`ln -s /proc/43/ns/net /run/netns/43`, lesson 4),
// as the snapshot sees it: one namespace, the container's, listed under 43. Messages as
// iproute2 6.1 printed them in a lab.
const exposed: KernelState = {
  ...state,
  namespaces: [
    state.namespaces[0],
    { id: 'container:vm2', kind: 'container', names: ['vm2', '3f2a9c1d0b7e', '43'], path: '/proc/43/ns/net', inode: 3, listed: ['43'] },
  ],
  containers: [{ id: '3f2a9c1d0b7e'.padEnd(64, '0'), name: 'vm2', pid: 43, running: true, networkMode: 'none', ns: 'container:vm2' }],
};

describe('"Cannot open network namespace" agrees with what `ip netns` lists', () => {
  it('a container exposed as 43: `ip netns` shows 43, and the note names it, not "none"', () => {
    expect(explain('ip-netns', '43\n', { state: exposed, detail: 'full' })[0].notes.join(' ')).toMatch(/network namespace of container vm2/);
    const e = explainError('ip netns exec vm2 ip a', 'Cannot open network namespace "vm2": No such file or directory', { state: exposed, ns: 'host' }).join('\n');
    expect(e).not.toMatch(/none/);
    expect(e).toMatch(/vm2 is a container/);
    expect(e).toMatch(/listed as 43: `ip netns exec 43 …`/);
  });
  it('a stale entry (its container removed): the live names, and how to clear the stale one', () => {
    const e = explainError('ip netns exec 30 ip a', 'Cannot open network namespace "30": No such file or directory', { state: exposed, ns: 'host' }).join('\n');
    expect(e).toMatch(/entries that lead to a live namespace: 43/);
    expect(e).toMatch(/If `ip netns` still lists 30, that entry is stale/);
    expect(e).toMatch(/rm \/run\/netns\/30/);
    expect(e).not.toMatch(/Named namespaces here: none/);
  });
  it('with no live entry at all it says so, and still explains a stale one', () => {
    const e = explainError('ip netns exec 30 ip a', 'Cannot open network namespace "30": No such file or directory', { state: { ...state, namespaces: [state.namespaces[0]] }, ns: 'host' }).join('\n');
    expect(e).toMatch(/No `ip netns` entry leads to a live namespace/);
    expect(e).toMatch(/stale/);
  });
});
