// Reading the process groups from /proc/PID/stat (src/repl/foreground.ts), on lines captured
// in labs: `cat /proc/self/stat` typed in `nslab sandbox` on a terminal, and in `nslab run`
// (no terminal), the second one for a program whose name holds ") " and digits.
import { describe, expect, it } from 'vitest';
import { parseTerminalGroups } from '../../src/repl/foreground.js';

const ON_TERMINAL = '30 (cat) R 29 2 0 34816 2 4194304 100 0 0 0 0 0 0 0 20 0 1 0 330722 3133440 388 18446744073709551615 94185235394560';
const NO_TERMINAL = '17 (cat) R 16 0 0 0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 329984 3133440 362 18446744073709551615 93871715119104';
const ODD_NAME = '19 (x) 1 2) S 16 0 0 0 -1 4194304 119 0 0 0 0 0 0 0 20 0 1 0 329985 2990080 393 18446744073709551615 93885193183232';

describe('parseTerminalGroups', () => {
  it('reads our group and the terminal\'s foreground group (nslab\'s, in the lab: pid 2)', () => {
    expect(parseTerminalGroups(ON_TERMINAL)).toEqual({ pgrp: 2, foreground: 2 });
  });

  it('reads a group made outside the pid namespace as 0, and no controlling terminal as -1', () => {
    expect(parseTerminalGroups(NO_TERMINAL)).toEqual({ pgrp: 0, foreground: -1 });
  });

  it('is not misled by a program name holding ") " and numbers', () => {
    expect(parseTerminalGroups(ODD_NAME)).toEqual({ pgrp: 0, foreground: -1 });
  });

  it('gives undefined for what is not a stat line', () => {
    expect(parseTerminalGroups('')).toBeUndefined();
    expect(parseTerminalGroups('12 (cat)')).toBeUndefined();
  });
});
