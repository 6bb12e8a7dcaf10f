import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsOnPath, didYouMean, nearestNames } from '../../src/repl/command-suggest.js';

const LAB = ['route', 'routel', 'rustc', 'ip', 'cpp', 'pip', 'brctl', 'bridge', 'iptables', 'ip6tables', 'docker', 'ping', 'ls', 'ss', '.hint', '.check', '.topo'];

describe('did you mean: the names closest to a command bash did not find', () => {
  it('rout → route; a swap of two letters is one slip', () => {
    expect(nearestNames('rout', LAB)).toEqual(['route']);
    expect(nearestNames('ruote', LAB)).toEqual(['route']);
    expect(nearestNames('brtcl', LAB)).toEqual(['brctl']);
    expect(nearestNames('pign', LAB)).toEqual(['ping']);
  });
  it('dot-commands count, by their name without the dot', () => {
    expect(nearestNames('hint', LAB)).toEqual(['.hint']);
    expect(nearestNames('chek', LAB)).toEqual(['.check']);
  });
  it('equally close names: the lab\'s commands first, at most three', () => {
    expect(nearestNames('ipp', LAB)).toEqual(['ip', 'cpp', 'pip']);
    expect(nearestNames('iptabels', LAB)).toEqual(['iptables']);
  });
  it('nothing close: nothing said', () => {
    expect(nearestNames('xyzzy', LAB)).toEqual([]);
    expect(didYouMean('xyzzy', LAB)).toBeUndefined();
    expect(didYouMean('rout', LAB)).toBe('rout: did you mean `route`?');
  });
  it('reads the commands on a PATH, skipping directories that are not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nslab-path-'));
    writeFileSync(join(dir, 'route'), '');
    expect(commandsOnPath(`/nonexistent:${dir}`)).toEqual(['route']);
  });
});
