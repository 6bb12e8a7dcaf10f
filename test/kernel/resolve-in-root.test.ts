// Symlinks of a lab followed in the lab's own tree, as seen from outside it (a server reaches
// a learner's lab through /proc/PID/root, where the kernel would follow an absolute link
// against the server's own /).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInRoot } from '../../src/kernel/namespaces.js';

const root = mkdtempSync(join(tmpdir(), 'nslab-root-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'run/netns'), { recursive: true });
mkdirSync(join(root, 'var'));
symlinkSync('/run', join(root, 'var/run'));                    // absolute: the lab's /run, not ours
symlinkSync('/proc/42/ns/net', join(root, 'run/netns/c1'));     // the documents' ln -s
symlinkSync('../netns/c1', join(root, 'run/netns/rel'));
writeFileSync(join(root, 'run/netns/net1'), '');
symlinkSync('/run/netns/loop', join(root, 'run/netns/loop'));

describe('resolveInRoot', () => {
  it('follows absolute and relative links inside the root, and stops at the lab\'s /proc', () => {
    expect(resolveInRoot(root, '/run/netns/net1')).toBe('/run/netns/net1');
    expect(resolveInRoot(root, '/var/run/netns/net1')).toBe('/run/netns/net1');
    expect(resolveInRoot(root, '/var/run/netns/c1')).toBe('/proc/42/ns/net');
    expect(resolveInRoot(root, '/run/netns/rel')).toBe('/proc/42/ns/net');
    expect(resolveInRoot(root, '/proc/1/ns/net')).toBe('/proc/1/ns/net');
  });

  it('gives nothing for a path that leads nowhere or round in a loop', () => {
    expect(resolveInRoot(root, '/run/netns/missing')).toBeUndefined();
    expect(resolveInRoot(root, '/run/netns/loop')).toBeUndefined();
  });
});
