// A lab's files read from outside it: every symlink on the way resolved in the lab's tree
// (never the reader's own /), and only regular files read, bounded, without waiting on
// a FIFO. A folder plays the lab's root.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSIDE, withLab } from '../../src/sandbox/lab-access.js';
import { labExecutable, labHas, listLabDir, readLabFile, statIn } from '../../src/sandbox/lab-files.js';

function labRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'nslab-labroot-'));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc', 'hostname'), 'the lab\'s own\n');
  mkdirSync(join(root, 'run', 'nslab'), { recursive: true });
  writeFileSync(join(root, 'run', 'nslab', 'state.json'), '{"ok":true}');
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin', 'tool'), '#!/bin/sh\n');
  chmodSync(join(root, 'bin', 'tool'), 0o755);
  return root;
}
const inLab = <T>(root: string, fn: () => T) => withLab({ ...INSIDE, root, owned: new Map() }, fn);

describe('a lab\'s files, read from outside', () => {
  it('reads a plain file, and says none for a path that is not there', () => {
    const root = labRoot();
    expect(inLab(root, () => readLabFile('/run/nslab/state.json'))).toBe('{"ok":true}');
    expect(inLab(root, () => readLabFile('/run/nslab/none.json'))).toBeUndefined();
    expect(inLab(root, () => labHas('/run/nslab/state.json'))).toBe(true);
  });

  it('follows a symlink, absolute or climbing out with .., inside the lab, never to the machine\'s files', () => {
    const root = labRoot();
    symlinkSync('/etc/hostname', join(root, 'run', 'nslab', 'abs'));
    symlinkSync('../../../../../../etc/hostname', join(root, 'run', 'nslab', 'up'));
    symlinkSync('/etc', join(root, 'run', 'nslab', 'dir'));
    symlinkSync('/dev/zero', join(root, 'run', 'nslab', 'zero'));
    symlinkSync('loop', join(root, 'run', 'nslab', 'loop'));
    inLab(root, () => {
      expect(readLabFile('/run/nslab/abs')).toBe('the lab\'s own\n');
      expect(readLabFile('/run/nslab/up')).toBe('the lab\'s own\n');
      expect(readLabFile('/run/nslab/dir/hostname')).toBe('the lab\'s own\n');
      expect(listLabDir('/run/nslab/dir')).toEqual(['hostname']);
      expect(readLabFile('/run/nslab/zero')).toBeUndefined(); // the lab has no /dev/zero here
      expect(readLabFile('/run/nslab/loop')).toBeUndefined();
    });
  });

  it('refuses a FIFO, a folder or a file over its size, at once', () => {
    const root = labRoot();
    execFileSync('mkfifo', [join(root, 'run', 'nslab', 'fifo')]);
    writeFileSync(join(root, 'run', 'nslab', 'big'), 'x'.repeat(2000));
    inLab(root, () => {
      expect(() => readLabFile('/run/nslab/fifo')).toThrow('not a regular file');
      expect(() => readLabFile('/run/nslab')).toThrow('not a regular file');
      expect(() => readLabFile('/run/nslab/big', 1000)).toThrow('more than the 1000');
      expect(readLabFile('/run/nslab/big', 2000)).toHaveLength(2000);
    });
  });

  it('tells a command on the lab\'s PATH by its own files', () => {
    const root = labRoot();
    inLab(root, () => {
      expect(labExecutable('/bin/tool')).toBe(true);
      expect(labExecutable('/etc/hostname')).toBe(false);
      expect(labExecutable('/bin/sh')).toBe(false); // the machine's, not the lab's
      expect(listLabDir('/bin')).toEqual(['tool']);
    });
  });
});

describe('a lab\'s namespace files, from outside', () => {
  it('follows links in the lab\'s tree and on into its /proc, where the kernel\'s own links lead to the namespace', () => {
    // The real root stands for the lab's: its /proc is a procfs, as a lab's is.
    const root = `/proc/${process.pid}/root`;
    const dir = mkdtempSync(join(tmpdir(), 'nslab-ns-'));
    symlinkSync(`/proc/${process.pid}/ns/net`, join(dir, 'c1')); // the documents' ln -s
    symlinkSync('c1', join(dir, 'rel'));
    symlinkSync('/proc/self/ns/net', join(dir, 'self'));
    symlinkSync(`/proc/${process.pid}/../../etc`, join(dir, 'up'));
    const own = statSync('/proc/self/ns/net');
    expect(statIn(root, join(dir, 'c1'))).toEqual({ dev: own.dev, ino: own.ino });
    expect(statIn(root, join(dir, 'rel'))).toEqual({ dev: own.dev, ino: own.ino });
    expect(statIn(root, join(dir, 'self'))).toBeUndefined(); // /proc/self would be the reader's own
    const etc = statSync('/etc'); // .. walked in the lab's tree, not through /proc
    expect(statIn(root, join(dir, 'up'))).toEqual({ dev: etc.dev, ino: etc.ino });
    expect(statIn(root, join(dir, 'missing'))).toBeUndefined();
  });

  it('walks a /proc that is no procfs (the lab put a folder there) as any other folder', () => {
    const root = labRoot();
    mkdirSync(join(root, 'proc', '42'), { recursive: true });
    symlinkSync('/etc/hostname', join(root, 'proc', '42', 'x'));
    expect(statIn(root, '/proc/42/x')).toEqual(expect.objectContaining({ ino: statSync(join(root, 'etc', 'hostname')).ino }));
    symlinkSync('/run/nslab/loop', join(root, 'run', 'nslab', 'loop'));
    expect(statIn(root, '/run/nslab/loop')).toBeUndefined();
  });
});
