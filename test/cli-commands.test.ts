// bin/nslab decides in sh which commands enter a lab before Node starts; the CLI keeps
// the same list to re-launch such a command when started another way. They must agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_COMMANDS } from '../src/cli-commands.js';
import { ROOT } from './helpers/lab.js';

describe('lab commands', () => {
  it('bin/nslab and src/cli-commands.ts list the same commands', () => {
    const launcher = readFileSync(join(ROOT, 'bin', 'nslab'), 'utf8');
    const m = launcher.match(/^\s*([a-z|-]+)\|""\) needs_lab=1/m);
    expect(m, 'the case line in bin/nslab').not.toBeNull();
    expect(m![1].split('|').sort()).toEqual([...LAB_COMMANDS].sort());
  });
});
