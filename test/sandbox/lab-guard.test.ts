// The in-lab guard is written twice, in TypeScript (src/sandbox/lab.ts, for every Node
// process of a lab) and in perl (bin/lab-holders.pl, which makes namespaces and links
// where it runs, and may be started by hand). Node cannot run the perl without a process
// per docker command, nor perl the TypeScript: so the one rule is held here instead, by
// running both guards on the same cases and asking them to agree, case by case.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/lab.js';

const machineNetns = String(statSync('/proc/self/ns/net').ino);

/** `unshare -Urn` gives a network namespace of our own (no privilege needed here). */
const freshNetns = spawnSync('unshare', ['-Urn', 'true']).status === 0;

type Verdict = 'runs' | 'refuses';

function tsGuard(env: NodeJS.ProcessEnv, inFreshNetns: boolean): Verdict {
  const script = `import(${JSON.stringify(join(ROOT, 'dist', 'sandbox', 'lab.js'))}).then((m) => { try { m.assertInsideLab(); process.stdout.write('runs'); } catch (e) { process.stdout.write(e.name === 'NotInLabError' ? 'refuses' : 'error: ' + e.message); } })`;
  const argv = ['node', '-e', script];
  const r = spawnSync(inFreshNetns ? 'unshare' : argv[0], inFreshNetns ? ['-Urn', ...argv] : argv.slice(1), { env, encoding: 'utf8' });
  return r.stdout as Verdict;
}

function perlGuard(env: NodeJS.ProcessEnv, inFreshNetns: boolean): Verdict | string {
  const argv = ['perl', join(ROOT, 'bin', 'lab-holders.pl')];
  // No input: past the guard, lab-holders has nothing to make and exits 0.
  const r = spawnSync(inFreshNetns ? 'unshare' : argv[0], inFreshNetns ? ['-Urn', ...argv] : argv.slice(1), { env, input: '', encoding: 'utf8' });
  if (r.status === 0) return 'runs';
  if (r.status === 2 && /refusing to run outside an nslab lab/.test(r.stderr)) return 'refuses';
  return `exit ${r.status}: ${r.stderr}`;
}

const { NSLAB_IN_LAB: _inLab, NSLAB_OUTER_NETNS: _outer, ...base } = process.env;

const cases: { name: string; env: NodeJS.ProcessEnv; fresh: boolean; expected: Verdict }[] = [
  { name: 'no lab environment, in a namespace of its own', env: {}, fresh: true, expected: 'refuses' },
  { name: 'NSLAB_IN_LAB=1 but no recorded namespace', env: { NSLAB_IN_LAB: '1' }, fresh: true, expected: 'refuses' },
  { name: 'a recorded namespace but NSLAB_IN_LAB unset', env: { NSLAB_OUTER_NETNS: machineNetns }, fresh: true, expected: 'refuses' },
  { name: 'NSLAB_IN_LAB=yes', env: { NSLAB_IN_LAB: 'yes', NSLAB_OUTER_NETNS: machineNetns }, fresh: true, expected: 'refuses' },
  { name: 'the recorded namespace is 0', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: '0' }, fresh: true, expected: 'refuses' },
  { name: 'the recorded namespace has a sign', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: `+${machineNetns}` }, fresh: true, expected: 'refuses' },
  { name: 'the recorded namespace has a space', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: ` ${machineNetns}` }, fresh: true, expected: 'refuses' },
  { name: 'the recorded namespace ends in a newline', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: `${machineNetns}\n` }, fresh: true, expected: 'refuses' },
  { name: 'the recorded namespace is not a number', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: 'net:[4026531833]' }, fresh: true, expected: 'refuses' },
  { name: 'a lab\'s environment leaked into the machine\'s own namespace', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: machineNetns }, fresh: false, expected: 'refuses' },
  { name: 'a lab: its environment, in a namespace other than the machine\'s', env: { NSLAB_IN_LAB: '1', NSLAB_OUTER_NETNS: machineNetns }, fresh: true, expected: 'runs' },
];

describe('the in-lab guard, in TypeScript and in perl', () => {
  for (const c of cases) {
    it(`${c.expected}: ${c.name}`, (ctx) => {
      if (c.fresh && !freshNetns) return ctx.skip('`unshare -Urn` is refused here: no network namespace of our own to test in');
      const env = { ...base, ...c.env };
      expect({ ts: tsGuard(env, c.fresh), perl: perlGuard(env, c.fresh) }).toEqual({ ts: c.expected, perl: c.expected });
    });
  }
});
