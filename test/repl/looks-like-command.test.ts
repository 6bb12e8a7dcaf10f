import { describe, expect, it } from 'vitest';
import { looksLikeCommand } from '../../src/repl/looks-like-command.js';
import { wrapText, visibleLength } from '../../src/view/wrap.js';
import { ROOT } from '../helpers/lab.js';

// The lab's PATH: its docker first.
const PATH = `${ROOT}/lab-bin:/usr/sbin:/usr/bin:/sbin:/bin`;

describe('a line typed while a question waits', () => {
  it('is a command when it runs something', () => {
    for (const l of ['ip a', 'brctl show', 'docker exec bbox1 ip a', 'ip netns exec net1 ip link', 'x=$(docker inspect -f {{.State.Pid}} b)', 'cat /proc/1/net/dev | head', './x']) {
      expect(looksLikeCommand(l, PATH), l).toBe(true);
    }
  });
  it('is an answer otherwise', () => {
    for (const l of ['192.168.0.11', '172.17.0.2/16', 'veth1@if5', 'eth0', 'docker0', 'vethe9a0e73', '5', 'if5', '02:42:ac:11:00:02']) {
      expect(looksLikeCommand(l, PATH), l).toBe(false);
    }
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries, indenting under a note bullet, ignoring colour codes', () => {
    const note = '  » \x1b[33m@if5\x1b[39m: eth0 is one end of a veth pair; the other end is interface 5, called vethe9a0e73';
    const lines = wrapText(note, 40).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => visibleLength(l) <= 40)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('    ') && !l.startsWith('     '))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(note.replace(/\s+/g, ' '));
  });
});
