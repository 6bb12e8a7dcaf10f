// `ip netns` lists /run/netns entries; one whose namespace has gone is said to be stale.
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/index.js';
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
