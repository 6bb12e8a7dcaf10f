// Global set-up: every temporary file the tests make (state directories, fixture lessons,
// labs' relaunch files) goes under one directory of this run, removed at its end, so a test
// run leaves nothing in the machine's /tmp. World-writable and sticky like /tmp itself: the
// rootless tests run as another user.
//
// The rootless tests run nslab as the user nslabtest, who cannot reach a checkout inside a
// mode-0700 folder (a clone in /root): then they run it from a copy made here, in that
// directory, of what nslab needs (hard links where the filesystem allows).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, TEST_USER } from './helpers/lab.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'nslab-tests-'));
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  const copy = checkoutForTestUser(dir);
  if (copy) process.env.NSLAB_TEST_USER_CHECKOUT = copy;
  return () => rmSync(dir, { recursive: true, force: true });
}

function checkoutForTestUser(scratch: string): string | undefined {
  if (process.getuid?.() !== 0 || spawnSync('id', ['-u', TEST_USER]).status !== 0) return undefined;
  const reachable = spawnSync('setpriv', [`--reuid=${TEST_USER}`, `--regid=${TEST_USER}`, '--init-groups', '--', 'test', '-r', join(ROOT, 'dist', 'cli.js')]).status === 0;
  if (reachable) return undefined;
  const copy = join(scratch, 'checkout');
  mkdirSync(join(copy, 'test'), { recursive: true, mode: 0o755 });
  for (const part of ['bin', 'dist', 'lab-bin', 'lessons', 'node_modules', 'package.json', 'scripts', 'test/fixtures']) {
    const to = join(copy, part);
    if (spawnSync('cp', ['-al', join(ROOT, part), to]).status !== 0 && spawnSync('cp', ['-a', join(ROOT, part), to]).status !== 0) {
      throw new Error(`could not copy ${part} of the checkout to ${copy} for the rootless tests`);
    }
  }
  chmodSync(copy, 0o755);
  chmodSync(join(copy, 'test'), 0o755);
  console.log(`rootless tests: ${TEST_USER} cannot reach ${ROOT}; they run nslab from a copy in ${copy}`);
  return copy;
}
