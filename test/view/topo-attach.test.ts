// Finding a running lab for `nslab topo --attach`: its pid 1 recognised from real /proc
// files (captured from a lab here), the choice among several, and the nsenter argv.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachArgv, chooseLab, parseLabInit, type RunningLab } from '../../src/commands/topo-attach.js';
import { UserError } from '../../src/errors.js';
import { TOPO_FIXTURES } from './fixtures.js';

const proc = (name: string) => readFileSync(join(TOPO_FIXTURES, 'proc', name), 'latin1');

describe('parseLabInit', () => {
  it('recognises a lab\'s pid 1: perl running bin/lab-init.pl, pid 1 in its pid namespace', () => {
    expect(parseLabInit(23542, proc('lab-init.cmdline'), proc('lab-init.status'))).toEqual({
      pid: 23542, uid: 0x70000000 /* the lab's root as the machine sees it; the owner comes from the launcher */, command: 'nslab run --containers 1 -- sleep 8',
    });
  });

  it('rejects the lab-init that made the namespaces and waits outside them, though its argv is the same', () => {
    expect(proc('lab-init-parent.cmdline')).toBe(proc('lab-init.cmdline'));
    expect(parseLabInit(23541, proc('lab-init-parent.cmdline'), proc('lab-init-parent.status'))).toBeUndefined();
  });

  it('rejects a lab-init that is not pid 1 of a pid namespace, and other programs', () => {
    const notInit = proc('lab-init.status').replace(/^NSpid:.*$/m, 'NSpid:\t23542');
    expect(parseLabInit(23542, proc('lab-init.cmdline'), notInit)).toBeUndefined();
    expect(parseLabInit(23542, 'vim\0/work/main/bin/lab-init.pl\0', proc('lab-init.status'))).toBeUndefined();
    expect(parseLabInit(23542, 'perl\0/work/main/bin/lab-launch.pl\0', proc('lab-init.status'))).toBeUndefined();
    expect(parseLabInit(23542, 'bash\0/work/main/bin/lab-init.pl\0', proc('lab-init.status'))).toBeUndefined();
    expect(parseLabInit(23542, '', '')).toBeUndefined();
  });

  it('reads the owner from the real uid', () => {
    const status = proc('lab-init.status').replace(/^Uid:.*$/m, 'Uid:\t1001\t1001\t1001\t1001');
    expect(parseLabInit(23542, proc('lab-init.cmdline'), status)?.uid).toBe(1001);
  });
});

describe('chooseLab', () => {
  const a: RunningLab = { pid: 100, uid: 0, command: 'nslab start 1' };
  const b: RunningLab = { pid: 200, uid: 0, command: 'nslab sandbox' };

  it('takes the only lab running', () => {
    expect(chooseLab([a], undefined)).toBe(a);
  });

  it('refuses clearly when no lab is running', () => {
    expect(() => chooseLab([], undefined)).toThrow(UserError);
    expect(() => chooseLab([], undefined)).toThrow(/no nslab lab is running.*Start one in another terminal/s);
  });

  it('asks which one when several run, listing their pids and commands', () => {
    let msg = '';
    try { chooseLab([a, b], undefined); } catch (e) { msg = (e as Error).message; }
    expect(msg).toContain('2 labs are running; say which with `nslab topo --attach PID`');
    expect(msg).toMatch(/^ +100 +\S+ +nslab start 1$/m);
    expect(msg).toMatch(/^ +200 +\S+ +nslab sandbox$/m);
  });

  it('takes the one named by pid, and refuses a pid that is no lab', () => {
    expect(chooseLab([a, b], 200)).toBe(b);
    expect(() => chooseLab([a, b], 300)).toThrow(/process 300 is not a running nslab lab/);
    expect(() => chooseLab([], 300)).toThrow(/No lab is running/);
  });
});

describe('attachArgv', () => {
  const lab: RunningLab = { pid: 4242, uid: 0, command: 'nslab start 1' };
  const base = { outerNetns: 4026531840, node: '/usr/bin/node', root: '/work/main' };

  it('enters the lab\'s namespaces, its user namespace only when it has its own', () => {
    const same = attachArgv(lab, { ...base, sameUserns: true });
    expect(same.slice(0, same.indexOf('--'))).toEqual(['nsenter', '--target=4242', '--pid']);
    const inner = same.slice(same.indexOf('--') + 1);
    expect(inner.slice(0, inner.indexOf('--'))).toEqual(['nsenter', '--target=4242', '--mount', '--net', '--uts', '--ipc']);
    const own = attachArgv(lab, { ...base, sameUserns: false, waiterPid: 4241 });
    expect(own.slice(0, own.indexOf('--'))).toEqual(['nsenter', '--user=/proc/4241/ns/user', '--pid=/proc/4242/ns/pid']);
    expect(own).toContain('--user');
  });

  it('runs the snapshot entry point, marked as inside a lab with the outer namespace recorded', () => {
    const argv = attachArgv(lab, { ...base, sameUserns: true });
    expect(argv.slice(argv.lastIndexOf('--') + 1)).toEqual([
      'env', 'NSLAB_IN_LAB=1', 'NSLAB_ROOT=/work/main', 'NSLAB_OUTER_NETNS=4026531840',
      '/usr/bin/node', '/work/main/dist/cli.js', 'topo', '--snapshot-here',
    ]);
  });
});
